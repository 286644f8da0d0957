"""candidate pairs say why they wait for review

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 07:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidate_pairs") as batch_op:
        batch_op.add_column(sa.Column("review_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("candidate_pairs") as batch_op:
        batch_op.drop_column("review_reason")
