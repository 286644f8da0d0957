"""Incidents: one account per event, with every source's claims, the register and estimates.

    from toll.incidents import add_incident, find_incidents, attach, attach_automatically

Functions take the SQLAlchemy session (its `info["actor"]` is the acting user), check the
user's role, write history through the store, and return plain data.
"""

from toll.incidents.attach import (
    attach,
    attach_automatically,
    decide,
    detach,
    review_queue,
)
from toll.incidents.datasets import EventImport, import_events
from toll.incidents.recognitions import (
    Recognitions,
    add_recognition,
    extract_characterisations,
    list_recognitions,
)
from toll.incidents.store import (
    IncidentView,
    add_incident,
    add_names,
    descendants,
    find_incidents,
    list_incidents,
    resolve,
    show_incident,
)

__all__ = [
    "Recognitions",
    "add_recognition",
    "extract_characterisations",
    "list_recognitions",
    "EventImport",
    "IncidentView",
    "add_incident",
    "add_names",
    "attach",
    "attach_automatically",
    "decide",
    "descendants",
    "detach",
    "find_incidents",
    "import_events",
    "list_incidents",
    "resolve",
    "review_queue",
    "show_incident",
]
