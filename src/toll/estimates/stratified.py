"""Estimates by stratum (sex, age group, period, place...) summed into a total.

Each stratum is estimated on its own; a method's total is the sum of its stratum estimates.
Its interval comes from summing, draw by draw, the bootstrap replicates or posterior draws of
the strata (independent strata), then taking percentiles: a percentile interval, not BCa.

A stratum that a method cannot estimate (too few people, lists that share no one there) is
left out of that method's sum and reported apart with its recorded count: the total then
covers the other strata only, and says so. Nothing is summed that was not estimated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from toll.estimates.api import estimate, method_names, method_seed
from toll.estimates.report import EstimateReport, MethodResult
from toll.estimates.table import CaptureTable

TINY_STRATUM = 50


@dataclass
class StratifiedReport:
    """The report of each stratum and the summed results per method."""

    strata: dict[str, EstimateReport]
    total: list[MethodResult]
    warnings: list[str] = field(default_factory=list)

    @property
    def observed(self) -> int:
        return sum(r.observed for r in self.strata.values())

    @property
    def methods(self) -> list[MethodResult]:
        """The summed results, one per method (as in EstimateReport)."""
        return self.total

    @property
    def refused(self) -> str | None:
        """Why nothing could be estimated, when no stratum could be."""
        if self.strata and all(r.refused for r in self.strata.values()):
            return "no stratum can be estimated: " + "; ".join(
                f"{name}: {r.refused}" for name, r in self.strata.items())
        return None

    def left_out(self) -> dict[str, dict[str, int]]:
        """For each method, the strata it could not estimate and their recorded counts."""
        return {m.name: m.diagnostics.get("strata_left_out", {}) for m in self.total}

    def to_dict(self) -> dict[str, Any]:
        return {"observed": self.observed, "methods": [m.to_dict() for m in self.total],
                "warnings": list(self.warnings), "refused": self.refused,
                "left_out": self.left_out(),
                "strata": {name: r.to_dict() for name, r in self.strata.items()}}


def estimate_strata(tables: Mapping[str, CaptureTable], methods=("all",), seed: int | None = 0,
                    progress=None, **settings) -> StratifiedReport:
    """Estimate each stratum and sum what can be summed. Strata must share the same lists."""
    reports = {}
    for name, table in tables.items():
        if progress:
            progress(f"stratum {name}")
        reports[name] = estimate(table, methods, seed=method_seed(seed, f"stratum:{name}"),
                                 **settings)
    warnings = [f"stratum {name}: only {r.observed} people observed; its estimate is unstable"
                for name, r in reports.items() if r.observed < TINY_STRATUM and not r.refused]
    warnings += [f"stratum {name} is not estimated by any method ({r.refused}); it is left out "
                 f"of every sum and reported apart ({r.observed} recorded)"
                 for name, r in reports.items() if r.refused]
    rng = np.random.default_rng(method_seed(seed, "strata-sum"))
    level = settings.get("level", 0.95)
    total = [_sum_method(name, reports, rng, level) for name in method_names(methods)]
    return StratifiedReport(reports, total, warnings)


def estimate_tables(tables: Mapping[str, CaptureTable], methods=("all",), seed: int | None = 0,
                    progress=None, **settings) -> EstimateReport | StratifiedReport:
    """One table ({"all": table}): every method on it; several (strata): each, then summed."""
    if list(tables) == ["all"]:
        return estimate(tables["all"], methods, seed=seed, progress=progress, **settings)
    return estimate_strata(tables, methods, seed=seed, progress=progress, **settings)


def _sum_method(name: str, reports: Mapping[str, EstimateReport], rng, level) -> MethodResult:
    parts = {stratum: _result(r, name) for stratum, r in reports.items()}
    summed = {s: p for s, p in parts.items() if p is not None and p.estimate is not None}
    left_out = {s: reports[s].observed for s in parts if s not in summed}
    diagnostics: dict[str, Any] = {"strata_summed": list(summed), "strata_left_out": left_out}
    if not summed:
        return MethodResult(name, None, None, None, diagnostics,
                            ["no stratum has an estimate by this method"])
    warnings = [f"{stratum}: {w}" for stratum, p in summed.items() for w in p.warnings]
    if left_out:
        shown = ", ".join(f"{s} ({n} recorded)" for s, n in left_out.items())
        warnings.insert(0, f"the sum covers {len(summed)} of {len(parts)} strata: {shown} could "
                        "not be estimated by this method and are left out of it, reported "
                        "apart; the total of everyone is at least this sum plus their recorded "
                        "count")
    point = float(sum(p.estimate for p in summed.values()))
    draws = [_draws(p, rng) for p in summed.values()]
    if any(d is None for d in draws):
        diagnostics["interval"] = "none: a stratum has no interval"
        warnings.append("a stratum has no interval by this method, so the sum has none")
        return MethodResult(name, point, None, None, diagnostics, warnings)
    size = min(d.size for d in draws)
    total = sum(rng.permutation(d)[:size] for d in draws)
    low, high = np.quantile(total, [(1 - level) / 2, (1 + level) / 2])
    diagnostics.update({"interval": "percentiles of summed stratum draws",
                        "strata": len(summed)})
    return MethodResult(name, point, float(low), float(high), diagnostics, warnings,
                        draws=total)


def _result(report: EstimateReport, name: str) -> MethodResult | None:
    try:
        return report.method(name)
    except KeyError:            # a refused stratum has no method results
        return None


def _draws(result: MethodResult, rng) -> np.ndarray | None:
    if result.draws is None:
        if result.low is None or result.high is None:
            return None
        # model-conditional interval only: normal on the log scale through the interval
        mid = np.log(result.estimate)
        sd = (np.log(result.high) - np.log(result.low)) / (2 * 1.959964)
        return np.exp(rng.normal(mid, sd, 4000))
    draws = np.asarray(result.draws)
    if draws.ndim == 2:        # a posterior on a grid: (values, probabilities)
        return rng.choice(draws[:, 0], size=4000, p=draws[:, 1] / draws[:, 1].sum())
    return draws[np.isfinite(draws)]
