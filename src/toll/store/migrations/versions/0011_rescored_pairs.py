"""candidate pairs say whether the cluster check scored them (not blocking)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidate_pairs") as batch_op:
        batch_op.add_column(
            sa.Column("rescored", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("candidate_pairs") as batch_op:
        batch_op.drop_column("rescored")
