"""One estimate run: tables (after dropping and merging lists), every method, sensitivity.

The command line, the register's stored estimates and their reproduction all go through
`run`, so that a table and a set of strata are told apart, and lists changed, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from toll.estimates.report import EstimateReport
from toll.estimates.sensitivity import DEPENDENCE_SHARE, dependence_warnings, sensitivity
from toll.estimates.stratified import StratifiedReport, estimate_tables
from toll.estimates.table import CaptureTable


@dataclass
class Run:
    """What was estimated from what: the tables used, the report, the sensitivity rows."""

    tables: dict[str, CaptureTable]
    report: EstimateReport | StratifiedReport
    methods: list[str]
    seed: int | None
    settings: dict[str, Any]
    changes: dict[str, list[str]] = field(default_factory=dict)
    sensitivity: list[dict[str, Any]] | None = None

    @property
    def refused(self) -> str | None:
        return self.report.refused

    def to_dict(self) -> dict[str, Any]:
        """The report, with the sensitivity rows when they were asked for."""
        data = self.report.to_dict()
        if self.sensitivity is not None:
            data["sensitivity"] = self.sensitivity
        return data


def run(tables: Mapping[str, CaptureTable], methods: Sequence[str] = ("all",),
        seed: int | None = 0, settings: Mapping[str, Any] | None = None, *,
        drop: Sequence[str] = (), merge: Sequence[str] = (), with_sensitivity: bool = False,
        progress: Callable[[str], None] | None = None) -> Run:
    """Estimate from {"all": table} or from strata, after merging and dropping lists.

    With `with_sensitivity`, each list is also dropped and each pair merged (on the pooled
    table when there are strata), and lists whose removal moves an estimate by more than
    DEPENDENCE_SHARE are named in the report's warnings.
    """
    settings = dict(settings or {})
    methods = [m for item in methods for m in item.split(",") if m]
    changed = {name: t.changed(drop, merge) for name, t in tables.items()}
    report = estimate_tables(changed, methods, seed=seed, progress=progress, **settings)
    rows = None
    if with_sensitivity and not report.refused:
        if progress:
            progress("sensitivity")
        rows = sensitivity(pooled(changed), seed=seed)
        report.warnings.extend(dependence_warnings(rows, DEPENDENCE_SHARE))
    changes = {"drop": list(drop), "merge": list(merge)} if drop or merge else {}
    return Run(changed, report, methods, seed, settings, changes, rows)


def pooled(tables: Mapping[str, CaptureTable]) -> CaptureTable:
    """The strata added together (the table of everyone)."""
    first = next(iter(tables.values()))
    counts = sum(t.counts for t in tables.values())
    return CaptureTable(first.lists, counts)
