"""What an estimate returns: one result per method, and the report that holds them all."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class MethodResult:
    """One method's estimate of the total (recorded + unrecorded) with its 95% interval.

    `draws` (bootstrap replicates or posterior samples of the total) are kept for plots and
    stratified sums but left out of `to_dict()`.
    """

    name: str
    estimate: float | None
    low: float | None
    high: float | None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    draws: np.ndarray | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "estimate": _num(self.estimate), "low": _num(self.low),
                "high": _num(self.high), "warnings": list(self.warnings),
                "diagnostics": _plain(self.diagnostics), "settings": _plain(self.settings),
                "seed": self.seed}


@dataclass
class EstimateReport:
    """Every method side by side for one capture table, with the inputs to reproduce them."""

    observed: int
    lists: tuple[str, ...]
    table: dict[str, Any]
    methods: list[MethodResult]
    warnings: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    software: dict[str, str] = field(default_factory=dict)
    refused: str | None = None       # why no estimate can be made from this table

    def method(self, name: str) -> MethodResult:
        for result in self.methods:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {"observed": self.observed, "lists": list(self.lists),
                "methods": [m.to_dict() for m in self.methods], "warnings": list(self.warnings),
                "settings": _plain(self.settings), "seed": self.seed, "software": self.software,
                "table": self.table, "refused": self.refused}


def _num(value):
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return None
    if math.isinf(value):
        return None
    return round(value, 6)


def _plain(value):
    """Make numpy values JSON-friendly, recursively."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _num(value)
    return value
