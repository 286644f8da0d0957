"""Harm figures in statements: extraction (pure, no store) and within-text checks.

    from toll.claims import extract_figures, Figure, check_figures
"""

from toll.claims.checks import Check, check_figures
from toll.claims.extract import extract_figures
from toll.claims.figure import Figure

__all__ = ["Check", "Figure", "check_figures", "extract_figures"]
