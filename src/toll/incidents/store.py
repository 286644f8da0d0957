"""Incidents in the store: adding them, their names, finding them in any script, showing them."""

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.incidents.keys import name_keys, stored_key
from toll.model import Incident, IncidentLink, IncidentName
from toll.names import place_key
from toll.records.dates import parse_date
from toll.sources.store import guess_language
from toll.store.access import require


@dataclass
class IncidentView:
    """An incident as plain data: what, where, when, its names, parent and children."""

    id: int
    title: str
    names: list[dict[str, Any]]
    place: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    date: str | None
    date_earliest: date | None
    date_latest: date | None
    date_precision: str | None
    parent: dict[str, Any] | None
    children: list[dict[str, Any]] = field(default_factory=list)
    description: str | None = None
    source: dict[str, Any] | None = None  # the dataset row it was read from, if any
    attached: dict[str, int] = field(default_factory=dict)  # kind -> count, "review" waiting

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_incident(
    session: Session,
    title: str,
    *,
    names: list[str] = (),
    place: str | None = None,
    country: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    when: str | None = None,
    parent: str | int | None = None,
    description: str | None = None,
) -> IncidentView:
    """Add an incident. `names` are other names ("ru:Ходжалы": language first, optional);
    `when` a date or period as people write it ("late February 1992", "25-26.02.1992")."""
    require(session, "edit")
    if not title or not title.strip():
        raise TollError('an incident needs a title, e.g. "Khojaly massacre"')
    _check_coordinates(latitude, longitude)
    earliest, latest, precision = read_when(when)
    incident = Incident(
        title=title.strip(),
        description=description,
        place=place,
        place_key=place_key(place) if place else None,
        country=country,
        latitude=latitude,
        longitude=longitude,
        date_text=when,
        date_earliest=earliest,
        date_latest=latest,
        date_precision=precision,
        parent_id=resolve(session, parent).id if parent is not None else None,
        created_by=session.info.get("actor"),
    )
    session.add(incident)
    session.flush()
    for name in [title, *names]:
        _add_name(session, incident, name)
    session.flush()
    return view(session, incident)


def read_when(when: str | None) -> tuple[date | None, date | None, str | None]:
    """The earliest and latest day a date or period can mean, and its precision."""
    if not when or not when.strip():
        return None, None, None
    value = parse_date(when)
    if value.earliest is None:
        raise TollError(
            f"date {when!r} not understood ({value.problem}); write it e.g. as 1992-02-26, "
            "February 1992, late February 1992 or 25-26 February 1992"
        )
    return value.earliest, value.latest, value.precision


def _check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise TollError("give both --latitude and --longitude, or neither")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise TollError(
            f"coordinates {latitude}, {longitude} are not on Earth: latitude is -90 to 90, "
            "longitude -180 to 180 (decimal degrees)"
        )


def _add_name(session: Session, incident: Incident, written: str) -> IncidentName | None:
    language, name = split_language(written)
    if not name_keys(name):
        return None
    known = session.scalar(
        select(IncidentName).where(
            IncidentName.incident_id == incident.id, IncidentName.name == name
        )
    )
    if known is not None:
        return known
    row = IncidentName(
        incident_id=incident.id,
        name=name,
        language=language or guess_language(name),
        key=stored_key(name),
        created_by=session.info.get("actor"),
    )
    session.add(row)
    return row


def split_language(written: str) -> tuple[str | None, str]:
    """ "ru:Ходжалы" -> ("ru", "Ходжалы"); a name without a language code stays as it is."""
    head, sep, tail = written.partition(":")
    if sep and 2 <= len(head) <= 3 and head.isascii() and head.isalpha() and tail.strip():
        return head.lower(), tail.strip()
    return None, written.strip()


def add_names(session: Session, ref: str | int, names: list[str]) -> IncidentView:
    """Give an incident more names (in other languages or spellings)."""
    require(session, "edit")
    incident = resolve(session, ref)
    for name in names:
        _add_name(session, incident, name)
    session.flush()
    return view(session, incident)


def find_incidents(session: Session, text: str) -> list[IncidentView]:
    """Incidents one of whose names (or whose place) has every distinctive word of `text`,
    in any script: "Ходжалы" finds "Khojaly massacre"."""
    require(session, "read")
    return [view(session, incident) for incident in _matching(session, text)]


def _matching(session: Session, text: str) -> list[Incident]:
    keys = name_keys(text)
    if not keys:
        return []
    query = select(Incident).where(Incident.retracted_at.is_(None)).order_by(Incident.id)
    for key in keys:
        named = select(IncidentName.incident_id).where(
            IncidentName.key.like(f"% {key} %"), IncidentName.retracted_at.is_(None)
        )
        query = query.where(or_(Incident.id.in_(named), Incident.place_key == key))
    return list(session.scalars(query))


def resolve(session: Session, ref: str | int) -> Incident:
    """The incident `ref` names: its id, or a name in any script that names only it."""
    require(session, "read")
    text = str(ref).strip()
    if text.isdigit():
        incident = session.get(Incident, int(text))
        if incident is None:
            raise TollError(f"no incident with id {text}; `toll incident list` shows them")
        return incident
    found = _matching(session, text)
    if not found:
        raise TollError(f"no incident is named {text!r}; `toll incident list` shows them")
    if len(found) > 1:
        exact = [i for i in found if i.title.casefold() == text.casefold()]
        if len(exact) == 1:
            return exact[0]
        shown = "; ".join(f"{i.id}: {i.title}" for i in found[:8])
        raise TollError(f"{text!r} names {len(found)} incidents ({shown}); give the id")
    return found[0]


def list_incidents(session: Session, *, within: str | int | None = None) -> list[IncidentView]:
    """Every current incident (or those within one, its children), oldest first."""
    require(session, "read")
    query = select(Incident).where(Incident.retracted_at.is_(None))
    if within is not None:
        query = query.where(Incident.parent_id == resolve(session, within).id)
    query = query.order_by(Incident.date_earliest.is_(None), Incident.date_earliest, Incident.id)
    return [view(session, incident, brief=True) for incident in session.scalars(query)]


def show_incident(session: Session, ref: str | int) -> IncidentView:
    return view(session, resolve(session, ref))


def descendants(session: Session, incident_id: int) -> list[int]:
    """The incident's id and those of its children, their children and so on."""
    found, frontier = [incident_id], [incident_id]
    while frontier:
        frontier = list(
            session.scalars(
                select(Incident.id).where(
                    Incident.parent_id.in_(frontier), Incident.retracted_at.is_(None)
                )
            )
        )
        found += [i for i in frontier if i not in found]
    return found


def view(session: Session, incident: Incident, *, brief: bool = False) -> IncidentView:
    names = session.scalars(
        select(IncidentName)
        .where(IncidentName.incident_id == incident.id, IncidentName.retracted_at.is_(None))
        .order_by(IncidentName.id)
    )
    parent = session.get(Incident, incident.parent_id) if incident.parent_id else None
    shown = IncidentView(
        id=incident.id,
        title=incident.title,
        names=[{"name": n.name, "language": n.language} for n in names],
        place=incident.place,
        country=incident.country,
        latitude=incident.latitude,
        longitude=incident.longitude,
        date=incident.date_text,
        date_earliest=incident.date_earliest,
        date_latest=incident.date_latest,
        date_precision=incident.date_precision,
        parent={"id": parent.id, "title": parent.title} if parent else None,
        description=incident.description,
    )
    if incident.source_id is not None:
        shown.source = {
            "source_id": incident.source_id,
            "row": incident.source_row,
            "event_id": incident.event_id,
        }
    if not brief:
        children = session.scalars(
            select(Incident)
            .where(Incident.parent_id == incident.id, Incident.retracted_at.is_(None))
            .order_by(Incident.date_earliest, Incident.id)
        )
        shown.children = [{"id": c.id, "title": c.title, "date": c.date_text} for c in children]
        shown.attached = attachment_counts(session, incident.id)
    return shown


def attachment_counts(session: Session, incident_id: int) -> dict[str, int]:
    """How many claims, records, cases and estimates are attached; how many wait for review."""
    counts: dict[str, int] = {}
    current = select(IncidentLink).where(
        IncidentLink.incident_id == incident_id, IncidentLink.retracted_at.is_(None)
    )
    for kind in ("claim", "record", "case", "estimate"):
        column = getattr(IncidentLink, f"{kind}_id")
        attached = current.where(column.isnot(None), IncidentLink.state == "attached")
        counts[f"{kind}s"] = session.scalar(select(func.count()).select_from(attached.subquery()))
    waiting = current.where(IncidentLink.state == "review")
    counts["review"] = session.scalar(select(func.count()).select_from(waiting.subquery()))
    return counts
