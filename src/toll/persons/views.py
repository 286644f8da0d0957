"""What people see of the register, with the rules about personal data applied here.

Every function takes the session (its actor is the acting user) and returns plain data: each
record with the source file and row it came from. Users without the personal-data grant see
RESTRICTED instead of names (or are refused where a view is all personal data), and every view
of personal data is written to the audit trail here, so the CLI, the web and reports need not.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import CandidatePair, Record, Source
from toll.persons.export import record_fields
from toll.persons.lookup import (
    PersonFilter,
    count_persons,
    find_persons,
    find_similar_persons,
    get_person,
    person_decisions,
    person_kept_apart,
    person_links,
    person_records,
    records_by_person,
    unlinked_records,
)
from toll.persons.reviewing import DecisionView
from toll.records.display import born_text, record_name
from toll.store.access import RESTRICTED, may_see_personal_data
from toll.store.history import log_event


@dataclass
class RecordView:
    """One record of a person: where it came from (file and row), and what it says."""

    record_id: int
    source_file: str
    row: int
    source_id: int
    name: str
    born: str | None
    values: dict[str, Any]  # toll.model.record.PERSON_FIELDS as the record gives them
    original: dict[str, Any]  # the row as read, header -> cell
    warnings: list[str]

    @classmethod
    def of(cls, record: Record, source: Source) -> "RecordView":
        return cls(
            record.id,
            source.file_name,
            record.row_number,
            source.id,
            record_name(record),
            born_text(record),
            record_fields(record),
            record.original,
            record.warnings or [],
        )

    def to_dict(self) -> dict[str, Any]:
        head = {k: v for k, v in asdict(self).items() if k not in ("values", "original")}
        warnings = head.pop("warnings")
        return head | self.values | {"original": self.original, "warnings": warnings}


@dataclass
class LinkView:
    """A scored pair inside a person: why its two records were joined."""

    record_a: int
    record_b: int
    probability: float
    weight: float
    field_weights: dict[str, float | None]  # match weight per field; + for, - against

    @classmethod
    def of(cls, pair: CandidatePair) -> "LinkView":
        return cls(
            pair.record_a_id,
            pair.record_b_id,
            round(pair.match_probability, 3),
            pair.match_weight,
            pair.field_weights,
        )


@dataclass
class KeptApart:
    """A strong link the consistency check cut: the other record's facts contradict this
    person's (birth year, sex). It waits for review; `toll decide` settles it."""

    record: int  # this person's record
    other_record: int
    probability: float
    reason: str

    @classmethod
    def of(cls, pair: CandidatePair, ids: set[int]) -> "KeptApart":
        mine = pair.record_a_id if pair.record_a_id in ids else pair.record_b_id
        other = pair.record_b_id if mine == pair.record_a_id else pair.record_a_id
        return cls(mine, other, round(pair.match_probability, 3), pair.review_reason or "")


@dataclass
class Retraction:
    at: datetime
    by: str | None
    reason: str | None


@dataclass
class PersonView:
    """One person: every record side by side with its source, why joined, and decisions."""

    person_id: str  # the label, P-00417
    name: str | None
    retracted: Retraction | None
    records: list[RecordView]
    links: list[LinkView]
    decisions: list[DecisionView]
    kept_apart: list[KeptApart] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "name": self.name,
            "retracted": None if self.retracted is None else asdict(self.retracted),
            "records": [record.to_dict() for record in self.records],
            "links": [asdict(link) for link in self.links],
            "decisions": [made.to_dict() for made in self.decisions],
            "kept_apart": [asdict(pair) for pair in self.kept_apart],
        }


def person_view(session: Session, reference: str) -> PersonView:
    """The person labelled `reference` (P-00417, P-417 or its number), for a user with the
    personal-data grant (others are refused); the view is written to the audit trail."""
    found = get_person(session, reference)
    gone = found.retracted_at
    records = person_records(session, found)
    ids = {record.id for record, _ in records}
    shown = PersonView(
        found.label,
        found.display_name,
        None if gone is None else Retraction(gone, found.retracted_by, found.retraction_reason),
        [RecordView.of(record, source) for record, source in records],
        [LinkView.of(pair) for pair in person_links(session, found, records)],
        [DecisionView.of(made) for made in person_decisions(session, found, records)],
        [KeptApart.of(pair, ids) for pair in person_kept_apart(session, found, records)],
    )
    # written last, in the same transaction: a store that takes one writer at a time (SQLite)
    # is held for the rest of the request only, not for the reading too
    log_event(session, "view", "persons", found.id)
    return shown


@dataclass
class PersonRow:
    """A person found by a search."""

    person_id: str
    name: str | None  # RESTRICTED for users without the personal-data grant; None: no name
    records: int
    sources: list[str]  # file names
    statuses: list[str]


@dataclass
class PersonSearch:
    persons: list[PersonRow]
    total: int  # how many match, however many are shown
    similar: bool  # no record spells the name so; these are close spellings
    unlinked: int  # records not linked into persons yet
    at_least: bool = False  # counting stopped at `total`: more persons may match

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def search_persons(
    session: Session,
    where: PersonFilter,
    limit: int = 100,
    offset: int = 0,
    count_up_to: int | None = None,
) -> PersonSearch:
    """Persons matching every condition of `where` (a name in any script, status, sex, ages,
    place, source); close spellings when no record spells the name so. Searching by name needs
    the personal-data grant; without it, names are RESTRICTED. Views of names are audited.
    `offset` skips that many persons (pages of results); `count_up_to` stops counting the
    matches there (`at_least` says so)."""
    if where.age_min is not None and where.age_max is not None and where.age_min > where.age_max:
        raise TollError(
            f"--age-min {where.age_min} is above --age-max {where.age_max}; no age is both, so "
            "give the younger age to --age-min"
        )
    named = may_see_personal_data(session)
    found = find_persons(session, where, limit, offset)
    total = len(found)
    if len(found) == limit or offset:
        total = count_persons(session, where, count_up_to)
    similar = not found and not offset and bool(where.name)
    if similar:  # no record spells the name so: look for close spellings
        found = find_similar_persons(session, where, limit)
        total = len(found)
    rows = []
    records_of = records_by_person(session, found) if found else {}
    for person in found:
        records = records_of[person.id]
        rows.append(
            PersonRow(
                person.label,
                person.display_name if named else RESTRICTED,
                len(records),
                sorted({file_name for _, file_name in records}),
                sorted({status for status, _ in records if status}),
            )
        )
    at_least = count_up_to is not None and total >= count_up_to and not similar
    result = PersonSearch(rows, total, similar, unlinked_records(session), at_least)
    if named and rows:  # written last, as in person_view
        log_event(session, "view", "persons", None, note=f"search: {len(rows)} persons")
    return result
