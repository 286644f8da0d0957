"""History: every change to the domain model appends an audit event; nothing is deleted.

A listener on the session writes an `AuditEvent` (who, when, what, before, after) for every
row created or changed through the ORM. Deleting a domain row raises: Toll retracts instead.
Bulk imports that bypass the ORM write one summary event with `log_event`.
"""

from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import AuditEvent
from toll.model.audit import CHANGES
from toll.model.base import Base, utcnow
from toll.model.sealed import field_key_of, seal, sealed_columns

NOT_AUDITED = {
    "audit_events",
    "originals",
    "candidate_pairs",
    "credentials",
    "store_keys",
    "register_tallies",  # counts drawn from the records (toll.figures.breakdown)
}


def log_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEvent:
    """Append one audit event by hand (for bulk work and for views of restricted data)."""
    audit = AuditEvent(
        at=utcnow(),
        actor=session.info.get("actor", "unknown"),
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        note=note,
    )
    session.add(audit)
    return audit


def retract(session: Session, row: Base, reason: str) -> None:
    """Withdraw a claim, record or other row with a reason; it stays visible in history."""
    if not reason or not reason.strip():
        raise TollError('a retraction needs a reason (--reason "...")')
    if getattr(row, "retracted_at", None) is not None:
        raise TollError(f"{row.__tablename__[:-1]} {row.id} is already retracted")
    row.retracted_at = utcnow()
    row.retracted_by = session.info.get("actor", "unknown")
    row.retraction_reason = reason.strip()


def _changed_values(row: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(row)
    before, after = {}, {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.has_changes():
            before[attr.key] = _plain(history.deleted[0] if history.deleted else None)
            after[attr.key] = _plain(history.added[0] if history.added else None)
    return before, after


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


@event.listens_for(Session, "before_flush")
def _refuse_deletes(session: Session, _context, _instances) -> None:
    for row in session.deleted:
        if isinstance(row, Base) and row.__tablename__ not in NOT_AUDITED:
            raise TollError(
                f"{row.__tablename__} rows are never deleted in Toll; retract them with a reason"
            )


@event.listens_for(Session, "after_flush")
def _audit_changes(session: Session, _context) -> None:
    actor = session.info.get("actor", "unknown")
    events = []
    for row in session.new:
        if isinstance(row, Base) and row.__tablename__ not in NOT_AUDITED:
            events.append(("create", row, None, row.column_values()))
    for row in session.dirty:
        if isinstance(row, Base) and row.__tablename__ not in NOT_AUDITED:
            before, after = _changed_values(row)
            if after:
                action = "retract" if "retracted_at" in after else "update"
                events.append((action, row, before, after))
    if events:
        events = [
            (action, row, *sealed_values(session, row, before, after))
            for action, row, before, after in events
        ]
        session.execute(
            AuditEvent.__table__.insert(),
            [
                {
                    "at": utcnow(),
                    "actor": actor,
                    "action": action,
                    "entity": row.__tablename__,
                    "entity_id": getattr(row, "id", None),
                    "before": before,
                    "after": after,
                }
                for action, row, before, after in events
            ],
        )


def sealed_values(session: Session, row: Base, *values: dict | None) -> tuple:
    """The audited values with the row's sealed fields sealed, as the row itself holds them."""
    key = field_key_of(session.get_bind().dialect)
    names = sealed_columns(row.__table__)
    if key is None or not names:
        return values
    return tuple(
        None
        if found is None
        else {k: seal(v, key) if k in names and isinstance(v, str) else v for k, v in found.items()}
        for found in values
    )


def events_for(session: Session, entity: str, entity_id: int) -> list[AuditEvent]:
    """The history of one row, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.id)
    )
    return list(session.scalars(query))


def find_events(
    session: Session,
    *,
    actor: str | None = None,
    entity: str | None = None,
    action: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[AuditEvent], int]:
    """The audit trail, newest first, and how many events match (admins only: changes to
    records carry personal data)."""
    from sqlalchemy import func

    from toll.store.access import require

    require(session, "admin")
    query = select(AuditEvent)
    for column, value in (
        (AuditEvent.actor, actor),
        (AuditEvent.entity, entity),
        (AuditEvent.action, action),
    ):
        if value:
            query = query.where(column == value)
    total = session.scalar(query.with_only_columns(func.count()).order_by(None)) or 0
    events = session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return list(events), total


def last_change(session: Session, ignoring: tuple[str, ...] = ()) -> int:
    """The id of the latest audit event that changed the store (0 for none): what a cache of
    figures drawn from the store is keyed on. `ignoring`: tables whose changes do not count
    (for figures that do not read them)."""
    query = select(AuditEvent.id).where(CHANGES)  # as written in the index of changes
    if ignoring:
        query = query.where(AuditEvent.entity.notin_(ignoring))
    return session.scalar(query.order_by(AuditEvent.id.desc()).limit(1)) or 0
