"""Opening the store: a SQLite file by default, PostgreSQL by URL for teams."""

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from toll.errors import TollError
from toll.store import encrypted_sqlite

DEFAULT_DATABASE = "toll.db"
DATABASE_ENV = "TOLL_DATABASE_URL"
USER_ENV = "TOLL_USER"


def database_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for `--db` (a file path or a URL), `$TOLL_DATABASE_URL` or ./toll.db."""
    target = db or os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE
    if "://" in target:
        try:
            make_url(target)
        except ArgumentError as error:
            raise TollError(f"database URL {target!r} is not valid: {error}") from None
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def current_actor() -> str:
    """Who is working: `$TOLL_USER`, else the login name of this machine's user."""
    try:
        return os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


_COMMITTED = 0  # transactions of this process that wrote something and were committed


def committed_transactions() -> int:
    """How many transactions that wrote to a store this process has committed (what an
    interrupted command has kept)."""
    return _COMMITTED


@event.listens_for(Session, "after_flush")
def _note_writing(session: Session, _context) -> None:
    session.info["wrote"] = True


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA cache_size=-131072")  # 128 MB of pages: big registers stay in memory
    cursor.close()


SERVER_CONNECTIONS = 10


def make_engine(url: str) -> Engine:
    """Create the engine, with foreign keys enforced on SQLite.

    An encrypted SQLite store (`toll.store.encrypted_sqlite`) is opened with SQLCipher, keyed
    from the secret given (`toll.store.crypto.secret_for`); a wrong or missing one is one line
    before anything is opened.
    """
    path = sqlite_file(url)
    if path is not None and encrypted_sqlite.is_encrypted(path):
        key = encrypted_sqlite.data_key(path)
        engine = create_engine(
            url,
            module=encrypted_sqlite.dbapi(),
            creator=lambda: encrypted_sqlite.connect(path, key, check_same_thread=False),
        )
    elif path is None and make_url(url).get_backend_name() != "sqlite":
        # connections kept open for a web worker's requests at once (toll.web.context.SESSIONS):
        # past the pool, each request would open one, and a PostgreSQL server forks for it
        engine = create_engine(url, pool_size=SERVER_CONNECTIONS)
    else:
        engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store's URL (None for a server or an in-memory store)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def is_encrypted(engine: Engine) -> bool:
    """Whether the store is encrypted at rest: a SQLCipher file, or sealed fields on a server."""
    from toll.store.fields import field_key

    return engine.dialect.dbapi is encrypted_sqlite.dbapi() or field_key(engine) is not None


class Store:
    """A Toll database. Open it with `Store.open(db)`; work in `with store.session() as s:`."""

    def __init__(self, engine: Engine, actor: str | None = None):
        self.engine = engine
        self.actor = actor or current_actor()
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, db: str | None = None, *, actor: str | None = None, upgrade: bool = True
    ) -> "Store":
        """Open (and create or upgrade, unless upgrade=False) the store named by `db`."""
        from toll.store.fields import unlock_fields
        from toll.store.schema import ensure_current

        url = database_url(db)
        _check_sqlite_folder(url)
        store = cls(make_engine(url), actor=actor)
        try:
            ensure_current(store.engine, upgrade=upgrade)
            unlock_fields(store.engine, store.url)
        except BaseException:
            store.close()  # never a half-opened store
            raise
        return store

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self, actor: str | None = None) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back entirely on any error.

        `actor` is the acting user (default: the store's); every stage's API reads it from the
        session to apply roles and grants and to write the audit trail.
        """
        global _COMMITTED
        try:
            with self._sessions() as session:
                session.info["actor"] = actor or self.actor
                with session.begin():
                    yield session
                if session.info.pop("wrote", False):
                    _COMMITTED += 1
        except DBAPIError as error:
            plain = storage_error(error, self.url)
            if plain is None:
                raise
            raise plain from None

    def close(self) -> None:
        self.engine.dispose()


# What the database says when the disk is full or the store may not be written, and what to do.
_DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file")
_READ_ONLY = ("readonly database", "read-only transaction", "read-only file system")


def storage_error(error: DBAPIError, where: str) -> TollError | None:
    """One clear line for a full disk or a read-only store (None for any other error)."""
    said = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    state = getattr(error.orig, "sqlstate", None)
    if state == "53100" or any(words in said.lower() for words in _DISK_FULL):
        return TollError(
            f"cannot write to the store {where}: the disk is full ({said}); nothing of this "
            "change was stored — free some space, then run the command again"
        )
    if state == "25006" or any(words in said.lower() for words in _READ_ONLY):
        return TollError(
            f"cannot write to the store {where}: it is read-only ({said}); nothing was changed "
            "— give the user write access to the store (and its folder), or work on a copy"
        )
    return None


def _check_sqlite_folder(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).parent
        if not folder.exists():
            raise TollError(
                f"cannot open database {parsed.database}: folder {folder} does not exist"
            )
