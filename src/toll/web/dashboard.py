"""The dashboard: each source's headline figures, the register's count, the estimate, charts."""

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from toll.estimates.store import list_estimates, show_estimate
from toll.figures import compare_claims, register_counts
from toll.figures.breakdown import register_breakdown
from toll.persons.lookup import PersonFilter, count_persons, unlinked_records
from toll.store.history import last_change
from toll.web import charts
from toll.web.context import Db, Reader
from toll.web.render import page

router = APIRouter()


class ClaimedOut(BaseModel):
    claim_id: int
    source_id: int
    source: str
    words: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    review_state: str


class HeadlineOut(BaseModel):
    category: str
    subgroup: str | None
    year: str | None
    conflict: bool
    sources: int
    claims: list[ClaimedOut]


class MethodOut(BaseModel):
    name: str
    estimate: float | None
    low: float | None
    high: float | None


class EstimateOut(BaseModel):
    id: int
    label: str | None
    created_at: str
    created_by: str | None
    strata: list[str]
    observed: int | None
    methods: list[MethodOut]
    warnings: list[str]


class DashboardOut(BaseModel):
    headlines: list[HeadlineOut]
    persons: int
    persons_by_status: dict[str, int]
    unlinked_records: int
    estimate: EstimateOut | None


def estimate_out(shown: dict) -> EstimateOut:
    """An estimate as `toll.estimates.store.show_estimate` gives it."""
    result = shown["result"]
    return EstimateOut(
        id=shown["id"],
        label=shown["label"],
        created_at=shown["created_at"].isoformat(timespec="minutes"),
        created_by=shown["by"],
        strata=shown["stratum"].get("by") or [],
        observed=result.get("observed"),
        methods=[
            MethodOut(**{k: m.get(k) for k in MethodOut.model_fields})
            for m in result.get("methods", [])
        ],
        warnings=result.get("warnings") or [],
    )


def dashboard_data(session: Session) -> DashboardOut:
    groups = [g for g in compare_claims(session) if g.subgroup is None]
    stored = list_estimates(session)
    latest = show_estimate(session, stored[-1]["id"]) if stored else None
    return DashboardOut(
        headlines=[
            HeadlineOut(
                category=g.category,
                subgroup=g.subgroup,
                year=g.year,
                conflict=g.conflict,
                sources=g.sources,
                claims=[
                    ClaimedOut(
                        claim_id=c.claim_id,
                        source_id=c.source_id,
                        source=c.source,
                        words=c.words,
                        value=c.value,
                        low=c.low,
                        high=c.high,
                        qualifier=c.qualifier,
                        review_state=c.review_state,
                    )
                    for c in g.claims
                ],
            )
            for g in sorted(groups, key=lambda g: (-g.sources, g.category, g.year or ""))
        ],
        persons=count_persons(session, PersonFilter()),
        persons_by_status=register_counts(session),
        unlinked_records=unlinked_records(session),
        estimate=estimate_out(latest) if latest else None,
    )


def cached(request: Request, session: Session, what: str, make):
    """`make()` once per change of the store: the dashboard reads every record, and what it
    shows is the same for every reader (no personal data). One reader draws; while it does,
    the others are shown the figures drawn before the change (on a million persons drawing
    takes seconds, and readers waiting for it would hold every connection), or wait for the
    first ones."""
    cache, lock = request.app.state.figures_cache, request.app.state.figures_lock
    version = last_change(session)
    held = cache.get(what)
    if held is not None and held[0] == version:
        return held[1]
    if not lock.acquire(blocking=held is None):
        return held[1]
    try:
        if what not in cache or cache[what][0] != version:
            cache[what] = (version, make())
        return cache[what][1]
    finally:
        lock.release()


@router.get("/api/dashboard", response_model=DashboardOut, tags=["dashboard"])
def dashboard_json(request: Request, session: Db, _: Reader) -> DashboardOut:
    """Headline figures per category and year, the register's count and the latest estimate."""
    return cached(request, session, "data", lambda: dashboard_data(session))


def dashboard_charts(session: Session, data: DashboardOut) -> dict[str, str | None]:
    estimate = data.estimate
    return {
        "chart_age": charts.persons_by(
            charts.rows_of(register_breakdown(session, "age_group")),
            "age_group",
            "Persons by age group and status",
            "age at the event",
        ),
        "chart_sex": charts.persons_by(
            charts.rows_of(register_breakdown(session, "sex")),
            "sex",
            "Persons by sex and status",
            "sex",
        ),
        "chart_time": charts.persons_over_time(
            charts.rows_of(register_breakdown(session, "month"))
        ),
        "chart_estimate": charts.estimate_intervals(
            [m.model_dump() for m in estimate.methods], estimate.observed
        )
        if estimate
        else None,
    }


@router.get("/", include_in_schema=False)
def dashboard_page(request: Request, session: Db, _: Reader):
    data = dashboard_json(request, session, _)

    # drawn from the store as it is now, not from `data`, which may be the figures before a
    # change while another reader draws them
    def draw():
        return dashboard_charts(session, dashboard_data(session))

    drawn = cached(request, session, "charts", draw)
    return page(request, "dashboard.html", data=data, **drawn)
