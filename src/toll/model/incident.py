"""An incident: what happened, where and when, with dates that may be known only in part.

One incident gathers every account of one event: its names in every language and script
(`IncidentName`), and the claims, records, cases and estimates attached to it
(`IncidentLink`), each attachment saying how it was made and whether a person confirmed it.
"""

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

# How an attachment was made, and where it stands.
LINK_METHODS = ("hand", "hint", "place_date", "dataset")
LINK_STATES = ("attached", "review", "rejected")


class Incident(Created, Retractable, Base):
    """An event in which people were harmed (an attack, a massacre, a shelling, a siege)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)  # as written
    place_key: Mapped[str | None] = mapped_column(Text, index=True)
    country: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    date_text: Mapped[str | None] = mapped_column(Text)  # "25-26 February 1992"
    date_earliest: Mapped[date | None] = mapped_column(Date)
    date_latest: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(20))  # day, month, range...
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    # For an incident read from an event dataset: the file, its row and the dataset's own id.
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    source_row: Mapped[int | None] = mapped_column(Integer)
    event_id: Mapped[str | None] = mapped_column(Text, index=True)


class IncidentName(Created, Retractable, Base):
    """One name of an incident as some source or language gives it ("Ходжалы", "Xocalı").

    `key` is the name's comparison keys (see `toll.names`) between spaces, so a name in any
    script finds the incident.
    """

    __tablename__ = "incident_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(Text)


class IncidentLink(Created, Retractable, Base):
    """A claim, record, case or estimate attached to an incident (exactly one of them).

    `method` says how (by hand, by the extractor's incident hint, by a record's place and date
    of event, from an event dataset's row); `state` is `attached`, or `review` while an unsure
    automatic attachment waits for a person, or `rejected` once a person said no. Detaching
    retracts the link, so its history stays.
    """

    __tablename__ = "incident_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"), index=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    estimate_id: Mapped[int | None] = mapped_column(ForeignKey("estimates.id"))
    category: Mapped[str | None] = mapped_column(String(50))  # what an estimate counts
    method: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20), default="attached", index=True)
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    # Provenance of a claim read from an event dataset: its row and the dataset's event id.
    source_row: Mapped[int | None] = mapped_column(Integer)
    event_id: Mapped[str | None] = mapped_column(Text)
