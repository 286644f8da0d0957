"""The register broken down: persons by status and by sex, age group or month of the event.

Each person counts once per status their records give, with the value most of their records
give for the breakdown (as in `capture_tables`; a tie goes to the value of the earliest record).
Periods and places narrow the records first. Counted in the database (GROUP BY), so that a
register of a million persons is never read into Python, all breakdowns in one pass
(`register_breakdowns`).

The whole register's counts (no period, place or incident) are stored under the register's
version (`register_version`, table `register_tallies`): a read looks them up, and one that
finds none for the version it sees counts them (and writes nothing). After the changes that move
many persons — `toll link`, `toll import`, a list imported or a decision made in the workspace —
`keep_register_tallies` counts them once the change is committed (the workspace does it after
its answer is sent), so that the next dashboard, `toll figures` or report is a lookup and the
change itself waits for no count.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    delete,
    extract,
    func,
    literal,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from toll.errors import TollError
from toll.figures.overlap import AGE_GROUPS, STRATA, list_sources
from toll.model import IncidentLink, Record, RegisterTally, Source
from toll.model.base import utcnow
from toll.names import place_key
from toll.store import Store
from toll.store.access import require
from toll.store.history import last_change

BREAKDOWNS = ("sex", "age_group", "month")
STORED = (None, *BREAKDOWNS)  # the whole register's tallies, stored at each change of it

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


@dataclass
class Breakdowns:
    """Persons in the register (each once) and `Breakdown`s of them, counted together."""

    persons: int
    by: dict[str | None, Breakdown]

    @property
    def persons_by_status(self) -> dict[str, int]:
        """{status: persons} (`by[None]`; a person whose records give two statuses counts
        under each)."""
        return {status: values["all"] for status, values in self.by[None].counts.items()}


def register_version(session: Session) -> int:
    """The latest change that may have changed the register's counts (0 for none), for
    caches of `register_breakdown` with no scope and of the register's totals: a change to
    claims or estimates alone leaves it as it was."""
    return last_change(session, ignoring=BESIDE_THE_REGISTER)


class _DatePart(FunctionElement):
    """EXTRACT(part FROM day), as `date_part` on PostgreSQL: the same number as a float, where
    EXTRACT gives a numeric, far slower to compute (a second over a million records)."""

    type = Integer()
    inherit_cache = True
    part = ""


class _Year(_DatePart):
    inherit_cache = True
    part = "year"


class _Month(_DatePart):
    inherit_cache = True
    part = "month"


@compiles(_DatePart)
def _extract(element: _DatePart, compiler, **kw) -> str:
    return compiler.process(extract(element.part, *element.clauses), **kw)


@compiles(_DatePart, "postgresql")
def _date_part(element: _DatePart, compiler, **kw) -> str:
    return f"date_part('{element.part}', {compiler.process(element.clauses, **kw)})"


def _year(column) -> ColumnElement:
    return _Year(column)


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
        _year(earliest) == _year(latest),
        _Month(earliest) == _Month(latest),
    )
    return case((same, _year(earliest) * 100 + _Month(earliest)))


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


def register_breakdowns(
    session: Session,
    bys: Sequence[str | None] = (None, *BREAKDOWNS),
    scope: RecordScope | None = None,
) -> Breakdowns:
    """`register_breakdown` by each of `bys`, counted in one pass over the records, and how
    many persons they are."""
    require(session, "read")
    return tallies(session, bys, scope)


def tally(session: Session, by: str | None = None, scope: RecordScope | None = None) -> Breakdown:
    """`register_breakdown` without the access check, for outputs that publish nothing but
    these counts, suppressed (`toll.figures.public`)."""
    return tallies(session, (by,), scope).by[by]


def tallies(
    session: Session, bys: Sequence[str | None], scope: RecordScope | None = None
) -> Breakdowns:
    """`register_breakdowns` without the access check (as `tally`): of the whole register,
    the ones stored at its version (`stored_tallies`), else counted (`count_tallies`)."""
    bys = tuple(dict.fromkeys(bys))
    if (scope is None or scope == RecordScope()) and set(bys) <= set(STORED):
        whole = stored_tallies(session)
        return Breakdowns(whole.persons, {by: whole.by[by] for by in bys})
    return count_tallies(session, bys, scope)


def stored_tallies(session: Session) -> Breakdowns:
    """The whole register's `STORED` tallies at the version of it this session sees: as they
    were stored at that version, else counted now (a read never writes: it would wait for
    any writer's lock on SQLite; `keep_register_tallies` stores them)."""
    counts = _stored_counts(session, register_version(session))
    if counts is None:
        return count_tallies(session, STORED)
    return _tallies_of(counts, list_sources(session))


def _stored_counts(session: Session, version: int) -> dict | None:
    query = select(RegisterTally.counts).where(RegisterTally.version == version)
    return session.scalar(query)


def store_tallies(session: Session, version: int) -> Breakdowns:
    """Count the whole register's `STORED` tallies and store them under `version` (the
    version this session sees; kept if another transaction stored them first); the ones of
    older versions, never read again, are dropped."""
    found = count_tallies(session, STORED)
    row = {"version": version, "counts": _counts_of(found), "counted_at": utcnow()}
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(delete(RegisterTally).where(RegisterTally.version < version))
    session.execute(insert(RegisterTally).values(row).on_conflict_do_nothing())
    return found


def keep_register_tallies(store: Store) -> None:
    """Count and store the whole register's tallies at its version, unless they are stored
    already, in a transaction of its own: called after a change of the register was committed
    (`toll link`, `toll import`, a decision in the workspace), so that the next read is a
    lookup."""
    with store.session() as session:
        version = register_version(session)
        if _stored_counts(session, version) is None:
            store_tallies(session, version)


def _counts_of(found: Breakdowns) -> dict:
    """Breakdowns as stored: their counts (the lists are read when they are shown)."""
    return {"persons": found.persons, "by": [[by, b.counts] for by, b in found.by.items()]}


def _tallies_of(counts: dict, lists: list[Source]) -> Breakdowns:
    by = {
        name: Breakdown(
            name,
            {status: dict(sorted(c.items())) for status, c in sorted(found.items())},
            lists,
        )
        for name, found in counts["by"]
    }
    return Breakdowns(counts["persons"], by)


def count_tallies(
    session: Session, bys: Sequence[str | None], scope: RecordScope | None = None
) -> Breakdowns:
    """`tallies` counted in the store, never stored.

    One statement, one pass over the records. The records of a person with one record in
    scope are counted together, grouped by status and values (such a person has the value
    their record gives), without a group per person: only persons with more than one record
    are grouped one by one, and their value chosen per status from what their records give
    (see the module's docstring)."""
    scope = scope or RecordScope()
    bys = tuple(dict.fromkeys(bys))
    valued = [by for by in bys if by is not None]
    status = func.coalesce(func.nullif(Record.status, ""), "unknown")
    held = func.count().over(partition_by=Record.person_id)  # the person's records in scope
    records = (
        select(
            Record.person_id.label("person"),
            Record.id.label("id"),
            status.label("status"),
            held.label("held"),
            *[_value(by).label(f"v{i}") for i, by in enumerate(valued)],
        )
        .where(Record.person_id.isnot(None), Record.retracted_at.is_(None), *scope.conditions())
        .subquery()
    )
    values = [records.c[f"v{i}"] for i in range(len(valued))]
    # One row per status and values for the persons with one record (person null), one per
    # person, status and values for the others: how many records give them, and the first.
    shared = case((records.c.held > 1, records.c.person))
    combos = (
        select(
            records.c.status,
            shared.label("person"),
            *values,
            func.count().label("records"),
            func.min(records.c.id).label("first"),
        )
        .group_by(records.c.status, shared, *values)
        .cte("combos")
        .prefix_with("MATERIALIZED")  # read by every part below, drawn once
    )
    alone, together = combos.c.person.is_(None), combos.c.person.isnot(None)
    # The persons with several records, with how many different rows of values their records
    # give per status: with one, the records agree on every value and need no ranking.
    kinds = func.count().over(partition_by=(combos.c.person, combos.c.status))
    shared = (
        select(*combos.c, kinds.label("kinds"))
        .where(together)
        .cte("shared")
        .prefix_with("MATERIALIZED")
    )
    agree, differ = shared.c.kinds == 1, shared.c.kinds > 1

    def part(number: int, status, persons, value=None):
        """The columns of every part: which part, the status, the value (in the column of its
        breakdown, the others null) and the persons."""
        cells = [cast(null(), column.type) for column in values]  # typed, for PostgreSQL
        if value is not None:
            cells[number - 1] = value
        return select(literal(number), status, *cells, persons)

    one, each = func.sum(combos.c.records), func.count(func.distinct(combos.c.person))
    parts = [  # 0: persons by status; -1: persons
        part(0, combos.c.status, one).where(alone).group_by(combos.c.status),
        part(0, combos.c.status, each).where(together).group_by(combos.c.status),
        part(-1, null(), one).where(alone),
        part(-1, null(), each).where(together),
    ]
    for number in range(1, len(valued) + 1):
        value, theirs = combos.c[f"v{number - 1}"], shared.c[f"v{number - 1}"]
        parts += [
            part(number, combos.c.status, one, value).where(alone).group_by(combos.c.status, value),
            part(number, shared.c.status, func.count(), theirs)
            .where(agree)
            .group_by(shared.c.status, theirs),
        ]
        given = (
            select(
                shared.c.person,
                shared.c.status,
                theirs.label("value"),
                func.sum(shared.c.records).label("records"),
                func.min(shared.c.first).label("first"),
            )
            .where(differ)
            .group_by(shared.c.person, shared.c.status, theirs)
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
        parts.append(
            part(number, ranked.c.status, func.count(), ranked.c.value)
            .where(ranked.c.rank == 1)
            .group_by(ranked.c.status, ranked.c.value)
        )
    counts: dict[str | None, dict[str, Counter]] = {by: {} for by in bys}
    persons = 0
    if session.get_bind().dialect.name == "postgresql":
        # compiling the statement's expressions (JIT) took longer than running it: 2 s of 4
        session.execute(text("SET LOCAL jit = off"))
    for number, found, *cells, many in session.execute(union_all(*parts)):
        many = int(many or 0)  # a sum is a decimal on PostgreSQL
        if number == -1:
            persons += many
        elif number == 0:
            if None in counts:
                counts[None].setdefault(found, Counter())["all"] += many
        else:
            by = valued[number - 1]
            counts[by].setdefault(found, Counter())[_label(cells[number - 1], by)] += many
    lists = list_sources(session)
    return Breakdowns(
        persons,
        {
            by: Breakdown(
                by,
                {status: dict(sorted(c.items())) for status, c in sorted(counts[by].items())},
                lists,
            )
            for by in bys
        },
    )


def _label(value, by: str | None) -> str:
    if value is None:
        return "unknown"
    if by == "month":
        return f"{int(value) // 100:04d}-{int(value) % 100:02d}"
    return str(int(value)) if by == "period" else str(value)
