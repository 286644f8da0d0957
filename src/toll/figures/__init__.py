"""Figures: counts and breakdowns from the register, and claims set side by side."""

from toll.figures.overlap import STRATA, capture_tables
from toll.figures.provenance import ClaimProvenance, claim_provenance
from toll.figures.reconcile import (
    FigureGroup,
    IncidentAccount,
    Reconciled,
    claim_checks,
    compare_claims,
    reconcile,
    register_counts,
)

__all__ = [
    "STRATA",
    "ClaimProvenance",
    "FigureGroup",
    "IncidentAccount",
    "Reconciled",
    "capture_tables",
    "claim_provenance",
    "compare_claims",
    "reconcile",
    "claim_checks",
    "register_counts",
]
