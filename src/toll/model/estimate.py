"""An estimate: a multiple systems estimate with everything needed to reproduce it."""

from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable


class Estimate(Created, Retractable, Base):
    """Inputs (capture table), settings, random seeds, results and the code version."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str | None] = mapped_column(String(200))
    stratum: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    table: Mapped[dict[str, Any]] = mapped_column(JSON)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    toll_version: Mapped[str] = mapped_column(String(30))
