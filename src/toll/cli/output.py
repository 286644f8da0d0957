"""Printing data for people (tables) and for programs (--json)."""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()
err_console = Console(stderr=True)


def count(number: int, noun: str) -> str:
    """ "1 record", "2,622 records": a number with its noun, in the singular for one."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def print_json(data: Any) -> None:
    """Print data as JSON on stdout (dates and other objects as strings)."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(
    rows: Iterable[Sequence[Any]], columns: Sequence[str], title: str | None = None
) -> None:
    """Print rows as a readable table; None shows as an en dash.

    Cells are plain text: a name or note with [brackets] is shown as written, never read as markup.
    """
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")  # wrap long values, never cut them off
    for row in rows:
        table.add_row(*[Text("–" if value is None else str(value)) for value in row])
    console.print(table)


def weights_text(weights: dict) -> str:
    """Match weights as a reviewer reads them: "family +4.1 given +3.0 birth -1.2"."""
    return " ".join(f"{field} {value:+.1f}" for field, value in weights.items() if value)
