"""A record: one person as one list (a source) gives them, with its row kept as read."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

RECORD_STATUSES = (
    "killed",
    "injured",
    "missing",
    "captured",
    "released",
    "remains_found",
    "identified",
    "alive",
)
# The record's fields in the groups the importer, the register and exports use (one list each).
NAME_FIELDS = ("full_name", "family_name", "given_name", "patronymic")
# What a record says about the person, in the order Toll shows and exports it.
PERSON_FIELDS = (
    *NAME_FIELDS,
    "sex",
    "age",
    "birth_date",
    "birth_year",
    "event_date",
    "place",
    "status",
    "civilian_status",
    "household",
    "relation_to_head",
)
# Text a list gives beside those, kept as written; several columns of a row are joined with "; ".
JOINED_FIELDS = ("place", "place_of_birth", "circumstances", "notes")
# What Toll read a value as, and the text it could not read: nothing is dropped silently.
READING_FIELDS = (
    "age_low",
    "age_high",
    "birth_date_earliest",
    "birth_date_latest",
    "event_date_earliest",
    "event_date_latest",
    "sex_raw",
    "status_raw",
    "civilian_status_raw",
    "relation_to_head_raw",
)


class Record(Created, Retractable, Base):
    """A row of a list: names as written in any script, parsed parts, and what is reported.

    Values that could not be parsed are kept as text (`*_raw`, `original`) with a warning,
    never dropped.
    """

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("source_id", "row_number"),
        # Any word of a name, for search (' ' || name_key LIKE '% word%'): trigrams, on
        # PostgreSQL (migration 0009); on SQLite an FTS5 table of trigrams, records_name_words,
        # kept by triggers on this table (migration 0013: a migration that rebuilds this table
        # in batch mode drops them, and must create them again).
        Index(
            "ix_records_name_words_trgm",
            text("(' ' || name_key) gin_trgm_ops"),
            postgresql_using="gin",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)  # 1-based data row in the file
    row_key: Mapped[str | None] = mapped_column(Text)  # the list's own identifier
    original: Mapped[dict[str, Any]] = mapped_column(JSON)  # header -> cell, as read
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)

    full_name: Mapped[str | None] = mapped_column(Text)
    given_name: Mapped[str | None] = mapped_column(Text)
    family_name: Mapped[str | None] = mapped_column(Text)
    patronymic: Mapped[str | None] = mapped_column(Text)
    sex: Mapped[str | None] = mapped_column(String(10))  # male, female
    sex_raw: Mapped[str | None] = mapped_column(Text)
    age: Mapped[int | None] = mapped_column(Integer)
    age_low: Mapped[int | None] = mapped_column(Integer)
    age_high: Mapped[int | None] = mapped_column(Integer)
    birth_date: Mapped[str | None] = mapped_column(Text)  # as written
    birth_date_earliest: Mapped[date | None] = mapped_column(Date)
    birth_date_latest: Mapped[date | None] = mapped_column(Date)
    birth_date_precision: Mapped[str | None] = mapped_column(String(20))  # day, month, year...
    birth_year: Mapped[int | None] = mapped_column(Integer)
    event_date: Mapped[str | None] = mapped_column(Text)  # death, disappearance...
    event_date_earliest: Mapped[date | None] = mapped_column(Date)
    event_date_latest: Mapped[date | None] = mapped_column(Date)
    event_date_precision: Mapped[str | None] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(Text)
    place_of_birth: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(30), index=True)
    status_raw: Mapped[str | None] = mapped_column(Text)
    civilian_status: Mapped[str | None] = mapped_column(String(30))
    civilian_status_raw: Mapped[str | None] = mapped_column(Text)
    circumstances: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    household: Mapped[str | None] = mapped_column(Text)  # the list's own household number
    relation_to_head: Mapped[str | None] = mapped_column(String(30))  # head, spouse, son...
    relation_to_head_raw: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Name comparison keys in Latin ASCII, whatever the script (see toll.names), for search.
    name_key: Mapped[str | None] = mapped_column(Text, index=True)
    place_key: Mapped[str | None] = mapped_column(Text, index=True)
