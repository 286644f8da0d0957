"""claims record the extractor version that made them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 22:50:00

Claims extracted before this revision keep a null version (made before versions were recorded).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch_op:
        batch_op.add_column(sa.Column("extractor_version", sa.String(length=80), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_claims_extractor_version"), ["extractor_version"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_extractor_version"))
        batch_op.drop_column("extractor_version")
