"""The demo's incident: the Northfield shelling, every account of it side by side.

The statements' figures are attached by their incident hints and their sources' titles (the
unsure ones accepted as a reviewer would after reading them), a UCDP GED-style export adds
its event row, the synthetic lists (and the cases opened from them) stand for the shelling's
register, and an estimate by status is attached, so `toll reconcile --incident Northfield`
shows them all together.
"""

from pathlib import Path

from sqlalchemy import select

from toll.estimates.store import estimate_register
from toll.incidents import (
    add_incident,
    attach,
    attach_automatically,
    decide,
    extract_characterisations,
    import_events,
    review_queue,
)
from toll.model import Case, Claim, Record, Source
from toll.store import Store

EVENTS = Path(__file__).parent / "events" / "ucdp_ged_valdoria.csv"
ESTIMATE_METHODS = ("independence", "loglinear-bic")


def add_demo_incident(store: Store, settings: dict) -> dict:
    """Add the incident and attach everything; returns what was attached."""
    with store.session() as session:
        war = add_incident(
            session,
            "Hostilities in eastern Valdoria",
            names=["ru:Боевые действия в Валдории"],
            place="Eastern Valdoria",
            country="Valdoria",
            when="March 2023",
        )
        shelling = add_incident(
            session,
            "Northfield shelling",
            names=["ru:Обстрел Нортфилда", "ru:Нортфилд", "Northfield massacre"],
            place="Northfield",
            country="Valdoria",
            latitude=48.3021,
            longitude=38.0214,
            when="14-15 March 2023",
            parent=war.id,
            description="Artillery fire on the town through the night of 14 to 15 March 2023.",
        )
        import_events(session, EVENTS)
        automatic = attach_automatically(session)
        for waiting in review_queue(session, shelling.id):
            decide(session, waiting["link"], accept=True, note="demo: read against its source")
        _attach_relief_update(session, war.id)
        records = list(session.scalars(select(Record.id).where(Record.person_id.isnot(None))))
        cases = list(session.scalars(select(Case.id)))
        attach(
            session,
            shelling.id,
            records=records,
            cases=cases,
            note="demo: the synthetic lists stand for the shelling's victims",
        )
        for source_id in session.scalars(select(Source.id).where(Source.text.isnot(None))):
            extract_characterisations(session, source_id)
    with store.session() as session:
        done = estimate_register(
            session, ("status",), ESTIMATE_METHODS, 1, settings, label="demo: by status"
        )
        attach(session, shelling.id, estimate=done.estimate_id)
    return {
        "incident": shelling.id,
        "claims": automatic.claims_attached,
        "records": len(records),
        "cases": len(cases),
    }


def _attach_relief_update(session, war_id: int) -> None:
    """The relief agency counts across the eastern districts: its figures go to the war."""
    source = session.scalar(select(Source).where(Source.publisher == "Relief agency (invented)"))
    claims = list(session.scalars(select(Claim.id).where(Claim.source_id == source.id)))
    attach(session, war_id, claims=claims, note="demo: figures for all the eastern districts")
