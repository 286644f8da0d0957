"""Figures side by side: what each source claims, where claims conflict, what the register holds.

Toll never picks a winner. Claims about the same thing (category, subgroup, incident) from
different sources are listed together; when their ranges do not overlap the group is marked
as a conflict for a reviewer to look at.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.model import Claim, Record, Source
from toll.names import place_key
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


@dataclass
class FigureGroup:
    """Every claim about one thing, from every source."""

    category: str
    subgroup: str | None
    incident: str | None
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


def _range(claim: ClaimedFigure) -> tuple[float, float] | None:
    low = claim.low if claim.low is not None else claim.value
    high = claim.high if claim.high is not None else claim.value
    if low is None and high is None:
        return None
    return (low if low is not None else 0.0, high if high is not None else float("inf"))


def incident_key(incident: str | None) -> str | None:
    """Claims about "Northfield, 14 March 2023" and "Northfield" meet on place and year."""
    if not incident:
        return None
    place = place_key(re.split(r"[,;(]| on | in | between ", incident)[0].strip())
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", incident)
    return " ".join(part for part in (place, year.group(1) if year else None) if part) or None


def compare_claims(session: Session, category: str | None = None) -> list[FigureGroup]:
    """Group every current, not rejected claim by category, subgroup and incident."""
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
        key = (claim.category, claim.subgroup, incident_key(claim.incident))
        group = groups.setdefault(key, FigureGroup(claim.category, claim.subgroup, claim.incident))
        group.claims.append(
            ClaimedFigure(
                claim.id,
                source.id,
                source.title or source.file_name,
                claim.speaker,
                source.published,
                claim.text,
                claim.value,
                claim.low,
                claim.high,
                claim.qualifier,
                claim.review_state,
            )
        )
    return list(groups.values())


def parts_exceeding_whole(session: Session) -> list[tuple[Claim, float]]:
    """Claims whose parts ("including 106 women and 63 children") add up to more than them."""
    parts: dict[int, float] = defaultdict(float)
    query = select(Claim).where(
        Claim.part_of_id.isnot(None), Claim.retracted_at.is_(None), Claim.review_state != "rejected"
    )
    for part in session.scalars(query):
        parts[part.part_of_id] += part.value or 0
    wholes = session.scalars(select(Claim).where(Claim.id.in_(parts))) if parts else []
    return [
        (whole, parts[whole.id])
        for whole in wholes
        if whole.value is not None and parts[whole.id] > whole.value
    ]


def register_counts(session: Session) -> dict[str, int]:
    """Persons in the register by the status their records give (a person may count twice)."""
    query = (
        select(Record.status, func.count(func.distinct(Record.person_id)))
        .where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
        .group_by(Record.status)
    )
    return {status or "unknown": count for status, count in session.execute(query)}
