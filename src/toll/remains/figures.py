"""Remains figures: how many remains the store holds (recovered), identified and not yet.

`public`: for publication, each count under 5 suppressed (None); since recovered is the sum
of the other two, one of them hidden hides the other too (`hidden_cells`), so that neither can
be worked out from the total.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.figures.public import hidden_cells, suppress
from toll.model import Remains, Source
from toll.store.access import require

FIGURES = ("recovered", "identified", "unidentified")
DEFINITIONS = {
    "recovered": "remains recorded in the store (not retracted), each with what the "
    "laboratory found",
    "identified": "confirmed by a laboratory's report to be the person of a missing-person "
    "case (a retracted identification does not count)",
    "unidentified": "not identified yet: ranked against the open cases",
}


def remains_figures(session: Session, public: bool = False) -> dict:
    """Remains recovered, identified and unidentified, and the lists they were imported from
    (`sources`, in the order added; remains added by hand have none)."""
    require(session, "read")
    standing = Remains.retracted_at.is_(None)
    recovered = session.scalar(select(func.count(Remains.id)).where(standing))
    identified = session.scalar(
        select(func.count(Remains.id)).where(standing, Remains.case_id.isnot(None))
    )
    sources = session.scalars(
        select(Source)
        .where(Source.id.in_(select(Remains.source_id).where(standing)))
        .order_by(Source.id)
    ).all()
    counts = {
        "recovered": recovered,
        "identified": identified,
        "unidentified": recovered - identified,
    }
    if public:
        parts = {("remains", key): counts[key] for key in FIGURES[1:]}
        hidden = {key for _, key in hidden_cells(parts)}
        counts = {key: None if key in hidden else suppress(value) for key, value in counts.items()}
    return {**counts, "sources": sources, "definitions": DEFINITIONS}
