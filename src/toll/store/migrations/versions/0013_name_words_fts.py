"""a trigram index for searching the register by any word of a name (SQLite)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 12:30:00

What migration 0009 gave PostgreSQL (pg_trgm), for SQLite: an FTS5 table of trigrams,
`records_name_words`, holding each record's name key after a space (' ' || name_key, as the
search reads it) under the record's id, kept by triggers on `records` whatever writes them
(an import, a link, a restore, an edit). `toll persons --name` and the web register then look
a word up in it (' ' || name_key LIKE '% word%', the same test) instead of reading every
record. Where SQLite has no trigram tokenizer (before 3.34), nothing changes: the search scans
as it did.
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLE = "records_name_words"
TRIGGERS = {
    "records_name_words_insert": (
        "AFTER INSERT ON records BEGIN "
        f"INSERT INTO {TABLE} (rowid, words) VALUES (new.id, ' ' || new.name_key); END"
    ),
    "records_name_words_update": (
        "AFTER UPDATE OF id, name_key ON records BEGIN "
        f"DELETE FROM {TABLE} WHERE rowid = old.id; "
        f"INSERT INTO {TABLE} (rowid, words) VALUES (new.id, ' ' || new.name_key); END"
    ),
    "records_name_words_delete": (
        f"AFTER DELETE ON records BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END"
    ),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _has_trigrams(bind):
        return
    op.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(words, tokenize='trigram')")
    op.execute(f"INSERT INTO {TABLE} (rowid, words) SELECT id, ' ' || name_key FROM records")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")


def _has_trigrams(bind) -> bool:
    """Whether this SQLite has FTS5 and its trigram tokenizer (3.34 or later)."""
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                "CREATE VIRTUAL TABLE temp.toll_probe USING fts5(w, tokenize='trigram')"
            )
            bind.exec_driver_sql("DROP TABLE temp.toll_probe")
    except Exception:  # noqa: BLE001 - no FTS5 or no trigram tokenizer: the search scans
        return False
    return True
