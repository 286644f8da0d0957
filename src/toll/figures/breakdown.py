"""The register broken down: persons by status and by sex, age group or month of the event.

Each person counts once per status their records give, with the value most of their records
give for the breakdown (as in `capture_tables`). Periods and places narrow the records first.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.figures.overlap import list_sources, stratum_value
from toll.model import Record, Source
from toll.names import place_key
from toll.store.access import require

BREAKDOWNS = ("sex", "age_group", "month")


@dataclass
class RecordScope:
    """Which records count: events within a period, at a place (any script or spelling)."""

    start: date | None = None
    end: date | None = None
    place: str | None = None

    def holds(self, record: Record) -> bool:
        if self.place and record.place_key != place_key(self.place):
            return False
        if self.start or self.end:
            day = record.event_date_earliest
            if day is None or (self.start and day < self.start) or (self.end and day > self.end):
                return False
        return True


@dataclass
class Breakdown:
    """{status: {value: persons}} and the lists the persons were linked from."""

    by: str | None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    lists: list[Source] = field(default_factory=list)


def _value(record: Record, by: str | None) -> str | None:
    if by is None:
        return "all"
    if by == "month":
        day = record.event_date_earliest
        same = day and record.event_date_latest and day.month == record.event_date_latest.month
        return f"{day.year:04d}-{day.month:02d}" if same else None
    return stratum_value(record, by)


def register_breakdown(
    session: Session, by: str | None = None, scope: RecordScope | None = None
) -> Breakdown:
    """Persons in the register by status, and by `by` (one of BREAKDOWNS) when given."""
    require(session, "read")
    return tally(session, by, scope)


def tally(session: Session, by: str | None = None, scope: RecordScope | None = None) -> Breakdown:
    """`register_breakdown` without the access check, for outputs that publish nothing but
    these counts, suppressed (`toll.figures.public`)."""
    scope = scope or RecordScope()
    query = select(Record).where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
    values: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for record in session.scalars(query.execution_options(yield_per=5000)):
        if scope.holds(record):
            values[(record.person_id, record.status or "unknown")][_value(record, by)] += 1
    counts: dict[str, Counter] = defaultdict(Counter)
    for (_, status), found in values.items():
        known = Counter({value: n for value, n in found.items() if value is not None})
        counts[status][known.most_common(1)[0][0] if known else "unknown"] += 1
    return Breakdown(
        by,
        {status: dict(sorted(c.items())) for status, c in sorted(counts.items())},
        list_sources(session),
    )
