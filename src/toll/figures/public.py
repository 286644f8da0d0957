"""What anyone may see, signed in or not: figures as sources published them, the register
only as counts (under 5 suppressed), and estimates. No name, no record, no confidential source.

This is the only read in Toll that needs no user: everything it returns is aggregated or was
already public, so the rule of what is public lives here, not in the web or report layer:
`is_suppressed` for one count, `hidden_cells` for a table whose totals are published too.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.figures.breakdown import Breakdown, tallies
from toll.model import Claim, Estimate, Source

PUBLIC_MINIMUM = 5  # counts under this are suppressed: a count of 1 or 2 can name a person


def is_suppressed(count: int | None, minimum: int = PUBLIC_MINIMUM) -> bool:
    """Whether a public output hides this count: one to `minimum - 1` persons could be
    recognised; zero names nobody and is shown."""
    return count is not None and 0 < count < minimum


def suppress(count: int | None, minimum: int = PUBLIC_MINIMUM) -> int | None:
    """The count, or None when a public output hides it (shown as "fewer than 5")."""
    return None if is_suppressed(count, minimum) else count


Cell = tuple[Hashable, Hashable]  # (row, column) of a table of counts


def hidden_cells(
    cells: Mapping[Cell, int],
    *,
    rows: bool = True,
    columns: bool = False,
    minimum: int = PUBLIC_MINIMUM,
) -> set[Cell]:
    """The cells of a table of counts that a public output hides.

    Primary suppression hides every count from one to `minimum - 1` (`is_suppressed`).
    Where the total of a row (`rows`) or of a column (`columns`) is published too, one hidden
    cell in that line could be worked out as the total minus the cells shown, so a second
    cell of that line is hidden as well (complementary, or secondary, suppression): its
    smallest other count above zero (the least information lost; a zero shown is known
    anyway). Hiding it may leave another line with one hidden cell, so this repeats until
    no line whose total is published holds exactly one hidden cell. A line whose only other
    cells are zeros has a total under `minimum`, which `is_suppressed` hides itself.
    docs/methods/disclosure.md explains the rule and what it does not protect against.
    """
    hidden = {key for key, count in cells.items() if is_suppressed(count, minimum)}
    axes = [axis for axis, published in ((0, rows), (1, columns)) if published]
    changed = bool(hidden and axes)
    while changed:
        changed = False
        for axis in axes:
            lines: dict[Hashable, list[Cell]] = {}
            for key in cells:
                lines.setdefault(key[axis], []).append(key)
            for keys in lines.values():
                if sum(key in hidden for key in keys) != 1:
                    continue
                shown = [k for k in keys if k not in hidden and cells[k] > 0]
                if shown:
                    hidden.add(min(shown, key=lambda k: (cells[k], str(k))))
                    changed = True
    return hidden


@dataclass
class PublicFigure:
    source: str
    published: str | None
    speaker: str | None
    words: str
    category: str | None
    subgroup: str | None
    qualifier: str | None
    value: float | None
    low: float | None
    high: float | None


@dataclass
class PublicSummary:
    figures: list[PublicFigure] = field(default_factory=list)
    # [{"status": ..., "persons": n or None (suppressed)}]; by sex and by age group, each row
    # also has "sex" or "age_group"
    by_status: list[dict] = field(default_factory=list)
    by_sex: list[dict] = field(default_factory=list)
    by_age_group: list[dict] = field(default_factory=list)
    persons: int | None = None
    estimate: dict | None = None  # {"label", "observed", "methods": [{name, estimate, low, high}]}
    minimum: int = PUBLIC_MINIMUM


def public_summary(session: Session) -> PublicSummary:
    """The public view of the store."""
    summary = PublicSummary(figures=_figures(session))
    register = tallies(session, (None, "sex", "age_group"))
    summary.by_status = [
        {"status": status, "persons": suppress(persons)}
        for status, persons in register.persons_by_status.items()
    ]
    summary.by_sex = _rows(register.by["sex"])
    summary.by_age_group = _rows(register.by["age_group"])
    summary.persons = suppress(register.persons)
    summary.estimate = _latest_estimate(session)
    return summary


def _rows(found: Breakdown) -> list[dict]:
    """Persons by status and `found.by`; each status's total is published too (`by_status`)."""
    by = found.by
    cells = {
        (status, value): count
        for status, values in found.counts.items()
        for value, count in values.items()
    }
    hidden = hidden_cells(cells)
    return [
        {"status": status, by: value, "persons": None if (status, value) in hidden else count}
        for (status, value), count in cells.items()
    ]


def _figures(session: Session) -> list[PublicFigure]:
    query = (
        select(Claim, Source)
        .join(Source, Source.id == Claim.source_id)
        .where(
            Claim.retracted_at.is_(None),
            Claim.review_state != "rejected",
            Claim.category.isnot(None),
            Source.retracted_at.is_(None),
            Source.confidential.is_(False),
        )
        .order_by(Claim.category, Source.id, Claim.position)
    )
    return [
        PublicFigure(
            source.publisher or source.title or source.file_name,
            source.published,
            claim.speaker,
            claim.text,
            claim.category,
            claim.subgroup,
            claim.qualifier,
            claim.value,
            claim.low,
            claim.high,
        )
        for claim, source in session.execute(query)
    ]


def headline_estimate(session: Session) -> Estimate | None:
    """The estimate a headline shows: the latest of the whole register, else the latest.

    An estimate by strata (by status, say) adds up strata that a reader of "victims in all"
    would not expect summed, so one over all lists, where there is one, comes first.
    """
    query = select(Estimate.id, Estimate.stratum).where(Estimate.retracted_at.is_(None))
    rows = session.execute(query.order_by(Estimate.id.desc())).all()
    whole = [row.id for row in rows if not (row.stratum or {}).get("by")]
    chosen = (whole or [row.id for row in rows] or [None])[0]
    return session.get(Estimate, chosen) if chosen is not None else None


def _latest_estimate(session: Session) -> dict | None:
    row = headline_estimate(session)
    if row is None:
        return None
    methods = row.result.get("methods") or row.result.get("total") or []
    return {
        "label": row.label,
        "observed": suppress(row.result.get("observed")),
        "methods": [
            {key: method.get(key) for key in ("name", "estimate", "low", "high")}
            for method in methods
        ],
    }
