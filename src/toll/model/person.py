"""A person: the records that were judged to be the same human, and why."""

from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable


class Person(Created, Retractable, Base):
    """One human in the register. `label` (P-00417) stays stable across re-links."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)
    display_name: Mapped[str | None] = mapped_column(Text)
    fate: Mapped[str | None] = mapped_column(Text)  # as established by a case (identified...)


class LinkageRun(Created, Base):
    """One run of `toll link`: its settings, the trained model and what it found."""

    __tablename__ = "linkage_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    engine: Mapped[str] = mapped_column(String(20))
    threshold: Mapped[float] = mapped_column(Float)
    review_low: Mapped[float] = mapped_column(Float)
    incremental: Mapped[bool] = mapped_column(default=False)
    model: Mapped[dict[str, Any]] = mapped_column(JSON)  # splink settings with m and u
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CandidatePair(Created, Base):
    """Two records the linkage model scored in a run, with the evidence for and against."""

    __tablename__ = "candidate_pairs"
    __table_args__ = (UniqueConstraint("run_id", "record_a_id", "record_b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("linkage_runs.id"), index=True)
    record_a_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    record_b_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    field_weights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    needs_review: Mapped[bool] = mapped_column(default=False)
    review_reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # why it waits
    # scored by the cluster check inside a would-be person, not found by blocking
    rescored: Mapped[bool] = mapped_column(default=False, server_default=false())


class MatchDecision(Created, Retractable, Base):
    """A reviewer's decision that two records are, or are not, the same person.

    Decisions override the model on every re-run and are never silently undone.
    """

    __tablename__ = "match_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_a_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    record_b_id: Mapped[int] = mapped_column(ForeignKey("records.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # same, different
    note: Mapped[str | None] = mapped_column(Text)
