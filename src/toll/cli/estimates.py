"""`toll estimates`: stored estimates, shown again or reproduced from their inputs."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

estimates_app = typer.Typer(help="Stored estimates: list them, show one, reproduce one exactly.")
app.add_typer(estimates_app, name="estimates")
EstimateId = Annotated[int, typer.Argument(help="The estimate's id (see `toll estimates`).")]


def _n(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _methods(result: dict) -> list[dict]:
    return result.get("methods") or result.get("total") or []


@estimates_app.callback(invoke_without_command=True)
def list_(ctx: typer.Context, db: DbOption = None, json: JsonOption = False) -> None:
    """List stored estimates: when, by whom, strata and each method's estimate."""
    if ctx.invoked_subcommand:
        return
    from sqlalchemy import select

    from toll.model import Estimate
    from toll.store.access import require

    with open_store(db, create=False).session() as session:
        require(session, "read")
        rows = [
            {
                "id": e.id,
                "label": e.label,
                "created_at": e.created_at,
                "by": e.created_by,
                "strata": e.stratum.get("by"),
                "seed": e.settings.get("seed"),
                "methods": {m["name"]: m["estimate"] for m in _methods(e.result)},
            }
            for e in session.scalars(select(Estimate).order_by(Estimate.id))
        ]
    if json:
        print_json(rows)
        return
    print_table(
        [
            (
                r["id"],
                r["label"],
                r["created_at"],
                ", ".join(r["strata"] or []) or "–",
                "  ".join(f"{k} {_n(v)}" for k, v in r["methods"].items()),
            )
            for r in rows
        ],
        ["id", "label", "when", "strata", "estimates"],
    )


@estimates_app.command("show")
def show(estimate_id: EstimateId, db: DbOption = None, json: JsonOption = False) -> None:
    """One stored estimate with its inputs, settings, seed and every method's result."""
    from toll.estimates.saving import get_estimate

    with open_store(db, create=False).session() as session:
        row = get_estimate(session, estimate_id)
        data = {
            "id": row.id,
            "label": row.label,
            "stratum": row.stratum,
            "table": row.table,
            "settings": row.settings,
            "result": row.result,
            "toll_version": row.toll_version,
        }
    if json:
        print_json(data)
        return
    print_table(
        [
            (m["name"], _n(m["estimate"]), _n(m["low"]), _n(m["high"]))
            for m in _methods(data["result"])
        ],
        ["method", "estimate", "95% low", "95% high"],
        title=f"Estimate {data['id']}: {data['label'] or ''}",
    )


@estimates_app.command("reproduce")
def reproduce(estimate_id: EstimateId, db: DbOption = None, json: JsonOption = False) -> None:
    """Run a stored estimate again from its stored inputs and check the results are identical."""
    from toll.estimates.saving import get_estimate
    from toll.estimates.saving import reproduce as run_again

    with open_store(db, create=False).session() as session:
        row = get_estimate(session, estimate_id)
        stored = _methods(row.result)
    again = _methods(run_again(row).to_dict())
    same = stored == again
    if json:
        print_json({"id": estimate_id, "identical": same, "methods": again})
    else:
        console.print(
            f"Estimate {estimate_id} reproduced: "
            f"{'identical results' if same else 'RESULTS DIFFER'}."
        )
    if not same:
        raise typer.Exit(1)
