"""`toll estimate`: how many victims no list recorded, by every method side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from toll.cli.app import DbOption, app, open_store
from toll.cli.output import console, err_console, print_json, print_table
from toll.errors import TollError

if TYPE_CHECKING:  # the estimation core (numpy, scipy, numba) loads only when the command runs
    from toll.estimates import CaptureTable


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
    by: list[str] = typer.Option(
        [],
        "--by",
        help="Stratify the register by this field "
        "(status, sex, age_group, period, place; repeatable) and "
        "sum the strata.",
    ),
    method: list[str] = typer.Option(
        ["all"],
        "--method",
        "-m",
        help="all, loglinear, bma, lcm, or one of independence, "
        "loglinear-bic, loglinear-aic, loglinear-stepwise "
        "(repeatable).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    plot: Path = typer.Option(None, "--plot", help="Save a figure (PNG/PDF/SVG)."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed, same numbers."),
    max_order: int = typer.Option(None, "--max-order", help="Highest interaction searched."),
    n_boot: int = typer.Option(1000, "--n-boot", help="Bootstrap resamples."),
    threshold: float = typer.Option(0.02, "--threshold", help="Stepwise p-value threshold."),
    delta: float = typer.Option(None, "--delta", help="BMA hyper-Dirichlet delta (2^-k)."),
    prior: str = typer.Option("1/N", "--prior", help="BMA prior on N: 1/N, uniform, negbin:a,b."),
    grid_max: float = typer.Option(None, "--grid-max", help="BMA: largest unrecorded count."),
    classes: int = typer.Option(10, "--classes", help="LCMCR: latent classes K."),
    chains: int = typer.Option(4, "--chains", help="LCMCR: chains."),
    burnin: int = typer.Option(10_000, "--burnin", help="LCMCR: sweeps discarded."),
    samples: int = typer.Option(1_000, "--samples", help="LCMCR: draws kept per chain."),
    thin: int = typer.Option(20, "--thin", help="LCMCR: sweeps between kept draws."),
    drop: list[str] = typer.Option([], "--drop", help="Leave out a list (repeatable)."),
    merge: list[str] = typer.Option([], "--merge", help="Merge lists, e.g. A+B (repeatable)."),
    sensitivity_table: bool = typer.Option(
        False,
        "--sensitivity",
        help="Also show estimates with each list dropped, "
        "each pair merged, another BMA prior, order 2.",
    ),
    label: str = typer.Option(None, "--label", help="A name for the stored estimate."),
    db: DbOption = None,
) -> None:
    """Estimate the total number of victims, recorded or not, from how lists overlap.

    Without --table, the capture table comes from the register (which lists record each
    person) and the estimate is stored with its tables, settings and seed (`toll estimates`).
    """
    from toll.estimates import estimate, estimate_strata, sensitivity
    from toll.estimates.plot import save_plot

    settings = {
        "max_order": max_order,
        "n_boot": n_boot,
        "threshold": threshold,
        "delta": delta,
        "prior": prior,
        "grid_max": grid_max,
        "K": classes,
        "chains": chains,
        "burnin": burnin,
        "samples": samples,
        "thin": thin,
    }
    methods = [m for item in method for m in item.split(",") if m]
    tables = _input_tables(table, by, db)
    tables = {name: apply_changes(t, drop, merge) for name, t in tables.items()}
    with err_console.status("estimating…") as status:

        def progress(name: str) -> None:
            status.update(f"estimating: {name}…")

        if len(tables) == 1 and not by:
            report = estimate(
                next(iter(tables.values())), methods, seed=seed, progress=progress, **settings
            )
        else:
            report = estimate_strata(tables, methods, seed=seed, **settings)
        rows = sensitivity(next(iter(tables.values())), seed=seed) if sensitivity_table else None
    stored = (
        None
        if table is not None
        else _save(db, tables, report, by, methods, seed, settings, label, drop, merge)
    )
    if plot is None and stored:
        plot = _default_plot(db, stored)
    if plot is not None:
        save_plot(report, plot)
    if json_out:
        extra = {"estimate_id": stored, "plot": str(plot)} if stored else {}
        data = report.to_dict() | extra
        if rows is not None:
            data["sensitivity"] = rows
        print_json(data)
        return
    _print_report(report)
    if rows is not None:
        print_table(
            [
                (
                    r["variant"],
                    r["method"],
                    f"{r['observed']:,}",
                    _fmt(r["estimate"]),
                    _fmt(r["low"]),
                    _fmt(r["high"]),
                    r["warnings"],
                )
                for r in rows
            ],
            ["Variant", "Method", "Observed", "Estimate", "95% low", "95% high", "Warnings"],
            title="Sensitivity (quick settings: 200 bootstrap resamples)",
        )
    if plot is not None:
        console.print(f"Plot saved to {plot}")
    if stored:
        console.print(f"Stored as estimate {stored} (toll estimates show {stored}).")


def _default_plot(db: str | None, estimate_id: int) -> Path:
    """estimate-ID.png beside a SQLite store (in this folder for a server database)."""
    from sqlalchemy.engine import make_url

    from toll.store import database_url

    url = make_url(database_url(db))
    folder = Path(url.database).parent if url.get_backend_name() == "sqlite" else Path()
    return folder / f"estimate-{estimate_id}.png"


def _save(db, tables, report, by, methods, seed, settings, label, drop, merge) -> int:
    from toll.estimates.saving import save_estimate

    with open_store(db).session() as session:
        row = save_estimate(
            session,
            tables,
            report,
            by=by,
            methods=methods,
            seed=seed,
            settings=settings,
            label=label,
            changes={"drop": list(drop), "merge": list(merge)},
        )
        return row.id


def _input_tables(table: Path | None, by: list[str], db: str | None) -> dict[str, CaptureTable]:
    from toll.estimates import CaptureTable
    from toll.figures import capture_tables

    if table is not None:
        if by:
            raise TollError("--by divides the register; with --table give one table")
        return {"all": CaptureTable.from_csv(table)}
    with open_store(db, create=False).session() as session:
        return capture_tables(session, by)


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
        [
            (m.name, _fmt(m.estimate), _fmt(m.low), _fmt(m.high), _basis(m), len(m.warnings))
            for m in report.methods
        ],
        ["Method", "Estimate", "95% low", "95% high", "Model", "Warnings"],
        title=f"Observed {report.observed:,}: estimated total by method"
        + (f" (sum of {len(report.strata)} strata)" if hasattr(report, "strata") else ""),
    )
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    for m in report.methods:
        for warning in m.warnings:
            console.print(f"[yellow]warning ({m.name}):[/yellow] {warning}")
    console.print(
        "Methods rest on different assumptions and often disagree: read them side by "
        "side, never one alone (docs/methods/estimation.md)."
    )
