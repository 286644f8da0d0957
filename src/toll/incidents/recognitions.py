"""Characterisations and recognitions in the store: read from sources, entered by hand, listed.

A claimed count of recognitions ("parliaments of 17 countries") is set beside the acts recorded
one by one (body, jurisdiction, act, date, document, wording), so a user can complete and
check the count rather than take it on trust.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.claims.characterisations import find_characterisations
from toll.errors import TollError
from toll.incidents.attach import claim_matches, incident_candidates
from toll.incidents.store import resolve
from toll.model import Characterisation, Claim, Source
from toll.sources.store import get_source
from toll.store.access import require


def extract_characterisations(session: Session, source_id: int) -> list[Characterisation]:
    """Store the characterisations and recognitions a source's text states (once per source).

    Each goes to the incident its sentence names, else to the one the source's figures are
    all attached to, else to the one incident the whole text names."""
    require(session, "edit")
    source = get_source(session, source_id)
    known = list(
        session.scalars(select(Characterisation).where(Characterisation.source_id == source.id))
    )
    if known or not source.text:
        return known
    speaker = source.speaker or source.author or source.publisher
    found = find_characterisations(source.text, source.language or "en", speaker)
    candidates = incident_candidates(session)
    parents = {c.incident.id: c.incident.parent_id for c in candidates}
    named_in_text = claim_matches(source.text, candidates, parents)
    fallback = _incident_of_claims(session, source.id) or (
        named_in_text[0][0].incident.id if len(named_in_text) == 1 else None
    )
    rows = []
    for item in found:
        named = claim_matches(item.sentence or "", candidates, parents)
        incident_id = named[0][0].incident.id if len(named) == 1 else fallback
        data = {k: v for k, v in item.to_dict().items() if k not in ("speaker", "sentence")}
        rows.append(
            Characterisation(
                source_id=source.id,
                incident_id=incident_id,
                body=data.pop("body") or speaker,
                created_by=session.info.get("actor"),
                **data,
            )
        )
    session.add_all(rows)
    session.flush()
    return rows


def _incident_of_claims(session: Session, source_id: int) -> int | None:
    ids = set(
        session.scalars(
            select(Claim.incident_id).where(
                Claim.source_id == source_id, Claim.incident_id.isnot(None)
            )
        )
    )
    return ids.pop() if len(ids) == 1 else None


def add_recognition(
    session: Session,
    incident: str | int,
    *,
    body: str,
    act: str,
    jurisdiction: str | None = None,
    date: str | None = None,
    document: str | None = None,
    wording: str | None = None,
    term: str | None = None,
    source_id: int | None = None,
) -> Characterisation:
    """Record one act of recognition by hand: which body, where, which act, when, which
    document, in which words (and the source that shows it, when it is in the store)."""
    require(session, "edit")
    if not body.strip() or not act.strip():
        raise TollError("a recognition needs the body (--body) and the act (--act resolution)")
    if source_id is not None:
        get_source(session, source_id)
    row = Characterisation(
        incident_id=resolve(session, incident).id,
        source_id=source_id,
        kind="recognition",
        body=body.strip(),
        act=act.strip(),
        jurisdiction=jurisdiction,
        date_text=date,
        document=document,
        text=wording,
        term=term,
        created_by=session.info.get("actor"),
    )
    session.add(row)
    session.flush()
    return row


@dataclass
class Recognitions:
    """For one incident: claimed counts beside the acts recorded, and characterisations."""

    incident_id: int | None
    incident: str | None
    claimed: list[dict[str, Any]] = field(default_factory=list)
    recorded: list[dict[str, Any]] = field(default_factory=list)
    jurisdictions: int = 0
    characterisations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_recognitions(session: Session, incident: str | int | None = None) -> list[Recognitions]:
    """Per incident (or one): claimed counts, recorded acts, and who called it what."""
    require(session, "read")
    query = (
        select(Characterisation, Source)
        .outerjoin(Source, Source.id == Characterisation.source_id)
        .where(Characterisation.retracted_at.is_(None))
        .order_by(Characterisation.incident_id, Characterisation.id)
    )
    if incident is not None:
        query = query.where(Characterisation.incident_id == resolve(session, incident).id)
    by_incident: dict[int | None, Recognitions] = {}
    for row, source in session.execute(query):
        if row.incident_id not in by_incident:
            title = resolve(session, row.incident_id).title if row.incident_id else None
            by_incident[row.incident_id] = Recognitions(row.incident_id, title)
        _add(by_incident[row.incident_id], row, source)
    for item in by_incident.values():
        item.jurisdictions = len({r["jurisdiction"] or r["body"] for r in item.recorded})
    return list(by_incident.values())


def _add(item: Recognitions, row: Characterisation, source: Source | None) -> None:
    shown = {
        "id": row.id,
        "source_id": row.source_id,
        "source": (source.publisher or source.file_name) if source else None,
        "published": source.published if source else None,
        "words": row.text,
        "term": row.term,
        "body": row.body,
    }
    if row.kind == "recognition_count":
        item.claimed.append(shown | {"count": row.count, "act": row.act})
    elif row.kind == "recognition":
        item.recorded.append(
            shown
            | {
                "jurisdiction": row.jurisdiction,
                "act": row.act,
                "date": row.date_text,
                "document": row.document,
            }
        )
    else:
        item.characterisations.setdefault(row.term, []).append(shown)
