"""Figures: counts and breakdowns from the register, and claims set side by side."""

from toll.figures.overlap import STRATA, capture_tables
from toll.figures.provenance import ClaimProvenance, claim_provenance
from toll.figures.reconcile import (
    FigureGroup,
    claim_checks,
    compare_claims,
    register_counts,
)

__all__ = [
    "STRATA",
    "ClaimProvenance",
    "FigureGroup",
    "capture_tables",
    "claim_provenance",
    "compare_claims",
    "claim_checks",
    "register_counts",
]
