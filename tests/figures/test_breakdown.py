"""The register's breakdown counted in SQL gives what counting every record in Python gave:
one person once per status, with the value most of their records give (a tie to the earliest
record's), whatever mix of missing ages, dates, sexes and statuses the records hold."""

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from toll.errors import TollError
from toll.figures.breakdown import (
    BREAKDOWNS,
    RecordScope,
    register_breakdown,
    register_breakdowns,
    tally,
)
from toll.figures.overlap import stratum_value
from toll.model import Person, Record
from toll.sources import SourceMetadata
from toll.sources.store import store_original


def _python_value(record: Record, by: str | None) -> str | None:
    if by is None:
        return "all"
    if by == "month":
        day = record.event_date_earliest
        latest = record.event_date_latest
        same = day and latest and (day.year, day.month) == (latest.year, latest.month)
        return f"{day.year:04d}-{day.month:02d}" if same else None
    return stratum_value(record, by)


def counted_in_python(session, by, scope):
    """The breakdown as it was first written: every record read, counted in Python."""
    values: dict[tuple[int, str], Counter] = defaultdict(Counter)
    query = select(Record).where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
    for record in session.scalars(query.order_by(Record.id)):
        if scope.holds(record):
            values[(record.person_id, record.status or "unknown")][_python_value(record, by)] += 1
    counts: dict[str, Counter] = defaultdict(Counter)
    for (_, status), found in values.items():
        known = Counter({value: n for value, n in found.items() if value is not None})
        counts[status][known.most_common(1)[0][0] if known else "unknown"] += 1
    return {status: dict(sorted(c.items())) for status, c in sorted(counts.items())}


def _record(i: int, person: int | None, source_id: int, rng: random.Random) -> dict:
    first = date(1992, 1, 20) + timedelta(days=rng.randint(0, 800))
    last = first + timedelta(days=rng.choice([0, 0, 3, 20, 40, 366]))
    undated = rng.random() < 0.15
    return {
        "id": i,
        "source_id": source_id,
        "row_number": i,
        "original": {},
        "person_id": person,
        "full_name": f"Person {person}",
        "sex": rng.choice(["male", "female", None, ""]),
        "age": rng.choice([None, None, 3, 17, 18, 59, 60, 95, -2, 230]),
        "birth_year": rng.choice([None, 1930, 1975, 1990, 2010]),
        "event_date_earliest": None if undated else first,
        "event_date_latest": None if undated or rng.random() < 0.1 else last,
        "status": rng.choice(["killed", "killed", "missing", None, ""]),
        "place_key": rng.choice(["xocali", "susa", None]),
        "retracted_at": None if rng.random() > 0.05 else date(2024, 1, 1),
        "warnings": [],
    }


@pytest.fixture(params=[120, 900], ids=["most with several records", "most with one"])
def varied(store, request):
    rng = random.Random(14)
    persons = request.param
    with store.session() as session:
        source = store_original(
            session, b"stand-in", "list.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        session.execute(
            insert(Person), [{"id": i, "label": f"P-{i:05d}"} for i in range(1, persons + 1)]
        )
        rows = [
            _record(i, rng.choice([None, *range(1, persons + 1)]), source.id, rng)
            for i in range(1, 601)
        ]
        session.execute(insert(Record), rows)
    return store


SCOPES = [
    RecordScope(),
    RecordScope(start=date(1992, 6, 1)),
    RecordScope(start=date(1992, 3, 1), end=date(1993, 1, 31)),
    RecordScope(place="Xocalı"),
]


@pytest.mark.parametrize("by", [None, *BREAKDOWNS, "period", "place", "status"])
def test_sql_breakdown_gives_what_python_counting_gave(varied, by):
    with varied.session() as session:
        for scope in SCOPES:
            expected = counted_in_python(session, by, scope)
            assert tally(session, by, scope).counts == expected, (by, scope)
            assert register_breakdown(session, by, scope).counts == expected


def test_breakdowns_counted_together_give_what_each_alone_gave(varied):
    bys = (None, *BREAKDOWNS, "period", "place", "status")
    with varied.session() as session:
        for scope in SCOPES:
            together = register_breakdowns(session, bys, scope)
            for by in bys:
                assert together.by[by].counts == counted_in_python(session, by, scope), by
            persons = {
                record.person_id
                for record in session.scalars(select(Record))
                if record.person_id and record.retracted_at is None and scope.holds(record)
            }
            assert together.persons == len(persons)
            everyone = counted_in_python(session, None, scope)
            assert together.persons_by_status == {s: v["all"] for s, v in everyone.items()}


def test_a_tie_goes_to_the_earliest_record(store):
    with store.session() as session:
        source = store_original(
            session, b"stand-in", "list.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        session.execute(insert(Person), [{"id": 1, "label": "P-00001"}])
        rows = [
            {
                "id": i,
                "source_id": source.id,
                "row_number": i,
                "original": {},
                "person_id": 1,
                "sex": sex,
                "status": "killed",
                "warnings": [],
            }
            for i, sex in ((1, "female"), (2, "male"), (3, None))
        ]
        session.execute(insert(Record), rows)
        assert tally(session, "sex").counts == {"killed": {"female": 1}}
        assert [s.file_name for s in tally(session, "sex").lists] == ["list.csv"]


def test_dates_a_year_apart_in_the_same_month_give_no_month(store):
    with store.session() as session:
        source = store_original(
            session, b"stand-in", "list.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        session.execute(insert(Person), [{"id": 1, "label": "P-00001"}, {"id": 2, "label": "P-2"}])
        spans = ((1, date(2020, 3, 1), date(2021, 3, 31)), (2, date(2020, 3, 2), date(2020, 3, 9)))
        rows = [
            {"id": i, "source_id": source.id, "row_number": i, "original": {}, "person_id": i,
             "status": "killed", "warnings": [], "event_date_earliest": first,
             "event_date_latest": last}
            for i, first, last in spans
        ]
        session.execute(insert(Record), rows)
        assert tally(session, "month").counts == {"killed": {"2020-03": 1, "unknown": 1}}


def test_an_unknown_breakdown_is_refused(store):
    with store.session() as session, pytest.raises(TollError, match="cannot divide by"):
        tally(session, "colour")
