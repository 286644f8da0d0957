"""Estimates from the register, stored with everything needed to reproduce them exactly.

The estimation core (`toll.estimates`) takes a capture table; this module builds the tables
from the store (`toll.figures.capture_tables`), runs the methods and keeps an `Estimate` row
with the tables, the methods, every setting and the seed.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from toll import __version__
from toll.estimates.api import estimate
from toll.estimates.stratified import estimate_strata
from toll.estimates.table import CaptureTable
from toll.model import Estimate
from toll.store.access import get_readable, require


def run_estimate(
    tables: dict[str, CaptureTable], methods: Sequence[str], seed: int | None, settings: dict
):
    """One table: every method on it; several (strata): each estimated, then summed."""
    if list(tables) == ["all"]:
        return estimate(tables["all"], methods, seed=seed, **settings)
    return estimate_strata(tables, methods, seed=seed, **settings)


def save_estimate(
    session: Session,
    tables: dict[str, CaptureTable],
    report,
    *,
    by: Sequence[str],
    methods: Sequence[str],
    seed: int | None,
    settings: dict[str, Any],
    label: str | None = None,
    changes: dict[str, Any] | None = None,
) -> Estimate:
    """Keep an estimate with its inputs (after the list `changes` --drop/--merge made),
    settings and seed."""
    require(session, "edit")
    row = Estimate(
        label=label,
        stratum={"by": list(by)},
        table={name: table.to_dict() for name, table in tables.items()},
        settings={
            "methods": list(methods),
            "seed": seed,
            **settings,
            **({"changes": changes} if changes else {}),
        },
        result=report.to_dict(),
        toll_version=__version__,
        created_by=session.info.get("actor"),
    )
    session.add(row)
    session.flush()
    return row


def get_estimate(session: Session, estimate_id: int) -> Estimate:
    return get_readable(session, Estimate, estimate_id, "estimate", "`toll estimates` lists them")


def reproduce(row: Estimate):
    """Run a stored estimate again from its stored tables, settings and seed."""
    settings = dict(row.settings)
    methods, seed = settings.pop("methods"), settings.pop("seed")
    settings.pop("changes", None)  # already applied to the stored tables
    tables = {name: CaptureTable.from_dict(data) for name, data in row.table.items()}
    return run_estimate(tables, methods, seed, settings)
