"""`toll restore`: a backup archive into a new store, verified first, all or nothing.

Every file of the archive is re-hashed against its manifest before anything is written. The
store is then built at the archive's schema, filled, and upgraded to this Toll's schema (so
an archive written by an older Toll restores into this one):
- a SQLite target is built in a temporary file beside it and moved into place at the end;
- a PostgreSQL target (an empty database) is built in one transaction.
Either way a restore that fails or is killed half-way leaves the target as it was; the
temporary file a killed SQLite restore leaves is removed by the next restore into that file.
"""

import glob
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, MetaData, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from toll.backup.archive import Archive, original_file
from toll.backup.encryption import decrypt, is_encrypted
from toll.backup.rows import row_decoder
from toll.errors import TollError
from toll.store import encrypted_sqlite
from toll.store.database import database_url, make_engine
from toll.store.fields import seal_fields
from toll.store.schema import known_revision, migrate_connection

BATCH = 5000
ORIGINALS_BATCH = 20  # their bytes may be large
Progress = Callable[[int, int, str], None]


@dataclass
class RestoreSummary:
    target: str
    schema: str  # the archive's
    tables: dict[str, int] = field(default_factory=dict)
    originals: int = 0
    recovery_key: str | None = None  # restored encrypted (printed once)
    upgraded_to: str | None = None  # this Toll's schema, when the archive's was older
    stale: list[str] = field(default_factory=list)  # temporary files of killed restores, removed


def open_archive(path: Path, *, passphrase: str | None = None, identity: Path | None = None):
    """The archive at `path`, decrypted in memory if it is encrypted."""
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise TollError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        head = handle.read(64)
        if not is_encrypted(head):
            return Archive(open(path, "rb"), path.name)
        data = head + handle.read()
    plain = decrypt(data, path.name, passphrase=passphrase, identity=identity)
    return Archive(io.BytesIO(plain), path.name)


def restore_archive(
    archive: Archive, target: str, progress: Progress | None = None, encrypt: str | None = None
) -> RestoreSummary:
    """Verify `archive`, then restore it into the new store `target` (path or URL); encrypted
    behind the passphrase `encrypt` if given (SQLCipher, or sealed fields on a server)."""
    report = progress or (lambda done, total, message: None)
    archive.verify(lambda done, total: report(done, total, "checking hashes"))
    url = make_url(database_url(target))
    schema = archive.manifest["schema"]
    summary = RestoreSummary(url.render_as_string(hide_password=True), schema)
    if url.get_backend_name() == "sqlite":
        _restore_sqlite(archive, Path(url.database), summary, report, encrypt)
    else:
        _restore_server(archive, url, summary, report, encrypt)
    return summary


def _restore_sqlite(archive: Archive, path: Path, summary: RestoreSummary, report, encrypt) -> None:
    if path.exists() and path.stat().st_size > 0:
        raise TollError(
            f"{path} already exists: restore into a new file (Toll never overwrites a store)"
        )
    if not path.parent.is_dir():
        raise TollError(f"cannot restore into {path}: folder {path.parent} does not exist")
    summary.stale = remove_stale(path)
    building = path.with_name(f".{path.name}.restoring-{os.getpid()}")
    building.unlink(missing_ok=True)
    encrypted_sqlite.key_file(building).unlink(missing_ok=True)
    if encrypt:
        summary.recovery_key = encrypted_sqlite.create(building, encrypt)
    engine = make_engine(f"sqlite:///{building}")
    try:
        _check_schema(archive, engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=OFF")
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            connection.commit()
            with connection.begin():
                connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
                _fill(connection, archive, summary, report)
        engine.dispose()
        encrypted_sqlite.move(building, path)
    finally:
        engine.dispose()
        building.unlink(missing_ok=True)
        encrypted_sqlite.key_file(building).unlink(missing_ok=True)


def remove_stale(path: Path) -> list[str]:
    """Remove what restores into `path` that were killed left behind: their temporary files
    (`.NAME.restoring-PID`) whose process is gone. A file of a restore still running is left."""
    removed = []
    prefix = f".{path.name}.restoring-"
    for found in sorted(path.parent.glob(f"{glob.escape(prefix)}*")):  # with its key file
        pid = found.name.removeprefix(prefix).split(".")[0]
        if pid.isdigit() and not _running(int(pid)):
            found.unlink(missing_ok=True)
            removed.append(found.name)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _restore_server(archive: Archive, url, summary: RestoreSummary, report, encrypt) -> None:
    engine = make_engine(url.render_as_string(hide_password=False))
    shown = summary.target
    try:
        tables = inspect(engine).get_table_names()
    except Exception as error:  # the server's own words, on one line
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise TollError(f"cannot open database {shown}: {reason}") from None
    if tables:
        raise TollError(
            f"{shown} is not empty ({len(tables)} tables): restore into a new, empty database "
            "(Toll never overwrites a store)"
        )
    _check_schema(archive, engine)
    try:
        with engine.connect() as connection, connection.begin():
            _fill(connection, archive, summary, report)
            _reset_sequences(connection)
            if encrypt:
                with Session(bind=connection) as session:
                    summary.recovery_key = seal_fields(session, encrypt)
    finally:
        engine.dispose()


def _check_schema(archive: Archive, engine) -> None:
    schema = archive.manifest["schema"]
    if not known_revision(engine, schema):
        raise TollError(
            f"{archive.label} was made at schema {schema}, which this version of Toll does not "
            "know: restore it with a newer Toll"
        )


def _fill(connection: Connection, archive: Archive, summary: RestoreSummary, report) -> None:
    """Build the archive's schema, load every table, then upgrade to this Toll's schema."""
    migrate_connection(connection, archive.manifest["schema"])
    metadata = MetaData()
    metadata.reflect(connection)
    tables = archive.manifest["tables"]
    missing = sorted(set(tables) - set(metadata.tables))
    if missing:
        raise TollError(f"{archive.label}: table {missing[0]} is not in schema {summary.schema}")
    total, done = sum(entry["rows"] for entry in tables.values()) or 1, 0
    for table in metadata.sorted_tables:
        if table.name in tables:
            done = _load_table(connection, archive, table, tables[table.name], done, total, report)
            summary.tables[table.name] = tables[table.name]["rows"]
    summary.originals = archive.manifest.get("originals", 0)
    migrate_connection(connection, "head")
    now = MigrationContext.configure(connection).get_current_revision()
    if now != summary.schema:
        summary.upgraded_to = now


def _load_table(connection, archive: Archive, table, entry, done, total, report) -> int:
    names = entry["columns"]
    unknown = [name for name in names if name not in table.c]
    if unknown:
        raise TollError(f"{archive.label}: column {table.name}.{unknown[0]} is not in the schema")
    decode = row_decoder([table.c[name] for name in names])
    if table.name == "originals":
        decode = _with_bytes(decode, archive)
    size = ORIGINALS_BATCH if table.name == "originals" else BATCH
    batch, count = [], 0
    for line in archive.lines(entry["file"]):
        batch.append(decode(line))
        if len(batch) == size:
            connection.execute(table.insert(), batch)
            count, done, batch = count + len(batch), done + len(batch), []
            report(done, total, table.name)
    if batch:
        connection.execute(table.insert(), batch)
        count, done = count + len(batch), done + len(batch)
        report(done, total, table.name)
    if count != entry["rows"]:
        raise TollError(
            f"{archive.label}: {entry['file']} holds {count} rows, its manifest says "
            f"{entry['rows']}; nothing was restored"
        )
    return done


def _with_bytes(decode, archive: Archive):
    """Originals' rows with their bytes, which the archive keeps as files of their own."""

    def decode_original(line: str) -> dict:
        row = decode(line)
        row["content"] = archive.read(original_file(row["sha256"]))
        return row

    return decode_original


def _reset_sequences(connection: Connection) -> None:
    """Let PostgreSQL number new rows after the restored ones."""
    for table in inspect(connection).get_table_names():
        for column in inspect(connection).get_pk_constraint(table)["constrained_columns"]:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table, "column": column},
            )
            if sequence:
                connection.execute(
                    text(
                        f'SELECT setval(:sequence, COALESCE((SELECT MAX("{column}") FROM '
                        f'"{table}"), 0) + 1, false)'
                    ),
                    {"sequence": sequence},
                )
