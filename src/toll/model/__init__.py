"""Toll's domain model: one module per concept, named as casualty recorders name them."""

from toll.model.audit import AuditEvent
from toll.model.base import Base
from toll.model.case import Case, CaseReporter, CaseTransition
from toll.model.characterisation import Characterisation
from toll.model.claim import Claim
from toll.model.estimate import Estimate
from toll.model.incident import Incident, IncidentLink, IncidentName
from toll.model.person import CandidatePair, LinkageRun, MatchDecision, Person
from toll.model.record import Record
from toll.model.register_tally import RegisterTally
from toll.model.relation import Relation
from toll.model.remains import Identification, Remains
from toll.model.source import Original, Source
from toll.model.store_key import StoreKey
from toll.model.user import Credential, User

__all__ = [
    "AuditEvent",
    "Base",
    "CandidatePair",
    "Case",
    "CaseReporter",
    "CaseTransition",
    "Characterisation",
    "Claim",
    "Credential",
    "Estimate",
    "Identification",
    "Incident",
    "IncidentLink",
    "IncidentName",
    "LinkageRun",
    "MatchDecision",
    "Original",
    "Person",
    "Record",
    "RegisterTally",
    "Relation",
    "Remains",
    "Source",
    "StoreKey",
    "User",
]
