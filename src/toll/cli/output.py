"""Printing data for people (tables) and for programs (--json)."""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
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
    """Print rows as a table that fits the terminal, never breaking a word; None shows as "–".

    A long value wraps between words. When the columns' longest words cannot all stand side by
    side, the table drops its borders; when even that is too wide, each row is printed as a
    block of "column  value" lines. Cells are plain text: [brackets] are shown as written.
    """
    columns = [str(column) for column in columns]
    cells = [["–" if value is None else str(value) for value in row] for row in rows]
    cells = [row + [""] * (len(columns) - len(row)) for row in cells]
    width = console.width
    for layout in (_BOXED, _COMPACT):
        widths = _fit(columns, cells, width - layout.chrome(len(columns)))
        if widths is not None:
            console.print(layout.table(columns, cells, widths, title))
            return
    _print_vertical(columns, cells, title)


class _Layout:
    """A table style and the columns of the screen its borders and padding take."""

    def __init__(self, style: box.Box, padding: int, edge: bool):
        self.style, self.padding, self.edge = style, padding, edge

    def chrome(self, n: int) -> int:
        borders = n + 1 if self.edge else n - 1
        return borders + 2 * self.padding * n

    def table(self, columns: list[str], cells: list[list[str]], widths: list[int], title):
        table = Table(
            title=title,
            box=self.style,
            padding=(0, self.padding),
            show_edge=self.edge,
            pad_edge=self.edge,
        )
        for column, column_width in zip(columns, widths, strict=True):
            table.add_column(column, width=column_width, overflow="fold")
        for row in cells:
            table.add_row(*map(Text, row))
        return table


_BOXED = _Layout(box.HEAVY_HEAD, padding=1, edge=True)
_COMPACT = _Layout(box.SIMPLE_HEAD, padding=0, edge=False)


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _fit(columns: list[str], cells: list[list[str]], room: int) -> list[int] | None:
    """Column widths within `room` that break no word, or None when no such widths exist.

    Each column gets its longest word (header included); the room left raises the narrowest
    columns first, each up to its longest line, so short columns are seldom wrapped.
    """
    shown = [[column, *(row[i] for row in cells)] for i, column in enumerate(columns)]
    widths = [max(1, *map(_longest_word, values)) for values in shown]
    pairs = zip(widths, shown, strict=True)
    most = [max(low, *map(_longest_line, values)) for low, values in pairs]
    spare = room - sum(widths)
    if spare < 0:
        return None
    while spare > 0:
        short = [i for i, width in enumerate(widths) if width < most[i]]
        if not short:
            break
        narrowest = min(widths[i] for i in short)
        for i in short:
            if widths[i] == narrowest and spare > 0:
                widths[i] += 1
                spare -= 1
    return widths


def _print_vertical(columns: list[str], cells: list[list[str]], title: str | None) -> None:
    """Each row as a block of "column  value" lines, values wrapped between words."""
    if title:
        console.print(Text(title, style="italic"), justify="center")
    label = max(map(cell_len, columns), default=0)
    for number, row in enumerate(cells):
        if number:
            console.print()
        block = Table.grid(padding=(0, 1))
        block.add_column(style="bold", width=label, no_wrap=True)
        block.add_column(overflow="fold")
        for column, value in zip(columns, row, strict=True):
            block.add_row(Text(column), Text(value))
        console.print(block)
    if not cells:
        console.print(Text("(none)"))


def weights_text(weights: dict) -> str:
    """Match weights as a reviewer reads them: "family +4.1 given +3.0 birth -1.2"."""
    return " ".join(f"{field} {value:+.1f}" for field, value in weights.items() if value)
