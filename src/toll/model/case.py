"""A case: a missing person, followed until their fate is known."""

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

CASE_STATES = ("open", "located_alive", "remains_found", "identified", "closed")


class Case(Created, Retractable, Base):
    """The search for one missing person. Search presumes the person alive."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    state: Mapped[str] = mapped_column(String(30), default="open")
    disappeared: Mapped[str | None] = mapped_column(Text)  # date as written
    disappeared_earliest: Mapped[date | None] = mapped_column(Date)
    disappeared_latest: Mapped[date | None] = mapped_column(Date)
    place_last_seen: Mapped[str | None] = mapped_column(Text)
    circumstances: Mapped[str | None] = mapped_column(Text)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    fate: Mapped[str | None] = mapped_column(Text)
    fate_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    family_contact: Mapped[str | None] = mapped_column(Text)  # restricted
    confidential: Mapped[bool] = mapped_column(default=True)
