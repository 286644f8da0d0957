"""Storing the figures extracted from a source as claims, and reviewing them.

This module talks to the store; the extraction itself (`toll.claims.extract`) does not.
Every claim records the extractor version that made it. Every claim a reviewer confirmed,
corrected or rejected (kept with its before and after in the claim's history) is a training
example (`review_examples`): its words in its source's text, labelled with the category the
reviewer left, or "not a harm figure" when rejected. `compare_source` extracts a stored source
again with the current extractor and sets the new figures beside the stored claims.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.claims.examples import Label, LabelledText
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
    """Extract the figures in the source's text and store them as claims of that source,
    each with the version of the extractor that made it."""
    figures = extract_source(source)
    actor = session.info.get("actor")
    version = current_extractor_version()
    claims = [
        Claim(source_id=source.id, position=index, created_by=actor,
              extractor_version=version, **_claim_fields(figure))
        for index, figure in enumerate(figures)
    ]
    session.add_all(claims)
    session.flush()
    for claim, figure in zip(claims, figures, strict=True):
        if figure.part_of is not None:
            claim.part_of_id = claims[figure.part_of].id
    session.flush()
    return claims


def extract_source(source: Source) -> list:
    """The figures the current extractor finds in a stored source's text."""
    from toll.claims import extract_figures
    from toll.claims.language import reading_language

    default_speaker = source.speaker or source.author or source.publisher
    language = reading_language(source.language)  # an Azerbaijani text: English rules, no crash
    return extract_figures(source.text or "", language=language, default_speaker=default_speaker)


def current_extractor_version() -> str:
    """The version `save_extracted_claims` records now (rules, and model when it takes part)."""
    from toll.claims.version import current_version

    return current_version()


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
    extractor_version: str | None = None,
) -> list[Claim]:
    """Claims in source order; `extractor_version` keeps those that version made ("none" for
    claims made before versions were recorded)."""
    require(session, "read")
    query = select(Claim).order_by(Claim.source_id, Claim.position)
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    if extractor_version == "none":
        query = query.where(Claim.extractor_version.is_(None))
    elif extractor_version:
        query = query.where(Claim.extractor_version == extractor_version)
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


REVIEWED = ("confirmed", "corrected", "rejected")


def review_examples(session: Session) -> list[LabelledText]:
    """One labelled text per source with reviewed claims (retracted claims left out)."""
    require(session, "read")
    query = (select(Claim).where(Claim.review_state.in_(REVIEWED), Claim.retracted_at.is_(None))
             .order_by(Claim.source_id, Claim.position))
    by_source: dict[int, list[Claim]] = {}
    for claim in session.scalars(query):
        by_source.setdefault(claim.source_id, []).append(claim)
    texts = []
    for source_id, claims in by_source.items():
        source = session.get(Source, source_id)
        if source is None or not source.text:
            continue
        labels = [Label(c.start, c.end, None if c.review_state == "rejected" else c.category)
                  for c in claims]
        texts.append(LabelledText(source.text, source.language or "en", labels,
                                  complete=False, origin=f"claims of source {source_id}"))
    return texts


@dataclass
class Comparison:
    """A stored claim and the figure the current extractor finds at the same words."""

    claim_id: int | None  # None: a figure the stored claims do not have
    figure_index: int | None  # None: the current extractor no longer finds the claim
    text: str
    changes: dict  # field -> [stored, now] where they differ
    stored_version: str | None

    @property
    def state(self) -> str:
        if self.claim_id is None:
            return "new"
        if self.figure_index is None:
            return "gone"
        return "changed" if self.changes else "same"

    def to_dict(self) -> dict:
        return {"state": self.state, "claim_id": self.claim_id, "figure": self.figure_index,
                "text": self.text, "changes": self.changes,
                "stored_version": self.stored_version}


COMPARED = ("value", "low", "high", "qualifier", "category", "subgroup", "speaker")


def compare_source(session: Session, source_id: int) -> tuple[str, list[Comparison]]:
    """(the current extractor version, each stored claim of the source against a fresh
    extraction of its text): same, changed (which fields), gone, or new."""
    source = get_readable(session, Source, source_id, "source", "`toll sources` lists them")
    claims = [c for c in find_claims(session, source_id=source.id) if c.retracted_at is None]
    figures = extract_source(source)
    taken: set[int] = set()
    rows = []
    for claim in claims:
        index = next((i for i, f in enumerate(figures) if i not in taken
                      and f.start < claim.end and claim.start < f.end), None)
        changes = {}
        if index is not None:
            taken.add(index)
            now = figures[index].to_dict()
            changes = {k: [getattr(claim, k), now[k]] for k in COMPARED
                       if not _same(getattr(claim, k), now[k])}
        rows.append(Comparison(claim.id, index, claim.text, changes, claim.extractor_version))
    rows += [Comparison(None, i, f.text, {}, None) for i, f in enumerate(figures)
             if i not in taken]
    return current_extractor_version(), rows


def _same(stored, now) -> bool:
    if isinstance(stored, float) and isinstance(now, int | float):
        return stored == float(now)
    return stored == now
