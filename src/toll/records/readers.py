"""Reading the rows of a list out of CSV, XLSX, ODS and JSON files, as text cells.

Each reader returns a `Table`: every row of the file as a list of cell texts, the header among
them. Deciding which row is the header and what the columns mean is the importer's job.
"""

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from toll.errors import TollError
from toll.records.sniff import decode_text

Rows = list[list[str]]
DELIMITERS = [",", ";", "\t", "|"]
_EXCEL_SEP = re.compile(r"^sep=(.)\r?\n")


@dataclass
class Table:
    """The rows of one sheet or file as text, and how they were read."""

    format: str
    rows: list[list[str]]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_is_first_row: bool = False
    notes: list[str] = field(default_factory=list)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def _damaged(file: str, what: str, error: Exception) -> TollError:
    return TollError(
        f"{file}: unreadable or damaged {what} ({type(error).__name__}: {_one_line(error)}); "
        "open it in a spreadsheet program and save it again"
    )


def cell_text(value: Any) -> str:
    """The text of a spreadsheet or JSON cell as a person would read it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# --- CSV -------------------------------------------------------------------------------------


def read_csv(data: bytes, file: str, *, encoding: str | None, delimiter: str | None) -> Table:
    """Read delimited text, guessing the encoding and the delimiter unless given."""
    text, used_encoding = decode_text(data, file, encoding)
    excel_hint = _EXCEL_SEP.match(text)
    if excel_hint:  # Excel writes "sep=;" as the first line of some CSV files
        text = text[excel_hint.end() :]
        delimiter = delimiter or excel_hint.group(1)
    delimiter = delimiter or guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, last_start, line = [], 1, 0
    try:
        for row in reader:
            rows.append(row)
            last_start, line = line + 1, reader.line_num
    except csv.Error as error:
        raise TollError(
            f"{file}, line {reader.line_num}: not readable as CSV ({_one_line(error)}); "
            "check the quotes on that line"
        ) from None
    _refuse_quote_left_open(text, file, delimiter, last_start)
    notes = _unclosed_quotes(rows, delimiter)
    return Table("csv", rows, encoding=used_encoding, delimiter=delimiter, notes=notes)


def _refuse_quote_left_open(text: str, file: str, delimiter: str, start: int) -> None:
    """A quote opened in the last row and never closed swallows the rest of the file into one
    cell: that row cannot be read, so the file is refused (naming the line), not mis-read."""
    tail = "".join(text.splitlines(keepends=True)[start - 1 :])
    try:
        list(csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise TollError(
                f'{file}, line {start}: a quote (") opened on this line is never closed, so '
                f"the row cannot be read (its cells would run together to the end of the "
                f"file); close or remove the quote and import again"
            ) from None


def _unclosed_quotes(rows: list[list[str]], delimiter: str) -> list[str]:
    """Warn about a cell spanning several lines that holds delimiters: most likely a quote that
    was opened and never closed, which swallows the rows after it into one cell."""
    for index, row in enumerate(rows, start=1):
        for cell in row:
            if cell.count("\n") >= 2 and cell.count(delimiter) >= 2:
                start = " ".join(cell.split())[:40]
                return [
                    f"row {index} of the file has a cell over {cell.count(chr(10)) + 1} lines "
                    f'holding "{delimiter}" ("{start}…"): a quote may be left open there and '
                    "have swallowed the rows after it; check the quotes"
                ]
    return []


def guess_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of cells most often.

    A file with one column gets ",", which then splits nothing that matters... unless cells hold
    commas, in which case they are quoted in any CSV written by a program.
    """
    sample = [line for line in text[:200_000].splitlines()[:200] if line.strip()]
    best, best_key = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            lengths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        if not lengths:
            continue
        width, count = Counter(lengths).most_common(1)[0]
        if width < 2:
            continue
        key = (round(count / len(lengths), 2), width)
        if key > best_key:
            best, best_key = delimiter, key
    return best


# --- Spreadsheets ----------------------------------------------------------------------------


SHEET_PEEK = 50  # rows looked at to tell whether a sheet holds the list


def read_xlsx(
    data: bytes, file: str, *, sheet: str | None, is_list: Callable[[Rows], bool] | None = None
) -> Table:
    """Read one sheet of an XLSX workbook: the named one, else the first that `is_list`
    accepts (a header naming persons), else the first with data."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            peeks = {ws.title: _sheet_rows(ws, SHEET_PEEK) for ws in workbook.worksheets}
            name, notes = choose_sheet(peeks, file, sheet, is_list)
            rows = _sheet_rows(workbook[name]) if name else []
        finally:
            workbook.close()
        if name:
            notes += _formulas_without_results(data, name, rows)
    except TollError:
        raise
    except Exception as error:  # openpyxl raises many kinds of error on damaged files
        raise _damaged(file, "XLSX workbook", error) from None
    return Table("xlsx", rows, sheet=name, notes=notes)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >]")


def _formulas_without_results(data: bytes, sheet: str, rows: Rows) -> list[str]:
    """A note on formula cells whose result the file does not hold (written by a program that
    does not compute formulas): they read as empty, which must not pass unnoticed."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        if not any(_FORMULA_TAG.search(archive.read(n)) for n in sheets):
            return []
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        missing = [
            (number, column, value)
            for number, row in enumerate(workbook[sheet].iter_rows(values_only=True), start=1)
            for column, value in enumerate(row, start=1)
            if isinstance(value, str)
            and value.startswith("=")
            and not _cell(rows, number, column).strip()
        ]
    finally:
        workbook.close()
    if not missing:
        return []
    number, column, formula = missing[0]
    return [
        f"{len(missing)} cell(s) hold a formula with no saved result (the first: row {number} "
        f"of the sheet, column {get_column_letter(column)}, {formula[:40]}); they are read as "
        "empty: open the file in a spreadsheet program and save it, so that results are stored"
    ]


def _cell(rows: Rows, number: int, column: int) -> str:
    if number > len(rows) or column > len(rows[number - 1]):
        return ""
    return rows[number - 1][column - 1]


def _sheet_rows(ws, limit: int | None = None) -> Rows:
    rows = ws.iter_rows(values_only=True)
    return [_trimmed([cell_text(v) for v in row]) for row in islice(rows, limit)]


def read_ods(
    data: bytes, file: str, *, sheet: str | None, is_list: Callable[[Rows], bool] | None = None
) -> Table:
    """Read one sheet of an OpenDocument spreadsheet, chosen as for XLSX."""
    import zipfile

    from toll.records.ods import read_ods_sheets

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = read_ods_sheets(archive)
    except Exception as error:  # zipfile and expat raise many kinds of error on damaged files
        raise _damaged(file, "ODS spreadsheet", error) from None
    peeks = {title: rows[:SHEET_PEEK] for title, rows in sheets.items()}
    name, notes = choose_sheet(peeks, file, sheet, is_list)
    return Table("ods", sheets[name] if name else [], sheet=name, notes=notes)


def is_filled(row: list[str]) -> bool:
    """True when a row has at least one cell with text."""
    return any(cell.strip() for cell in row)


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def choose_sheet(
    peeks: dict[str, Rows], file: str, wanted: str | None, is_list: Callable[[Rows], bool] | None
) -> tuple[str | None, list[str]]:
    """The sheet to read, and notes on the other sheets with data, from each sheet's first rows."""
    if wanted is not None:
        if wanted not in peeks:
            raise TollError(
                f"{file}: no sheet named {wanted!r} (sheets: {', '.join(map(repr, peeks))}); "
                "fix `sheet:` in the mapping file"
            )
        return wanted, []
    with_data = [
        name for name, rows in peeks.items() if any(any(c.strip() for c in r) for r in rows)
    ]
    if not with_data:
        return next(iter(peeks), None), []
    lists = [name for name in with_data if is_list and is_list(peeks[name])]
    chosen = (lists or with_data)[0]
    notes = [
        f"sheet {name!r} also has data and was not read; to read it, name it with `sheet:` "
        "in a mapping file"
        for name in with_data
        if name != chosen
    ]
    return chosen, notes


# --- JSON ------------------------------------------------------------------------------------


def read_json(data: bytes, file: str, *, encoding: str | None, lines: bool) -> Table:
    """Read an array of objects, {"records": [...]}, or JSON Lines (one object per line)."""
    text, used_encoding = decode_text(data, file, encoding)
    if lines:
        objects = _json_lines(text, file)
    else:
        try:
            document = _loads(text)
        except json.JSONDecodeError as error:
            if error.msg == "Extra data":
                objects = _json_lines(text, file)
            else:
                raise TollError(
                    f"{file}, line {error.lineno}: not valid JSON ({error.msg}); fix the file "
                    "or export it again"
                ) from None
        else:
            objects = _records_of(document, file)
    fmt = "jsonl" if lines else "json"
    return Table(
        fmt, _objects_to_rows(objects, file), encoding=used_encoding, header_is_first_row=True
    )


def _loads(text: str) -> Any:
    # Numbers stay as written ("1960", "45.0") so cells keep the text of the file.
    try:
        return json.loads(text, parse_float=str, parse_int=str, parse_constant=str)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _json_lines(text: str, file: str) -> list[Any]:
    objects = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            objects.append(_loads(line))
        except json.JSONDecodeError as error:
            raise TollError(
                f"{file}, line {number}: not valid JSON ({error.msg}); each line of a JSON Lines "
                "file must be one object"
            ) from None
    return objects


def _records_of(document: Any, file: str) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("records"), list):
            return document["records"]
        lists = [key for key, value in document.items() if isinstance(value, list)]
        if len(lists) == 1:
            return document[lists[0]]
        found = f"an object with arrays {lists}" if lists else "an object without an array"
    else:
        found = f"a single {type(document).__name__}"
    raise TollError(
        f'{file}: JSON must be an array of objects or {{"records": [...]}}; found {found}'
    )


def _objects_to_rows(objects: list[Any], file: str) -> list[list[str]]:
    flat_objects = []
    for number, item in enumerate(objects, start=1):
        if not isinstance(item, dict):
            raise TollError(
                f"{file}, record {number}: a {type(item).__name__}, not an object of "
                "header: value pairs; every record must be a JSON object"
            )
        flat_objects.append(_flatten(item))
    header: dict[str, None] = {}
    for item in flat_objects:
        header.update(dict.fromkeys(item))
    columns = list(header)
    return [columns] + [[item.get(c, "") for c in columns] for item in flat_objects]


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list | dict):
            flat[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            flat[name] = "true" if value else "false"
        else:
            flat[name] = cell_text(value)
    return flat
