"""Multiple systems estimation: how many victims no list recorded.

A pure core: capture table in, estimates out (no database, no command line)::

    from toll.estimates import CaptureTable, estimate
    table = CaptureTable.from_csv("lists.csv")
    report = estimate(table, methods="all", seed=1)
    report.to_dict()

The register's side, `toll.estimates.store` (the one module that touches the database),
estimates from the linked lists and keeps each estimate so that it can be reproduced; its
functions are imported from there, so that the core loads without a database::

    from toll.estimates.store import estimate_register, reproduce_estimate
    with store.session() as session:
        done = estimate_register(session, by=["sex"], methods=["independence", "bma"])
        reproduce_estimate(session, done.estimate_id)["identical"]     # True
"""

from toll.estimates.api import (
    ALL_METHODS,
    estimate,
    method_names,
    refusal,
    reproduce,
    table_warnings,
)
from toll.estimates.report import EstimateReport, MethodResult
from toll.estimates.run import Run, run
from toll.estimates.sensitivity import sensitivity
from toll.estimates.simulate import simulate
from toll.estimates.stratified import StratifiedReport, estimate_strata, estimate_tables
from toll.estimates.table import CaptureTable

__all__ = ["ALL_METHODS", "CaptureTable", "EstimateReport", "MethodResult", "Run",
           "StratifiedReport", "estimate", "estimate_strata", "estimate_tables", "method_names",
           "refusal", "reproduce", "run", "sensitivity", "simulate", "table_warnings"]
