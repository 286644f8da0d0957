"""Review queues beside the pairs of records: figures no reviewer has confirmed, corrected or
rejected yet, and attachments to incidents that the automatic attachment was unsure of."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from toll.claims.store import find_claims
from toll.incidents import decide, review_queue
from toll.sources import list_sources
from toll.web.context import Db, Id, Reviewer
from toll.web.render import page
from toll.web.sources import ClaimOut, claim_out

router = APIRouter()
UNREVIEWED = "extracted"  # as the extractor left it: no reviewer has looked yet


class Attachment(BaseModel):
    accept: bool
    note: str | None = Field(None, max_length=2000)


def unconfirmed(session) -> list[ClaimOut]:
    claims = find_claims(session, include_rejected=False)
    return [claim_out(c) for c in claims if c.review_state == UNREVIEWED]


@router.get("/api/review/figures", response_model=list[ClaimOut], tags=["review"])
def figures_json(session: Db, _: Reviewer) -> list[ClaimOut]:
    """Figures no reviewer has confirmed, corrected or rejected yet, in source order."""
    return unconfirmed(session)


@router.get("/api/review/incidents", response_model=list[dict[str, Any]], tags=["review"])
def attachments_json(session: Db, _: Reviewer) -> list[dict[str, Any]]:
    """Automatic attachments to incidents that wait for a person: what, to which incident,
    and why it was proposed."""
    return review_queue(session)


@router.post("/api/review/incidents/{link_id}", response_model=dict[str, Any], tags=["review"])
def attachment_decide_json(
    session: Db, _: Reviewer, link_id: Id, body: Attachment
) -> dict[str, Any]:
    """Accept a waiting attachment (the row's other proposals are rejected) or reject it."""
    return decide(session, link_id, body.accept, body.note)


@router.get("/review/figures", include_in_schema=False)
def figures_page(request: Request, session: Db, _: Reviewer):
    names = {s.id: s.title or s.publisher or s.file_name for s in list_sources(session)}
    return page(request, "review_figures.html", claims=unconfirmed(session), sources=names)


@router.get("/review/incidents", include_in_schema=False)
def attachments_page(request: Request, session: Db, _: Reviewer):
    return page(request, "review_incidents.html", items=review_queue(session))


@router.post("/review/incidents/{link_id}", include_in_schema=False)
def attachment_decide_form(
    session: Db,
    _: Reviewer,
    link_id: Id,
    decision: Annotated[Literal["accept", "reject"], Form()],
    note: Annotated[str | None, Form(max_length=2000)] = None,
):
    decide(session, link_id, decision == "accept", note or None)
    return RedirectResponse("/review/incidents", status_code=303)
