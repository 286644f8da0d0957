"""A SQLite store encrypted with SQLCipher: created, opened, re-keyed and moved with its key header.

The store `toll.db` has its key header in `toll.db.key` beside it (see `toll.store.crypto`). A
store is encrypted when that header exists, or when the file is not a plain SQLite file (its
header lost: the recovery key still opens it). SQLCipher encrypts every page, the journal and
the write-ahead log, so the originals kept in the store are encrypted with everything else.
"""

import os
from pathlib import Path

from toll.errors import TollError
from toll.store import crypto


def key_file(path: Path) -> Path:
    return path.with_name(path.name + crypto.KEY_SUFFIX)


def rotating_file(path: Path) -> Path:
    return path.with_name(path.name + crypto.ROTATING_SUFFIX)


def is_encrypted(path: Path) -> bool:
    """Whether the SQLite store at `path` is (or is being made) an encrypted one."""
    if key_file(path).exists():
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != crypto.SQLITE_MAGIC


def dbapi():
    """SQLCipher's DB-API module (sqlcipher3), in place of the standard sqlite3."""
    from sqlcipher3 import dbapi2

    return dbapi2


def connect(path: Path, data_key: bytes, **options):
    """A SQLCipher connection to `path`, keyed before anything else is asked of it."""
    connection = dbapi().connect(str(path), **options)
    connection.execute("PRAGMA cipher_log_level = NONE")  # errors are ours to say, in one line
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    return connection


def opens_with(path: Path, data_key: bytes) -> bool:
    """Whether `data_key` opens the store at `path` (a new, empty file opens with any key)."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    connection = connect(path, data_key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except dbapi().DatabaseError:
        return False
    finally:
        connection.close()


def read_header(file: Path) -> crypto.KeyHeader:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise TollError(f"cannot read the key header {file}: {error.strerror}") from None
    return crypto.KeyHeader.from_json(text, str(file))


def write_header(file: Path, header: crypto.KeyHeader) -> None:
    """Write the key header readable by its owner only, whole or not at all."""
    partial = file.with_name(f".{file.name}.{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(header.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, file)


def data_key(path: Path) -> bytes:
    """The data key of the encrypted store at `path`, from the secret given; else one line.

    A rotation that was interrupted (`toll.db.key.new` beside the store) is finished or
    forgotten here, according to which key the store now opens with.
    """
    label = f"the encrypted store {path}"
    if not key_file(path).exists() and not rotating_file(path).exists():
        return _headerless(path)
    secret = crypto.secret_for(label)
    return _unlock(path, secret, label)


def _unlock(path: Path, secret: crypto.Secret, label: str) -> bytes:
    main, pending = key_file(path), rotating_file(path)
    for file in (main, pending):
        if not file.exists():
            continue
        try:
            key = crypto.unlock(read_header(file), secret, label)
        except crypto.Locked:
            continue
        if opens_with(path, key):
            if file == pending:  # the store was re-keyed: its new header takes over
                os.replace(pending, main)
            else:
                pending.unlink(missing_ok=True)  # a rotation that never re-keyed the store
            return key
    raise crypto.wrong_key(label, secret)


def _headerless(path: Path) -> bytes:
    """A file that is not plain SQLite, with no key header: an encrypted store whose header
    was lost opens with its recovery key; anything else is not a Toll store."""
    secret = crypto.secret_for(str(path), ask=False)
    recovered = crypto.parse_recovery_key(secret.text or "") if secret else None
    if recovered is None:
        raise TollError(
            f"cannot open database {path}: not a Toll store (not a SQLite file, and no key header "
            f"{key_file(path).name} beside it; an encrypted store whose header was lost opens "
            f"with its recovery key in ${crypto.PASSPHRASE_ENV}); check --db"
        )
    if opens_with(path, recovered):
        return recovered
    raise crypto.wrong_key(str(path), secret)


def create(path: Path, passphrase: str, recipients=()) -> str:
    """Make `path` a new encrypted store (its key header written); return its recovery key."""
    if key_file(path).exists():
        raise TollError(f"{path} is already encrypted (its key header {key_file(path)} exists)")
    if path.exists() and path.stat().st_size > 0:
        raise TollError(
            f"{path} already exists and is not encrypted: `toll init --encrypt` makes a new "
            f"store; to encrypt this one, `toll backup` it, then `toll restore ARCHIVE --db "
            f"NEW.db --encrypt`"
        )
    key = os.urandom(32)
    write_header(key_file(path), crypto.new_header(key, passphrase, recipients))
    crypto.give_secret(passphrase)  # the store is opened next, with it
    return crypto.recovery_key(key)


def rotate(path: Path, passphrase: str, recipients=None) -> str:
    """Re-key the store with a new data key behind a new passphrase; return the recovery key.

    The new header is written first as `toll.db.key.new`; SQLCipher then re-encrypts every page
    in one transaction; the new header then replaces the old. Killed at any point, the store
    opens with the old passphrase or the new one (`data_key` finishes the change).
    """
    old = data_key(path)
    header = read_header(key_file(path)) if key_file(path).exists() else None
    keep = header.recipients if header is not None and recipients is None else recipients or []
    new = os.urandom(32)
    write_header(rotating_file(path), crypto.new_header(new, passphrase, keep))
    connection = connect(path, old, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    finally:
        connection.close()
    if not opens_with(path, new):
        rotating_file(path).unlink(missing_ok=True)
        raise TollError(
            f"cannot re-key {path}: SQLCipher did not take the new key; nothing changed"
        )
    os.replace(rotating_file(path), key_file(path))
    crypto.give_secret(passphrase)
    _note_rotation(path)
    return crypto.recovery_key(new)


def _note_rotation(path: Path) -> None:
    from toll.store.database import Store
    from toll.store.history import log_event

    store = Store.open(str(path))
    with store.session() as session:
        log_event(session, "rotate", "store", note="a new key: every page re-encrypted")
    store.close()


def move(source: Path, target: Path) -> None:
    """Give a store built under another name (a demo, a restore) its name, with its header."""
    os.replace(source, target)  # first: killed before the header follows, the recovery key opens it
    if key_file(source).exists():
        os.replace(key_file(source), key_file(target))
    else:
        key_file(target).unlink(missing_ok=True)  # a plain store took an encrypted one's name
