"""`toll backup` and `toll restore`: the whole store in one archive, and back."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.keys import new_passphrase, show_recovery_key
from toll.cli.output import console, count, err_console, print_json
from toll.cli.progress import progress_bar

PassphraseOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help="A file whose first line is the passphrase (asked for when not given).",
    ),
]


def _passphrase(path: Path | None, confirm: bool) -> str | None:
    from toll.backup.encryption import read_passphrase

    if path is not None:
        return read_passphrase(path)
    if sys.stdin.isatty():
        return typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    return None


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="The archive to write, e.g. toll-2026-12-06.zip.")],
    encrypt: Annotated[
        bool, typer.Option("--encrypt", help="Encrypt the archive with age.")
    ] = False,
    passphrase_file: PassphraseOption = None,
    recipient: Annotated[
        list[str] | None,
        typer.Option(help="Encrypt to this age (age1…) or SSH public key; repeat for several."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Write over an existing archive of that name.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Write every table, every original file and a manifest of SHA-256 hashes into one archive.

    With --encrypt the archive is encrypted with age to a passphrase or to public keys; it is
    never written to disk unencrypted. `toll restore` verifies every hash before it restores.
    """
    from toll.backup import backup_store

    recipients = recipient or []
    encrypted = encrypt or bool(recipients) or passphrase_file is not None
    passphrase = None
    if encrypted and not recipients:
        passphrase = _passphrase(passphrase_file, confirm=True)
    store = open_store(db, create=False, upgrade=False)
    with progress_bar(f"Backing up to {file.name}", json) as bar:
        summary = backup_store(
            store,
            file,
            passphrase=passphrase,
            recipients=recipients,
            encrypted=encrypted,
            replace=replace,
            progress=bar,
        )
    data = {"file": str(file), "bytes": summary.bytes, "encrypted": summary.encrypted}
    how = "encrypted " if summary.encrypted else ""
    _done(summary, data, json, f"{file}: {how}backup of ", f" ({summary.bytes:,} bytes).")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="An archive written by `toll backup`.")],
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="The new store: a SQLite file that does not exist yet, or an empty "
            "PostgreSQL database URL.",
        ),
    ],
    passphrase_file: PassphraseOption = None,
    identity: Annotated[
        Path | None,
        typer.Option(help="The age or SSH private key file the archive was encrypted to."),
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option(
            "--encrypt",
            help="Make the new store encrypted (see `toll init --encrypt`); its passphrase "
            "from $TOLL_PASSPHRASE, else asked for. Prints its recovery key once.",
        ),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Restore an archive into a new store, after verifying every file's SHA-256.

    A damaged or changed archive is refused with the file named, and nothing is written. The
    restore is all or nothing: stopped half-way, it leaves the target as it was.
    """
    from toll.backup import open_archive, restore_archive
    from toll.backup.encryption import is_encrypted

    passphrase = None
    if identity is None and _is_encrypted_file(file, is_encrypted):
        passphrase = _passphrase(passphrase_file, confirm=False)
    archive = open_archive(file, passphrase=passphrase, identity=identity)
    sealing = new_passphrase(None) if encrypt else None
    try:
        with progress_bar(f"Restoring {file.name}", json) as bar:
            summary = restore_archive(archive, db, progress=bar, encrypt=sealing)
    finally:
        archive.close()
    data = {
        "target": summary.target,
        "schema": summary.schema,
        "upgraded_to": summary.upgraded_to,
        "removed": summary.stale,
        "encrypted": encrypt,
    }
    if encrypt:
        data["recovery_key"] = summary.recovery_key
    if summary.stale and not json:
        err_console.print(
            f"Removed {count(len(summary.stale), 'temporary file')} of a restore killed "
            f"earlier: {', '.join(summary.stale)}.",
            markup=False,
        )
    upgraded = (
        f"; upgraded from schema {summary.schema} to {summary.upgraded_to}"
        if summary.upgraded_to
        else ""
    )
    _done(
        summary, data, json, f"{file.name} → {summary.target}: ", f", every hash checked{upgraded}."
    )
    if encrypt and not json:
        show_recovery_key(data, False, f"{summary.target} is encrypted.")


def _done(summary, data: dict, json: bool, before: str, after: str) -> None:
    """What a backup or restore held: `data` with its tables and originals as JSON, or told
    in words between `before` and `after`."""
    if json:
        print_json(data | {"tables": summary.tables, "originals": summary.originals})
        return
    rows = sum(summary.tables.values())
    contents = (
        f"{count(rows, 'row')} in {count(len(summary.tables), 'table')} and "
        f"{count(summary.originals, 'original file')}"
    )
    console.print(before + contents + after, markup=False)


def _is_encrypted_file(file: Path, is_encrypted) -> bool:
    try:
        with open(file, "rb") as handle:
            return is_encrypted(handle.read(64))
    except OSError:
        return False  # open_archive says why it cannot be read
