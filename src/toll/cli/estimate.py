"""`toll estimate`: how many victims no list recorded, by every method side by side."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from toll.cli.app import app
from toll.cli.output import console, err_console, print_json, print_table
from toll.errors import TollError

if TYPE_CHECKING:  # the estimation core (numpy, scipy, numba) loads only when the command runs
    from toll.estimates import CaptureTable

# Hook for the register: given the --by field (or None), return {stratum name: CaptureTable}
# built from which sources list each person. The store sets it; the estimation core never
# reads the database itself.
register_tables: Callable[[str | None], Mapping[str, CaptureTable]] | None = None


def apply_changes(table: CaptureTable, drop: list[str], merge: list[str]) -> CaptureTable:
    """Drop lists and merge groups written "A+B" (sensitivity checks)."""
    for group in merge:
        names = [n.strip() for n in group.split("+") if n.strip()]
        table = table.merge(names, "+".join(names))
    for name in drop:
        table = table.drop(name)
    return table


@app.command("estimate")
def estimate_command(
    table: Path = typer.Option(None, "--table", help="CSV: one 0/1 column per list and `count`."),
    by: str = typer.Option(None, "--by", help="Stratify the register by this field (sex, "
                           "age group, period, place, status) and sum the strata."),
    method: list[str] = typer.Option(["all"], "--method", "-m",
                                     help="all, loglinear, bma, lcm, or one of independence, "
                                     "loglinear-bic, loglinear-aic, loglinear-stepwise "
                                     "(repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    plot: Path = typer.Option(None, "--plot", help="Save a figure (PNG/PDF/SVG)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed, same numbers."),
    max_order: int = typer.Option(None, "--max-order", help="Highest interaction searched."),
    n_boot: int = typer.Option(1000, "--n-boot", help="Bootstrap resamples."),
    threshold: float = typer.Option(0.02, "--threshold", help="Stepwise p-value threshold."),
    delta: float = typer.Option(None, "--delta", help="BMA hyper-Dirichlet delta (2^-k)."),
    prior: str = typer.Option("1/N", "--prior", help="BMA prior on N: 1/N, uniform, "
                              "negbin:a,b."),
    grid_max: float = typer.Option(None, "--grid-max", help="BMA: largest unrecorded count."),
    classes: int = typer.Option(10, "--classes", help="LCMCR: latent classes K."),
    chains: int = typer.Option(4, "--chains", help="LCMCR: chains."),
    burnin: int = typer.Option(10_000, "--burnin", help="LCMCR: sweeps discarded."),
    samples: int = typer.Option(1_000, "--samples", help="LCMCR: draws kept per chain."),
    thin: int = typer.Option(20, "--thin", help="LCMCR: sweeps between kept draws."),
    drop: list[str] = typer.Option([], "--drop", help="Leave out a list (repeatable)."),
    merge: list[str] = typer.Option([], "--merge", help="Merge lists, e.g. A+B (repeatable)."),
    sensitivity_table: bool = typer.Option(False, "--sensitivity",
                                           help="Also show estimates with each list dropped, "
                                           "each pair merged, another BMA prior, order 2."),
) -> None:
    """Estimate the total number of victims, recorded or not, from how lists overlap."""
    from toll.estimates import estimate, estimate_strata, sensitivity
    from toll.estimates.plot import save_plot

    settings = {"max_order": max_order, "n_boot": n_boot, "threshold": threshold, "delta": delta,
                "prior": prior, "grid_max": grid_max, "K": classes, "chains": chains,
                "burnin": burnin, "samples": samples, "thin": thin}
    methods = [m for item in method for m in item.split(",") if m]
    tables = _input_tables(table, by)
    tables = {name: apply_changes(t, drop, merge) for name, t in tables.items()}
    with err_console.status("estimating…") as status:
        def progress(name: str) -> None:
            status.update(f"estimating: {name}…")
        if len(tables) == 1 and by is None:
            report = estimate(next(iter(tables.values())), methods, seed=seed, progress=progress,
                              **settings)
        else:
            report = estimate_strata(tables, methods, seed=seed, **settings)
        rows = sensitivity(next(iter(tables.values())), seed=seed) if sensitivity_table else None
    if plot is not None:
        save_plot(report, plot)
    if json_out:
        data = report.to_dict()
        if rows is not None:
            data["sensitivity"] = rows
        print_json(data)
        return
    _print_report(report)
    if rows is not None:
        print_table([(r["variant"], r["method"], f"{r['observed']:,}", _fmt(r["estimate"]),
                      _fmt(r["low"]), _fmt(r["high"]), r["warnings"]) for r in rows],
                    ["Variant", "Method", "Observed", "Estimate", "95% low", "95% high",
                     "Warnings"],
                    title="Sensitivity (quick settings: 200 bootstrap resamples)")
    if plot is not None:
        console.print(f"Plot saved to {plot}")


def _input_tables(table: Path | None, by: str | None) -> dict[str, CaptureTable]:
    from toll.estimates import CaptureTable

    if table is not None:
        if by is not None:
            raise TollError("--by works on the register; with --table give one table")
        return {"all": CaptureTable.from_csv(table)}
    if register_tables is None:
        raise TollError("no input: give --table FILE.csv (the register is not connected to "
                        "`toll estimate` in this installation)")
    tables = dict(register_tables(by))
    if not tables:
        raise TollError("the register has no persons listed by any source to estimate from")
    return tables


def _fmt(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _basis(m) -> str:
    """A few words on what the estimate rests on."""
    d = m.diagnostics
    if "model" in d:
        return d["model"]
    if m.name == "bma" and d.get("top_models"):
        top = d["top_models"][0]
        return f"{d['graphs']} graphs; top {top['model']} ({top['weight']:.0%})"
    if m.name == "lcmcr" and "rhat" in d:
        return f"K={m.settings.get('K')}, R-hat {d['rhat']:.2f}"
    return d.get("interval", "")


def _print_report(report) -> None:
    print_table(
        [(m.name, _fmt(m.estimate), _fmt(m.low), _fmt(m.high), _basis(m), len(m.warnings))
         for m in report.methods],
        ["Method", "Estimate", "95% low", "95% high", "Model", "Warnings"],
        title=f"Observed {report.observed:,}: estimated total by method"
        + (f" (sum of {len(report.strata)} strata)" if hasattr(report, "strata") else ""))
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    for m in report.methods:
        for warning in m.warnings:
            console.print(f"[yellow]warning ({m.name}):[/yellow] {warning}")
    console.print("Methods rest on different assumptions and often disagree: read them side by "
                  "side, never one alone (docs/methods/estimation.md).")
