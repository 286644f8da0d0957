"""`toll demo`: build a demo store and say what it holds."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import JsonOption, app
from toll.cli.output import console, print_json, print_table
from toll.cli.progress import progress_bar


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to write the demo store.")] = Path(
        "demo.db"
    ),
    persons: Annotated[int, typer.Option(help="Persons in the synthetic population.")] = 1500,
    json: JsonOption = False,
) -> None:
    """Build a demo store: invented statements → figures; synthetic lists → one register of
    persons → an estimate of the victims no list recorded. Then print what it holds."""
    from toll.demo import build_demo

    with progress_bar("Building the demo", quiet=json) as update:
        summary = build_demo(db, persons=persons, progress=update)
    data = {k: v for k, v in summary.__dict__.items() if k != "path"} | {"db": str(summary.path)}
    if json:
        print_json(data)
        return
    console.print(
        f"Built {summary.path}: {summary.sources} sources, {summary.figures} figures, "
        f"{summary.lists} lists ({summary.records:,} rows) → {summary.persons:,} persons "
        f"({summary.to_review} pairs to review), 1 estimate."
    )
    print_table(
        [(m["name"], _n(m["estimate"]), _n(m["low"]), _n(m["high"])) for m in summary.estimates],
        ["method", "estimated total", "95% low", "95% high"],
        title=f"Victims in all, recorded or not ({summary.persons:,} recorded)",
    )
    console.print(
        f"Next: toll figures --db {db} · toll persons --db {db} · "
        f"toll review --db {db} · toll estimate --db {db}"
    )


def _n(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"
