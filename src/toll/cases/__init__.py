"""Cases for missing persons: followed from the report until the fate is known.

Use::

    from toll.cases import open_case, transition_case, show_case, sync_cases
    view = open_case(session, "P-00417", CaseDetails(last_seen="26.02.1992"), Reporter(...))
    transition_case(session, view.case_id, "fate_unknown", on=date(1994, 5, 10), source_id=12)

Each function takes the SQLAlchemy session (the acting user is `session.info["actor"]`), checks
the user's role, writes the history itself and returns plain data.
"""

from toll.cases.cases import (
    CaseDetails,
    CaseRow,
    CaseView,
    Reporter,
    Transition,
    get_case,
    list_cases,
    open_case,
    show_case,
    transition_case,
)
from toll.cases.facts import PersonFacts, person_facts
from toll.cases.figures import missing_figures
from toll.cases.lifecycle import TransitionRefused, allowed_next
from toll.cases.sync import SyncResult, sync_cases

__all__ = [
    "CaseDetails",
    "CaseRow",
    "CaseView",
    "PersonFacts",
    "Reporter",
    "SyncResult",
    "Transition",
    "TransitionRefused",
    "allowed_next",
    "get_case",
    "list_cases",
    "missing_figures",
    "open_case",
    "person_facts",
    "show_case",
    "sync_cases",
    "transition_case",
]
