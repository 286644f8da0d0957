"""Attaching claims, records, cases and estimates to incidents: by hand, or automatically.

Automatic attachment reads the extractor's incident hint of a claim ("Khojaly, on the night of
February 25 to 26, 1992") and the place and date of event of a record. An attachment it is
sure of is made; one it is unsure of waits in the review queue, like an uncertain match, until
a person accepts or rejects it. Every attachment keeps how it was made and why; detaching
retracts it, so the history stays.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from toll.claims.sentences import Sentences
from toll.errors import TollError
from toll.incidents.keys import name_keys
from toll.incidents.store import resolve
from toll.model import (
    Case,
    Claim,
    Estimate,
    Incident,
    IncidentLink,
    IncidentName,
    Record,
    Source,
)
from toll.records.dates import parse_date
from toll.store.access import require
from toll.store.history import log_event, retract

KINDS = ("claim", "record", "case", "estimate")
MODELS = {"claim": Claim, "record": Record, "case": Case, "estimate": Estimate}


@dataclass
class Attached:
    """What one attach call did: rows attached, moved from another incident, left waiting."""

    incident_id: int
    attached: dict[str, int] = field(default_factory=dict)
    review: dict[str, int] = field(default_factory=dict)
    moved: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def attach(
    session: Session,
    ref: str | int,
    *,
    claims: list[int] = (),
    records: list[int] = (),
    cases: list[int] = (),
    estimate: int | None = None,
    category: str | None = None,
    note: str | None = None,
) -> Attached:
    """Attach rows to an incident by hand. A row attached to another incident moves (the old
    attachment is retracted, naming the new one). An estimate may say what it counts
    (`category`, e.g. killed); a stratified estimate says it per stratum itself."""
    require(session, "edit")
    incident = resolve(session, ref)
    result = Attached(incident.id)
    wanted = {
        "claim": claims,
        "record": records,
        "case": cases,
        "estimate": [estimate] if estimate is not None else [],
    }
    if estimate is not None:
        _check_estimate(_get(session, "estimate", estimate), category)
    for kind, ids in wanted.items():
        for item_id in ids:
            _get(session, kind, item_id)
            moved = _attach_one(session, incident, kind, item_id, "hand", note, category)
            if moved:
                result.moved.append({"kind": kind, "id": item_id, "from": moved})
        result.attached[f"{kind}s"] = len(ids)
    session.flush()
    return result


def _check_estimate(estimate: Estimate, category: str | None) -> None:
    if category is None and "status" not in (estimate.stratum or {}).get("by", []):
        raise TollError(
            f"estimate {estimate.id} is not divided by status: say what it counts with "
            "--category (e.g. killed)"
        )


def _get(session: Session, kind: str, item_id: int):
    row = session.get(MODELS[kind], item_id)
    if row is None:
        raise TollError(f"no {kind} with id {item_id}; nothing was attached")
    return row


def _attach_one(session, incident, kind, item_id, method, reason, category=None) -> int | None:
    """Attach (or confirm) one row; returns the incident it moved from, if any."""
    moved_from = None
    for link in current_links(session, kind, item_id):
        if link.incident_id == incident.id:
            link.state, link.method, link.reason = "attached", method, reason or link.reason
            link.category = category or link.category
            _mirror(session, kind, item_id, incident.id)
            return None
        if link.state == "attached":
            moved_from = link.incident_id
        retract(session, link, f"attached to incident {incident.id} instead")
    session.add(
        IncidentLink(
            incident_id=incident.id,
            method=method,
            state="attached",
            reason=reason,
            category=category,
            created_by=session.info.get("actor"),
            **{f"{kind}_id": item_id},
        )
    )
    _mirror(session, kind, item_id, incident.id)
    return moved_from


def _mirror(session: Session, kind: str, item_id: int, incident_id: int | None) -> None:
    """Claims and cases carry the incident they are attached to themselves, too."""
    if kind in ("claim", "case"):
        session.get(MODELS[kind], item_id).incident_id = incident_id


def current_links(session: Session, kind: str, item_id: int) -> list[IncidentLink]:
    """The row's standing attachments and proposals (not retracted, not rejected)."""
    column = getattr(IncidentLink, f"{kind}_id")
    query = select(IncidentLink).where(
        column == item_id, IncidentLink.retracted_at.is_(None), IncidentLink.state != "rejected"
    )
    return list(session.scalars(query))


def detach(session: Session, ref: str | int, kind: str, item_id: int, reason: str) -> None:
    """Take a row off an incident; the attachment is retracted with the reason."""
    require(session, "edit")
    incident = resolve(session, ref)
    links = [
        link for link in current_links(session, kind, item_id) if link.incident_id == incident.id
    ]
    if not links:
        raise TollError(f"{kind} {item_id} is not attached to incident {incident.id}")
    for link in links:
        retract(session, link, reason)
    _mirror(session, kind, item_id, None)
    session.flush()


# -- automatic attachment -------------------------------------------------------------------


@dataclass
class Candidate:
    incident: Incident
    names: set[str]  # the keys of its names and place


def incident_candidates(session: Session) -> list[Candidate]:
    incidents = {
        i.id: i for i in session.scalars(select(Incident).where(Incident.retracted_at.is_(None)))
    }
    keys: dict[int, set[str]] = {i: set() for i in incidents}
    names = session.execute(
        select(IncidentName.incident_id, IncidentName.key).where(
            IncidentName.retracted_at.is_(None)
        )
    )
    for incident_id, key in names:
        if incident_id in keys:
            keys[incident_id].add(key.strip())
    return [
        Candidate(i, keys[i.id] | ({i.place_key} if i.place_key else set()))
        for i in incidents.values()
    ]


def _overlap(a_start, a_end, b_start, b_end) -> bool | None:
    """Whether two periods share a day; None when either is unknown."""
    if None in (a_start, a_end, b_start, b_end):
        return None
    return a_start <= b_end and b_start <= a_end


def hint_period(hint: str) -> tuple[date | None, date | None]:
    """The period the date in an incident hint means (the first part that reads as a date)."""
    for part in reversed(hint.split(",")):
        value = parse_date(_strip_date_words(part))
        if value.earliest is not None:
            return value.earliest, value.latest
    value = parse_date(_strip_date_words(hint))
    return value.earliest, value.latest


def _strip_date_words(text: str) -> str:
    return re.sub(
        r"(?i)\b(?:on\s+)?the\s+(?:night|morning|evening)\s+of\s+|\bon\s+|\bsince\s+", "", text
    ).strip()


def _names_in(candidate: Candidate, hint_keys: set[str]) -> bool:
    """True when every key of one of the incident's names is among the hint's keys."""
    return any(set(key.split()) <= hint_keys for key in candidate.names if key)


def _most_specific(found: list[Candidate], parents: dict[int, int | None]) -> list[Candidate]:
    """Drop incidents whose child (or grandchild) also matched: the child is the one meant."""
    ancestors = set()
    for candidate in found:
        parent = candidate.incident.parent_id
        while parent is not None and parent not in ancestors:
            ancestors.add(parent)
            parent = parents.get(parent)
    return [c for c in found if c.incident.id not in ancestors]


def claim_matches(
    hint: str, candidates: list[Candidate], parents: dict[int, int | None]
) -> list[tuple[Candidate, bool | None]]:
    """The incidents a claim's hint names, each with whether the hint's date agrees with the
    incident's (None when either has no date)."""
    keys = set(name_keys(hint))
    start, end = hint_period(hint)
    found = _most_specific([c for c in candidates if _names_in(c, keys)], parents)
    return [
        (c, _overlap(start, end, c.incident.date_earliest, c.incident.date_latest)) for c in found
    ]


@dataclass
class AutoResult:
    claims_attached: int = 0
    claims_review: int = 0
    records_attached: int = 0
    records_review: int = 0

    def to_dict(self) -> dict[str, int]:
        return self.__dict__.copy()


def attach_automatically(session: Session, ref: str | int | None = None) -> AutoResult:
    """Attach claims by their incident hints and records by place and date of event, to one
    incident or any; rows already attached, waiting, or once rejected for it are left alone."""
    require(session, "edit")
    candidates = incident_candidates(session)
    if ref is not None:
        wanted = resolve(session, ref).id
        candidates = [c for c in candidates if c.incident.id == wanted]
    result = AutoResult()
    _attach_claims(session, candidates, result)
    _attach_records(session, candidates, result)
    log_event(
        session,
        "attach",
        "incident_links",
        None,
        after=result.to_dict(),
        note="automatic attachment by incident hints, places and dates",
    )
    session.flush()
    return result


def _seen(session: Session, kind: str) -> set[tuple[int, int]]:
    """(incident, row) pairs that already have a link, standing or rejected."""
    column = getattr(IncidentLink, f"{kind}_id")
    rows = session.execute(
        select(IncidentLink.incident_id, column).where(
            column.isnot(None), IncidentLink.retracted_at.is_(None)
        )
    )
    return {(incident_id, item_id) for incident_id, item_id in rows}


def _attached_rows(session: Session, kind: str) -> set[int]:
    column = getattr(IncidentLink, f"{kind}_id")
    return set(
        session.scalars(
            select(column).where(
                column.isnot(None),
                IncidentLink.retracted_at.is_(None),
                IncidentLink.state == "attached",
            )
        )
    )


def _attach_claims(session: Session, candidates: list[Candidate], result: AutoResult) -> None:
    """By the claim's incident hint; when the hint names no incident, by the sentence the figure
    stands in, then by its source's title (a statement "on the Northfield shelling"), each
    with the hint's date."""
    seen, attached = _seen(session, "claim"), _attached_rows(session, "claim")
    query = (
        select(Claim, Source.title, Source.text)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.retracted_at.is_(None), Claim.review_state != "rejected")
        .where(Claim.category.isnot(None), Source.retracted_at.is_(None))
    )
    parents = {c.incident.id: c.incident.parent_id for c in candidates}
    for claim, title, text in session.execute(query):
        if claim.id in attached:
            continue
        hint, where = claim.incident or "", f"its incident {claim.incident!r}"
        found = claim_matches(hint, candidates, parents) if hint else []
        if not found and text:
            sentence = _sentence(text, claim.start)
            hint, where = f"{sentence}, {hint}", f"its sentence {sentence!r}"
            found = claim_matches(hint, candidates, parents)
        if not found and title:
            hint, where = f"{title}, {hint}", f"its source's title {title!r}"
            found = claim_matches(hint, candidates, parents)
        _propose(session, claim, found, where, seen, result)


def _sentence(text: str, offset: int) -> str:
    """The sentence of a text that holds `offset` (where a claim's figure stands)."""
    sentences = Sentences(text)
    start, end = sentences.span(sentences.index(offset))
    return " ".join(text[start:end].split())


def _propose(session, claim, found, where: str, seen, result: AutoResult) -> None:
    """Attach when one incident is named and the dates agree; else each waits for review."""
    if len(found) == 1 and found[0][1]:
        if (found[0][0].incident.id, claim.id) not in seen:
            why = f"{where} names this incident, and the dates agree"
            session.add(_link(session, found[0][0].incident.id, "claim", claim.id, "attached", why))
            claim.incident_id = found[0][0].incident.id
            result.claims_attached += 1
        return
    for candidate, agrees in found:
        if (candidate.incident.id, claim.id) in seen:
            continue
        if len(found) > 1:
            why = f"it names {len(found)} incidents"
        elif agrees is None:
            why = "no date to check"
        else:
            why = "but its date falls outside the incident's dates"
        reason = f"{where} names this incident; {why}"
        session.add(_link(session, candidate.incident.id, "claim", claim.id, "review", reason))
        result.claims_review += 1


def _link(session, incident_id, kind, item_id, state, reason, method="hint") -> IncidentLink:
    return IncidentLink(
        incident_id=incident_id,
        method=method,
        state=state,
        reason=reason,
        score=1.0 if state == "attached" else 0.5,
        created_by=session.info.get("actor"),
        **{f"{kind}_id": item_id},
    )


def _attach_records(session: Session, candidates: list[Candidate], result: AutoResult) -> None:
    by_place: dict[str, list[Incident]] = {}
    for candidate in candidates:
        if candidate.incident.place_key:
            by_place.setdefault(candidate.incident.place_key, []).append(candidate.incident)
    if not by_place:
        return
    seen, attached = _seen(session, "record"), _attached_rows(session, "record")
    query = select(
        Record.id, Record.place_key, Record.event_date_earliest, Record.event_date_latest
    ).where(Record.retracted_at.is_(None), Record.place_key.in_(list(by_place)))
    actor, rows = session.info.get("actor"), []
    for record_id, key, start, end in session.execute(query):
        if record_id in attached:
            continue
        here = [
            i
            for i in by_place[key]
            if _overlap(start, end, i.date_earliest, i.date_latest) is not False
        ]
        sure = [i for i in here if _overlap(start, end, i.date_earliest, i.date_latest)]
        if sure:
            chosen, state = [min(sure, key=_span)], "attached"
            reason = "same place, and its date of event falls within the incident's dates"
        else:
            chosen, state = here, "review"
            reason = "same place; no date of event to check"
        for incident in chosen:
            if (incident.id, record_id) in seen:
                continue
            rows.append(
                dict(
                    incident_id=incident.id,
                    record_id=record_id,
                    method="place_date",
                    state=state,
                    reason=reason,
                    score=1.0 if sure else 0.5,
                    created_by=actor,
                )
            )
            if state == "attached":
                result.records_attached += 1
            else:
                result.records_review += 1
    for start in range(0, len(rows), 5000):
        session.execute(insert(IncidentLink), rows[start : start + 5000])


def _span(incident: Incident) -> int:
    """How many days an incident's dates allow: the narrowest is the most specific."""
    return (incident.date_latest - incident.date_earliest).days


# -- the review queue -----------------------------------------------------------------------


def review_queue(session: Session, ref: str | int | None = None) -> list[dict[str, Any]]:
    """Automatic attachments that wait for a person, with what they would attach and why."""
    require(session, "read")
    query = select(IncidentLink, Incident).join(Incident, Incident.id == IncidentLink.incident_id)
    query = query.where(IncidentLink.state == "review", IncidentLink.retracted_at.is_(None))
    if ref is not None:
        query = query.where(IncidentLink.incident_id == resolve(session, ref).id)
    items = []
    for link, incident in session.execute(query.order_by(IncidentLink.id)):
        kind = next(k for k in KINDS if getattr(link, f"{k}_id") is not None)
        item_id = getattr(link, f"{kind}_id")
        items.append(
            {
                "link": link.id,
                "incident_id": incident.id,
                "incident": incident.title,
                "kind": kind,
                "id": item_id,
                "what": _describe(session, kind, item_id),
                "method": link.method,
                "reason": link.reason,
            }
        )
    return items


def _describe(session: Session, kind: str, item_id: int) -> str:
    row = session.get(MODELS[kind], item_id)
    if kind == "claim":
        return f"{row.text!r} ({row.category}), source {row.source_id}"
    if kind == "record":
        return (
            f"row {row.row_number} of source {row.source_id}: {row.place or ''} "
            f"{row.event_date or ''}".strip()
        )
    return f"{kind} {item_id}"


def decide(session: Session, link_id: int, accept: bool, note: str | None = None) -> dict:
    """Accept a waiting attachment (the row's other proposals are rejected) or reject it."""
    require(session, "review")
    link = session.get(IncidentLink, link_id)
    if link is None or link.retracted_at is not None:
        raise TollError(
            f"no attachment {link_id} waits for review; `toll incident review` lists them"
        )
    if link.state != "review":
        raise TollError(f"attachment {link_id} is already {link.state}")
    kind = next(k for k in KINDS if getattr(link, f"{k}_id") is not None)
    item_id = getattr(link, f"{kind}_id")
    if accept:
        for other in current_links(session, kind, item_id):
            if other.id != link.id:
                other.state = "rejected"
        link.state = "attached"
        _mirror(session, kind, item_id, link.incident_id)
    else:
        link.state = "rejected"
    if note:
        link.reason = f"{link.reason}; reviewer: {note}"
    session.flush()
    return {
        "link": link.id,
        "state": link.state,
        "kind": kind,
        "id": item_id,
        "incident_id": link.incident_id,
    }
