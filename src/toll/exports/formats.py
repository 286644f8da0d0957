"""Writing an export as CSV, HXL-tagged CSV, XLSX or JSON, and reading it back.

CSV and XLSX cells are text: numbers as written by Python, true/false, lists and objects as
JSON, nothing as an empty cell. `read_export` turns them back into the values they were, by
the columns' types, so that every export reads back as it was written.
"""

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from toll.errors import TollError, writing
from toll.exports.tables import Column, ExportTable

FORMATS = ("csv", "hxl", "xlsx", "json")


def cell(value: Any, column: Column) -> Any:
    """A value as a CSV or spreadsheet cell."""
    if value is None:
        return ""
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if column.kind == "bool":
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_export(table: ExportTable, format: str, output: Path | None) -> int:
    """Write `table` as `format` to `output` (stdout when None; XLSX needs a file)."""
    if format not in FORMATS:
        raise TollError(f"--format {format!r}: choose from {', '.join(FORMATS)}")
    if format == "xlsx":
        if output is None:
            raise TollError("XLSX is a binary file: give the file to write with --output FILE")
        return _write_xlsx(table, output)
    handle = _open(output) if output else sys.stdout
    try:
        if format == "json":
            return _write_json(table, handle)
        return _write_csv(table, handle, hxl=format == "hxl")
    finally:
        if output:
            handle.close()


def _open(output: Path) -> IO[str]:
    with writing(output):
        return open(output, "w", encoding="utf-8", newline="")


def _write_csv(table: ExportTable, handle: IO[str], hxl: bool) -> int:
    writer = csv.writer(handle)
    writer.writerow([column.name for column in table.columns])
    if hxl:
        writer.writerow([column.hxl for column in table.columns])
    count = 0
    for row in table:
        writer.writerow([cell(row[c.name], c) for c in table.columns])
        count += 1
    return count


def _write_json(table: ExportTable, handle: IO[str]) -> int:
    count = 0
    handle.write("[")
    for row in table:
        text = json.dumps(row, ensure_ascii=False, default=str)
        handle.write(("," if count else "") + "\n" + text)
        count += 1
    handle.write("\n]\n")
    return count


def _write_xlsx(table: ExportTable, output: Path) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.name)
    sheet.append([column.name for column in table.columns])
    count = 0
    for row in table:
        sheet.append([cell(row[c.name], c) for c in table.columns])
        count += 1
    with writing(output):
        book.save(output)
    return count


def _value(text: Any, column: Column) -> Any:
    """A cell read back as the value it was written from."""
    if text is None or text == "":
        return None
    if not isinstance(text, str):  # a spreadsheet number
        return int(text) if column.kind == "int" else text
    if column.kind == "int":
        return int(text)
    if column.kind == "float":
        return float(text)
    if column.kind == "bool":
        return text == "true"
    if column.kind == "json":
        return json.loads(text)
    return text


def read_export(path: Path, table_columns: list[Column]) -> list[dict[str, Any]]:
    """The rows of an export file (CSV with or without HXL tags, XLSX, JSON), typed back."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    header = next(rows)
    by_name = {column.name: column for column in table_columns}
    result = []
    for values in rows:
        if values and all(str(v).startswith("#") for v in values if v):
            continue  # the HXL hashtag row
        result.append(
            {name: _value(value, by_name[name]) for name, value in zip(header, values, strict=True)}
        )
    return result


def _csv_rows(path: Path) -> Iterator[list]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle)


def _xlsx_rows(path: Path) -> Iterator[list]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True):
        yield list(row)
    book.close()
