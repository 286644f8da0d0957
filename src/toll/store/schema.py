"""Keeping the database schema current with Alembic migrations.

A new database is created at the newest schema; an older one is upgraded in place when it is
opened (or, with `upgrade=False`, the user is told the one command that upgrades it).
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from toll.errors import TollError

MIGRATIONS = Path(__file__).parent / "migrations"
# Tables of the store that no model describes: SQLite's trigram index of names (FTS5, migration
# 0013, kept by triggers) and the tables FTS5 keeps it in (records_name_words_data, ...).
NOT_MODELLED = "records_name_words"


def modelled(name: str | None, type_: str, _parent_names) -> bool:
    """Whether Alembic compares `name` with the models (`include_name`)."""
    return not (type_ == "table" and name is not None and name.startswith(NOT_MODELLED))


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def ensure_current(engine: Engine, *, upgrade: bool = True) -> None:
    """Create or upgrade the schema to the newest revision."""
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return
    if current is None and _has_foreign_tables(engine):
        raise TollError(
            f"{engine.url.render_as_string(hide_password=True)} holds tables that are not a Toll "
            "store; give Toll an empty database or a new file with --db"
        )
    if current is not None and not upgrade:
        raise TollError(
            f"the database is at schema {current}, Toll needs {head}: run `toll db upgrade`"
        )
    upgrade_schema(engine)


def upgrade_schema(engine: Engine) -> None:
    """Run every pending migration."""
    command.upgrade(alembic_config(engine), "head")


def migrate_connection(connection: Connection, revision: str = "head") -> None:
    """Migrate the database of `connection` to `revision` inside the caller's transaction."""
    config = alembic_config(connection.engine)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def known_revision(engine: Engine, revision: str) -> bool:
    """Whether this version of Toll has the migration `revision` (a newer Toll may not)."""
    from alembic.util import CommandError

    try:
        script = ScriptDirectory.from_config(alembic_config(engine))
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _has_foreign_tables(engine: Engine) -> bool:
    return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})


def row_counts(session) -> dict[str, int]:
    """How many rows each table of the model holds, by table name (to any user of the store)."""
    from sqlalchemy import func, select

    from toll.model import Base
    from toll.store.access import require

    require(session, "read")
    return {
        name: session.scalar(select(func.count()).select_from(table))
        for name, table in sorted(Base.metadata.tables.items())
    }


def compact_store(store) -> dict[str, int]:
    """Rewrite the store without the space freed rows left behind (VACUUM; on PostgreSQL,
    VACUUM FULL), by an admin; {"before": bytes, "after": bytes}. Nothing in it changes."""
    from pathlib import Path

    from toll.store.access import require

    with store.session() as session:
        require(session, "admin")
    engine = store.engine
    sqlite = engine.url.get_backend_name() == "sqlite"

    def size() -> int:
        if sqlite:
            return Path(engine.url.database).stat().st_size
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT pg_database_size(current_database())"
            ).scalar()

    before = size()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM" if sqlite else "VACUUM FULL")
    return {"before": before, "after": size()}
