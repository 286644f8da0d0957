"""Figures side by side: what each source claims, where claims conflict, what the register holds.

Toll never picks a winner. Claims about the same thing (category, subgroup, year of the
incident) from different sources are listed together; when their ranges do not overlap the
group is marked as a conflict for a reviewer to look at.

`reconcile` does the same per incident (`toll.incidents`): for each category and subgroup every
source's figure, the low, high and median across sources, the persons of the register and the
stored estimate, with notes on why the figures differ where the data shows it. Every number
names the claims, persons or estimate behind it.
"""

import re
import statistics
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.figures.breakdown import tallies
from toll.model import Claim, Estimate, IncidentLink, Person, Record, Source
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
    published_earliest: date | None = None
    category: str | None = None
    subgroup: str | None = None
    subject: str | None = None
    part_of: int | None = None
    provenance: dict[str, Any] | None = None  # an event dataset's file, row and event id


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
    if claim.qualifier == "range" and low is not None and high is not None:
        return (low, high)  # an event dataset's low, best and high
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
        group.claims.append(claimed_figure(claim, source))
    return list(groups.values())


def claimed_figure(claim: Claim, source: Source, provenance: dict | None = None) -> ClaimedFigure:
    """One claim as it is set beside others: its value, words, speaker and source."""
    return ClaimedFigure(
        claim.id,
        source.id,
        source.publisher or source.title or source.file_name,
        claim.speaker,
        source.published,
        claim.text,
        claim.value,
        claim.low,
        claim.high,
        claim.qualifier,
        claim.review_state,
        claim.incident,
        source.published_earliest,
        claim.category,
        claim.subgroup,
        claim.subject,
        claim.part_of_id,
        provenance,
    )


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
    """Persons in the register by the status their records give (a person may count twice),
    as the dashboard counts them (`toll.figures.breakdown`)."""
    return tallies(session, (None,)).persons_by_status


# -- one account per incident ---------------------------------------------------------------

# Which statuses of a record count for a category of claims.
CATEGORY_STATUSES = {
    "killed": ("killed",),
    "injured": ("injured",),
    "missing": ("missing",),
    "captured": ("captured", "released"),
}
ADULT = 18


def _subgroup_test(subgroup: str | None):
    """Whether a register row (sex, age, civilian status) belongs to a claim's subgroup;
    None for a subgroup the register cannot tell (e.g. "families")."""
    name = (subgroup or "").casefold().strip()
    tests = {
        "": lambda sex, age, civ: True,
        "women": lambda sex, age, civ: sex == "female" and (age is None or age >= ADULT),
        "men": lambda sex, age, civ: sex == "male" and (age is None or age >= ADULT),
        "children": lambda sex, age, civ: age is not None and age < ADULT,
        "elderly": lambda sex, age, civ: age is not None and age >= 60,
        "civilians": lambda sex, age, civ: civ == "civilian",
        "combatants": lambda sex, age, civ: civ == "combatant",
    }
    return tests.get(name)


@dataclass
class Bound:
    """One number of the spread, with the claims that give it."""

    value: float
    claims: list[int]
    open: bool = False  # the highest figure is itself a lower bound ("more than 350")


@dataclass
class Reconciled:
    """Everything about one category and subgroup of one incident, side by side."""

    category: str
    subgroup: str | None
    figures: list[ClaimedFigure]
    sources: int
    low: Bound | None
    high: Bound | None
    median: Bound | None
    conflict: bool
    register: dict[str, Any] | None  # {"count": n, "persons": [labels]}
    estimate: dict[str, Any] | None  # the stored MSE estimate with its intervals
    notes: list[str]
    superseded: dict[int, int] = field(default_factory=dict)


@dataclass
class IncidentAccount:
    """One account of an incident from every source."""

    incident: dict[str, Any]
    groups: list[Reconciled]
    waiting_for_review: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def reconcile(session: Session, incident: str | int | None = None) -> list[IncidentAccount]:
    """For one incident (with its children) or every incident that has anything attached:
    per category and subgroup every source's figure, low, high and median across sources,
    the register's persons and the stored estimate, and why figures differ."""
    from toll.incidents import descendants, list_incidents, resolve, show_incident

    require(session, "read")
    if incident is not None:
        ids = [resolve(session, incident).id]
    else:
        linked = set(
            session.scalars(
                select(IncidentLink.incident_id).where(
                    IncidentLink.retracted_at.is_(None), IncidentLink.state == "attached"
                )
            )
        )
        ids = [i.id for i in list_incidents(session) if i.id in linked]
    accounts = []
    for incident_id in ids:
        view = show_incident(session, incident_id)
        within = descendants(session, incident_id)
        groups = _groups(session, within, view)
        accounts.append(IncidentAccount(view.to_dict(), groups, view.attached.get("review", 0)))
    return accounts


def _links(session: Session, within: list[int]):
    return select(IncidentLink).where(
        IncidentLink.incident_id.in_(within),
        IncidentLink.retracted_at.is_(None),
        IncidentLink.state == "attached",
    )


def _attached_figures(session: Session, within: list[int]) -> list[ClaimedFigure]:
    links = _links(session, within).where(IncidentLink.claim_id.isnot(None)).subquery()
    query = (
        select(Claim, Source, links.c.source_row, links.c.event_id)
        .join(links, links.c.claim_id == Claim.id)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.retracted_at.is_(None), Claim.review_state != "rejected")
        .where(Claim.category.isnot(None))
        .order_by(Source.published_earliest, Claim.source_id, Claim.position)
    )
    figures = []
    for claim, source, row, event_id in session.execute(query):
        provenance = None
        if row is not None:
            provenance = {
                "file": source.file_name,
                "sha256": source.sha256,
                "row": row,
                "event_id": event_id,
            }
        figures.append(claimed_figure(claim, source, provenance))
    return figures


def _register_rows(session: Session, within: list[int]) -> list[tuple]:
    links = _links(session, within).where(IncidentLink.record_id.isnot(None)).subquery()
    query = (
        select(
            Person.label,
            Record.status,
            Record.sex,
            Record.age,
            Record.birth_year,
            Record.event_date_earliest,
            Record.civilian_status,
        )
        .join(links, links.c.record_id == Record.id)
        .join(Person, Person.id == Record.person_id)
        .where(Record.retracted_at.is_(None), Person.retracted_at.is_(None))
    )
    rows = []
    for label, status, sex, age, birth_year, event, civilian in session.execute(query):
        if age is None and birth_year and event:
            age = event.year - birth_year
        rows.append((label, status, sex, age, civilian))
    return rows


def register_persons(rows: list[tuple], category: str, subgroup: str | None) -> dict | None:
    """The persons of the register for a category and subgroup (None: it cannot tell)."""
    statuses = CATEGORY_STATUSES.get(category)
    test = _subgroup_test(subgroup)
    if statuses is None or test is None:
        return None
    labels = sorted(
        {
            label
            for label, status, sex, age, civ in rows
            if status in statuses and test(sex, age, civ)
        }
    )
    return {"count": len(labels), "persons": labels}


def _estimates(session: Session, within: list[int]) -> list[tuple[IncidentLink, Estimate]]:
    links = _links(session, within).where(IncidentLink.estimate_id.isnot(None)).subquery()
    query = (
        select(links.c.category, Estimate)
        .join(links, links.c.estimate_id == Estimate.id)
        .where(Estimate.retracted_at.is_(None))
        .order_by(Estimate.id.desc())
    )
    return list(session.execute(query))


def estimate_for(stored: list[tuple], category: str, subgroup: str | None) -> dict | None:
    """The newest stored estimate of this category (of everyone in it: not by subgroup)."""
    if subgroup:
        return None
    for link_category, estimate in stored:
        result = estimate.result
        strata = result.get("strata") or {}
        if f"status={category}" in strata:
            result = strata[f"status={category}"]
        elif link_category != category:
            continue
        return {
            "estimate_id": estimate.id,
            "label": estimate.label,
            "observed": result.get("observed"),
            "methods": [
                {"name": m["name"], "estimate": m["estimate"], "low": m["low"], "high": m["high"]}
                for m in result.get("methods", [])
            ],
        }
    return None


def _groups(session: Session, within: list[int], view) -> list[Reconciled]:
    from toll.figures.differences import explain, other_definitions, superseded
    from toll.incidents.attach import hint_period
    from toll.incidents.keys import name_keys

    figures = _attached_figures(session, within)
    register = _register_rows(session, within)
    stored = _estimates(session, within)
    by_group: dict[tuple, list[ClaimedFigure]] = {}
    for figure in figures:
        figure.subgroup = figure.subgroup or subgroup_of_subject(figure.subject)
        by_group.setdefault((figure.category, figure.subgroup), []).append(figure)
    for status in {status for _, status, *_ in register}:
        category = next((c for c, s in CATEGORY_STATUSES.items() if status in s), None)
        if category:
            by_group.setdefault((category, None), [])
    by_category: dict[str, list[ClaimedFigure]] = {}
    for (category, subgroup), items in by_group.items():
        if subgroup is None:
            by_category[category] = items
    keys = {key for name in view.names for key in name_keys(name["name"])}
    keys |= set(name_keys(view.place or ""))
    groups = []
    for (category, subgroup), items in sorted(by_group.items(), key=_order):
        replaced = superseded(items)
        notes = explain(items, replaced, keys, name_keys, hint_period)
        if subgroup is None:
            notes += other_definitions(category, by_category)
        counted = [
            f
            for f in items
            if f.claim_id not in replaced and f.part_of not in {g.claim_id for g in items}
        ]
        group = FigureGroup(category, subgroup, None, counted)
        low, high, median = spread(counted)
        groups.append(
            Reconciled(
                category,
                subgroup,
                items,
                len({f.source_id for f in items}),
                low,
                high,
                median,
                group.conflict and group.sources > 1,
                register_persons(register, category, subgroup),
                estimate_for(stored, category, subgroup),
                notes,
                replaced,
            )
        )
    return groups


COMBATANT_WORDS = (
    "soldier",
    "fighter",
    "servicem",
    "combatant",
    "troops",
    "militant",
    "военнослужащ",
    "солдат",
    "боец",
    "бойц",
    "боевик",
)


def subgroup_of_subject(subject: str | None) -> str | None:
    """Soldiers and fighters counted apart from everyone: a subgroup of their own."""
    words = (subject or "").lower()
    return "combatants" if any(word in words for word in COMBATANT_WORDS) else None


CATEGORY_ORDER = ("killed", "injured", "missing", "captured", "tortured", "displaced")


def _order(item) -> tuple:
    (category, subgroup), _ = item
    rank = CATEGORY_ORDER.index(category) if category in CATEGORY_ORDER else len(CATEGORY_ORDER)
    return (rank, category, subgroup is not None, subgroup or "")


def spread(figures: list[ClaimedFigure]) -> tuple[Bound | None, Bound | None, Bound | None]:
    """The lowest and highest figure any source gives, and the median of their points, each
    with the claims behind it. A range gives both its ends; "at least 300" gives 300 to the
    low side and, when nothing bounded is higher, a high of 300 that is open ("300+")."""
    lows, highs, points = [], [], []
    for figure in figures:
        allowed = _range(figure)
        if allowed is None:
            continue
        low, high = allowed
        lows.append((figure.low if figure.low is not None else low, figure.claim_id))
        highs.append((high if high != float("inf") else low, high == float("inf"), figure.claim_id))
        point = (
            figure.value
            if figure.value is not None
            else ((low + high) / 2 if high != float("inf") else low)
        )
        points.append((point, figure.claim_id))
    if not points:
        return None, None, None
    top = max(value for value, _, _ in highs)
    high = Bound(
        top,
        [c for v, _, c in highs if v == top],
        open=any(is_open for v, is_open, _ in highs if v == top),
    )
    return _bound(lows, min), high, _median(points)


def _bound(values: list[tuple[float, int]], pick) -> Bound | None:
    if not values:
        return None
    chosen = pick(value for value, _ in values)
    return Bound(chosen, [claim for value, claim in values if value == chosen])


def _median(points: list[tuple[float, int]]) -> Bound:
    middle = statistics.median(value for value, _ in points)
    ordered = sorted(points)
    half = len(ordered) // 2
    behind = ordered[half - 1 : half + 1] if len(ordered) % 2 == 0 else [ordered[half]]
    return Bound(middle, sorted(claim for _, claim in behind))
