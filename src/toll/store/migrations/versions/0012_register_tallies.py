"""register_tallies: the register's counts and breakdowns, stored when the register changes

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 12:00:00

The dashboard, `toll figures` and the reports count the register's persons by status, sex,
age group and month (`toll.figures.breakdown.tallies`); on a million persons that takes
seconds. They are now counted when the register changes, at the commit of the change, and
stored under the register's version (the latest change they hold), so that the first read
after the change is a lookup. A store upgraded from 0011 has none stored: the first read
counts them and stores them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_tallies",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_register_tallies")),
    )


def downgrade() -> None:
    op.drop_table("register_tallies")
