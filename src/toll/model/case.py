"""A case: the search for one missing person, followed until their fate is known.

The search presumes the person alive and never expires: a case closes only after an outcome is
recorded (located alive, released, remains identified). Every change of status is a
`CaseTransition` row, appended and never changed; who reported the person and how to reach
them (`CaseReporter`) is restricted personal data.
"""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable
from toll.model.sealed import SealedText

CASE_STATUSES = (
    "reported",
    "fate_unknown",
    "located_alive",
    "released",
    "remains_recovered",
    "identified",
    "closed",
)


class Case(Created, Retractable, Base):
    """The search for one person of the register. `label` (C-00031) is what people quote."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(30), index=True)
    reported_on: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[str | None] = mapped_column(Text)  # date as written
    last_seen_earliest: Mapped[date | None] = mapped_column(Date)
    last_seen_latest: Mapped[date | None] = mapped_column(Date)
    last_seen_place: Mapped[str | None] = mapped_column(Text)
    place_key: Mapped[str | None] = mapped_column(Text)
    circumstances: Mapped[str | None] = mapped_column(Text)
    # Antemortem descriptors, compared with the postmortem findings of remains
    marks: Mapped[str | None] = mapped_column(Text)  # distinguishing marks
    effects: Mapped[str | None] = mapped_column(Text)  # clothing, personal effects
    stature: Mapped[int | None] = mapped_column(Integer)  # cm
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    outcome: Mapped[str | None] = mapped_column(Text)  # what was found, in words


class CaseReporter(Created, Base):
    """Who reported the person missing: name and contact are restricted personal data."""

    __tablename__ = "case_reporters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str | None] = mapped_column(SealedText)  # restricted
    contact: Mapped[str | None] = mapped_column(SealedText)  # restricted
    relationship: Mapped[str | None] = mapped_column(Text)  # mother, brother, neighbour...
    consent: Mapped[str | None] = mapped_column(Text)  # the scope of sharing consented to
    reported_on: Mapped[date | None] = mapped_column(Date)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)


class CaseTransition(Created, Base):
    """One change of a case's status: dated, sourced, by a named user. Never changed."""

    __tablename__ = "case_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str] = mapped_column(String(30))
    on: Mapped[date] = mapped_column(Date)  # when it happened (not when it was typed)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    remains_id: Mapped[int | None] = mapped_column(ForeignKey("remains.id"))
    note: Mapped[str | None] = mapped_column(Text)
