"""The register broken down: persons by status and by sex, age group or month of the event.

Each person counts once per status their records give, with the value most of their records
give for the breakdown (as in `capture_tables`; a tie goes to the value of the earliest record).
Periods and places narrow the records first. Counted in the database (GROUP BY), so that a
register of a million persons is never read into Python.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, case, extract, func, literal, null, select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.figures.overlap import AGE_GROUPS, STRATA, list_sources
from toll.model import IncidentLink, Record, Source
from toll.names import place_key
from toll.store.access import require
from toll.store.history import last_change

BREAKDOWNS = ("sex", "age_group", "month")

# Tables whose changes leave every record, person and list as it was: the register's counts
# and breakdowns drawn before such a change still hold after it (a confirmed claim, a new
# estimate, an opened case). Changes to any other table count, including ones not named here.
BESIDE_THE_REGISTER = (
    "claims",
    "characterisations",
    "estimates",
    "users",
    "incidents",
    "incident_names",
    "incident_links",
    "cases",
    "case_reporters",
    "case_transitions",
    "remains",
    "identifications",
    "relations",
)


@dataclass
class RecordScope:
    """Which records count: events within a period, at a place (any script or spelling),
    and, when `incidents` is given, only the records attached to one of those incidents."""

    start: date | None = None
    end: date | None = None
    place: str | None = None
    incidents: tuple[int, ...] | None = None

    def holds(self, record: Record) -> bool:
        """Period and place (`conditions` also applies `incidents`, which needs the store)."""
        if self.place and record.place_key != place_key(self.place):
            return False
        if self.start or self.end:
            day = record.event_date_earliest
            if day is None or (self.start and day < self.start) or (self.end and day > self.end):
                return False
        return True

    def conditions(self) -> list[ColumnElement]:
        """`holds` as SQL conditions on records."""
        found = []
        if self.place:
            found.append(Record.place_key == place_key(self.place))
        day = Record.event_date_earliest
        if self.start:
            found.append(day >= self.start)
        if self.end:
            found.append(day <= self.end)
        if self.incidents is not None:
            attached = select(IncidentLink.record_id).where(
                IncidentLink.incident_id.in_(self.incidents),
                IncidentLink.record_id.isnot(None),
                IncidentLink.retracted_at.is_(None),
                IncidentLink.state == "attached",
            )
            found.append(Record.id.in_(attached))
        return found


@dataclass
class Breakdown:
    """{status: {value: persons}} and the lists the persons were linked from."""

    by: str | None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    lists: list[Source] = field(default_factory=list)


def register_version(session: Session) -> int:
    """The latest change that may have changed the register's counts (0 for none), for
    caches of `register_breakdown` with no scope and of the register's totals: a change to
    claims or estimates alone leaves it as it was."""
    return last_change(session, ignoring=BESIDE_THE_REGISTER)


def _year(column) -> ColumnElement:
    return extract("year", column)


def _age_group() -> ColumnElement:
    """`toll.figures.overlap.stratum_value(record, "age_group")` in SQL."""
    known = and_(
        Record.birth_year.isnot(None),
        Record.birth_year != 0,
        Record.event_date_earliest.isnot(None),
    )
    age = func.coalesce(
        Record.age, case((known, _year(Record.event_date_earliest) - Record.birth_year))
    )
    return case(
        *[(age.between(low, high), literal(label)) for low, high, label in AGE_GROUPS],
        else_=null(),
    )


def _month() -> ColumnElement:
    """The event's year and month as one number (199202), when its dates fall in one month."""
    earliest, latest = Record.event_date_earliest, Record.event_date_latest
    same = and_(
        earliest.isnot(None),
        latest.isnot(None),
        extract("month", earliest) == extract("month", latest),
    )
    return case((same, _year(earliest) * 100 + extract("month", earliest)))


def _value(by: str | None) -> ColumnElement:
    if by is None:
        return literal("all")
    if by == "month":
        return _month()
    if by == "age_group":
        return _age_group()
    if by not in STRATA:
        raise TollError(f"cannot divide by {by!r}; choose from {', '.join(STRATA)}")
    if by == "period":
        same = and_(
            Record.event_date_earliest.isnot(None),
            Record.event_date_latest.isnot(None),
            _year(Record.event_date_earliest) == _year(Record.event_date_latest),
        )
        return case((same, _year(Record.event_date_earliest)))
    return {"sex": Record.sex, "status": Record.status, "place": Record.place_key}[by]


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
    status = func.coalesce(func.nullif(Record.status, ""), "unknown")
    value = _value(by)
    # One row per person, status and value: how many records give it, and the first of them.
    given = (
        select(
            Record.person_id.label("person"),
            status.label("status"),
            value.label("value"),
            func.count().label("records"),
            func.min(Record.id).label("first"),
        )
        .where(Record.person_id.isnot(None), Record.retracted_at.is_(None), *scope.conditions())
        .group_by(Record.person_id, status, value)
        .subquery()
    )
    # The value each person's records give most often (a known value before none at all).
    rank = func.row_number().over(
        partition_by=(given.c.person, given.c.status),
        order_by=(
            case((given.c.value.is_(None), 1), else_=0),
            given.c.records.desc(),
            given.c.first,
        ),
    )
    ranked = select(given.c.status, given.c.value, rank.label("rank")).subquery()
    query = (
        select(ranked.c.status, ranked.c.value, func.count())
        .where(ranked.c.rank == 1)
        .group_by(ranked.c.status, ranked.c.value)
    )
    counts: dict[str, Counter] = {}
    for found, shown, persons in session.execute(query):
        counts.setdefault(found, Counter())[_label(shown, by)] += persons
    return Breakdown(
        by,
        {status: dict(sorted(c.items())) for status, c in sorted(counts.items())},
        list_sources(session),
    )


def _label(value, by: str | None) -> str:
    if value is None:
        return "unknown"
    if by == "month":
        return f"{int(value) // 100:04d}-{int(value) % 100:02d}"
    return str(int(value)) if by == "period" else str(value)
