"""`toll init`, `toll db upgrade|info|compact`: the store itself."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.keys import PassphraseFileOption, RecipientOption, new_passphrase, show_recovery_key
from toll.cli.output import console, print_json

db_app = typer.Typer(help="The store itself: where it is and its schema version.")
app.add_typer(db_app, name="db")


@app.command()
def init(
    db: DbOption = None,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt",
            help="Encrypt the store: a SQLite file with SQLCipher, the restricted fields of a "
            "PostgreSQL store with AES-GCM. Prints a recovery key once.",
        ),
    ] = False,
    passphrase_file: PassphraseFileOption = None,
    recipient: RecipientOption = None,
    json: JsonOption = False,
) -> None:
    """Create a store (or bring an existing one to the newest schema); --encrypt encrypts it.

    The key is derived from a passphrase with argon2id (from --passphrase-file,
    $TOLL_PASSPHRASE, else asked for); every command then opens the store with that passphrase
    or the recovery key.
    """
    from toll.store.crypto import give_secret

    if not encrypt:
        store = open_store(db)
        data = {"db": store.url, "encrypted": False}
        store.close()
        if json:
            print_json(data)
        else:
            console.print(f"{data['db']} is ready.", markup=False)
        return
    passphrase = new_passphrase(passphrase_file)
    give_secret(passphrase)
    shown, recovery = _encrypt_new(db, passphrase, recipient or [])
    data = {"db": shown, "encrypted": True, "recovery_key": recovery}
    show_recovery_key(data, json, f"{shown}: created, encrypted.")


def _encrypt_new(db: str | None, passphrase: str, recipients: list[str]) -> tuple[str, str]:
    from toll.errors import TollError
    from toll.store import database_url, encrypted_sqlite
    from toll.store.database import sqlite_file
    from toll.store.fields import seal_fields

    path = sqlite_file(database_url(db))
    if path is None:
        store = open_store(db)
        with store.session() as session:
            recovery = seal_fields(session, passphrase, recipients)
        store.close()
        return store.url, recovery
    if not path.parent.is_dir():
        raise TollError(f"cannot create {path}: folder {path.parent} does not exist")
    new = not path.exists()
    recovery = encrypted_sqlite.create(path, passphrase, recipients)
    try:
        open_store(db).close()
    except BaseException:
        encrypted_sqlite.key_file(path).unlink(missing_ok=True)
        if new:
            path.unlink(missing_ok=True)
        raise
    return str(path), recovery


@db_app.command("upgrade")
def upgrade(db: DbOption = None, json: JsonOption = False) -> None:
    """Upgrade an older store to the schema this version of Toll needs."""
    from toll.store.schema import current_revision, head_revision

    store = open_store(db, upgrade=True)
    data = {
        "url": store.url,
        "schema": current_revision(store.engine),
        "newest": head_revision(store.engine),
    }
    if json:
        print_json(data)
        return
    console.print(f"{data['url']} is at schema {data['schema']} (newest: {data['newest']}).")


@db_app.command("info")
def info(db: DbOption = None, json: JsonOption = False) -> None:
    """Where the store is, its schema version and how many rows each table holds."""
    from toll.store.database import is_encrypted
    from toll.store.schema import current_revision, row_counts

    store = open_store(db, create=False)
    with store.session() as session:
        counts = row_counts(session)
    data = {
        "url": store.url,
        "schema": current_revision(store.engine),
        "encrypted": is_encrypted(store.engine),
        "tables": counts,
    }
    if json:
        print_json(data)
        return
    encrypted = ", encrypted" if data["encrypted"] else ""
    console.print(f"{data['url']} (schema {data['schema']}{encrypted})")
    for name, count in counts.items():
        console.print(f"  {name:<16} {count:>10,}")


@db_app.command("compact")
def compact(db: DbOption = None, json: JsonOption = False) -> None:
    """Give back the space of rewritten rows (VACUUM), saying the size before and after."""
    from toll.store.schema import compact_store

    store = open_store(db, create=False)
    data = {"url": store.url, **compact_store(store)}
    if json:
        print_json(data)
        return
    saved = data["before"] - data["after"]
    console.print(
        f"{data['url']}: {_size(data['before'])} → {_size(data['after'])} "
        f"({_size(saved)} given back).",
        markup=False,
    )


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if abs(size) < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return str(size)
