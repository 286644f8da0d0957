"""Estimates: every stored estimate, and one with its methods side by side and the table of
how the lists overlap that it was computed from."""

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from toll.estimates.store import list_estimates, show_estimate
from toll.web import charts
from toll.web.context import Db, Id, Reader
from toll.web.dashboard import EstimateOut, estimate_out
from toll.web.render import page

router = APIRouter()


class OverlapRow(BaseModel):
    lists: list[str]  # the lists that recorded these persons
    pattern: str
    persons: int


class OverlapTable(BaseModel):
    stratum: str
    lists: list[str]
    rows: list[OverlapRow]


class EstimateDetail(EstimateOut):
    settings: dict[str, Any]
    toll_version: str
    tables: list[OverlapTable]
    methods_full: list[dict[str, Any]]  # each method with its warnings and diagnostics


def detail(session, estimate_id: int) -> EstimateDetail:
    shown = show_estimate(session, estimate_id)
    tables = []
    for stratum, table in shown["table"].items():
        names = table["lists"]
        tables.append(
            OverlapTable(
                stratum=stratum,
                lists=names,
                rows=[
                    OverlapRow(
                        lists=[n for n, bit in zip(names, p["pattern"], strict=True) if bit == "1"],
                        pattern=p["pattern"],
                        persons=p["count"],
                    )
                    for p in sorted(table["patterns"], key=lambda p: -p["count"])
                ],
            )
        )
    return EstimateDetail(
        **estimate_out(shown).model_dump(),
        settings=shown["settings"],
        toll_version=shown["toll_version"],
        tables=tables,
        methods_full=shown["result"].get("methods", []),
    )


@router.get("/api/estimates", response_model=list[EstimateOut], tags=["estimates"])
def estimates_json(session: Db, _: Reader) -> list[EstimateOut]:
    """Stored estimates, newest first, each method's total with its 95% interval."""
    return [
        estimate_out(show_estimate(session, e["id"])) for e in reversed(list_estimates(session))
    ]


@router.get("/api/estimates/{estimate_id}", response_model=EstimateDetail, tags=["estimates"])
def estimate_json(session: Db, _: Reader, estimate_id: Id) -> EstimateDetail:
    """One estimate: methods side by side, the overlap table(s), settings and seed."""
    return detail(session, estimate_id)


@router.get("/estimates", include_in_schema=False)
def estimates_page(request: Request, session: Db, _: Reader):
    return page(request, "estimates.html", estimates=estimates_json(session, _))


@router.get("/estimates/{estimate_id}", include_in_schema=False)
def estimate_page(request: Request, session: Db, _: Reader, estimate_id: Id):
    data = detail(session, estimate_id)
    chart = charts.estimate_intervals([m.model_dump() for m in data.methods], data.observed)
    methods = data.methods_full
    return page(request, "estimate.html", estimate=data, chart=chart, methods=methods)
