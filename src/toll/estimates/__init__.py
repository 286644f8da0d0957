"""Multiple systems estimation: how many victims no list recorded.

A pure core: capture table in, estimates out (no database, no command line).

    from toll.estimates import CaptureTable, estimate
    table = CaptureTable.from_csv("lists.csv")
    report = estimate(table, methods="all", seed=1)
    report.to_dict()
"""

from toll.estimates.api import ALL_METHODS, estimate, method_names, reproduce, table_warnings
from toll.estimates.report import EstimateReport, MethodResult
from toll.estimates.sensitivity import sensitivity
from toll.estimates.simulate import simulate
from toll.estimates.stratified import StratifiedReport, estimate_strata
from toll.estimates.table import CaptureTable

__all__ = ["ALL_METHODS", "CaptureTable", "EstimateReport", "MethodResult", "StratifiedReport",
           "estimate", "estimate_strata", "method_names", "reproduce", "sensitivity",
           "simulate", "table_warnings"]
