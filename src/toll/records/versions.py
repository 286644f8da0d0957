"""Lists that change: a source retracted with everything read from it, a list replaced by its
revised version (decisions and persons carried over), and near-copies caught at import.

Nothing is deleted: retracted rows stay in the store and in history with their reason; counts,
linkage and estimates leave them out.
"""

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import Claim, MatchDecision, Person, Record, Source
from toll.model.base import utcnow
from toll.store.access import get_readable, require
from toll.store.history import log_event, retract

NEAR_COPY = 0.8  # share of rows equal to an earlier list's that makes a file a near-copy


@dataclass
class Retracted:
    """What a source's retraction took out of counts, linkage and estimates."""

    source: int
    reason: str
    claims: int
    records: int
    persons: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def retract_source(session: Session, source_id: int, reason: str) -> Retracted:
    """Retract a source with its claims and records (kept, marked retracted with the reason);
    persons left with no standing record are retracted too."""
    require(session, "edit")
    source = get_readable(session, Source, source_id, "source", "`toll source list` shows them")
    if source.retracted_at is not None:
        raise TollError(
            f"source {source.id} was retracted already ({source.retraction_reason}); "
            "`toll source show` shows it"
        )
    retract(session, source, reason)
    stamp = {
        "retracted_at": utcnow(),
        "retracted_by": session.info.get("actor", "unknown"),
        "retraction_reason": f"source {source.id} retracted: {reason.strip()}",
    }
    claims = _retract_rows(session, Claim, source.id, stamp)
    persons = set(
        session.scalars(
            select(Record.person_id).where(
                Record.source_id == source.id,
                Record.retracted_at.is_(None),
                Record.person_id.isnot(None),
            )
        )
    )
    records = _retract_rows(session, Record, source.id, stamp)
    emptied = _retract_empty_persons(session, persons, stamp)
    log_event(
        session,
        "retract",
        "sources",
        source.id,
        after={"claims": claims, "records": records, "persons": emptied},
        note=reason.strip(),
    )
    session.flush()
    return Retracted(source.id, reason.strip(), claims, records, emptied)


def _retract_rows(session: Session, table, source_id: int, stamp: dict) -> int:
    """Mark the standing rows of one source retracted in bulk (one audit event covers them)."""
    query = (
        update(table)
        .where(table.source_id == source_id, table.retracted_at.is_(None))
        .values(**stamp)
        .execution_options(synchronize_session=False)
    )
    return session.execute(query).rowcount or 0


def _retract_empty_persons(session: Session, person_ids: set[int], stamp: dict) -> int:
    standing = set(
        session.scalars(
            select(Record.person_id)
            .where(Record.person_id.in_(person_ids), Record.retracted_at.is_(None))
            .distinct()
        )
    )
    empty = person_ids - standing
    if not empty:
        return 0
    query = (
        update(Person)
        .where(Person.id.in_(empty), Person.retracted_at.is_(None))
        .values(
            **{**stamp, "retraction_reason": "no standing record: " + stamp["retraction_reason"]}
        )
        .execution_options(synchronize_session=False)
    )
    return session.execute(query).rowcount or 0


def row_key(original: dict[str, Any]) -> str:
    """A row as written (headers and cells), to tell equal rows of two files."""
    return json.dumps({str(k).strip(): str(v).strip() for k, v in original.items()}, sort_keys=True)


def near_copy(session: Session, originals: list[dict], file: str) -> None:
    """Refuse a list whose rows mostly equal a standing list's: it is most likely a revised
    version of it (--replaces ID) or, rarely, another list after all (--new-list)."""
    if not originals:
        return
    new = Counter(row_key(row) for row in originals)
    query = (
        select(Record.source_id, Record.original)
        .join(Source, Source.id == Record.source_id)
        .where(Source.retracted_at.is_(None), Record.retracted_at.is_(None))
        .execution_options(yield_per=20_000)
    )
    shared: Counter = Counter()
    sizes: Counter = Counter()
    for source_id, original in session.execute(query):
        sizes[source_id] += 1
        if row_key(original or {}) in new:
            shared[source_id] += 1
    for source_id, equal in shared.most_common(1):
        if equal >= NEAR_COPY * min(len(originals), sizes[source_id]):
            earlier = session.get(Source, source_id)
            raise TollError(
                f"{file}: {equal} of its {len(originals)} rows equal rows of source "
                f"{source_id} ({earlier.file_name}); if it is a revised version of that list, "
                f"import it with --replaces {source_id}; if it is another list, with --new-list"
            )


def carry_over(session: Session, old: Source, new: Source) -> dict[str, int]:
    """Give the new version's records the persons of their equal rows in the old version, and
    carry the reviewers' decisions on those rows to them."""
    match = _matching_records(session, old.id, new.id)
    for new_id, person_id in match.values():
        if person_id is not None:
            session.execute(update(Record).where(Record.id == new_id).values(person_id=person_id))
    carried = 0
    query = select(MatchDecision).where(
        MatchDecision.retracted_at.is_(None),
        or_(MatchDecision.record_a_id.in_(match), MatchDecision.record_b_id.in_(match)),
    )
    for made in list(session.scalars(query)):
        a = match.get(made.record_a_id, (made.record_a_id,))[0]
        b = match.get(made.record_b_id, (made.record_b_id,))[0]
        copy = MatchDecision(
            record_a_id=min(a, b),
            record_b_id=max(a, b),
            decision=made.decision,
            note=made.note,
            created_by=made.created_by,
        )
        session.add(copy)
        session.flush()
        retract(session, made, f"carried to decision {copy.id}: source {old.id} replaced")
        carried += 1
    return {"matched": len(match), "decisions": carried}


def _matching_records(session: Session, old_id: int, new_id: int) -> dict[int, tuple[int, Any]]:
    """old record id -> (new record id, the old record's person) for rows equal in both
    versions (by identifier where both have one, else the row as written); each row once."""

    def rows(source_id: int):
        query = select(Record.id, Record.row_key, Record.original, Record.person_id).where(
            Record.source_id == source_id
        )
        return list(session.execute(query))

    waiting: dict[str, list[int]] = {}
    for record_id, key, original, _ in rows(new_id):
        waiting.setdefault(key or row_key(original or {}), []).append(record_id)
    match = {}
    for record_id, key, original, person_id in rows(old_id):
        found = waiting.get(key or row_key(original or {}))
        if found:
            match[record_id] = (found.pop(0), person_id)
    return match
