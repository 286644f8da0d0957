"""credentials: hashed passwords, browser sessions and API tokens of users

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 20:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_credentials_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
    )
    with op.batch_alter_table("credentials") as batch_op:
        batch_op.create_index(batch_op.f("ix_credentials_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_credentials_secret_hash"), ["secret_hash"], unique=False
        )


def downgrade() -> None:
    op.drop_table("credentials")
