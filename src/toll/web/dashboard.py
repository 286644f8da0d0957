"""The dashboard: each source's headline figures, the register's count, the estimate, charts."""

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from toll.estimates.store import show_estimate
from toll.figures import FigureGroup, compare_claims
from toll.figures.breakdown import Breakdowns, register_breakdowns, register_version
from toll.figures.public import headline_estimate
from toll.persons.lookup import unlinked_records
from toll.store.history import last_change
from toll.web import charts
from toll.web.context import Db, Reader
from toll.web.render import page
from toll.web.schema import model_of

router = APIRouter()


HeadlineOut = model_of(FigureGroup, "HeadlineOut", "sources", "conflict")


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


def headlines(session: Session) -> dict:
    """What the sources claim and the latest estimate: changes with any change of the store."""
    groups = [g for g in compare_claims(session) if g.subgroup is None]
    shown = headline_estimate(session)
    latest = show_estimate(session, shown.id) if shown else None
    return {
        "headlines": [
            HeadlineOut.model_validate(g)
            for g in sorted(groups, key=lambda g: (-g.sources, g.category, g.year or ""))
        ],
        "estimate": estimate_out(latest) if latest else None,
    }


def register_figures(session: Session) -> dict:
    """The register's counts and its breakdowns, counted together in one pass: they change
    only with its records and lists. "version": the register's, that they were counted at."""
    version = register_version(session)
    found = register_breakdowns(session)
    totals = {
        "persons": found.persons,
        "persons_by_status": found.persons_by_status,
        "unlinked_records": unlinked_records(session),
    }
    return {"version": version, "totals": totals, "breakdowns": found}


def dashboard_data(session: Session) -> DashboardOut:
    return DashboardOut(**headlines(session), **register_figures(session)["totals"])


def cached(request: Request, session: Session, what: str, make, version=last_change):
    """`make()` once per change of the store that `version` sees (`last_change`, or for
    figures of the register alone `register_version`): the dashboard reads every record, and
    what it shows is the same for every reader (no personal data). One reader draws; while
    it does, the others are shown the figures drawn before the change (on a million persons
    drawing takes seconds, and readers waiting for it would hold every connection), or wait
    for the first ones. Each worker process keeps its own."""
    cache, lock = request.app.state.figures_cache, request.app.state.figures_lock
    now = _asked_once(request, session, version)
    held = cache.get(what)
    if held is not None and held[0] == now:
        return held[1]
    if not lock.acquire(blocking=held is None):
        return held[1]
    try:
        if what not in cache or cache[what][0] != now:
            cache[what] = (now, make())
        return cache[what][1]
    finally:
        lock.release()


def _asked_once(request: Request, session: Session, version) -> int:
    """`version(session)`, asked once per request however many parts of the page need it."""
    if not hasattr(request.state, "versions"):
        request.state.versions = {}
    if version not in request.state.versions:
        request.state.versions[version] = version(session)
    return request.state.versions[version]


@router.get("/api/dashboard", response_model=DashboardOut, tags=["dashboard"])
def dashboard_json(request: Request, session: Db, _: Reader) -> DashboardOut:
    """Headline figures per category and year, the register's count and the latest estimate."""
    return _dashboard(request, session)[0]


def _dashboard(request: Request, session: Session) -> tuple[DashboardOut, dict]:
    """The dashboard's figures, and the register's (`register_figures`) they include."""
    claimed = cached(request, session, "headlines", lambda: headlines(session))
    register = cached(
        request, session, "register", lambda: register_figures(session), register_version
    )
    return DashboardOut(**claimed, **register["totals"]), register


def register_charts(found: Breakdowns) -> dict[str, str | None]:
    """The register by age group, sex and month."""
    return {
        "chart_age": charts.persons_by(
            charts.rows_of(found.by["age_group"]),
            "age_group",
            "Persons by age group and status",
            "age at the event",
        ),
        "chart_sex": charts.persons_by(
            charts.rows_of(found.by["sex"]), "sex", "Persons by sex and status", "sex"
        ),
        "chart_time": charts.persons_over_time(charts.rows_of(found.by["month"])),
    }


def estimate_chart(estimate: EstimateOut | None) -> str | None:
    if estimate is None:
        return None
    return charts.estimate_intervals([m.model_dump() for m in estimate.methods], estimate.observed)


@router.get("/", include_in_schema=False)
def dashboard_page(request: Request, session: Db, _: Reader):
    data, register = _dashboard(request, session)
    # drawn again only when the register changes: from the figures on the page, and under
    # their version (they may be the ones from before a change, while another reader counts)
    drawn = cached(
        request,
        session,
        "charts",
        lambda: register_charts(register["breakdowns"]),
        lambda _: register["version"],
    )
    # a stored estimate never changes: its chart is drawn once, from the figures on the page
    shown = cached(
        request,
        session,
        "estimate chart",
        lambda: estimate_chart(data.estimate),
        lambda _: data.estimate.id if data.estimate else 0,
    )
    return page(request, "dashboard.html", data=data, chart_estimate=shown, **drawn)
