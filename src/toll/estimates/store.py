"""Estimates from the register, stored with everything needed to reproduce them exactly.

The store side of `toll.estimates` (its only module that touches the database): capture
tables come from the register (`toll.figures.capture_tables`), go through `run` like any
table, and the result is kept as an `Estimate` row with the tables used, the methods, every
setting and the seed. A table that cannot be estimated (lists that share no one) is
reported, never stored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll import __version__
from toll.estimates.run import Run, run
from toll.estimates.table import CaptureTable
from toll.figures import capture_tables
from toll.model import Estimate
from toll.store.access import get_readable, require


@dataclass
class RegisterEstimate:
    """A run on the register's tables and the id it is stored under (None when refused)."""

    run: Run
    by: list[str]
    estimate_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return self.run.to_dict() | {"estimate_id": self.estimate_id, "by": self.by}


def estimate_register(
    session: Session,
    by: Sequence[str] = (),
    methods: Sequence[str] = ("all",),
    seed: int | None = 0,
    settings: dict[str, Any] | None = None,
    *,
    drop: Sequence[str] = (),
    merge: Sequence[str] = (),
    with_sensitivity: bool = False,
    label: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> RegisterEstimate:
    """Estimate the total from which lists record each person (by stratum with `by`), and
    store the estimate unless nothing could be estimated. Needs the "edit" grant."""
    require(session, "edit")
    tables = capture_tables(session, by)
    result = run(tables, methods, seed, settings, drop=drop, merge=merge,
                 with_sensitivity=with_sensitivity, progress=progress)
    stored = None if result.refused else _save(session, result, list(by), label)
    return RegisterEstimate(result, list(by), stored)


def _save(session: Session, result: Run, by: list[str], label: str | None) -> int:
    row = Estimate(
        label=label,
        stratum={"by": by},
        table={name: table.to_dict() for name, table in result.tables.items()},
        settings={"methods": result.methods, "seed": result.seed, **result.settings,
                  **({"sensitivity": True} if result.sensitivity is not None else {}),
                  **({"changes": result.changes} if result.changes else {})},
        result=result.to_dict(),
        toll_version=__version__,
        created_by=session.info.get("actor"),
    )
    session.add(row)
    session.flush()
    return row.id


def list_estimates(session: Session) -> list[dict[str, Any]]:
    """Stored estimates, oldest first: when, by whom, strata, seed, each method's estimate and
    how many warnings it carries."""
    require(session, "read")
    rows = session.scalars(select(Estimate).where(Estimate.retracted_at.is_(None))
                           .order_by(Estimate.id))
    return [{"id": e.id, "label": e.label, "created_at": e.created_at, "by": e.created_by,
             "strata": e.stratum.get("by") or [], "seed": e.settings.get("seed"),
             "methods": {m["name"]: m["estimate"] for m in e.result.get("methods", [])},
             "warnings": _warning_count(e.result)}
            for e in rows]


def show_estimate(session: Session, estimate_id: int) -> dict[str, Any]:
    """One stored estimate: inputs, settings, seed, every method's result and warning."""
    row = _get(session, estimate_id)
    return {"id": row.id, "label": row.label, "created_at": row.created_at,
            "by": row.created_by, "stratum": row.stratum, "table": row.table,
            "settings": row.settings, "result": row.result, "toll_version": row.toll_version}


def reproduce_estimate(session: Session, estimate_id: int) -> dict[str, Any]:
    """Run a stored estimate again from its stored tables, settings and seed, and say whether
    the results are identical (the software versions aside)."""
    row = _get(session, estimate_id)
    settings = dict(row.settings)
    methods, seed = settings.pop("methods"), settings.pop("seed")
    with_sensitivity = settings.pop("sensitivity", False)
    settings.pop("changes", None)  # already applied to the stored tables
    tables = {name: CaptureTable.from_dict(data) for name, data in row.table.items()}
    again = run(tables, methods, seed, settings, with_sensitivity=with_sensitivity).to_dict()
    now, before = _comparable(again), _comparable(row.result)
    differ = sorted(key for key in set(now) | set(before) if now.get(key) != before.get(key))
    return {"id": row.id, "identical": not differ, "differ": differ,
            "methods": again["methods"]}


def _comparable(result: dict) -> dict:
    """A result as a JSON column keeps it, without the software versions (at any depth)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "software"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(json.dumps(result, default=str)))


def _warning_count(result: dict) -> int:
    return len(result.get("warnings", [])) + sum(len(m.get("warnings", []))
                                                 for m in result.get("methods", []))


def _get(session: Session, estimate_id: int) -> Estimate:
    return get_readable(session, Estimate, estimate_id, "estimate",
                        "`toll estimates list` lists them")
