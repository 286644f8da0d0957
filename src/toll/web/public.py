"""The public view: read-only, no sign-in, no personal data, counts under 5 suppressed."""

from fastapi import APIRouter, Request
from pydantic import BaseModel

from toll.figures.public import PublicFigure, public_summary
from toll.web import charts
from toll.web.context import Db
from toll.web.render import page

router = APIRouter()


class PublicOut(BaseModel):
    figures: list[PublicFigure]
    persons: int | None  # None: fewer than `minimum`
    by_status: list[dict]
    by_sex: list[dict]
    by_age_group: list[dict]
    estimate: dict | None
    minimum: int


def public_data(session) -> PublicOut:
    summary = public_summary(session)
    return PublicOut(
        figures=summary.figures,
        persons=summary.persons,
        by_status=summary.by_status,
        by_sex=summary.by_sex,
        by_age_group=summary.by_age_group,
        estimate=summary.estimate,
        minimum=summary.minimum,
    )


@router.get("/api/public", response_model=PublicOut, tags=["public"])
def public_json(session: Db) -> PublicOut:
    """What anyone may see: published figures, register counts (under 5 suppressed, shown
    as null) and the latest estimate. No sign-in needed."""
    return public_data(session)


@router.get("/public", include_in_schema=False)
def public_page(request: Request, session: Db):
    data = public_data(session)
    estimate = data.estimate
    return page(
        request,
        "public.html",
        data=data,
        chart_age=charts.persons_by(
            data.by_age_group, "age_group", "Persons by age group and status", "age at the event"
        ),
        chart_sex=charts.persons_by(data.by_sex, "sex", "Persons by sex and status", "sex"),
        chart_estimate=charts.estimate_intervals(estimate["methods"], estimate["observed"])
        if estimate
        else None,
    )
