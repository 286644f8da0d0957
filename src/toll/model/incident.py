"""An incident: what happened, where and when, with dates that may be known only in part."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable


class Incident(Created, Retractable, Base):
    """An event in which people were harmed (an attack, a massacre, a shelling, a siege)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)  # as written
    place_key: Mapped[str | None] = mapped_column(Text, index=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    date_text: Mapped[str | None] = mapped_column(Text)  # "25-26 February 1992"
    date_earliest: Mapped[date | None] = mapped_column(Date)
    date_latest: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
