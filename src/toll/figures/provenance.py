"""Where a figure comes from: the claim, the exact words of its source, and its history."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.claims.sentences import Sentences
from toll.claims.store import CORRECTABLE, claim_history, get_claim
from toll.model import Claim, IncidentLink, Source

CLAIM_FIELDS = (*CORRECTABLE, "confidence", "review_state", "review_note")


@dataclass
class SourceRef:
    """The document a claim was read from, as kept in the store (its bytes by SHA-256)."""

    id: int
    file_name: str
    sha256: str
    title: str | None
    publisher: str | None
    speaker: str | None
    published: str | None
    url: str | None


@dataclass
class Change:
    """One event of the claim's history: extracted, confirmed, corrected, rejected."""

    at: datetime
    actor: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class ClaimProvenance:
    """A claim with the words that state it, the sentence around them, and every change."""

    claim_id: int
    figure: dict[str, Any]  # value, bounds, qualifier, category... as the claim holds them now
    source: SourceRef
    words: str  # the source's text from `start` to `end` (a data file's row: the row's figure)
    start: int
    end: int
    sentence: str  # the sentence holding the words (a data file's row: where it is)
    part_of: int | None  # the claim whose figure includes this one
    parts: list[int]  # claims whose figures are part of this one
    retracted: bool
    history: list[Change]
    row: int | None = None  # a data file's row the figure was read from, and its event id
    event_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def claim_provenance(session: Session, claim_id: int) -> ClaimProvenance:
    """Where claim `claim_id` comes from (any user who may read)."""
    claim = get_claim(session, claim_id)
    source = session.get(Source, claim.source_id)
    words, sentence = _passage(session, claim, source.text or "")
    link = _row_link(session, claim) if claim.end <= claim.start else None
    parts = session.scalars(select(Claim.id).where(Claim.part_of_id == claim.id).order_by(Claim.id))
    return ClaimProvenance(
        claim.id,
        {name: getattr(claim, name) for name in CLAIM_FIELDS},
        SourceRef(
            source.id,
            source.file_name,
            source.sha256,
            source.title,
            source.publisher,
            source.speaker,
            source.published,
            source.url,
        ),
        words,
        claim.start,
        claim.end,
        sentence,
        claim.part_of_id,
        list(parts),
        claim.retracted_at is not None,
        [
            Change(e.at, e.actor, e.action, e.before, e.after)
            for e in claim_history(session, claim.id)
        ],
        link.source_row if link else None,
        link.event_id if link else None,
    )


def _passage(session: Session, claim: Claim, text: str) -> tuple[str, str]:
    """The claim's words and the sentence around them; a data file's row has no passage, so its
    figure as read and the row (and event id) it was read from."""
    if claim.end > claim.start:
        sentences = Sentences(text)
        start, end = sentences.span(sentences.index(claim.start))
        return text[claim.start : claim.end], text[start:end].strip()
    link = _row_link(session, claim)
    where = f"row {link.source_row}, event {link.event_id}" if link else "the data file"
    return claim.text, f"{where}: {claim.text}" + (f" ({claim.incident})" if claim.incident else "")


def _row_link(session: Session, claim: Claim) -> IncidentLink | None:
    """The row of a data file (and its event id) a claim's figure was read from."""
    return session.scalars(
        select(IncidentLink).where(
            IncidentLink.claim_id == claim.id, IncidentLink.source_row.is_not(None)
        )
    ).first()
