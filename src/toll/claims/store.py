"""Storing the figures extracted from a source as claims, and reviewing them.

This module talks to the store; the extraction itself (`toll.claims.extract`) does not.
"""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import AuditEvent, Claim, Source
from toll.store.access import get_readable, require
from toll.store.history import events_for

# Fields of a claim a reviewer may correct.
CORRECTABLE = (
    "value",
    "low",
    "high",
    "qualifier",
    "category",
    "subject",
    "subgroup",
    "incident",
    "speaker",
)
# The fields that count people or things.
COUNTS = ("value", "low", "high")


def save_extracted_claims(session: Session, source: Source) -> list[Claim]:
    """Extract the figures in the source's text and store them as claims of that source."""
    from toll.claims import extract_figures

    default_speaker = source.speaker or source.author or source.publisher
    figures = extract_figures(
        source.text or "", language=source.language or "en", default_speaker=default_speaker
    )
    actor = session.info.get("actor")
    claims = [
        Claim(source_id=source.id, position=index, created_by=actor, **_claim_fields(figure))
        for index, figure in enumerate(figures)
    ]
    session.add_all(claims)
    session.flush()
    for claim, figure in zip(claims, figures, strict=True):
        if figure.part_of is not None:
            claim.part_of_id = claims[figure.part_of].id
    session.flush()
    return claims


def _claim_fields(figure) -> dict:
    """The figure's fields as claim columns; `part_of` (an index) becomes part_of_id later."""
    return {key: value for key, value in figure.to_dict().items() if key != "part_of"}


def source_checks(session: Session, source_id: int) -> list[str]:
    """What a reviewer should look at in one source's current claims (parts exceeding their
    whole, the same figure stated twice), naming the claims concerned."""
    from toll.claims import Figure, check_figures

    claims = find_claims(session, source_id=source_id, include_rejected=False)
    claims = [claim for claim in claims if claim.retracted_at is None]
    index = {claim.id: i for i, claim in enumerate(claims)}
    figures = [
        Figure(
            c.text,
            c.start,
            c.end,
            c.value,
            c.low,
            c.high,
            c.qualifier,
            c.category,
            c.subject,
            c.subgroup,
            index.get(c.part_of_id),
            c.incident,
            c.speaker,
            c.confidence or 0.0,
        )
        for c in claims
    ]
    return [
        f"claims {', '.join(str(claims[i].id) for i in check.figures)}: {check.message}"
        for check in check_figures(figures)
    ]


def get_claim(session: Session, claim_id: int) -> Claim:
    return get_readable(session, Claim, claim_id, "claim", "`toll claims` lists them")


def claim_history(session: Session, claim_id: int) -> list[AuditEvent]:
    """Every change to a claim, oldest first: extracted, confirmed, corrected, rejected."""
    return events_for(session, "claims", get_claim(session, claim_id).id)


def find_claims(
    session: Session,
    *,
    source_id: int | None = None,
    category: str | None = None,
    include_rejected: bool = True,
) -> list[Claim]:
    require(session, "read")
    query = select(Claim).order_by(Claim.source_id, Claim.position)
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    if category:
        query = query.where(Claim.category == category)
    if not include_rejected:
        query = query.where(Claim.review_state != "rejected")
    return list(session.scalars(query))


def confirm_claim(session: Session, claim_id: int, note: str | None = None) -> Claim:
    """A reviewer checked the claim against its words and found it right."""
    require(session, "review")
    claim = get_claim(session, claim_id)
    claim.review_state, claim.review_note = "confirmed", note
    return claim


def correct_claim(
    session: Session, claim_id: int, changes: dict[str, Any], note: str | None = None
) -> Claim:
    """A reviewer fixed what extraction got wrong; the old values stay in history."""
    require(session, "review")
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise TollError(
            f"cannot correct {', '.join(sorted(unknown))}: "
            f"a claim's correctable fields are {', '.join(CORRECTABLE)}"
        )
    if not changes:
        raise TollError("nothing to correct: give at least one field, e.g. --value 600")
    claim = get_claim(session, claim_id)
    counts = {field: _whole_count(field, changes[field]) for field in COUNTS if field in changes}
    low, high = (counts.get(f, getattr(claim, f)) for f in ("low", "high"))
    if low is not None and high is not None and low > high:
        raise TollError(
            f"cannot correct claim {claim.id}: the low bound {low} is above the high bound {high}"
            f"; give --low and --high with low ≤ high"
        )
    # Stored as the float columns hold every count, so that the history compares like with like.
    for field, value in {**changes, **{f: float(n) for f, n in counts.items()}}.items():
        setattr(claim, field, value)
    claim.review_state, claim.review_note = "corrected", note
    return claim


def _whole_count(field: str, value: Any) -> int:
    """A claim's value and bounds count people or things: whole and not negative."""
    try:
        whole = float(value)
    except (TypeError, ValueError):
        whole = float("nan")
    if not whole.is_integer() or whole < 0:
        raise TollError(
            f"cannot correct the {field} to {value}: a claim's value and bounds are whole counts "
            f"of people or things (0, 1, 2, ...); give a whole number that is not negative"
        )
    return int(whole)


def reject_claim(session: Session, claim_id: int, reason: str) -> Claim:
    """A reviewer found the claim is not a harm figure (or not this one); it stays visible."""
    require(session, "review")
    if not reason or not reason.strip():
        raise TollError('rejecting a claim needs a reason (--reason "...")')
    claim = get_claim(session, claim_id)
    claim.review_state, claim.review_note = "rejected", reason.strip()
    return claim
