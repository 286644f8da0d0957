"""read_list: one file of a list of persons in, draft records and problems out.

Nothing here touches the store: the caller saves what comes back, or shows it (--dry-run).
Problems that make the whole file unusable raise TollError; problems with single values become
warnings, and the value is kept as text.
"""

import re
from pathlib import Path
from typing import Any

from toll.errors import TollError
from toll.model.record import JOINED_FIELDS, NAME_FIELDS
from toll.records.columns import ColumnPlan, plan_columns
from toll.records.drafts import ImportedList, ImportProblem, RecordDraft
from toll.records.layout import find_layout, names_persons, stripped_cells
from toll.records.mapping import Mapping, load_mapping, match_headers
from toll.records.readers import Table, is_filled, read_csv, read_json, read_ods, read_xlsx
from toll.records.rows import RowReader
from toll.records.sniff import choose_format


def read_list(path: Path, *, mapping: dict[str, Any] | Path | None = None) -> ImportedList:
    """Read a list of persons from a CSV, XLSX, ODS or JSON (Lines) file.

    `mapping` (a dict, or a YAML/JSON file) says what columns mean when headers are not
    recognised, and may fix the encoding, delimiter, sheet or header row. Raises TollError
    for a file that cannot be imported as a whole (empty, not what its name says, no name
    column, duplicate row identifiers...).
    """
    path = Path(path)
    file = path.name
    loaded = load_mapping(mapping)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TollError(f"{file}: cannot read the file ({error.strerror})") from None
    if not data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"):
        raise TollError(f"{file}: the file is empty; there is no list to import")
    table = read_table(path, data, loaded)
    return _import_table(table, file, loaded)


def read_table(path: Path, data: bytes, mapping: Mapping | None) -> Table:
    """The cells of a CSV, XLSX, ODS or JSON file, read with the list importer's rules (format
    sniffing, encodings, delimiters, sheets); other importers (remains) read their files so."""
    file = path.name
    fmt = choose_format(path.suffix.lower(), data, file)
    encoding = mapping.encoding if mapping else None
    if fmt == "csv":
        delimiter = mapping.delimiter if mapping else None
        return read_csv(data, file, encoding=encoding, delimiter=delimiter)
    if fmt in ("json", "jsonl"):
        return read_json(data, file, encoding=encoding, lines=fmt == "jsonl")
    sheet = mapping.sheet if mapping else None
    reader = read_xlsx if fmt == "xlsx" else read_ods
    return reader(data, file, sheet=sheet, is_list=names_persons)


def _import_table(table: Table, file: str, mapping: Mapping | None) -> ImportedList:
    problems = [ImportProblem(file, None, None, None, note) for note in table.notes]
    layout = find_layout(table, file, mapping)
    problems += layout.problems
    headers, body = layout.headers, table.rows[layout.data_start :]
    if body and is_hxl_tag_row(body[0]):  # HXL: hashtags (#affected+name) under the header
        body = body[1:]
    if not any(is_filled(row) for row in body):
        raise TollError(f"{file}: only a header row ({', '.join(headers)}) and no rows of data")
    overrides = match_headers(mapping, headers, file) if mapping else None
    plan = plan_columns(headers, overrides)
    if not any(plan.columns_of(name) for name in NAME_FIELDS):
        raise TollError(
            f"{file}: no column of names recognised among the headers "
            f"{', '.join(repr(h) for h in headers)}; write a mapping file "
            '(columns: {"Header": full_name}) and pass it with --mapping; for a list without '
            "a header row, header: false with columns: {1: surname, 2: given_name}"
        )
    _note_shared_fields(plan, file, problems)
    reader = RowReader(file, headers, plan, body)
    records = []
    last_filled = max((i for i, row in enumerate(body, start=1) if is_filled(row)), default=0)
    for number, row in enumerate(body, start=1):
        if not is_filled(row):
            if number < last_filled:  # blank lines after the last row are no rows
                problems.append(ImportProblem(file, number, None, None, "an empty row; skipped"))
            continue
        if table.format == "csv" and len(row) < len(headers):
            reader.problems.setdefault(number, []).append(_short_row(file, number, row, headers))
        if stripped_cells(row) in layout.header_rows:  # the header again, as on each printed page
            problems.append(ImportProblem(file, number, None, None, "the header again; skipped"))
            continue
        records.append(reader.build(number, row))
    _refuse_duplicate_keys(records, file, plan)
    for record in records:
        problems.extend(reader.problems.get(record.row_number, []))
    return ImportedList(
        file_name=file,
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        columns=dict(plan.fields),
        records=records,
        warnings=problems,
        sheet=table.sheet,
    )


def _short_row(file: str, number: int, row: list[str], headers: list[str]) -> ImportProblem:
    """A CSV row with fewer cells than the header: the missing cells are read as empty."""
    missing = headers[len(row) :]
    return ImportProblem(
        file,
        number,
        missing[0],
        None,
        f"the row has {len(row)} of the header's {len(headers)} cells; "
        f"{', '.join(repr(h) for h in missing)} read as empty (check the delimiters and "
        f"quotes on that row)",
    )


HXL_TAG = re.compile(r"#[a-z][a-z0-9_]*(\s*\+[a-z0-9_]+)*", re.IGNORECASE)


def is_hxl_tag_row(row: list[str]) -> bool:
    """Whether a row is HXL's row of hashtags (every filled cell like #affected+killed)."""
    cells = [cell.strip() for cell in row if cell and cell.strip()]
    return bool(cells) and all(HXL_TAG.fullmatch(cell) for cell in cells)


def _note_shared_fields(plan: ColumnPlan, file: str, problems: list) -> None:
    for name in sorted(set(filter(None, plan.fields.values())) - set(JOINED_FIELDS)):
        columns = plan.columns_of(name)
        if len(columns) > 1:
            shown = " and ".join(f'"{c}"' for c in columns)
            problems.append(
                ImportProblem.about_file(
                    file,
                    f"columns {shown} all give {name}; the first filled one is used, "
                    "the others stay in the original row",
                )
            )


def _refuse_duplicate_keys(records: list[RecordDraft], file: str, plan: ColumnPlan) -> None:
    seen: dict[str, int] = {}
    column = next(iter(plan.columns_of("row_key")), None)
    for record in records:
        if record.row_key is None:
            continue
        if record.row_key in seen:
            raise TollError(
                f'{file}, rows {seen[record.row_key]} and {record.row_number}, column "{column}": '
                f'the same identifier "{record.row_key}" twice; make identifiers unique or map '
                "the column to ignore"
            )
        seen[record.row_key] = record.row_number
