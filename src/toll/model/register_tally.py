"""The register's counts and breakdowns as they were counted at one version of the register."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, utcnow


class RegisterTally(Base):
    """`toll.figures.breakdown.tallies` of the whole register, counted when the register
    changed (`version`: the latest change it holds, `register_version`). Drawn from the
    records, so not audited (backed up with them, under the same version): counted again
    whenever the version has none."""

    __tablename__ = "register_tallies"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"persons": n, "by": {...}}
    counted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
