"""The audit log: who did or saw what, when, with the values before and after."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from toll.store.history import find_events
from toll.web.context import Admin, Db
from toll.web.render import page

router = APIRouter()
PAGE = 100
Short = Annotated[str | None, Query(max_length=200)]


class EventOut(BaseModel):
    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class EventPage(BaseModel):
    events: list[EventOut]
    total: int
    offset: int
    limit: int


def events_data(session, actor, entity, action, offset, limit=PAGE) -> EventPage:
    events, total = find_events(
        session, actor=actor, entity=entity, action=action, limit=limit, offset=offset
    )
    return EventPage(
        events=[
            EventOut(
                id=e.id,
                at=e.at.isoformat(timespec="seconds"),
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                before=e.before,
                after=e.after,
                note=e.note,
            )
            for e in events
        ],
        total=total,
        offset=offset,
        limit=limit,
    )


@router.get("/api/audit", response_model=EventPage, tags=["audit"])
def audit_json(
    session: Db,
    _: Admin,
    actor: Short = None,
    entity: Short = None,
    action: Short = None,
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = PAGE,
) -> EventPage:
    """The audit trail, newest first (admins only)."""
    return events_data(session, actor, entity, action, offset, limit)


@router.get("/audit", include_in_schema=False)
def audit_page(
    request: Request,
    session: Db,
    _: Admin,
    actor: Short = None,
    entity: Short = None,
    action: Short = None,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    data = events_data(session, actor, entity, action, offset)
    return page(
        request,
        "audit.html",
        data=data,
        actor=actor or "",
        entity=entity or "",
        action=action or "",
    )
