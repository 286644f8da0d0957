"""Turning one row of cells into a RecordDraft, with a warning for every value not understood."""

import re
from collections.abc import Callable

from toll.model.record import JOINED_FIELDS, NAME_FIELDS
from toll.records import dates, values
from toll.records.columns import ColumnPlan, is_region_header, name_order
from toll.records.drafts import ImportProblem, RecordDraft

_SPACES = re.compile(r"\s+")
# What a spreadsheet shows in a cell whose formula failed: #N/A, #REF!, #VALUE!, #DIV/0!...
_SPREADSHEET_ERROR = re.compile(r"#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!)", re.I)
_TEXT_FIELDS = (*NAME_FIELDS, "row_key", "household")
_LABELS = {
    "sex": "sex",
    "age": "age",
    "birth_date": "birth date",
    "birth_year": "birth year",
    "event_date": "date",
    "status": "status",
    "civilian_status": "civilian status",
    "relation_to_head": "relation to the head of the household",
}


class RowReader:
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
        if len(self.columns.get("place", [])) > 1:  # the place itself before its region
            self.columns["place"].sort(key=lambda i: is_region_header(headers[i]))
        sample = body[:5000]
        self.turkish_sex = {
            i: values.uses_turkish_sex_codes([row[i] for row in sample if i < len(row)])
            for i in self.columns.get("sex", [])
        }
        self.month_first = {
            i: dates.uses_month_first([row[i] for row in sample if i < len(row)])
            for name in ("birth_date", "event_date")
            for i in self.columns.get(name, [])
        }
        self.split_full_name = _name_splitter()
        # What each full-name column's header says of the order ("Фамилия Имя Отчество")
        self.name_orders = {i: name_order(headers[i]) for i in self.columns.get("full_name", [])}
        self.position = {h: i for i, h in enumerate(headers)}
        self.single_columns = [(n, c[0]) for n, c in self.columns.items() if len(c) == 1]
        self.shared_columns = [(n, c) for n, c in self.columns.items() if len(c) > 1]

    def build(self, number: int, row: list[str]) -> RecordDraft:
        record = RecordDraft(row_number=number, original=self._original(number, row))
        cells = self._filled(row)
        self._drop_spreadsheet_errors(record, cells)
        for name in _TEXT_FIELDS:
            if cells.get(name):
                setattr(record, name, cells[name][0][1])
        key = record.row_key
        if key and not key.isdigit() and values.is_unknown(key):  # "б/н", "-": no number
            record.row_key = None
        for name in JOINED_FIELDS:
            if cells.get(name):
                setattr(record, name, "; ".join(dict.fromkeys(text for _, text in cells[name])))
        self._read_sex(record, cells.get("sex"))
        self._read_age(record, cells.get("age"))
        self._read_dates(record, cells)
        self._read_status(record, cells.get("status"))
        self._read_civilian(record, cells.get("civilian_status"))
        self._read_relation(record, cells.get("relation_to_head"))
        full = cells.get("full_name")
        self._split_name(record, self.name_orders.get(full[0][0]) if full else None)
        if not any(getattr(record, name) for name in NAME_FIELDS):
            self._warn(record, None, None, "no name in this row; the row is kept")
        self._sort_problems(record)
        return record

    def _drop_spreadsheet_errors(self, record: RecordDraft, cells: dict) -> None:
        """A formula's error (#N/A) is not a value: read as empty, kept in the original row."""
        for name in list(cells):
            kept = []
            for cell in cells[name]:
                if cell[1][:1] == "#" and _SPREADSHEET_ERROR.fullmatch(cell[1]):
                    self._warn(
                        record,
                        cell[0],
                        cell[1],
                        "a spreadsheet formula error, not a value; read as empty (fix the "
                        "formula in the spreadsheet and import the list again)",
                    )
                else:
                    kept.append(cell)
            if kept:
                cells[name] = kept
            else:
                del cells[name]

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

    def _date_problem(self, record: RecordDraft, name: str, cell: tuple[int, str], value) -> None:
        if value.earliest is None:
            self._unread(record, name, cell, value.problem)
        else:  # read, with a caveat such as a two-digit year
            self._warn(record, cell[0], cell[1], f"{_LABELS[name]}: {value.problem}")

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
            if cells.get(name):
                value = self._read_date(record, name, cells[name][0])
                if name == "birth_date":
                    record.birth_year = value.year
        if cells.get("birth_year"):
            self._read_birth_year(record, cells["birth_year"][0])

    def _read_date(self, record: RecordDraft, name: str, cell: tuple[int, str]) -> dates.DateValue:
        index, text = cell
        value = dates.parse_date(text, self.month_first.get(index, False))
        if value.problem:
            self._date_problem(record, name, cell, value)
        setattr(record, name, text)
        setattr(record, f"{name}_earliest", value.earliest)
        setattr(record, f"{name}_latest", value.latest)
        setattr(record, f"{name}_precision", value.precision)
        return value

    def _read_birth_year(self, record: RecordDraft, cell: tuple[int, str]) -> None:
        value = dates.parse_date(cell[1])
        if value.problem:
            self._date_problem(record, "birth_year", cell, value)
        if value.earliest is None:
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

    def _read_relation(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        record.relation_to_head_raw = cells[0][1]
        record.relation_to_head, problem = values.parse_relation(cells[0][1])
        if problem:
            self._unread(record, "relation_to_head", cells[0], problem)

    def _read_civilian(self, record: RecordDraft, cells: list | None) -> None:
        if not cells:
            return
        index, text = cells[0]
        record.civilian_status_raw = text
        yes_means = self.plan.flags.get(self.headers[index])
        record.civilian_status, problem = values.parse_civilian(text, yes_means)
        if problem:
            self._warn(record, index, text, problem)

    def _split_name(self, record: RecordDraft, order: str | None) -> None:
        if not record.full_name or self.split_full_name is None:
            return
        if record.given_name or record.family_name or record.patronymic:
            return
        try:
            given, family, patronymic = self.split_full_name(record.full_name, order)
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


def _name_splitter() -> Callable[..., tuple[str | None, str | None, str | None]] | None:
    """toll.names.split_full_name when that module is installed, else None."""
    try:
        from toll.names import split_full_name
    except ImportError:
        return None
    return split_full_name
