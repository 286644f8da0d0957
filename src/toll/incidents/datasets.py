"""Event datasets as sources: a UCDP GED or ACLED export imported, all or nothing.

The file is kept byte for byte (content-addressed, `toll.sources`). Each row becomes an
incident, or attaches to the incident already in the store for it: one read from the same
dataset event id (a newer version of the export), else one at the same place whose dates
take in the row's. The row's figures become claims of the file, each attachment keeping the
row and the event id, so every figure leads back to its cells. Importing the same bytes again
changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.incidents.events import PUBLISHERS, EventDraft, read_events
from toll.incidents.keys import stored_key
from toll.model import Claim, Incident, IncidentLink, IncidentName
from toll.names import place_key
from toll.sources.store import SourceMetadata, find_by_hash, sha256_of, store_original
from toll.sources.text import read_bytes
from toll.store.access import require
from toll.store.history import log_event

BATCH = 5000


@dataclass
class EventImport:
    source_id: int
    sha256: str
    created: bool  # False: the same file was imported before, nothing changed
    format: str | None
    rows: int
    incidents_created: int
    incidents_matched: int
    claims: int

    def to_dict(self) -> dict:
        return self.__dict__.copy()


def import_events(
    session: Session, path: Path, format: str | None = None, progress=None
) -> EventImport:
    """Import an event export (format from its header unless given); `progress(done, total)`."""
    require(session, "edit")
    content = read_bytes(path, empty="there are no events to import")
    digest = sha256_of(content)
    existing = find_by_hash(session, digest)
    if existing is not None:
        return _unchanged(session, existing.id, digest)
    events = read_events(content, path.name, format)
    metadata = SourceMetadata(
        title=path.name,
        publisher=PUBLISHERS[events.format],
        speaker=PUBLISHERS[events.format],
        kind="dataset",
    )
    source = store_original(session, content, path.name, "text/csv", None, metadata).source
    known = _known_incidents(session)
    actor = session.info.get("actor")
    drafts = events.drafts
    for draft in drafts:
        draft.place_key = place_key(draft.place) if draft.place else None
    targets = [_match(known, draft) for draft in drafts]
    report = progress or (lambda done, total: None)
    new = [d for d, t in zip(drafts, targets, strict=True) if t is None]
    created_ids = _create_incidents(session, source.id, new, actor, report)
    targets = [
        t if t is not None else created_ids[d.row] for d, t in zip(drafts, targets, strict=True)
    ]
    claims = _create_claims(session, source, drafts, targets, actor)
    report(len(drafts), len(drafts))
    created, matched = len(new), len(drafts) - len(new)
    summary = EventImport(
        source.id, digest, True, events.format, len(drafts), created, matched, claims
    )
    log_event(
        session,
        "import",
        "sources",
        source.id,
        after=summary.to_dict(),
        note=f"event dataset {path.name}",
    )
    return summary


def _unchanged(session: Session, source_id: int, digest: str) -> EventImport:
    of_source = select(Claim.id).where(Claim.source_id == source_id)
    claims = session.scalar(select(func.count()).select_from(of_source.subquery()))
    rows = session.scalar(
        select(func.count(func.distinct(IncidentLink.source_row))).where(
            IncidentLink.claim_id.in_(of_source)
        )
    )
    return EventImport(source_id, digest, False, None, rows, 0, 0, claims)


class _Known:
    """The incidents already in the store, by dataset event id and by place."""

    def __init__(self, rows):
        self.by_event: dict[str, int] = {}
        self.by_place: dict[str, list[tuple[int, object, object]]] = {}
        for incident_id, event_id, key, earliest, latest in rows:
            if event_id:
                self.by_event.setdefault(event_id, incident_id)
            if key and earliest:
                self.by_place.setdefault(key, []).append((incident_id, earliest, latest))


def _known_incidents(session: Session) -> _Known:
    query = select(
        Incident.id,
        Incident.event_id,
        Incident.place_key,
        Incident.date_earliest,
        Incident.date_latest,
    ).where(Incident.retracted_at.is_(None))
    return _Known(session.execute(query))


def _match(known: _Known, draft: EventDraft) -> int | None:
    if draft.event_id in known.by_event:
        return known.by_event[draft.event_id]
    key = draft.place_key
    around = [
        (incident_id, earliest, latest)
        for incident_id, earliest, latest in known.by_place.get(key, [])
        if earliest <= draft.earliest and draft.latest <= latest
    ]
    if not around:
        return None
    return min(around, key=lambda item: (item[2] - item[1]).days)[0]


def _insert(session: Session, model, rows: list[dict], report=None) -> None:
    """Insert rows in batches, without asking for their ids back (fast on every database)."""
    for start in range(0, len(rows), BATCH):
        session.execute(model.__table__.insert(), rows[start : start + BATCH])
        if report:
            report(start + len(rows[start : start + BATCH]), len(rows))


def _create_incidents(session, source_id, drafts: list[EventDraft], actor, report) -> dict:
    """Store the rows' new incidents with their names; {row: incident id}."""
    rows = [
        dict(
            title=d.title,
            description=d.description,
            place=d.place,
            place_key=place_key(d.place) if d.place else None,
            country=d.country,
            latitude=d.latitude,
            longitude=d.longitude,
            date_text=d.date_text,
            date_earliest=d.earliest,
            date_latest=d.latest,
            date_precision=d.precision,
            source_id=source_id,
            source_row=d.row,
            event_id=d.event_id,
            created_by=actor,
        )
        for d in drafts
    ]
    _insert(session, Incident, rows, report)
    ids = dict(
        session.execute(
            select(Incident.source_row, Incident.id).where(Incident.source_id == source_id)
        ).all()
    )
    names = [
        dict(incident_id=ids[d.row], name=d.title, key=stored_key(d.title), created_by=actor)
        for d in drafts
    ]
    _insert(session, IncidentName, names)
    return ids


def _create_claims(session, source, drafts, targets, actor) -> int:
    """Store the rows' figures as claims of the file, attached with their row and event id."""
    rows, links = [], []
    for draft, incident_id in zip(drafts, targets, strict=True):
        for index, figure in enumerate(draft.figures):
            rows.append(
                dict(
                    source_id=source.id,
                    position=draft.row * 10 + index,
                    text=figure.words,
                    start=0,
                    end=0,
                    value=figure.value,
                    low=figure.low,
                    high=figure.high,
                    qualifier=figure.qualifier,
                    category="killed",
                    subject=figure.subject,
                    subgroup=figure.subgroup,
                    incident=draft.title,
                    incident_id=incident_id,
                    speaker=source.speaker,
                    review_state="extracted",
                    created_by=actor,
                    part_of_id=draft.row * 10 if index else None,  # a part of the row's total
                )
            )
            links.append(
                dict(
                    incident_id=incident_id,
                    method="dataset",
                    state="attached",
                    reason=f"row {draft.row}, event {draft.event_id}",
                    score=1.0,
                    source_row=draft.row,
                    event_id=draft.event_id,
                    created_by=actor,
                    position=draft.row * 10 + index,
                )
            )
    wholes = [row for row in rows if row["part_of_id"] is None]
    _insert(session, Claim, wholes)
    ids = _claim_ids(session, source.id)
    parts = [row | {"part_of_id": ids[row["part_of_id"]]} for row in rows if row["part_of_id"]]
    _insert(session, Claim, parts)
    ids = _claim_ids(session, source.id)
    for link in links:
        link["claim_id"] = ids[link.pop("position")]
    _insert(session, IncidentLink, links)
    return len(rows)


def _claim_ids(session: Session, source_id: int) -> dict[int, int]:
    """{position: claim id} of a source's claims."""
    query = select(Claim.position, Claim.id).where(Claim.source_id == source_id)
    return dict(session.execute(query).all())
