"""The register: persons searched in any script, with pages of results, and one person with
the records of every list side by side and the match weight of each field."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from toll.model.record import PERSON_FIELDS
from toll.persons import LinkView, PersonFilter, PersonRow, person_view, search_persons
from toll.store.access import may_see_personal_data
from toll.web.context import Db, Reader
from toll.web.render import page

router = APIRouter()
PAGE = 50
COUNTED = 1000  # matches counted past the page shown: "at least 1,050 persons"
Short = Annotated[str | None, Query(max_length=200)]


class PersonPage(BaseModel):
    persons: list[PersonRow]
    total: int
    offset: int
    limit: int
    similar: bool  # no record spells the name so: close spellings shown instead
    at_least: bool  # counting stopped at `total` (COUNTED past the page): more may match


class RecordOut(BaseModel):
    record_id: int
    source_id: int
    source_file: str
    row: int
    fields: dict[str, Any]
    warnings: list[Any]


class DecisionOut(BaseModel):
    id: int
    record_a: int
    record_b: int
    decision: str
    note: str | None
    by: str | None
    at: str


class PersonOut(BaseModel):
    person_id: str
    name: str | None
    retracted: str | None
    records: list[RecordOut]
    links: list[LinkView]
    decisions: list[DecisionOut]


def search(session: Session, where: PersonFilter, offset: int, limit: int = PAGE) -> PersonPage:
    found = search_persons(session, where, limit, offset, count_up_to=offset + limit + COUNTED)
    return PersonPage(
        persons=found.persons,
        total=found.total,
        offset=offset,
        limit=limit,
        similar=found.similar,
        at_least=found.at_least,
    )


def person_data(session: Session, reference: str) -> PersonOut:
    found = person_view(session, reference)
    return PersonOut(
        person_id=found.person_id,
        name=found.name,
        retracted=found.retracted.reason if found.retracted else None,
        records=[
            RecordOut(
                record_id=r.record_id,
                source_id=r.source_id,
                source_file=r.source_file,
                row=r.row,
                fields=r.values,
                warnings=r.warnings,
            )
            for r in found.records
        ],
        links=found.links,
        decisions=[
            DecisionOut(
                id=made.id,
                record_a=made.record_a,
                record_b=made.record_b,
                decision=made.decision,
                note=made.note,
                by=made.by,
                at=made.at.isoformat(timespec="minutes"),
            )
            for made in found.decisions
        ],
    )


def _filter(name, status, sex, place) -> PersonFilter:
    return PersonFilter(
        name=name or None, status=status or None, sex=sex or None, place=place or None
    )


@router.get("/api/persons", response_model=PersonPage, tags=["register"])
def persons_json(
    session: Db,
    _: Reader,
    name: Short = None,
    status: Short = None,
    sex: Short = None,
    place: Short = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = PAGE,
) -> PersonPage:
    """Search the register: a name in any script or spelling ("Mamedov" finds "Məmmədov"
    and "Мамедов"), a status, sex or place; one page of results at a time."""
    return search(session, _filter(name, status, sex, place), offset, limit)


@router.get("/api/persons/{reference}", response_model=PersonOut, tags=["register"])
def person_json(session: Db, _: Reader, reference: Annotated[str, Path(max_length=40)]):
    """One person: the records side by side, the match weight per field, the decisions.
    Needs the personal-data grant; each view is written to the audit trail."""
    return person_data(session, reference)


@router.get("/register", include_in_schema=False)
def register_page(
    request: Request,
    session: Db,
    _: Reader,
    name: Short = None,
    status: Short = None,
    sex: Short = None,
    place: Short = None,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    where = _filter(name, status, sex, place)
    results = search(session, where, offset)
    return page(
        request, "register.html", results=results, where=where, named=may_see_personal_data(session)
    )


@router.get("/persons/{reference}", include_in_schema=False)
def person_page(request: Request, session: Db, _: Reader, reference: str):
    data = person_data(session, reference)
    shown = [
        f for f in PERSON_FIELDS if any(r.fields.get(f) not in (None, "") for r in data.records)
    ]
    return page(request, "person.html", person=data, fields=shown)
