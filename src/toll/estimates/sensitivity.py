"""How much the estimate moves when lists are dropped or merged, or settings change."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from toll.estimates.api import estimate
from toll.estimates.table import CaptureTable

QUICK = {"n_boot": 200, "burnin": 2_000, "samples": 500, "thin": 4}
# Setting changes tried by default: the BMA prior (delta 1 as in dga's examples; a flat prior
# on N) and two-way interactions only.
SETTING_CHANGES: list[dict[str, Any]] = [{"delta": 1.0}, {"prior": "uniform"}, {"max_order": 2}]


def variants(table: CaptureTable) -> list[tuple[str, CaptureTable]]:
    """The table as given, without each list (when 4+ lists) and with each pair merged."""
    out = [("as given", table)]
    if table.k >= 4:
        out += [(f"drop {name}", table.drop(name)) for name in table.lists]
        out += [(f"merge {a}+{b}", table.merge([a, b])) for a, b in combinations(table.lists, 2)]
    return out


def sensitivity(table: CaptureTable, methods=("independence", "loglinear-bic", "bma"),
                seed: int | None = 0, settings_grid: list[dict[str, Any]] | None = None,
                **settings) -> list[dict[str, Any]]:
    """Rows (variant, settings, method, estimate, low, high) for a sensitivity table.

    `settings_grid` lists setting changes tried on the table as given (default
    SETTING_CHANGES; e.g. [{"K": 5}] for LCMCR). Bootstrap and sampler lengths default to
    quick values.
    """
    base = {**QUICK, **settings}
    rows = []
    runs = [(label, t, {}) for label, t in variants(table)]
    grid = SETTING_CHANGES if settings_grid is None else settings_grid
    runs += [(", ".join(f"{k}={v}" for k, v in change.items()), table, change)
             for change in grid]
    for label, t, change in runs:
        report = estimate(t, methods, seed=seed, **{**base, **change})
        for m in report.methods:
            rows.append({"variant": label, "change": change, "method": m.name,
                         "observed": report.observed, "estimate": m.estimate, "low": m.low,
                         "high": m.high, "warnings": len(m.warnings) + len(report.warnings)})
    return rows


DEPENDENCE_SHARE = 0.25


def dependence_warnings(rows: list[dict[str, Any]],
                        share: float = DEPENDENCE_SHARE) -> list[str]:
    """Lists whose removal moves a method's estimate by more than `share` (from the rows of
    `sensitivity`): the lists are so dependent, or so different, that the answer rests on
    which lists are used."""
    given = {r["method"]: r["estimate"] for r in rows if r["variant"] == "as given"}
    warnings = []
    for r in rows:
        base = given.get(r["method"])
        if not r["variant"].startswith("drop ") or not base or r["estimate"] is None:
            continue
        move = r["estimate"] / base - 1
        if abs(move) > share:
            warnings.append(f"{r['method']}: without list {r['variant'][5:]} the estimate moves "
                            f"from {base:,.0f} to {r['estimate']:,.0f} ({move:+.0%}, more than "
                            f"{share:.0%}): the lists are dependent or cover different people, "
                            "and the answer rests on which lists are used")
    return warnings
