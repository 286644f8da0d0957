"""`toll figures`: every source's figures side by side, conflicts marked, register beside them."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _figure(claim) -> str:
    if claim.value is not None:
        return _number(claim.value)
    if claim.high is None:
        return f"{_number(claim.low)}+"
    return f"{_number(claim.low)}–{_number(claim.high)}"


# A group: `toll figures` alone compares the claims; other stages add figures of their own
# as subcommands (`toll figures families`, `toll figures missing`).
figures_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)
app.add_typer(figures_app, name="figures")


@figures_app.callback()
def figures(
    ctx: typer.Context,
    category: Annotated[str | None, typer.Option(help="Only this category, e.g. killed.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """What each source claims, side by side; conflicts marked; the register's counts beside."""
    from toll.figures import claim_checks, compare_claims, register_counts

    if ctx.invoked_subcommand:
        return

    with open_store(db, create=False).session() as session:
        groups = compare_claims(session, category)
        register = register_counts(session)
        checks = claim_checks(session)
    if json:
        print_json(
            {
                "groups": [
                    {
                        "category": g.category,
                        "subgroup": g.subgroup,
                        "year": g.year,
                        "conflict": g.conflict,
                        "claims": [c.__dict__ for c in g.claims],
                    }
                    for g in groups
                ],
                "register": register,
                "checks": checks,
            }
        )
        return
    rows = []
    for group in groups:
        flag = "CONFLICT" if group.conflict and group.sources > 1 else ""
        for claim in group.claims:
            what = " · ".join(part for part in (group.category, group.subgroup) if part)
            rows.append(
                (
                    what,
                    claim.incident,
                    _figure(claim),
                    claim.qualifier,
                    f"{claim.source_id}: {claim.source}",
                    claim.speaker,
                    claim.claim_id,
                    flag,
                )
            )
    columns = ["figure of", "incident", "value", "qualifier", "source", "speaker", "claim"]
    print_table(rows, [*columns, "conflict"])
    if register:
        console.print("Register: " + ", ".join(f"{k} {v:,}" for k, v in sorted(register.items())))
    for check in checks:
        console.print(f"⚠ {check}", markup=False)
