"""Characterisations and recognitions: what a source calls an event, and who recognised it so.

Like a harm figure, each is an attributed claim, tied to the words that state it: Toll records
that a speaker called an event a "massacre", or that a parliament passed a resolution, never
that it was one.
"""

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

# characterisation: "the massacre"; recognition: one act (a resolution, a judgment, a
# declaration); recognition_count: a number of them claimed ("parliaments of 17 countries").
CHARACTERISATION_KINDS = ("characterisation", "recognition", "recognition_count")


class Characterisation(Created, Retractable, Base):
    """One characterisation or act of recognition, as one source states it."""

    __tablename__ = "characterisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    term: Mapped[str | None] = mapped_column(Text)  # massacre, genocide, war crime, tragedy
    body: Mapped[str | None] = mapped_column(Text)  # who: a speaker, parliament, court
    jurisdiction: Mapped[str | None] = mapped_column(Text)  # a country or an organisation
    act: Mapped[str | None] = mapped_column(Text)  # resolution, judgment, declaration, law
    date_text: Mapped[str | None] = mapped_column(Text)
    document: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)  # for recognition_count
    text: Mapped[str | None] = mapped_column(Text)  # the wording, as the source has it
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    incident: Mapped[str | None] = mapped_column(Text)  # as stated in the text
