"""Reports: fact sheets of the store, every figure footnoted to its sources."""

from toll.reports.render import FORMATS, to_html, to_markdown, write_report
from toll.reports.scope import ReportScope
from toll.reports.sheet import FactSheet, build_fact_sheet

__all__ = [
    "FORMATS",
    "FactSheet",
    "ReportScope",
    "build_fact_sheet",
    "to_html",
    "to_markdown",
    "write_report",
]
