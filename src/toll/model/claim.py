"""A claim: a figure stated in a source, tied to the exact characters that state it."""

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

CLAIM_REVIEW_STATES = ("extracted", "confirmed", "corrected", "rejected")


class Claim(Created, Retractable, Base):
    """One harm figure as a source states it ("over 3,410 houses destroyed").

    `start`/`end` are character offsets into the source's text, so every claim can be shown
    against its words. Toll never endorses a claim: conflicting claims stay side by side.
    """

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order within the source
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str | None] = mapped_column(String(50), index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    subgroup: Mapped[str | None] = mapped_column(Text)
    part_of_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    incident: Mapped[str | None] = mapped_column(Text)  # as stated in the text
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    speaker: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    review_state: Mapped[str] = mapped_column(String(20), default="extracted")
    review_note: Mapped[str | None] = mapped_column(Text)
    # Which rules and model extracted it (toll.claims.version); null before versions were kept.
    extractor_version: Mapped[str | None] = mapped_column(String(80), index=True)
