"""`toll figures`: every source's figures side by side, conflicts marked, register beside them."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _figure(claim) -> str:
    if claim.qualifier == "range" or (claim.value is None and claim.low is not None):
        return f"{_number(claim.low)}–{_number(claim.high)}"
    return _number(claim.value)


@app.command()
def figures(
    category: Annotated[str | None, typer.Option(help="Only this category, e.g. killed.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """What each source claims, side by side; conflicts marked; the register's counts beside."""
    from toll.figures import compare_claims, parts_exceeding_whole, register_counts

    with open_store(db).session() as session:
        groups = compare_claims(session, category)
        register = register_counts(session)
        exceeding = [
            {"claim_id": whole.id, "whole": whole.value, "parts": parts}
            for whole, parts in parts_exceeding_whole(session)
        ]
    if json:
        print_json(
            {
                "groups": [
                    {
                        "category": g.category,
                        "subgroup": g.subgroup,
                        "incident": g.incident,
                        "conflict": g.conflict,
                        "claims": [c.__dict__ for c in g.claims],
                    }
                    for g in groups
                ],
                "register": register,
                "parts_exceeding_whole": exceeding,
            }
        )
        return
    rows = []
    for group in groups:
        flag = "CONFLICT" if group.conflict and group.sources > 1 else ""
        for claim in group.claims:
            rows.append(
                (
                    group.category,
                    group.subgroup,
                    group.incident,
                    _figure(claim),
                    claim.qualifier,
                    claim.source,
                    claim.speaker,
                    claim.claim_id,
                    flag,
                )
            )
    print_table(
        rows,
        [
            "category",
            "subgroup",
            "incident",
            "figure",
            "qualifier",
            "source",
            "speaker",
            "claim",
            "",
        ],
    )
    if register:
        console.print("Register: " + ", ".join(f"{k} {v:,}" for k, v in sorted(register.items())))
    for item in exceeding:
        console.print(
            f"⚠ claim {item['claim_id']}: its parts add up to {item['parts']:,.0f}, "
            f"more than the whole {item['whole']:,.0f}"
        )
