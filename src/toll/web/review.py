"""The review queue: pairs of records the linkage model was unsure of, decided one by one
(same / not same / skip) from the keyboard."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from toll.persons import decide, review_pairs
from toll.persons.reviewing import review_queue
from toll.web.context import MAX_ID, CountRegisterAfter, Db, Reviewer
from toll.web.render import page

router = APIRouter()
SIDE_FIELDS = ("name", "born", "age", "sex", "place", "event_date", "status")


class Side(BaseModel):
    record_id: int
    source_file: str
    row: int
    fields: dict[str, Any]  # name, born, age, sex, place, event date, status
    person: str | None = None  # the person the record is in now, and how many records it has
    person_records: int = 0


class PairOut(BaseModel):
    record_a: Side
    record_b: Side
    probability: float
    weight: float
    field_weights: dict[str, Any]
    why: str | None


class Decision(BaseModel):
    record_a: int = Field(ge=1, le=MAX_ID)
    record_b: int = Field(ge=1, le=MAX_ID)
    decision: Literal["same", "different"]
    note: str | None = Field(None, max_length=2000)


class DecisionMade(BaseModel):
    id: int
    record_a: int
    record_b: int
    decision: str


def _side(side) -> Side:
    return Side(
        record_id=side.record_id,
        source_file=side.source,
        row=side.row,
        fields={name: getattr(side, name) for name in SIDE_FIELDS},
        person=side.person,
        person_records=side.person_records,
    )


def queue_data(session: Session, limit: int, skip: int = 0) -> list[PairOut]:
    return [
        PairOut(
            record_a=_side(pair.a),
            record_b=_side(pair.b),
            probability=pair.probability,
            weight=pair.weight,
            field_weights=pair.field_weights or {},
            why=pair.why,
        )
        for pair in review_pairs(session, limit + skip)[skip:]
    ]


@router.get("/api/review", response_model=list[PairOut], tags=["review"])
def queue_json(
    session: Db, _: Reviewer, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[PairOut]:
    """Pairs waiting for a reviewer, most likely matches first, each with why it waits."""
    return queue_data(session, limit)


@router.post("/api/decisions", response_model=DecisionMade, tags=["review"])
def decide_json(
    session: Db, _: Reviewer, body: Decision, counted: CountRegisterAfter
) -> DecisionMade:
    """Two records are (`same`) or are not (`different`) one person; the register follows."""
    made = decide(session, body.record_a, body.record_b, body.decision, body.note)
    return DecisionMade(
        id=made.id, record_a=made.record_a, record_b=made.record_b, decision=made.decision
    )


@router.get("/review", include_in_schema=False)
def review_page(request: Request, session: Db, _: Reviewer, skip: Annotated[int, Query(ge=0)] = 0):
    pairs = queue_data(session, 1, skip)
    waiting = len(review_queue(session))
    shown = [
        f
        for f in SIDE_FIELDS
        if pairs
        and any(
            side.fields.get(f) not in (None, "") for side in (pairs[0].record_a, pairs[0].record_b)
        )
    ]
    return page(
        request,
        "review.html",
        pair=pairs[0] if pairs else None,
        skip=skip,
        waiting=waiting,
        fields=shown,
    )


@router.post("/review", include_in_schema=False)
def review_decide(
    session: Db,
    _: Reviewer,
    counted: CountRegisterAfter,
    record_a: Annotated[int, Form(ge=1, le=MAX_ID)],
    record_b: Annotated[int, Form(ge=1, le=MAX_ID)],
    decision: Annotated[Literal["same", "different"], Form()],
    skip: Annotated[int, Form(ge=0)] = 0,
):
    decide(session, record_a, record_b, decision)
    return RedirectResponse(f"/review?skip={skip}", status_code=303)
