"""Incidents and their reconciliation: each incident with every source's figures side by side,
the register's persons and the estimate (`toll.figures.reconcile`), and recognitions: who
called what happened what, and the acts recorded (`toll.incidents`)."""

from fastapi import APIRouter, Request

from toll.figures import IncidentAccount, reconcile
from toll.incidents import (
    IncidentView,
    Recognitions,
    list_incidents,
    list_recognitions,
    show_incident,
)
from toll.web.context import Db, Id, Reader
from toll.web.render import page

router = APIRouter()


@router.get("/api/incidents", response_model=list[IncidentView], tags=["incidents"])
def incidents_json(session: Db, _: Reader) -> list[IncidentView]:
    """Every current incident, oldest first, with its names in any script and its parent."""
    return list_incidents(session)


@router.get("/api/incidents/{incident_id}", response_model=IncidentView, tags=["incidents"])
def incident_json(session: Db, _: Reader, incident_id: Id) -> IncidentView:
    """One incident: names, place, dates, parent and children, what is attached to it."""
    return show_incident(session, incident_id)


@router.get(
    "/api/incidents/{incident_id}/reconcile",
    response_model=list[IncidentAccount],
    tags=["incidents"],
)
def reconcile_json(session: Db, _: Reader, incident_id: Id) -> list[IncidentAccount]:
    """The incident's account: per category and subgroup every source's figure, the low,
    high and median across sources, the register's persons, the estimate, and notes on why
    the figures differ. Toll picks no winner."""
    return reconcile(session, incident_id)


@router.get("/api/recognitions", response_model=list[Recognitions], tags=["incidents"])
def recognitions_json(session: Db, _: Reader) -> list[Recognitions]:
    """Per incident: claimed counts of recognitions beside the acts recorded, and who
    characterised it how, each with its source."""
    return list_recognitions(session)


@router.get("/incidents", include_in_schema=False)
def incidents_page(request: Request, session: Db, _: Reader):
    return page(request, "incidents.html", incidents=list_incidents(session))


@router.get("/incidents/{incident_id}", include_in_schema=False)
def incident_page(request: Request, session: Db, _: Reader, incident_id: Id):
    incident = show_incident(session, incident_id)
    accounts = reconcile(session, incident_id)
    return page(request, "incident.html", incident=incident, account=accounts[0])


@router.get("/recognitions", include_in_schema=False)
def recognitions_page(request: Request, session: Db, _: Reader):
    return page(request, "recognitions.html", recognitions=list_recognitions(session))
