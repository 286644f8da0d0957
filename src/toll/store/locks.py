"""Locks for many hands on one store.

`one_at_a_time` lets a single run of a long command (`toll link`) work on a store at once: on
PostgreSQL a transaction-level advisory lock (released at commit, rollback or when the process
dies), on a SQLite file an exclusive `flock` on a lock file beside it (released the same way, the
kernel dropping it when the process dies). A second run refuses at once with one clear line.

`in_turn` makes writers that read-then-write a shared counter (the next person or case label)
wait for one another on PostgreSQL; SQLite lets one writer at a time anyway.
"""

import fcntl
import os
import zlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from toll.errors import TollError


class Busy(TollError):
    """Another run holds the lock."""


def _key(name: str) -> int:
    return zlib.crc32(f"toll:{name}".encode())  # fits PostgreSQL's bigint key


def in_turn(session: Session, name: str) -> None:
    """Wait until no other transaction works on `name`; held until this one ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _key(name)})


def one_at_a_time(session: Session, command: str) -> None:
    """Refuse if another `command` works on this store; else hold it till the transaction ends."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        got = session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _key(command)})
        if not got:
            raise Busy(_busy_message(command, "another process"))
    elif bind.dialect.name == "sqlite" and bind.url.database not in (None, "", ":memory:"):
        _file_lock(session, Path(f"{bind.url.database}.{command.replace(' ', '-')}.lock"), command)


def _file_lock(session: Session, path: Path, command: str) -> None:
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise Busy(_busy_message(command, holder)) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"process {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    handle.flush()

    def release(_session, transaction) -> None:
        if transaction.parent is None and not handle.closed:
            handle.close()  # closing drops the flock

    event.listen(session, "after_transaction_end", release)


def _busy_message(command: str, holder: str) -> str:
    return (
        f"another `toll {command}` is working on this store ({holder}); wait for it to "
        f"finish, then run `toll {command}` again"
    )
