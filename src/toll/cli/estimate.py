"""`toll estimate`: how many victims no list recorded, by every method side by side."""

from __future__ import annotations

from pathlib import Path

import typer

from toll.cli.app import DbOption, app, checked, open_store
from toll.cli.estimate_render import print_run
from toll.cli.output import console, err_console, print_json
from toll.errors import TollError


def _method_names(methods: list[str]) -> list[str]:
    from toll.estimates.api import method_names  # numpy and scipy only when estimating

    return method_names(methods)


@app.command("estimate")
def estimate_command(
    table: Path = typer.Option(None, "--table", help="CSV: one 0/1 column per list and `count`."),
    by: list[str] = typer.Option(
        [], "--by", help="Stratify the register by this field (status, sex, age_group, period, "
        "place; repeatable): each stratum is shown and estimated, and what can be is summed."),
    method: list[str] = typer.Option(
        ["all"], "--method", "-m", callback=checked(_method_names),
        help="all, loglinear, bma, lcm, or one of independence, "
        "loglinear-bic, loglinear-aic, loglinear-stepwise (repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
    plot: Path = typer.Option(None, "--plot", help="Save a figure (PNG/PDF/SVG) to this file."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed, same numbers."),
    max_order: int = typer.Option(None, "--max-order", help="Highest interaction searched (BIC, "
                                  "AIC)."),
    stepwise_order: int = typer.Option(2, "--stepwise-order", help="Stepwise: highest order "
                                       "(2 = the published method)."),
    n_boot: int = typer.Option(1000, "--n-boot", help="Bootstrap resamples."),
    threshold: float = typer.Option(0.02, "--threshold", help="Stepwise p-value threshold."),
    delta: float = typer.Option(None, "--delta", help="BMA hyper-Dirichlet delta (2^-k)."),
    prior: str = typer.Option("1/N", "--prior", help="BMA prior on N: 1/N, uniform, negbin:a,b."),
    grid_max: float = typer.Option(None, "--grid-max", help="BMA: fix the largest unrecorded "
                                   "count (default: the grid adapts to the posterior)."),
    classes: int = typer.Option(10, "--classes", help="LCMCR: latent classes K."),
    chains: int = typer.Option(4, "--chains", help="LCMCR: chains."),
    burnin: int = typer.Option(10_000, "--burnin", help="LCMCR: sweeps discarded."),
    samples: int = typer.Option(1_000, "--samples", help="LCMCR: draws kept per chain."),
    thin: int = typer.Option(20, "--thin", help="LCMCR: sweeps between kept draws."),
    drop: list[str] = typer.Option([], "--drop", help="Leave out a list (repeatable)."),
    merge: list[str] = typer.Option([], "--merge", help="Merge lists, e.g. A+B (repeatable)."),
    sensitivity_table: bool = typer.Option(
        False, "--sensitivity", help="Also show estimates with each list dropped, each pair "
        "merged, another BMA prior, order 2; warn when dropping a list moves an estimate by "
        "more than 25%."),
    label: str = typer.Option(None, "--label", help="A name for the stored estimate."),
    db: DbOption = None,
) -> None:
    """Estimate the total number of victims, recorded or not, from how lists overlap.

    Without --table, the capture table comes from the register (which lists record each
    person) and the estimate is stored with its tables, settings and seed (`toll estimates`).
    Lists that share no one get no estimate: the output says which list stands apart.
    """
    from toll.estimates import run
    from toll.estimates.plot import check_plot_path
    from toll.estimates.store import estimate_register

    if plot is not None:
        check_plot_path(plot)  # before the work, not after it

    settings = {"max_order": max_order, "stepwise_order": stepwise_order, "n_boot": n_boot,
                "threshold": threshold, "delta": delta, "prior": prior, "grid_max": grid_max,
                "K": classes, "chains": chains, "burnin": burnin, "samples": samples,
                "thin": thin}
    options = {"drop": drop, "merge": merge, "with_sensitivity": sensitivity_table}
    with err_console.status("estimating…") as status:

        def progress(step: str) -> None:
            status.update(f"estimating: {step}…")

        if table is not None:
            if by:
                raise TollError("--by divides the register; with --table give one table")
            done, stored = run({"all": _read(table)}, method, seed, settings, progress=progress,
                               **options), None
        else:
            with open_store(db, create=False).session() as session:
                kept = estimate_register(session, by, method, seed, settings, label=label,
                                         progress=progress, **options)
            done, stored = kept.run, kept.estimate_id
    if plot is not None and not done.refused:
        from toll.estimates.plot import save_plot

        save_plot(done.report, plot)
    if json_out:
        print_json(done.to_dict() | {"estimate_id": stored, "plot": plot and str(plot)})
        if done.refused:
            raise typer.Exit(1)
        return
    if done.refused:
        raise TollError(f"no estimate: {done.refused}")
    print_run(done)
    if plot is not None:
        console.print(f"Plot saved to {plot}")
    if stored:
        console.print(f"Stored as estimate {stored} (toll estimates show {stored}).")


def _read(path: Path):
    from toll.estimates import CaptureTable

    return CaptureTable.from_csv(path)
