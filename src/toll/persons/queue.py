"""The review queue as a reviewer reads it: each pair's two records with their file and row.

Users without the personal-data grant see the pairs without names; a named view is written to
the audit trail here.
"""

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.model import CandidatePair, Person, Record, Source
from toll.persons.reviewing import review_queue
from toll.records.display import born_text, record_name
from toll.store.access import RESTRICTED, may_see_personal_data, require
from toll.store.history import log_event


@dataclass
class PairSide:
    """One record of a pair waiting for review; without the grant, only its source and row."""

    record_id: int
    name: str
    born: str | None
    age: int | None
    place: str | None
    source: str  # file name
    row: int
    sex: str | None = None
    status: str | None = None
    event_date: str | None = None  # as the list writes it
    person: str | None = None  # the label of the person the record is in now (P-00417)
    person_records: int = 0  # how many records that person holds: a reason may lie in them


@dataclass
class PairView:
    """A pair linkage was unsure of, as a reviewer reads it."""

    a: PairSide
    b: PairSide
    joined: bool  # whether the two records are one person now
    probability: float
    weight: float
    field_weights: dict[str, float | None]
    why: str | None  # why it waits for a person's eye

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"record_a": self.a.record_id, "record_b": self.b.record_id}
        for side in ("a", "b"):
            values = asdict(getattr(self, side))
            del values["record_id"]
            row |= {f"{key}_{side}": value for key, value in values.items()}
        return row | {key: value for key, value in asdict(self).items() if key not in ("a", "b")}


def review_pairs(session: Session, limit: int | None = 50) -> list[PairView]:
    """The pairs of the latest linkage run that wait for a reviewer, surest first. Users
    without the personal-data grant see them without names; a named view is audited."""
    require(session, "read")
    named = may_see_personal_data(session)
    waiting = review_queue(session, limit)
    records = _records_of(session, waiting)
    persons = _persons_of(session, records.values())
    pairs = [_pair_view(session, pair, records, persons, named) for pair in waiting]
    if named and pairs:
        log_event(session, "view", "candidate_pairs", None, note=f"review: {len(pairs)} pairs")
    return pairs


def _records_of(session: Session, pairs: list[CandidatePair]) -> dict[int, Record]:
    ids = {id_ for pair in pairs for id_ in (pair.record_a_id, pair.record_b_id)}
    found = session.scalars(select(Record).where(Record.id.in_(ids)))
    return {record.id: record for record in found}


def _persons_of(session: Session, records) -> dict[int, tuple[str, int]]:
    """Each person of `records`: its label and how many current records it holds (one query)."""
    ids = {record.person_id for record in records if record.person_id is not None}
    query = (
        select(Person.id, Person.label, func.count(Record.id))
        .join(Record, (Record.person_id == Person.id) & Record.retracted_at.is_(None))
        .where(Person.id.in_(ids))
        .group_by(Person.id, Person.label)
    )
    return {id_: (label, count) for id_, label, count in session.execute(query)}


def _pair_view(
    session: Session, pair: CandidatePair, records: dict[int, Record], persons, named: bool
) -> PairView:
    a, b = records[pair.record_a_id], records[pair.record_b_id]
    return PairView(
        _side(session, a, persons, named),
        _side(session, b, persons, named),
        a.person_id is not None and a.person_id == b.person_id,
        round(pair.match_probability, 3),
        pair.match_weight,
        pair.field_weights,
        pair.review_reason,
    )


def _side(
    session: Session, record: Record, persons: dict[int, tuple[str, int]], named: bool
) -> PairSide:
    source = session.get(Source, record.source_id)
    side = PairSide(record.id, RESTRICTED, None, None, None, source.file_name, record.row_number)
    if named:
        side.name, side.born = record_name(record), born_text(record)
        side.age, side.place = record.age, record.place
        side.event_date = record.event_date
    side.sex, side.status = record.sex, record.status
    if record.person_id in persons:
        side.person, side.person_records = persons[record.person_id]
    return side
