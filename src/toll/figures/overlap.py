"""How the lists overlap: which sources list each person, overall or by stratum.

This is the input of multiple systems estimation (`toll.estimates`): one capture pattern per
person (1 for each list that records them), counted.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.estimates import CaptureTable
from toll.model import Record, Source
from toll.store.access import require

# What a register can be divided by, and how a record gives its value.
STRATA = ("status", "sex", "age_group", "period", "place")
AGE_GROUPS = ((0, 17, "0-17"), (18, 59, "18-59"), (60, 200, "60+"))


def stratum_value(record: Record, by: str) -> str | None:
    """The record's value for one stratum dimension, or None when it does not say."""
    if by == "status":
        return record.status
    if by == "sex":
        return record.sex
    if by == "place":
        return record.place_key
    if by == "period":
        day = record.event_date_earliest
        same_year = day and record.event_date_latest and day.year == record.event_date_latest.year
        return str(day.year) if same_year else None
    if by == "age_group":
        return _age_group(record)
    raise TollError(f"cannot divide by {by!r}; choose from {', '.join(STRATA)}")


def _age_group(record: Record) -> str | None:
    age = record.age
    if age is None and record.birth_year and record.event_date_earliest:
        age = record.event_date_earliest.year - record.birth_year
    if age is None:
        return None
    return next((label for low, high, label in AGE_GROUPS if low <= age <= high), None)


def list_sources(session: Session) -> list[Source]:
    """Sources that are lists with linked records, in the order they were added."""
    query = (
        select(Source)
        .where(Source.id.in_(select(Record.source_id).where(Record.person_id.isnot(None))))
        .where(Source.retracted_at.is_(None))
        .order_by(Source.id)
    )
    return list(session.scalars(query))


def capture_tables(
    session: Session,
    by: Sequence[str] = (),
    *,
    lists: Sequence[int] | None = None,
) -> dict[str, CaptureTable]:
    """Capture tables of the register: {"all": table} or one per stratum ("status=killed")."""
    require(session, "read")
    sources = [s for s in list_sources(session) if lists is None or s.id in lists]
    if not sources:
        raise TollError("no linked lists in the store: import lists and run `toll link` first")
    position = {source.id: index for index, source in enumerate(sources)}
    captured: dict[int, set[int]] = defaultdict(set)
    values: dict[int, list[Counter]] = defaultdict(lambda: [Counter() for _ in by])
    query = select(Record).where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
    for record in session.scalars(query.execution_options(yield_per=5000)):
        if record.source_id in position:
            captured[record.person_id].add(position[record.source_id])
            for counter, dimension in zip(values[record.person_id], by, strict=True):
                counter[stratum_value(record, dimension)] += 1
    patterns: dict[str, Counter] = defaultdict(Counter)
    for person_id, seen in captured.items():
        label = _stratum_label(by, values[person_id]) if by else "all"
        patterns[label][tuple(int(i in seen) for i in range(len(sources)))] += 1
    names = _list_names(sources)
    return {
        label: CaptureTable.from_mapping(names, counts)
        for label, counts in sorted(patterns.items())
    }


def _stratum_label(by: Sequence[str], counters: list[Counter]) -> str:
    """The person's stratum: for each dimension the value most of its records give."""
    parts = []
    for dimension, counter in zip(by, counters, strict=True):
        known = Counter({value: n for value, n in counter.items() if value is not None})
        parts.append(f"{dimension}={known.most_common(1)[0][0] if known else 'unknown'}")
    return ",".join(parts)


def _list_names(sources: list[Source]) -> list[str]:
    names = [source.file_name.rsplit(".", 1)[0] for source in sources]
    if len(set(names)) < len(names):
        names = [f"{name}#{source.id}" for name, source in zip(names, sources, strict=True)]
    return names
