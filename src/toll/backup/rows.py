"""Rows of any table as JSON lines and back, losslessly, from the columns' types.

Every row is one JSON array in the order of the table's columns. Dates and times are written
as ISO 8601 text, bytes as base64; JSON columns are written as the JSON they hold; floats as
Python's shortest exact repr, so every value reads back as it was stored.
"""

import base64
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column
from sqlalchemy import types as sqltypes


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a {type(value).__name__} value")


def encode_row(values: Sequence[Any]) -> str:
    """One row as a line of JSON."""
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"), default=_plain)


def _reader(column: Column) -> Callable[[Any], Any] | None:
    """How to turn a column's JSON value back into its Python value (None: as it is)."""
    kind = column.type
    if isinstance(kind, sqltypes.JSON):
        return None
    if isinstance(kind, sqltypes.DateTime):
        return datetime.fromisoformat
    if isinstance(kind, sqltypes.Date):
        return date.fromisoformat
    if isinstance(kind, sqltypes._Binary):
        return base64.b64decode
    return None


def row_decoder(columns: Sequence[Column]) -> Callable[[str], dict[str, Any]]:
    """A function that reads one JSON line written by `encode_row` into {column: value}."""
    names = [column.name for column in columns]
    readers = [(i, reader) for i, column in enumerate(columns) if (reader := _reader(column))]

    def decode(line: str) -> dict[str, Any]:
        values = json.loads(line)
        for index, reader in readers:
            if values[index] is not None:
                values[index] = reader(values[index])
        return dict(zip(names, values, strict=True))

    return decode
