"""The register: persons searched in any script, with pages of results, and one person with
the records of every list side by side and the match weight of each field."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy.orm import Session

from toll.model.record import PERSON_FIELDS
from toll.persons import PersonFilter, PersonSearch, PersonView, person_view, search_persons
from toll.store.access import may_see_personal_data
from toll.web.context import Db, Reader
from toll.web.render import page
from toll.web.schema import model_of

router = APIRouter()
PAGE = 50
COUNTED = 1000  # matches counted past the page shown: "at least 1,050 persons"
Short = Annotated[str | None, Query(max_length=200)]


# a search's results, and which page of them
PersonPage = model_of(PersonSearch, "PersonPage", offset=int, limit=int)


def search(session: Session, where: PersonFilter, offset: int, limit: int = PAGE) -> PersonPage:
    found = search_persons(session, where, limit, offset, count_up_to=offset + limit + COUNTED)
    return PersonPage(**vars(found), offset=offset, limit=limit)


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


@router.get("/api/persons/{reference}", response_model=PersonView, tags=["register"])
def person_json(session: Db, _: Reader, reference: Annotated[str, Path(max_length=40)]):
    """One person: the records side by side (each with its list's row as read), the match
    weight per field, the decisions, and strong links the consistency check kept apart.
    Needs the personal-data grant; each view is written to the audit trail."""
    return person_view(session, reference)


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
    data = person_view(session, reference)
    shown = [
        f for f in PERSON_FIELDS if any(r.values.get(f) not in (None, "") for r in data.records)
    ]
    return page(request, "person.html", person=data, fields=shown)
