"""read_list: one file of a list of persons in, draft records and problems out.

Nothing here touches the store: the caller saves what comes back, or shows it (--dry-run).
Problems that make the whole file unusable raise TollError; problems with single values become
warnings, and the value is kept as text.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toll.errors import TollError
from toll.records import values
from toll.records.columns import NAME_FIELDS, ColumnPlan, plan_columns
from toll.records.drafts import ImportedList, ImportProblem, RecordDraft
from toll.records.mapping import Mapping, load_mapping, match_headers
from toll.records.readers import Table, read_csv, read_json, read_ods, read_xlsx
from toll.records.sniff import choose_format

HEADER_SEARCH_ROWS = 10
_SPACES = re.compile(r"\s+")
_TEXT_FIELDS = ("full_name", "given_name", "family_name", "patronymic", "row_key")
_JOINED_FIELDS = ("place", "place_of_birth", "circumstances", "notes")
_LABELS = {
    "sex": "sex",
    "age": "age",
    "birth_date": "birth date",
    "birth_year": "birth year",
    "event_date": "date",
    "status": "status",
    "civilian_status": "civilian status",
}


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
    table = _read_table(path, data, loaded)
    return _import_table(table, file, loaded)


def _read_table(path: Path, data: bytes, mapping: Mapping | None) -> Table:
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
    return reader(data, file, sheet=sheet)


def _import_table(table: Table, file: str, mapping: Mapping | None) -> ImportedList:
    problems = [ImportProblem(file, None, None, None, note) for note in table.notes]
    if not any(_is_filled(row) for row in table.rows):
        raise TollError(f"{file}: the file is empty; there is no list to import")
    header_index = _header_index(table, file, mapping, problems)
    header_row, data_start = _header_and_data_start(table, header_index, file, problems)
    repeated = [_cells(row) for row in table.rows[header_index:data_start] if _is_filled(row)]
    headers = _clean_headers(header_row, file, problems)
    body = table.rows[data_start:]
    if not any(_is_filled(row) for row in body):
        raise TollError(f"{file}: only a header row ({', '.join(headers)}) and no rows of data")
    overrides = match_headers(mapping, headers, file) if mapping else None
    plan = plan_columns(headers, overrides)
    if not any(plan.columns_of(name) for name in NAME_FIELDS):
        raise TollError(
            f"{file}: no column of names recognised among the headers "
            f"{', '.join(repr(h) for h in headers)}; write a mapping file "
            '(columns: {"Header": full_name}) and pass it with --mapping'
        )
    _note_shared_fields(plan, file, problems)
    builder = _RowBuilder(file, headers, plan, body)
    records = []
    for number, row in enumerate(body, start=1):
        if not _is_filled(row):
            continue
        if _cells(row) in repeated:  # the header again, as on each page of a printed list
            problems.append(ImportProblem(file, number, None, None, "the header again; skipped"))
            continue
        records.append(builder.build(number, row))
    _refuse_duplicate_keys(records, file, plan)
    for record in records:
        problems.extend(builder.problems.get(record.row_number, []))
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


def _is_filled(row: list[str]) -> bool:
    return any(cell.strip() for cell in row)


def _cells(row: list[str]) -> list[str]:
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _header_and_data_start(
    table: Table, index: int, file: str, problems: list
) -> tuple[list[str], int]:
    """The header cells and where data starts, after a second header row or a row of column
    numbers (1, 2, 3...) under the header, as official forms have."""
    header = table.rows[index]
    start = index + 1
    if table.header_is_first_row:
        return header, start
    following = [
        i for i in range(start, min(start + 5, len(table.rows))) if _is_filled(table.rows[i])
    ]
    if following and _is_header_like(table.rows[following[0]]):
        lower = table.rows[following[0]]
        width = max(len(header), len(lower))
        header = [_at(lower, i).strip() or _at(header, i).strip() for i in range(width)]
        problems.append(
            ImportProblem(
                file,
                None,
                None,
                None,
                f"two header rows (rows {index + 1} and {following[0] + 1} of the file) "
                "read as one",
            )
        )
        start = following[0] + 1
        following = [i for i in following if i >= start]
    if following and _is_column_numbers(table.rows[following[0]]):
        start = following[0] + 1
    return header, start


def _at(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _is_header_like(row: list[str]) -> bool:
    """A row under the header that is itself mostly known headers, including a name one."""
    cells = [cell.strip() for cell in row if cell.strip()]
    plan = plan_columns(cells)
    known = [f for f in plan.fields.values() if f]
    has_name = any(f in NAME_FIELDS for f in known)
    return has_name and len(known) >= max(2, (len(cells) + 1) // 2)


def _is_column_numbers(row: list[str]) -> bool:
    cells = [cell.strip() for cell in row if cell.strip()]
    return len(cells) >= 3 and cells == [str(n) for n in range(1, len(cells) + 1)]


def _header_index(table: Table, file: str, mapping: Mapping | None, problems: list) -> int:
    """The row holding the headers: the first filled row, unless a later one names a name column
    (a title above the table), or the mapping's header_row."""
    if mapping and mapping.header_row:
        if mapping.header_row > len(table.rows):
            raise TollError(
                f"{mapping.name}: header_row {mapping.header_row} is past the end of {file} "
                f"({len(table.rows)} rows)"
            )
        return mapping.header_row - 1
    filled = [i for i, row in enumerate(table.rows) if _is_filled(row)]
    first = filled[0]
    if table.header_is_first_row or _names_a_name_column(table.rows[first]):
        return first
    for index in filled[1:HEADER_SEARCH_ROWS]:
        if _names_a_name_column(table.rows[index]):
            problems.append(
                ImportProblem(
                    file,
                    None,
                    None,
                    None,
                    f"the header is on row {index + 1} of the file; the {index} row(s) above it "
                    "were skipped as a title",
                )
            )
            return index
    return first


def _names_a_name_column(row: list[str]) -> bool:
    plan = plan_columns([cell.strip() for cell in row if cell.strip()])
    return any(plan.columns_of(name) for name in NAME_FIELDS)


def _clean_headers(row: list[str], file: str, problems: list) -> list[str]:
    row = _cells(row)  # a trailing delimiter adds no column
    headers: list[str] = []
    for position, cell in enumerate(row, start=1):
        header = _SPACES.sub(" ", cell).strip() or f"column {position}"
        if header in headers:
            renamed = _unique(header, headers)
            problems.append(
                ImportProblem(
                    file,
                    None,
                    header,
                    None,
                    f'header repeated; column {position} is called "{renamed}"',
                )
            )
            header = renamed
        headers.append(header)
    return headers


def _unique(header: str, taken: list[str]) -> str:
    number = 2
    while f"{header} ({number})" in taken:
        number += 1
    return f"{header} ({number})"


def _note_shared_fields(plan: ColumnPlan, file: str, problems: list) -> None:
    for name in sorted(set(filter(None, plan.fields.values())) - set(_JOINED_FIELDS)):
        columns = plan.columns_of(name)
        if len(columns) > 1:
            shown = " and ".join(f'"{c}"' for c in columns)
            problems.append(
                ImportProblem(
                    file,
                    None,
                    None,
                    None,
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


class _RowBuilder:
    """Turns one row of cells into a RecordDraft, collecting warnings per row."""

    def __init__(self, file: str, headers: list[str], plan: ColumnPlan, body: list[list[str]]):
        self.file = file
        self.headers = headers
        self.plan = plan
        self.problems: dict[int, list[ImportProblem]] = {}
        self.columns = {
            name: [headers.index(h) for h in plan.columns_of(name)]
            for name in set(filter(None, plan.fields.values()))
        }
        self.turkish_sex = {
            i: values.uses_turkish_sex_codes([row[i] for row in body[:5000] if i < len(row)])
            for i in self.columns.get("sex", [])
        }
        self.split_full_name = _name_splitter()
        self.position = {h: i for i, h in enumerate(headers)}
        self.single_columns = [(n, c[0]) for n, c in self.columns.items() if len(c) == 1]
        self.shared_columns = [(n, c) for n, c in self.columns.items() if len(c) > 1]

    def build(self, number: int, row: list[str]) -> RecordDraft:
        record = RecordDraft(row_number=number, original=self._original(number, row))
        cells = self._filled(row)
        for name in _TEXT_FIELDS:
            if cells.get(name):
                setattr(record, name, cells[name][0][1])
        if record.row_key and values.is_unknown(record.row_key):  # "б/н", "-": no number
            record.row_key = None
        for name in _JOINED_FIELDS:
            if cells.get(name):
                setattr(record, name, "; ".join(dict.fromkeys(text for _, text in cells[name])))
        self._read_sex(record, cells.get("sex"))
        self._read_age(record, cells.get("age"))
        self._read_dates(record, cells)
        self._read_status(record, cells.get("status"))
        self._read_civilian(record, cells.get("civilian_status"))
        self._split_name(record)
        if not any(getattr(record, name) for name in NAME_FIELDS):
            self._warn(record, None, None, "no name in this row; the row is kept")
        self._sort_problems(record)
        return record

    def _sort_problems(self, record: RecordDraft) -> None:
        """Problems of a row in the order of its columns, row-wide ones last."""
        problems = self.problems.get(record.row_number)
        if not problems:
            return
        position = self.position
        problems.sort(key=lambda p: position.get(p.column, len(position)))
        record.warnings = [str(p) for p in problems]

    def _original(self, number: int, row: list[str]) -> dict[str, str]:
        if len(row) == len(self.headers):
            return dict(zip(self.headers, row, strict=True))
        original = {h: (row[i] if i < len(row) else "") for i, h in enumerate(self.headers)}
        for i in range(len(self.headers), len(row)):
            if row[i].strip():
                original[f"column {i + 1}"] = row[i]
                self.problems.setdefault(number, []).append(
                    ImportProblem(
                        self.file,
                        number,
                        f"column {i + 1}",
                        row[i],
                        "cell beyond the last header; kept in the original row only",
                    )
                )
        return original

    def _filled(self, row: list[str]) -> dict[str, list[tuple[int, str]]]:
        """field -> [(column index, text with spaces tidied)] for the filled cells of the row."""
        width = len(row)
        cells = {}
        for name, i in self.single_columns:  # the usual case, kept fast for big lists
            if i < width and (text := row[i].strip()):
                cells[name] = [(i, _tidy(text))]
        for name, indices in self.shared_columns:
            found = [(i, _tidy(text)) for i in indices if i < width and (text := row[i].strip())]
            if found:
                cells[name] = found
        return cells

    def _warn(self, record: RecordDraft, index: int | None, value: str | None, reason: str) -> None:
        column = self.headers[index] if index is not None else None
        problem = ImportProblem(self.file, record.row_number, column, value, reason)
        record.warnings.append(str(problem))
        self.problems.setdefault(record.row_number, []).append(problem)

    def _unread(self, record: RecordDraft, name: str, cell: tuple[int, str], problem: str) -> None:
        self._warn(
            record, cell[0], cell[1], f"not read as {_LABELS[name]} ({problem}); kept as text"
        )

    def _read_sex(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        index, text = cells[0]
        record.sex_raw = text
        record.sex, problem = values.parse_sex(text, self.turkish_sex.get(index, False))
        if problem:
            self._unread(record, "sex", cells[0], problem)

    def _read_age(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        age = values.parse_age(cells[0][1])
        if age.problem:
            self._unread(record, "age", cells[0], age.problem)
        record.age, record.age_low, record.age_high = age.age, age.low, age.high

    def _read_dates(self, record: RecordDraft, cells: dict) -> None:
        for name in ("birth_date", "event_date"):
            if not cells.get(name):
                continue
            text = cells[name][0][1]
            value = values.parse_date(text)
            setattr(record, name, text)
            if value.problem:
                self._unread(record, name, cells[name][0], value.problem)
            setattr(record, f"{name}_earliest", value.earliest)
            setattr(record, f"{name}_latest", value.latest)
            setattr(record, f"{name}_precision", value.precision)
        record.birth_year = values.parse_date(record.birth_date).year if record.birth_date else None
        if cells.get("birth_year"):
            self._read_birth_year(record, cells["birth_year"][0])

    def _read_birth_year(self, record: RecordDraft, cell: tuple[int, str]) -> None:
        value = values.parse_date(cell[1])
        if value.problem and value.earliest is None:
            self._unread(record, "birth_year", cell, value.problem)
            return
        if record.birth_year and value.year and value.year != record.birth_year:
            self._warn(
                record,
                cell[0],
                cell[1],
                f'birth year differs from birth date "{record.birth_date}"; the birth date is used',
            )
            return
        if record.birth_date_earliest is None:
            record.birth_date_earliest, record.birth_date_latest = value.earliest, value.latest
            record.birth_date_precision = value.precision
        record.birth_year = record.birth_year or value.year

    def _read_status(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        record.status_raw = cells[0][1]
        record.status, problem = values.parse_status(cells[0][1])
        if problem:
            self._unread(record, "status", cells[0], problem)

    def _read_civilian(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        index, text = cells[0]
        record.civilian_status_raw = text
        yes_means = self.plan.flags.get(self.headers[index])
        record.civilian_status, problem = values.parse_civilian(text, yes_means)
        if problem:
            self._warn(record, index, text, problem)

    def _split_name(self, record: RecordDraft) -> None:
        if not record.full_name or self.split_full_name is None:
            return
        if record.given_name or record.family_name or record.patronymic:
            return
        try:
            given, family, patronymic = self.split_full_name(record.full_name)
        except Exception as error:  # another module's code: report, never lose the row
            self._warn(
                record,
                None,
                record.full_name,
                f"full name not split into parts ({type(error).__name__})",
            )
            return
        record.given_name, record.family_name, record.patronymic = given, family, patronymic


def _tidy(text: str) -> str:
    if "  " in text or "\t" in text or "\n" in text or "\r" in text:
        return _SPACES.sub(" ", text)
    return text


def _name_splitter() -> Callable[[str], tuple[str | None, str | None, str | None]] | None:
    """toll.names.split_full_name when that module is installed, else None."""
    try:
        from toll.names import split_full_name
    except ImportError:
        return None
    return split_full_name
