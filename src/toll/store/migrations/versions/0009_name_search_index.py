"""a trigram index for searching the register by any word of a name (PostgreSQL)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 23:15:00

`toll persons --name` and the web register look for each word of a name anywhere in a
record's name key (' ' || name_key LIKE '% word%'). A B-tree index cannot serve that; on
PostgreSQL a GIN index of trigrams (pg_trgm) can, and its statistics let the planner see how
common a name is. Where the extension cannot be created (a database user without the right),
nothing changes: the search scans, as it did. SQLite has no such index.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEX = "ix_records_name_words_trgm"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
    ).scalar()
    if not available:
        return
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - not allowed to create it: the search scans as before
        return
    op.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON records USING gin "
        "((' ' || name_key) gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
