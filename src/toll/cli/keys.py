"""`toll key rotate`, and the passphrase options and prompts of an encrypted store.

The store's passphrase comes from `--passphrase-file`, `$TOLL_PASSPHRASE`,
`$TOLL_PASSPHRASE_FILE` (or `$TOLL_IDENTITY`, an age identity), else a person is asked for it.
"""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json

key_app = typer.Typer(help="The key of an encrypted store: rotate it.")
app.add_typer(key_app, name="key")

NEW_PASSPHRASE_ENV = "TOLL_NEW_PASSPHRASE"

PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help="A file whose first line is the store's passphrase "
        "(default: $TOLL_PASSPHRASE, else asked for).",
    ),
]
RecipientOption = Annotated[
    list[str] | None,
    typer.Option(
        "--recipient",
        help="Also let this age (age1…) or SSH public key open the store; repeat for several.",
    ),
]


def ask_when_needed() -> None:
    """Let the store ask a person at a terminal for the passphrase it needs (hidden)."""
    from toll.store import crypto

    if sys.stdin.isatty():
        crypto.set_asker(lambda label: typer.prompt(label, hide_input=True))


def give_passphrase(file: Path | None) -> None:
    """Use the passphrase in `file` (if given) to open encrypted stores."""
    from toll.store import crypto

    if file is not None:
        crypto.give_secret(crypto.read_passphrase(file))


def new_passphrase(file: Path | None, env: str = "TOLL_PASSPHRASE") -> str:
    """The passphrase for a new key: from `file`, `$env`, else asked twice at a terminal."""
    from toll.errors import TollError
    from toll.store import crypto

    if file is not None:
        return crypto.read_passphrase(file)
    if os.environ.get(env):
        return os.environ[env]
    if env == crypto.PASSPHRASE_ENV and os.environ.get(crypto.PASSPHRASE_FILE_ENV):
        return crypto.read_passphrase(Path(os.environ[crypto.PASSPHRASE_FILE_ENV]))
    if sys.stdin.isatty():
        return typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
    raise TollError(
        f"a new key needs a passphrase: give it with --passphrase-file FILE or in ${env}"
    )


def show_recovery_key(data: dict, json: bool, done: str) -> None:
    """Say what was done and print the recovery key, once."""
    if json:
        print_json(data)
        return
    console.print(done, markup=False)
    console.print(
        "Recovery key (shown this once: write it down and keep it apart from the passphrase;\n"
        "it opens the store if the passphrase is forgotten or the key header is lost):\n"
        f"  {data['recovery_key']}",
        markup=False,
        soft_wrap=True,
    )


@key_app.command("rotate")
def rotate(
    db: DbOption = None,
    passphrase_file: PassphraseFileOption = None,
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option(
            "--new-passphrase-file",
            help=f"A file whose first line is the new passphrase (default: ${NEW_PASSPHRASE_ENV}, "
            "else asked for twice).",
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Re-key an encrypted store: a new key behind a new passphrase, and a new recovery key.

    The old passphrase and the old recovery key no longer open the store.
    """
    from toll.errors import TollError
    from toll.store import database_url, encrypted_sqlite
    from toll.store.database import sqlite_file
    from toll.store.fields import rotate_fields

    give_passphrase(passphrase_file)
    path = sqlite_file(database_url(db))
    if path is not None:
        if not encrypted_sqlite.is_encrypted(path):
            raise TollError(f"{path} is not encrypted: `toll init --encrypt` makes a new store")
        encrypted_sqlite.data_key(path)  # the current passphrase is right, before a new is asked
        recovery = encrypted_sqlite.rotate(
            path, new_passphrase(new_passphrase_file, NEW_PASSPHRASE_ENV)
        )
        shown = str(path)
    else:
        store = open_store(db, create=False)
        passphrase = new_passphrase(new_passphrase_file, NEW_PASSPHRASE_ENV)
        with store.session() as session:
            recovery = rotate_fields(session, passphrase)
        shown = store.url
        store.close()
    data = {"db": shown, "rotated": True, "recovery_key": recovery}
    show_recovery_key(
        data, json, f"{shown}: re-keyed; the old passphrase and recovery key no longer open it."
    )
