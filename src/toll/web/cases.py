"""Missing-person cases: the status board, and a case page with its history of statuses and
the unidentified remains that rank it among their best candidates (`toll.cases`,
`toll.remains`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from toll.cases import CaseRow, CaseView, list_cases, show_case
from toll.model.case import CASE_STATUSES
from toll.remains import case_candidates
from toll.store.access import may_see_personal_data
from toll.web.context import Db, Reader
from toll.web.render import page

router = APIRouter()
CaseRef = Annotated[str, Path(max_length=40, description="C-00031, C-31 or 31")]
BOARD = 500  # cases on the board, oldest first


@router.get("/api/cases", response_model=list[CaseRow], tags=["cases"])
def cases_json(
    session: Db,
    _: Reader,
    status: Annotated[
        str | None, Query(max_length=30, description=", ".join(CASE_STATUSES))
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = BOARD,
) -> list[CaseRow]:
    """Current cases, oldest first, optionally in one status (names only with the
    personal-data grant)."""
    return list_cases(session, status or None, limit)


@router.get("/api/cases/{case}", response_model=CaseView, tags=["cases"])
def case_json(session: Db, _: Reader, case: CaseRef) -> CaseView:
    """One case: the person, the reporters (restricted), every change of status with its
    source."""
    return show_case(session, case)


@router.get("/api/cases/{case}/remains", response_model=list[dict[str, Any]], tags=["cases"])
def case_remains_json(session: Db, _: Reader, case: CaseRef) -> list[dict[str, Any]]:
    """Unidentified remains that rank this open case among their ten best candidates."""
    return case_candidates(session, case)


@router.get("/cases", include_in_schema=False)
def cases_page(request: Request, session: Db, _: Reader):
    rows = list_cases(session, None, BOARD)
    board = {status: [row for row in rows if row.status == status] for status in CASE_STATUSES}
    return page(request, "cases.html", board=board, total=len(rows), limit=BOARD)


@router.get("/cases/{case}", include_in_schema=False)
def case_page(request: Request, session: Db, _: Reader, case: CaseRef):
    shown = show_case(session, case)
    remains = case_candidates(session, case)
    named = may_see_personal_data(session)
    return page(request, "case.html", case=shown, remains=remains, named=named)
