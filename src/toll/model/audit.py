"""The audit trail: who did what, when, with the values before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, utcnow

# Audit actions that change nothing in the store (who looked, who signed in).
NOT_CHANGES = ("view", "login", "logout", "token", "revoke", "password", "export")
CHANGES = text(f"action NOT IN ({', '.join(repr(action) for action in NOT_CHANGES)})")


class AuditEvent(Base):
    """One change (or one view of restricted data). Appended, never changed."""

    __tablename__ = "audit_events"
    __table_args__ = (
        # The changes alone, newest last: what caches of figures are keyed on
        # (`toll.store.history.last_change`), found without stepping over every view.
        Index(
            "ix_audit_events_changes",
            "id",
            postgresql_where=CHANGES,
            sqlite_where=CHANGES,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(30))  # create, update, retract, import, view...
    entity: Mapped[str] = mapped_column(String(50), index=True)
    entity_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
