"""Shared pieces of the domain model: the declarative base, timestamps and retraction.

Nothing in Toll is deleted or silently overwritten. A wrong claim or record is *retracted*:
it stays in the store, marked with who retracted it, when and why, and every change to it
is kept as an audit event (see `toll.store.history`).
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time in UTC (stored without time zone, always UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base class of every table in the store."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, date: Date, datetime: DateTime}

    def column_values(self) -> dict[str, Any]:
        """The row's column values as plain JSON-friendly data (used for history)."""
        values = {}
        for column in self.__table__.columns:
            value = getattr(self, column.key)
            if isinstance(value, (date, datetime)):
                value = value.isoformat()
            elif isinstance(value, bytes):
                value = f"<{len(value)} bytes>"
            values[column.key] = value
        return values


class Retractable:
    """Columns that let a row be withdrawn with a reason instead of being deleted."""

    retracted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    retracted_by: Mapped[str | None] = mapped_column(String(200), default=None)
    retraction_reason: Mapped[str | None] = mapped_column(Text, default=None)

    @property
    def is_retracted(self) -> bool:
        return self.retracted_at is not None


class Created:
    """When and by whom a row was created."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200), default=None)
