"""Reading event-data exports (UCDP GED, ACLED CSV): one event per row, checked, no store.

Each row becomes an `EventDraft`: where, when, the dataset's own event id, and its figures
(GED's best with low and high, and its civilian deaths; ACLED's fatalities). A row that cannot
be read stops the whole file with one error naming the file, row, column and reason.
"""

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date

from toll.errors import TollError
from toll.records.dates import parse_date
from toll.sources.text import decode_text

FORMATS = ("ucdp-ged", "acled")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[ T])")
REQUIRED = {
    "ucdp-ged": ("id", "date_start", "date_end", "country", "best", "low", "high"),
    "acled": ("event_id_cnty", "event_date", "country", "location", "fatalities"),
}
PUBLISHERS = {
    "ucdp-ged": "Uppsala Conflict Data Program (UCDP GED)",
    "acled": "Armed Conflict Location & Event Data (ACLED)",
}


@dataclass
class FigureDraft:
    """One figure of a row: what the dataset counts, and the cells it comes from."""

    words: str
    value: int
    low: int | None
    high: int | None
    qualifier: str
    subgroup: str | None
    subject: str


@dataclass
class EventDraft:
    row: int  # data row, counted from 1 after the header
    event_id: str
    title: str
    place: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    date_text: str
    earliest: date
    latest: date
    precision: str | None
    description: str | None
    figures: list[FigureDraft] = field(default_factory=list)
    place_key: str | None = None  # set by the importer (toll.names)


@dataclass
class EventFile:
    format: str
    drafts: list[EventDraft]


def detect_format(header: list[str], file: str) -> str:
    """The dataset a header belongs to, from its column names."""
    columns = set(header)
    for name, required in REQUIRED.items():
        if set(required) <= columns:
            return name
    raise TollError(
        f"{file}: not a UCDP GED or ACLED export (columns {', '.join(header[:8])}...); "
        "GED has id, date_start, best, low, high; ACLED event_id_cnty, event_date, fatalities"
    )


def read_events(content: bytes, file: str, format: str | None = None) -> EventFile:
    """Read and check every row; raise on the first row that cannot be read."""
    text = decode_text(content, file)
    reader = _rows(csv.reader(io.StringIO(text, newline="")), file)
    header = [cell.strip().lstrip("\ufeff") for cell in next(reader, [])]
    if not any(header):
        raise TollError(f"{file}: no header row; an event export starts with its column names")
    format = format or detect_format(header, file)
    if format not in FORMATS:
        raise TollError(f"--format {format!r}: choose {' or '.join(FORMATS)}")
    missing = [c for c in REQUIRED[format] if c not in header]
    if missing:
        raise TollError(f"{file}: a {format} export needs the columns {', '.join(missing)}")
    build = _ged if format == "ucdp-ged" else _acled
    index = {column: position for position, column in enumerate(header)}
    drafts, seen = [], {}
    for number, cells in enumerate(reader, start=1):
        if len(cells) != len(header):
            if not any(cell.strip() for cell in cells):
                continue
            raise TollError(
                f"{file}, row {number}: {len(cells)} cells where the header has "
                f"{len(header)} columns (a broken quote or a missing delimiter?)"
            )
        draft = build(Row(cells, index, file, number))
        if draft.event_id in seen:
            raise TollError(
                f"{file}, rows {seen[draft.event_id]} and {number}: the same event "
                f"id {draft.event_id!r} twice"
            )
        seen[draft.event_id] = number
        drafts.append(draft)
    if not drafts:
        raise TollError(f"{file}: only a header row and no events")
    return EventFile(format, drafts)


def _rows(reader, file: str):
    """The CSV reader's rows; a line it cannot read is an error naming the file and line."""
    try:
        yield from reader
    except csv.Error as error:
        raise TollError(f"{file}, line {reader.line_num}: not readable as CSV ({error})") from None


class Row:
    """One row's cells, read with errors that name the file, row and column."""

    def __init__(self, cells: list[str], index: dict[str, int], file: str, number: int):
        self.cells, self.index, self.file, self.number = cells, index, file, number

    def fail(self, column: str, reason: str) -> TollError:
        value = self.text(column) or ""
        return TollError(f"{self.file}, row {self.number}, column {column!r}: {value!r} {reason}")

    def text(self, column: str) -> str | None:
        position = self.index.get(column)
        value = self.cells[position].strip() if position is not None else ""
        return value or None

    def required(self, column: str) -> str:
        value = self.text(column)
        if value is None:
            raise self.fail(column, "is empty; every event needs it")
        return value

    def count(self, column: str, required: bool = True) -> int | None:
        value = self.text(column)
        if value is None:
            if required:
                raise self.fail(column, "is empty; give a number of deaths (0 if none)")
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.fail(column, "is not a number") from None
        if number < 0 or not math.isfinite(number) or number != int(number):
            raise self.fail(column, "is not a whole number of 0 or more")
        return int(number)

    def coordinate(self, column: str, limit: float) -> float | None:
        value = self.text(column)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.fail(column, "is not a coordinate in decimal degrees") from None
        if not -limit <= number <= limit:
            raise self.fail(column, f"is outside -{limit:g} to {limit:g}")
        return number

    def day(self, column: str) -> tuple[date, date, str | None]:
        value = self.required(column)
        if ISO_DAY.match(value):  # as exports write them: 1992-02-26, 1992-02-26 00:00:00.000
            try:
                day = date.fromisoformat(value[:10])
                return day, day, "day"
            except ValueError:
                pass
        parsed = parse_date(value)
        if parsed.earliest is None:
            raise self.fail(column, f"is not a date ({parsed.problem})")
        return parsed.earliest, parsed.latest, parsed.precision


def _ged(row: Row) -> EventDraft:
    event_id = row.required("id")
    start, _, _ = row.day("date_start")
    _, end, _ = row.day("date_end")
    if end < start:
        raise row.fail("date_end", f"is before date_start ({start.isoformat()})")
    best, low, high = row.count("best"), row.count("low"), row.count("high")
    if not low <= best <= high:
        raise row.fail("best", f"is not between low ({low}) and high ({high})")
    where = row.text("where_coordinates") or row.text("adm_1") or row.text("country")
    when = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
    who = row.text("dyad_name") or row.text("conflict_name")
    draft = EventDraft(
        row=row.number,
        event_id=event_id,
        title=f"{where}, {when}" + (f" ({who})" if who else ""),
        place=", ".join(p for p in (row.text("where_coordinates"), row.text("adm_1")) if p) or None,
        country=row.text("country"),
        latitude=row.coordinate("latitude", 90),
        longitude=row.coordinate("longitude", 180),
        date_text=when,
        earliest=start,
        latest=end,
        precision="day" if start == end else "range",
        description=row.text("source_article"),
    )
    words = f"best {best} (low {low}, high {high})"
    draft.figures.append(
        FigureDraft(
            words,
            best,
            low,
            high,
            "exact" if low == high else "range",
            None,
            "deaths (UCDP GED best estimate with low and high)",
        )
    )
    civilians = row.count("deaths_civilians", required=False)
    if civilians:
        draft.figures.append(
            FigureDraft(
                f"deaths_civilians {civilians}",
                civilians,
                None,
                None,
                "exact",
                None,
                "civilians (UCDP GED civilian deaths, part of best)",
            )
        )
    return draft


def _acled(row: Row) -> EventDraft:
    event_id = row.required("event_id_cnty")
    start, end, precision = row.day("event_date")
    fatalities = row.count("fatalities")
    where = ", ".join(p for p in (row.text("location"), row.text("admin1")) if p) or None
    kind = row.text("sub_event_type") or row.text("event_type")
    draft = EventDraft(
        row=row.number,
        event_id=event_id,
        title=f"{row.text('location') or row.text('country')}, {start.isoformat()}"
        + (f" ({kind})" if kind else ""),
        place=where,
        country=row.text("country"),
        latitude=row.coordinate("latitude", 90),
        longitude=row.coordinate("longitude", 180),
        date_text=row.required("event_date"),
        earliest=start,
        latest=end,
        precision=precision,
        description=" · ".join(p for p in (row.text("notes"), row.text("source")) if p) or None,
    )
    draft.figures.append(
        FigureDraft(
            f"fatalities {fatalities}",
            fatalities,
            None,
            None,
            "at_least",
            None,
            "fatalities (ACLED: the most conservative reported figure)",
        )
    )
    return draft
