"""`toll demo`: build a demo store and say what it holds."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import JsonOption, app
from toll.cli.output import console, print_json


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to write the demo store.")] = Path(
        "demo.db"
    ),
    json: JsonOption = False,
) -> None:
    """Build a demo store from invented statements and synthetic lists, and print what it holds."""
    from toll.demo import build_demo

    summary = build_demo(db)
    if json:
        print_json(
            {"db": str(summary.path), "sources": summary.sources, "figures": summary.figures}
        )
        return
    console.print(f"Built {summary.path}: {summary.sources} sources, {summary.figures} figures.")
    console.print(f"Next: toll source list --db {summary.path} · toll claims --db {summary.path}")
