"""The register of persons: records of many lists linked into one person each, with review.

The use-case API (what the CLI, the web workspace and reports call). Each function takes the
session, whose actor is the acting user, applies the roles and the personal-data grant, writes
views of personal data to the audit trail, and returns plain data with provenance::

    from toll.persons import PersonFilter, decide, person_view, review_pairs, search_persons

    with store.session() as session:
        found = search_persons(session, PersonFilter(name="Мамедов Али"))
        person = person_view(session, found.persons[0].person_id)
        for record in person.records:
            print(record.source_file, record.row, record.name)
        for pair in review_pairs(session, limit=10):
            decide(session, pair.a.record_id, pair.b.record_id, "same", note="same father")
"""

from toll.persons.lookup import PersonFilter
from toll.persons.queue import PairSide, PairView, review_pairs
from toll.persons.register import LinkSummary, link_register
from toll.persons.reviewing import (
    DECISIONS,
    DecisionView,
    SplitView,
    decide,
    decisions,
    replaced_for,
    split_person,
    undo_decision,
)
from toll.persons.views import (
    LinkView,
    PersonRow,
    PersonSearch,
    PersonView,
    RecordView,
    Retraction,
    person_view,
    search_persons,
)
from toll.store.access import RESTRICTED

__all__ = [
    "DECISIONS",
    "RESTRICTED",
    "DecisionView",
    "LinkSummary",
    "LinkView",
    "PairSide",
    "PairView",
    "PersonFilter",
    "PersonRow",
    "PersonSearch",
    "PersonView",
    "RecordView",
    "Retraction",
    "SplitView",
    "decide",
    "decisions",
    "link_register",
    "person_view",
    "replaced_for",
    "review_pairs",
    "search_persons",
    "split_person",
    "undo_decision",
]
