"""`toll estimates`: stored estimates, listed, shown again or reproduced from their inputs."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

estimates_app = typer.Typer(help="Stored estimates: list them, show one, reproduce one exactly.")
app.add_typer(estimates_app, name="estimates")
EstimateId = Annotated[int, typer.Argument(help="The estimate's id (see `toll estimates list`).")]


def _n(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


@estimates_app.callback(invoke_without_command=True)
def main(ctx: typer.Context, db: DbOption = None, json: JsonOption = False) -> None:
    """Stored estimates (`toll estimates` alone lists them, as `toll estimates list` does)."""
    if ctx.invoked_subcommand is None:
        list_(db, json)


@estimates_app.command("list")
def list_(db: DbOption = None, json: JsonOption = False) -> None:
    """List stored estimates: when, by whom, strata, each method's estimate, warnings."""
    from toll.estimates.store import list_estimates

    with open_store(db, create=False).session() as session:
        rows = list_estimates(session)
    if json:
        print_json(rows)
        return
    print_table(
        [(r["id"], r["label"], _when(r["created_at"]), ", ".join(r["strata"]) or "–",
          "  ".join(f"{k} {_n(v)}" for k, v in r["methods"].items()), r["warnings"])
         for r in rows],
        ["id", "label", "when", "strata", "estimates", "warnings"],
    )


def _when(created_at) -> str:
    """A stored estimate's time to the minute: "2026-12-07 02:48"."""
    return str(created_at)[:16]


@estimates_app.command("show")
def show(estimate_id: EstimateId, db: DbOption = None, json: JsonOption = False) -> None:
    """One stored estimate with its inputs, settings, seed, every method's result and warning."""
    from toll.cli.estimate_render import say
    from toll.estimates.store import show_estimate

    with open_store(db, create=False).session() as session:
        data = show_estimate(session, estimate_id)
    if json:
        print_json(data)
        return
    result = data["result"]
    print_table(
        [(m["name"], _n(m["estimate"]), _n(m["low"]), _n(m["high"]), len(m["warnings"]))
         for m in result["methods"]],
        ["method", "estimate", "95% low", "95% high", "warnings"],
        title=f"Estimate {data['id']}: {data['label'] or ''}",
    )
    for warning in result.get("warnings", []):
        say("warning", warning)
    for m in result["methods"]:
        for warning in m["warnings"]:
            say(f"warning ({m['name']})", warning)


@estimates_app.command("reproduce")
def reproduce(estimate_id: EstimateId, db: DbOption = None, json: JsonOption = False) -> None:
    """Run a stored estimate again from its stored inputs and check the results are identical."""
    from toll.estimates.store import reproduce_estimate

    with open_store(db, create=False).session() as session:
        again = reproduce_estimate(session, estimate_id)
    if json:
        print_json(again)
    else:
        differ = f" ({', '.join(again['differ'])})" if again["differ"] else ""
        console.print(f"Estimate {estimate_id} reproduced: "
                      f"{'identical results' if again['identical'] else 'RESULTS DIFFER'}{differ}.")
    if not again["identical"]:
        raise typer.Exit(1)
