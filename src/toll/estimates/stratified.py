"""Estimates by stratum (sex, age group, period, place...) summed into a total.

Each stratum is estimated on its own; the total estimate is the sum of the stratum estimates.
Its interval comes from summing, draw by draw, the bootstrap replicates or posterior draws of
the strata (independent strata), then taking percentiles: a percentile interval, not BCa.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from toll.estimates.api import estimate, method_seed
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

    def to_dict(self) -> dict[str, Any]:
        return {"observed": self.observed, "methods": [m.to_dict() for m in self.total],
                "warnings": list(self.warnings),
                "strata": {name: r.to_dict() for name, r in self.strata.items()}}


def estimate_strata(tables: Mapping[str, CaptureTable], methods=("all",), seed: int | None = 0,
                    **settings) -> StratifiedReport:
    """Estimate each stratum and sum. Strata must share the same lists."""
    reports = {name: estimate(t, methods, seed=method_seed(seed, f"stratum:{name}"), **settings)
               for name, t in tables.items()}
    warnings = [f"stratum {name}: only {r.observed} people observed; its estimate is unstable"
                for name, r in reports.items() if r.observed < TINY_STRATUM]
    rng = np.random.default_rng(method_seed(seed, "strata-sum"))
    level = settings.get("level", 0.95)
    names = [m.name for m in next(iter(reports.values())).methods] if reports else []
    total = [_sum_method(name, reports, rng, level) for name in names]
    return StratifiedReport(reports, total, warnings)


def _sum_method(name, reports, rng, level) -> MethodResult:
    parts = [r.method(name) for r in reports.values()]
    if any(p.estimate is None for p in parts):
        return MethodResult(name, None, None, None, {}, ["a stratum has no estimate by this "
                            "method, so the strata cannot be summed"])
    draws = [_draws(p, rng) for p in parts]
    warnings = [f"{stratum}: {w}" for stratum, p in zip(reports, parts, strict=True)
                for w in p.warnings]
    point = float(sum(p.estimate for p in parts))
    if any(d is None for d in draws):
        result = MethodResult(name, point, None, None, {"interval": "none: a stratum has no "
                              "draws"}, warnings)
        return result
    size = min(d.size for d in draws)
    summed = sum(rng.permutation(d)[:size] for d in draws)
    low, high = np.quantile(summed, [(1 - level) / 2, (1 + level) / 2])
    return MethodResult(name, point, float(low), float(high),
                        {"interval": "percentiles of summed stratum draws",
                         "strata": len(parts)}, warnings, draws=summed)


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
