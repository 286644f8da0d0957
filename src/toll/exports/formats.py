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
    """A CSV or spreadsheet cell read back as the value it was written from (ValueError when
    it cannot be)."""
    if text is None or text == "":
        return None
    if not isinstance(text, str):  # a spreadsheet number
        return str(text) if column.kind == "text" else _checked(text, column)
    if column.kind == "int":
        return int(text)
    if column.kind == "float":
        return float(text)
    if column.kind == "bool":
        if text not in ("true", "false"):
            raise ValueError("write true or false")
        return text == "true"
    if column.kind == "json":
        return json.loads(text)
    return text


def _checked(value: Any, column: Column) -> Any:
    """A value already typed (in JSON, or a spreadsheet's number) checked against its column."""
    kind = column.kind
    if value is None or kind == "json":
        return value
    if kind == "bool" or isinstance(value, bool):
        if kind == "bool" and isinstance(value, bool):
            return value
        raise ValueError("true or false where the column holds none" if kind != "bool" else kind)
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, {"int": int, "float": (int, float)}.get(kind, str)):
        return value
    raise ValueError(f"a {type(value).__name__}")


KIND_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false", "json": "JSON"}


def read_export(path: Path, table_columns: list[Column]) -> list[dict[str, Any]]:
    """The rows of an export file (CSV with or without HXL tags, XLSX, JSON), typed back.

    A cell that is not of its column's type raises one TollError naming the file, the row
    (the first row after the header is row 1), the field and why.
    """
    by_name = {column.name: column for column in table_columns}
    typed_file = path.suffix.lower() == ".json"  # JSON values are typed already
    result = []
    for number, row in _raw_rows(path):
        if set(row) != set(by_name):
            raise TollError(
                f"{path.name}, row {number}: its fields are not those of the export's columns "
                f"({', '.join(sorted(set(row) ^ set(by_name))[:4])}); the file was cut or changed"
            )
        typed = {}
        for name, value in row.items():
            try:
                typed[name] = (_checked if typed_file else _value)(value, by_name[name])
            except (ValueError, TypeError) as error:
                kind = KIND_NAMES.get(by_name[name].kind, "text")
                raise TollError(
                    f"{path.name}, row {number}, field {name}: {str(value)[:40]!r} is not "
                    f"{kind} ({error})"
                ) from None
        result.append(typed)
    return result


def _raw_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The file's rows, numbered from 1 after the header, the HXL hashtag row left out."""
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise TollError(f"{path.name}: not a readable JSON export ({error})") from None
        for number, row in enumerate(rows if isinstance(rows, list) else [rows], start=1):
            if not isinstance(row, dict):
                raise TollError(f"{path.name}, row {number}: a row of a JSON export is an object")
            yield number, row
        return
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    header = next(rows, [])
    number = 0
    for values in rows:
        if values and all(str(v).startswith("#") for v in values if v):
            continue  # the HXL hashtag row
        number += 1
        if len(values) != len(header):
            raise TollError(
                f"{path.name}, row {number}: {len(values)} cells where the header names "
                f"{len(header)}; the file was cut or changed"
            )
        yield number, dict(zip(header, values, strict=True))


def _csv_rows(path: Path) -> Iterator[list]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle)


def _xlsx_rows(path: Path) -> Iterator[list]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    for row in book.worksheets[0].iter_rows(values_only=True):
        yield list(row)
    book.close()
