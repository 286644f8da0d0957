"""`toll user password|token|tokens|revoke-token`: how users sign in to `toll serve`."""

import sys
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, open_store
from toll.cli.output import console, print_json, print_table
from toll.cli.users import user_app

Name = Annotated[str, typer.Argument(help="The user's name.")]


@user_app.command("password")
def password(
    name: Name,
    stdin: Annotated[
        bool, typer.Option("--stdin", help="Read the password from standard input (scripts).")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Set a user's password for the web workspace (asked twice, not shown). Their open
    browser sessions end."""
    from toll.errors import TollError
    from toll.store.auth import set_password

    if stdin:
        secret = sys.stdin.readline().rstrip("\n")
    else:
        secret = typer.prompt(f"New password for {name}", hide_input=True)
        if typer.prompt("The same again", hide_input=True) != secret:
            raise TollError("the two passwords differ; nothing was changed")
    with open_store(db, create=False).session() as session:
        set_password(session, name, secret)
    if json:
        print_json({"user": name, "password": "changed"})
    else:
        console.print(f"{name} has a new password.")


@user_app.command("token")
def token(
    name: Name,
    purpose: Annotated[str, typer.Option(help="What the token is for (kept, shown in lists).")],
    days: Annotated[
        int | None, typer.Option(min=1, help="Stop working after this many days.")
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Make an API token for a user's scripts (shown once; send it as `Authorization: Bearer
    TOKEN`). It acts with the user's role and grants."""
    from toll.store.auth import create_token

    with open_store(db, create=False).session() as session:
        secret = create_token(session, name, purpose, days)
    if json:
        print_json({"user": name, "purpose": purpose, "token": secret})
    else:
        console.print(
            f"API token for {name} ({purpose}); it is shown only now:\n{secret}",
            markup=False,
            soft_wrap=True,
        )


@user_app.command("tokens")
def tokens(name: Name, db: DbOption = None, json: JsonOption = False) -> None:
    """A user's API tokens that still work (never their secrets)."""
    from toll.store.auth import list_tokens

    with open_store(db, create=False).session() as session:
        rows = [
            {"id": t.id, "purpose": t.name, "created_at": t.created_at, "expires_at": t.expires_at}
            for t in list_tokens(session, name)
        ]
    if json:
        print_json(rows)
    else:
        print_table(
            [(r["id"], r["purpose"], r["created_at"], r["expires_at"] or "never") for r in rows],
            ["id", "purpose", "created", "expires"],
        )


@user_app.command("revoke-token")
def revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id (`toll user tokens NAME`).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Withdraw an API token: scripts using it are refused from now on."""
    from toll.store.auth import revoke_token

    with open_store(db, create=False).session() as session:
        revoke_token(session, token_id)
    if json:
        print_json({"token": token_id, "revoked": True})
    else:
        console.print(f"API token {token_id} no longer works.")
