"""Figures side by side: what each source claims, where claims conflict, what the register holds.

Toll never picks a winner. Claims about the same thing (category, subgroup, year of the
incident) from different sources are listed together; when their ranges do not overlap the
group is marked as a conflict for a reviewer to look at.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.model import Claim, Record, Source
from toll.store.access import require


@dataclass
class ClaimedFigure:
    claim_id: int
    source_id: int
    source: str
    speaker: str | None
    published: str | None
    words: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    review_state: str
    incident: str | None


@dataclass
class FigureGroup:
    """Every claim about one thing, from every source."""

    category: str
    subgroup: str | None
    year: str | None  # of the incident, else of the source
    claims: list[ClaimedFigure] = field(default_factory=list)

    @property
    def sources(self) -> int:
        return len({claim.source_id for claim in self.claims})

    @property
    def conflict(self) -> bool:
        """True when two sources give ranges that cannot both be right."""
        ranges = [_range(claim) for claim in self.claims]
        ranges = [r for r in ranges if r is not None]
        return bool(ranges) and max(low for low, _ in ranges) > min(high for _, high in ranges)


APPROX_MARGIN = 0.1  # "about 45" is read as 40.5 to 49.5 when claims are compared


def _range(claim: ClaimedFigure) -> tuple[float, float] | None:
    """The values a claim allows: "at least 40" is 40 to infinity, "about 45" 40.5 to 49.5."""
    value, low, high = claim.value, claim.low, claim.high
    if claim.qualifier in ("more_than", "at_least"):
        return (low if low is not None else value or 0.0, float("inf"))
    if claim.qualifier in ("at_most", "less_than"):
        return (0.0, high if high is not None else value or float("inf"))
    if value is not None:
        margin = value * APPROX_MARGIN if claim.qualifier == "approx" else 0.0
        return (value - margin, value + margin)
    if low is None and high is None:
        return None
    return (low if low is not None else 0.0, high if high is not None else float("inf"))


def incident_year(incident: str | None, published: str | None = None) -> str | None:
    """The year a claim's incident happened: from its words, else the source's date.

    Sources describe one incident in many ways ("on the night of 14 to 15 March 2023",
    "since 14 March"), so claims are compared by category, subgroup and year: close enough to
    set them side by side, never to merge them.
    """
    for text in (incident, published):
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text or "")
        if year:
            return year.group(1)
    return None


def compare_claims(session: Session, category: str | None = None) -> list[FigureGroup]:
    """Group every current, not rejected claim by category, subgroup and incident year."""
    require(session, "read")
    query = (
        select(Claim, Source)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.retracted_at.is_(None), Claim.review_state != "rejected")
        .where(Claim.category.isnot(None))
        .order_by(Claim.category, Claim.source_id, Claim.position)
    )
    if category:
        query = query.where(Claim.category == category)
    groups: dict[tuple, FigureGroup] = {}
    for claim, source in session.execute(query):
        key = (claim.category, claim.subgroup, incident_year(claim.incident, source.published))
        year = key[2]
        group = groups.setdefault(key, FigureGroup(claim.category, claim.subgroup, year))
        group.claims.append(
            ClaimedFigure(
                claim.id,
                source.id,
                source.publisher or source.file_name,
                claim.speaker,
                source.published,
                claim.text,
                claim.value,
                claim.low,
                claim.high,
                claim.qualifier,
                claim.review_state,
                claim.incident,
            )
        )
    return list(groups.values())


def claim_checks(session: Session) -> list[str]:
    """Within each source: parts adding up to more than their whole, figures stated twice."""
    from toll.claims.store import source_checks

    source_ids = session.scalars(select(Claim.source_id).distinct().order_by(Claim.source_id))
    return [
        f"source {source_id}, {finding}"
        for source_id in list(source_ids)
        for finding in source_checks(session, source_id)
    ]


def register_counts(session: Session) -> dict[str, int]:
    """Persons in the register by the status their records give (a person may count twice)."""
    query = (
        select(Record.status, func.count(func.distinct(Record.person_id)))
        .where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
        .group_by(Record.status)
    )
    return {status or "unknown": count for status, count in session.execute(query)}
