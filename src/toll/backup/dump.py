"""`toll backup`: every table of the store and every original file, into one archive.

The tables are those of `toll.model` (whatever stage defined them), read in one transaction so
that the archive is one consistent moment of the store.
"""

import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.orm import Session

import toll
from toll.backup.archive import ArchiveWriter, original_file, table_file
from toll.backup.encryption import encrypt
from toll.backup.rows import encode_row
from toll.errors import TollError
from toll.model import Base
from toll.model.base import utcnow
from toll.store import Store
from toll.store.access import require
from toll.store.database import is_encrypted
from toll.store.history import log_event
from toll.store.schema import current_revision

BATCH = 5000
# A sealed store's wrapped field key: the archive holds the fields unsealed (and is encrypted
# itself); `toll restore --encrypt` seals them again under a new key.
NOT_BACKED_UP = {"store_keys"}
Progress = Callable[[int, int, str], None]


@dataclass
class BackupSummary:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows
    originals: int = 0
    bytes: int = 0
    encrypted: bool = False


def stored_columns(table: Table) -> list:
    """The columns a table file holds: all, except the originals' bytes (kept as files)."""
    return [c for c in table.columns if not (table.name == "originals" and c.name == "content")]


def backup_store(
    store: Store,
    path: Path,
    *,
    passphrase: str | None = None,
    recipients: Sequence[str] = (),
    encrypted: bool = False,
    replace: bool = False,
    progress: Progress | None = None,
) -> BackupSummary:
    """Write the whole store to the archive `path` (encrypted with age when `encrypted`).

    An existing file at `path` is refused unless `replace`: an older backup may be the only
    copy of what the store has since lost."""
    report = progress or (lambda done, total, message: None)
    summary = BackupSummary(path, encrypted=encrypted)
    if path.exists() and not replace:
        raise TollError(
            f"{path} already exists: give the backup a new name, or --replace to write over it"
        )
    if encrypted and not (passphrase or recipients):
        raise TollError("--encrypt needs a passphrase (--passphrase-file) or --recipient KEY")
    if not encrypted and is_encrypted(store.engine):
        raise TollError(
            f"{store.url} is encrypted: its backup must be too, or it would hold the store in the "
            "clear; give --encrypt (with a passphrase) or --recipient KEY"
        )
    with store.session() as session:
        connection = _snapshot(session)
        require(session, "admin")
        if encrypted:
            buffer = io.BytesIO()
            _write(connection, ArchiveWriter(buffer), store, summary, report)
            data = encrypt(buffer.getvalue(), passphrase=passphrase, recipients=recipients)
            _replace(path, lambda handle: handle.write(data))
        else:
            _replace(
                path,
                lambda handle: _write(connection, ArchiveWriter(handle), store, summary, report),
            )
        log_event(session, "backup", "store", None, note=f"backup to {path.name}")
    summary.bytes = path.stat().st_size
    return summary


def _snapshot(session: Session) -> Connection:
    """The session's connection, reading one consistent moment of the store."""
    if session.bind.dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return session.connection()


def _replace(path: Path, write: Callable) -> None:
    """Write `path` through a temporary file beside it, so that a half-written archive never
    takes the name of a good one."""
    if not path.parent.is_dir():
        raise TollError(f"cannot write {path}: folder {path.parent} does not exist")
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            write(handle)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _write(
    connection: Connection, writer: ArchiveWriter, store: Store, summary: BackupSummary, report
) -> None:
    tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_BACKED_UP]
    counts = {t.name: connection.scalar(select(func.count()).select_from(t)) for t in tables}
    total, done = sum(counts.values()) or 1, 0
    for table in tables:
        done = _write_table(connection, writer, table, done, total, report)
        summary.tables[table.name] = counts[table.name]
    summary.originals = _write_originals(connection, writer)
    writer.close(
        {
            "toll_version": toll.__version__,
            "schema": current_revision(store.engine),
            "created_at": utcnow().isoformat(),
            "created_by": store.actor,
            "database": connection.dialect.name,
            "tables": {
                table.name: {
                    "file": table_file(table.name),
                    "rows": counts[table.name],
                    "columns": [c.name for c in stored_columns(table)],
                }
                for table in tables
            },
            "originals": summary.originals,
        }
    )


def _write_table(connection, writer, table: Table, done: int, total: int, report) -> int:
    columns = stored_columns(table)
    query = select(*columns).order_by(*table.primary_key.columns)
    with writer.file(table_file(table.name)) as write:
        lines = []
        for row in connection.execute(query.execution_options(yield_per=BATCH)):
            lines.append(encode_row(row))
            if len(lines) == BATCH:
                write(("\n".join(lines) + "\n").encode("utf-8"))
                done += len(lines)
                report(done, total, table.name)
                lines = []
        if lines:
            write(("\n".join(lines) + "\n").encode("utf-8"))
            done += len(lines)
            report(done, total, table.name)
    return done


def _write_originals(connection: Connection, writer: ArchiveWriter) -> int:
    originals = Base.metadata.tables["originals"]
    query = select(originals.c.sha256, originals.c.content).order_by(originals.c.sha256)
    count = 0
    for sha256, content in connection.execute(query.execution_options(yield_per=20)):
        with writer.file(original_file(sha256)) as write:
            write(bytes(content))
        count += 1
    return count
