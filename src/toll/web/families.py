"""Families: the family figures (families wiped out, children who lost one or both parents)
with the families and persons behind each number, and one person's family (`toll.families`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from toll.families import Definitions, FamilyView, family_figures, family_of
from toll.web.context import MAX_ID, Db, Reader
from toll.web.render import page

router = APIRouter()
MissingCounts = Annotated[
    bool, Query(description="count the missing (and captive) as lost, not only the killed")
]
Incident = Annotated[int | None, Query(ge=1, le=MAX_ID, description="within one incident")]


def figures_data(session, missing_counts: bool, incident: int | None) -> dict[str, Any]:
    return family_figures(session, Definitions(missing_counts=missing_counts), incident)


@router.get("/api/families", response_model=dict[str, Any], tags=["families"])
def families_json(
    session: Db, _: Reader, missing_counts: MissingCounts = False, incident: Incident = None
) -> dict[str, Any]:
    """The family figures with their definitions, and the families and persons behind each
    count (names only with the personal-data grant)."""
    return figures_data(session, missing_counts, incident)


@router.get("/api/families/{person}", response_model=FamilyView, tags=["families"])
def family_json(session: Db, _: Reader, person: Annotated[str, Path(max_length=40)]) -> FamilyView:
    """The family a person belongs to: members with role, status and records, each list's
    household and the relations entered by hand. Needs the personal-data grant; audited."""
    return family_of(session, person)


@router.get("/families", include_in_schema=False)
def families_page(
    request: Request,
    session: Db,
    _: Reader,
    missing_counts: MissingCounts = False,
    incident: Incident = None,
):
    figures = figures_data(session, missing_counts, incident)
    return page(request, "families.html", figures=figures, missing_counts=missing_counts)


@router.get("/families/{person}", include_in_schema=False)
def family_page(
    request: Request, session: Db, _: Reader, person: Annotated[str, Path(max_length=40)]
):
    return page(request, "family.html", family=family_of(session, person))
