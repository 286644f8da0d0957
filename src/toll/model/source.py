"""A source: one document or list as received, with its original bytes kept unchanged."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from toll.model.base import Base, Created, Retractable


class Original(Base):
    """The original bytes of a source, addressed by their SHA-256.

    Kept apart from `Source` so that the same bytes are stored once and can be re-hashed by
    `toll verify` (evidence must be provably unchanged since it was collected).
    """

    __tablename__ = "originals"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Source(Created, Retractable, Base):
    """A document (statement, report, article, judgment) or a list of persons."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("originals.sha256"), unique=True)
    file_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(50))  # statement, news, report, list, ...
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(100))  # as given, may be partial
    published_earliest: Mapped[date | None] = mapped_column(Date)
    published_latest: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)  # the extracted main text
    confidential: Mapped[bool] = mapped_column(default=False)

    original: Mapped[Original] = relationship(lazy="raise")
