"""What an export is: named columns, each with its type and its HXL hashtag, and rows.

HXL (the Humanitarian Exchange Language) puts a row of hashtags under the header, such as
`#affected+killed` for a count of people killed, so that humanitarian tools read the columns
whatever their headers are called.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

KINDS = ("text", "int", "float", "bool", "json", "date")


@dataclass(frozen=True)
class Column:
    name: str
    hxl: str
    kind: str = "text"  # one of KINDS: how the value is written in CSV and read back


@dataclass
class ExportTable:
    """The rows of one export, with their columns."""

    name: str  # sources, claims, records, persons, estimates
    columns: list[Column]
    rows: Iterable[dict[str, Any]]
    public: bool = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        names = [column.name for column in self.columns]
        for row in self.rows:
            yield {name: row.get(name) for name in names}


def columns(*specs: tuple) -> list[Column]:
    """Columns from (name, hashtag[, kind]) tuples."""
    return [Column(*spec) for spec in specs]
