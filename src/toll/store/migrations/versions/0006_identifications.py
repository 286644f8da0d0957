"""identifications: remains confirmed to be a case's person, retracted (never deleted)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:45:00

Identifications made before this revision (remains pointing to their case) each get their row,
dated and sourced as the case's `identified` change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_identifications_{column}_{table}")
    )


def upgrade() -> None:
    op.create_table(
        "identifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("remains_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("previous_fate", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("retracted_at", sa.DateTime(), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        _fk("remains_id", "remains"),
        _fk("case_id", "cases"),
        _fk("source_id", "sources"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identifications")),
    )
    for column in ("remains_id", "case_id"):
        op.create_index(
            op.f(f"ix_identifications_{column}"), "identifications", [column], unique=False
        )
    op.execute(
        'INSERT INTO identifications (remains_id, case_id, "on", source_id, note, created_at, '
        'created_by) SELECT t.remains_id, t.case_id, t."on", t.source_id, t.note, t.created_at, '
        "t.created_by FROM case_transitions t JOIN remains r ON r.id = t.remains_id "
        "AND r.case_id = t.case_id WHERE t.to_status = 'identified'"
    )


def downgrade() -> None:
    for column in ("remains_id", "case_id"):
        op.drop_index(op.f(f"ix_identifications_{column}"), table_name="identifications")
    op.drop_table("identifications")
