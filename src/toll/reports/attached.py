"""What is attached to which incident: the claims, records, cases and estimates of a report.

A fact sheet sets figures side by side per incident (`toll.incidents`), so that figures of
unrelated events never sit in one table; figures attached to no incident are set apart.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.incidents import IncidentView, descendants, list_incidents, resolve
from toll.model import IncidentLink


def attached(session: Session, kind: str, within: list[int] | None = None) -> dict[int, int]:
    """{item id: incident id} for the claims (records, cases, estimates) attached to an
    incident (one of `within` when given); proposals waiting for review do not count."""
    column = getattr(IncidentLink, f"{kind}_id")
    query = select(column, IncidentLink.incident_id).where(
        column.isnot(None), IncidentLink.retracted_at.is_(None), IncidentLink.state == "attached"
    )
    if within is not None:
        query = query.where(IncidentLink.incident_id.in_(within))
    return {item: incident for item, incident in session.execute(query)}


@dataclass
class IncidentFocus:
    """The incident a report is narrowed to, with the incidents within it."""

    incident: IncidentView
    within: list[int]


def focus(session: Session, ref: str) -> IncidentFocus:
    """The incident `--incident` names (in any script), and those within it."""
    from toll.incidents import show_incident

    incident = resolve(session, ref)
    return IncidentFocus(show_incident(session, incident.id), descendants(session, incident.id))


def incidents_in_order(session: Session, ids: set[int]) -> list[IncidentView]:
    """The incidents `ids`, oldest first, each parent before the incidents within it."""
    every = [i for i in list_incidents(session) if i.id in ids]
    children: dict[int | None, list[IncidentView]] = {}
    for view in every:
        parent = view.parent["id"] if view.parent and view.parent["id"] in ids else None
        children.setdefault(parent, []).append(view)
    ordered: list[IncidentView] = []

    def walk(parent: int | None) -> None:
        for view in children.get(parent, []):
            ordered.append(view)
            walk(view.id)

    walk(None)
    return ordered
