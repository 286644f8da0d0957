"""`estimate(table)`: every method side by side, with warnings, settings and seeds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from toll.errors import TollError
from toll.estimates import bma, lcmcr, loglinear
from toll.estimates.report import EstimateReport, MethodResult
from toll.estimates.table import CaptureTable, mask_to_string

LOGLINEAR = ("independence", "loglinear-bic", "loglinear-aic", "loglinear-stepwise")
ALL_METHODS = (*LOGLINEAR, "bma", "lcmcr")
GROUPS = {"all": ALL_METHODS, "loglinear": LOGLINEAR, "bma": ("bma",), "lcm": ("lcmcr",),
          "lcmcr": ("lcmcr",)}
DEFAULTS: dict[str, Any] = {
    "level": 0.95, "max_order": None, "n_boot": 1000, "ntop": None, "threshold": 0.02,
    "stepwise_order": 2,
    "delta": None, "prior": "1/N", "grid_max": None, "grid_points": 1000,
    "K": 10, "chains": 4, "burnin": 10_000, "samples": 1_000, "thin": 20,
    "a_alpha": 0.25, "b_alpha": 0.25,
}
# Settings that mean nothing at zero or below (a grid, a count of draws, chains or classes).
POSITIVE = ("max_order", "n_boot", "stepwise_order", "delta", "grid_max", "grid_points", "K",
            "chains", "samples", "thin")
SMALL_TABLE = 30
SPARSE_CELL = 5


def method_names(methods: str | Iterable[str]) -> list[str]:
    """Expand "all", "loglinear", "lcm"... into method names, in display order."""
    if isinstance(methods, str):
        methods = [methods]
    wanted: list[str] = []
    for item in methods:
        names = GROUPS.get(item, (item,) if item in ALL_METHODS else None)
        if names is None:
            raise TollError(f"unknown method {item!r}: use one of "
                            f"{', '.join([*GROUPS, *LOGLINEAR])}")
        wanted.extend(n for n in names if n not in wanted)
    return [n for n in ALL_METHODS if n in wanted]


def method_seed(seed: int | None, name: str) -> int | None:
    """Each method's own seed, derived from the run's seed and the method's name."""
    if seed is None:
        return None
    digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
    return int.from_bytes(digest[:4], "little")


def refusal(table: CaptureTable) -> str | None:
    """Why no estimate can be made from this table, naming the lists; None when one can.

    Estimates rest on people recorded by more than one list. When no two lists share anyone,
    or a list shares no one with the others, the table says nothing about how many were
    missed (by that list), and any number printed would come from the model alone.
    """
    if table.k < 2 or table.observed == 0:
        return "at least 2 lists that recorded someone are needed for any estimate"
    totals = table.list_totals()
    alone = [name for j, name in enumerate(table.lists)
             if totals[name] and table.overlap(1 << j) == int(table.counts[1 << j])]
    if len(alone) == table.k:
        return (f"no two lists share anyone ({', '.join(table.lists)}): with no one recorded "
                "twice the overlaps say nothing about how many were missed; check the record "
                "linkage, or whether the lists cover different people, places or periods")
    if alone:
        which = ", ".join(alone)
        return (f"list(s) {which} share no one with the other lists: nothing in the table says "
                f"how many people {which} missed or how they relate to the rest; check the "
                f"linkage, or leave {'it' if len(alone) == 1 else 'them'} out "
                f"(--drop {alone[0]}) and estimate from the lists that overlap")
    return None


def table_warnings(table: CaptureTable) -> list[str]:
    """Problems with the table itself, shown whatever method is used."""
    warnings = []
    if table.k < 3:
        warnings.append(f"only {table.k} list(s): with fewer than 3 lists no dependence between "
                        "lists can be modelled, and the estimate rests entirely on assuming the "
                        "lists are independent")
    if table.observed < SMALL_TABLE:
        warnings.append(f"only {table.observed} people observed: estimates from so few are "
                        "unstable")
    cells = table.cell_counts()
    zeros = int((cells == 0).sum())
    if zeros:
        warnings.append(f"{zeros} of {cells.size} capture patterns are empty: models with terms "
                        "over them may not exist; consider merging small lists")
    sparse = [m for m in range(1, 2**table.k) if 0 < table.counts[m] < SPARSE_CELL]
    if sparse:
        shown = ", ".join(f"{mask_to_string(m, table.k)}: {int(table.counts[m])}"
                          for m in sparse[:5])
        more = f" and {len(sparse) - 5} more" if len(sparse) > 5 else ""
        warnings.append(f"{len(sparse)} of {cells.size} capture patterns hold fewer than "
                        f"{SPARSE_CELL} people ({shown}{more}): the table is sparse, and models "
                        "fitted to these cells can move with one person more or less")
    for name, total in table.list_totals().items():
        if total == table.observed:
            warnings.append(f"list {name} records everyone observed: it cannot inform the "
                            "estimate")
    for i in range(table.k):
        for j in range(i + 1, table.k):
            if table.overlap((1 << i) | (1 << j)) == 0:
                warnings.append(f"lists {table.lists[i]} and {table.lists[j]} have nobody in "
                                "common (a zero margin): models with a dependence between them "
                                "are not identifiable, and are left out or set to minus "
                                "infinity")
    return warnings


def estimate(table: CaptureTable, methods: str | Iterable[str] = ("all",), seed: int | None = 0,
             progress: Callable[[str], None] | None = None, **settings: Any) -> EstimateReport:
    """Estimate the total by every requested method.

    Settings (defaults in DEFAULTS): level, max_order, n_boot, ntop, threshold and
    stepwise_order (stepwise),
    delta, prior, grid_max, grid_points (bma), K, chains, burnin, samples, thin, a_alpha,
    b_alpha (lcmcr). With the same table, settings and seed the report is identical.
    """
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise TollError(f"unknown estimate setting(s): {', '.join(sorted(unknown))}")
    for name in POSITIVE:
        if settings.get(name) is not None and settings[name] <= 0:
            raise TollError(f"estimate setting {name} must be above zero, not {settings[name]:g}")
    options = {**DEFAULTS, **settings}
    names = method_names(methods)
    warnings = table_warnings(table)
    work, dropped = table.without_empty_lists()
    if dropped:
        warnings.append(f"list(s) {', '.join(dropped)} recorded nobody and were left out")
    results = []
    refused = refusal(work)
    if refused:
        names = []
    for name in names:
        if progress:
            progress(name)
        results.append(_run(name, work, options, method_seed(seed, name)))
    return EstimateReport(table.observed, table.lists, table.to_dict(), results, warnings,
                          dict(options), seed, software_versions(), refused)


def reproduce(data: dict[str, Any]) -> EstimateReport:
    """Rerun a stored estimate from its `to_dict()`: same table, methods, settings and seed.

    With the same software versions (stored under "software") the numbers are identical.
    """
    table = CaptureTable.from_dict(data["table"])
    methods = [m["name"] for m in data["methods"]]
    return estimate(table, methods or ("all",), seed=data["seed"], **data["settings"])


def software_versions() -> dict[str, str]:
    """Versions of the libraries whose random streams and numerics the results depend on."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for name in ("toll", "numpy", "scipy", "numba"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _run(name: str, table: CaptureTable, o: dict, seed: int | None) -> MethodResult:
    level = o["level"]
    try:
        if name == "independence":
            result = loglinear.independence(table, level)
        elif name in ("loglinear-bic", "loglinear-aic"):
            result = loglinear.best_model(table, name.split("-")[1], o["max_order"], o["n_boot"],
                                          o["ntop"], level, seed)
        elif name == "loglinear-stepwise":
            result = loglinear.stepwise_method(table, o["threshold"], o["n_boot"], level, seed,
                                               max_order=o["stepwise_order"])
        elif name == "bma":
            result = bma.estimate_bma(table, o["delta"], o["grid_max"], o["grid_points"],
                                      o["prior"], level)
        else:
            result = lcmcr.estimate_lcmcr(table, o["K"], o["chains"], o["burnin"], o["samples"],
                                          o["thin"], o["a_alpha"], o["b_alpha"], level, seed)
    except (np.linalg.LinAlgError, ValueError, FloatingPointError) as error:
        return MethodResult(name, None, None, None, {}, [f"failed: {error}"], {}, seed)
    result.seed = seed
    if result.estimate is not None and table.k < 3 and name != "independence":
        result.warnings.append("fewer than 3 lists: this method cannot separate dependence "
                               "from the total")
    return result


def describe_table(table: CaptureTable) -> list[tuple[str, int]]:
    """Rows (pattern, count) for display."""
    return [(mask_to_string(m, table.k), int(table.counts[m])) for m in range(1, 2**table.k)]
