"""Remains: a postmortem record of human remains recovered, matched against missing persons."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable


class Remains(Created, Retractable, Base):
    """What was found, where and when, and what the laboratory could tell. `label`: R-00007."""

    __tablename__ = "remains"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    lab_reference: Mapped[str | None] = mapped_column(Text, index=True)
    found_on: Mapped[str | None] = mapped_column(Text)  # date as written
    found_earliest: Mapped[date | None] = mapped_column(Date)
    found_latest: Mapped[date | None] = mapped_column(Date)
    found_place: Mapped[str | None] = mapped_column(Text)
    place_key: Mapped[str | None] = mapped_column(Text)
    sex: Mapped[str | None] = mapped_column(String(10))
    sex_raw: Mapped[str | None] = mapped_column(Text)
    age_low: Mapped[int | None] = mapped_column(Integer)
    age_high: Mapped[int | None] = mapped_column(Integer)
    stature_low: Mapped[int | None] = mapped_column(Integer)  # cm
    stature_high: Mapped[int | None] = mapped_column(Integer)
    marks: Mapped[str | None] = mapped_column(Text)
    effects: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    row_number: Mapped[int | None] = mapped_column(Integer)
    original: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)


class Identification(Created, Retractable, Base):
    """Remains confirmed to be the person of a case, per the lab's report (`source_id`).

    A mistaken identification is retracted with its reason, never deleted; `previous_fate` is
    the person's fate before, given back to them when the identification is retracted.
    """

    __tablename__ = "identifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    remains_id: Mapped[int] = mapped_column(ForeignKey("remains.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    previous_fate: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
