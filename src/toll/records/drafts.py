"""What reading a list gives back: one draft record per row, and the problems met on the way."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class ImportProblem:
    """Something in the file that could not be read as expected; the value is kept as text."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    @classmethod
    def about_file(cls, file: str, reason: str) -> "ImportProblem":
        """A problem with the file as a whole (its layout, its columns), not one cell."""
        return cls(file, None, None, None, reason)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        value = f' "{_one_line(self.value)}"' if self.value is not None else ""
        return f"{', '.join(where)}:{value} {self.reason}"

    def short(self) -> str:
        """A shorter form for summaries: 'row 212 Год рождения "19б2" not a year; kept as text'."""
        parts = [f"row {self.row}"] if self.row is not None else []
        if self.column is not None:
            parts.append(self.column)
        if self.value is not None:
            parts.append(f'"{_one_line(self.value)}"')
        parts.append(self.reason)
        return " ".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(slots=True)
class RecordDraft:
    """One row of a list, read into the fields of a record but not yet stored.

    Names are kept as written, in whatever script. Dates are kept as the text written plus the
    earliest and latest calendar dates it can mean and how precise it is ("day", "month",
    "season", "year", "decade", "range", "approximate"). Sex, status and civilian status keep the
    raw text beside the normalised value. `original` is the whole row, header -> cell text.
    """

    row_number: int
    row_key: str | None = None
    original: dict[str, str] = field(default_factory=dict)
    full_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    patronymic: str | None = None
    sex: str | None = None
    sex_raw: str | None = None
    age: int | None = None
    age_low: int | None = None
    age_high: int | None = None
    birth_date: str | None = None
    birth_date_earliest: date | None = None
    birth_date_latest: date | None = None
    birth_date_precision: str | None = None
    birth_year: int | None = None
    event_date: str | None = None
    event_date_earliest: date | None = None
    event_date_latest: date | None = None
    event_date_precision: str | None = None
    place: str | None = None
    place_of_birth: str | None = None
    status: str | None = None
    status_raw: str | None = None
    civilian_status: str | None = None
    civilian_status_raw: str | None = None
    circumstances: str | None = None
    notes: str | None = None
    household: str | None = None  # the list's own number for the household
    relation_to_head: str | None = None  # head, spouse, son, daughter...
    relation_to_head_raw: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportedList:
    """A whole list read from one file: its records, how it was read, and every problem."""

    file_name: str
    format: str
    encoding: str | None
    delimiter: str | None
    columns: dict[str, str | None]
    records: list[RecordDraft]
    warnings: list[ImportProblem]
    sheet: str | None = None
