"""Figures: counts and breakdowns from the register, and claims set side by side."""

from toll.figures.overlap import STRATA, capture_tables
from toll.figures.reconcile import (
    FigureGroup,
    claim_checks,
    compare_claims,
    register_counts,
)

__all__ = [
    "STRATA",
    "FigureGroup",
    "capture_tables",
    "compare_claims",
    "claim_checks",
    "register_counts",
]
