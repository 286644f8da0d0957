"""`toll serve`: the web workspace and HTTP API on a store; `toll demo --serve` uses this too."""

import os
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json

PortOption = Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")]
HostOption = Annotated[
    str,
    typer.Option(help="The address to listen on; 127.0.0.1 keeps it on this machine only."),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        min=1,
        max=64,
        help="Processes serving requests, for many users at once: about one per free core "
        "(each draws the dashboard's figures for itself after a change).",
    ),
]


@app.command()
def serve(
    db: DbOption = None,
    port: PortOption = 8000,
    host: HostOption = "127.0.0.1",
    workers: WorkersOption = 1,
    json: JsonOption = False,
) -> None:
    """Open the web workspace (pages, and the JSON API at /api with its docs at /docs).

    Everyone signs in; a store needs a user with a password first:
    `toll user add NAME --role admin --restricted`, then `toll user password NAME`.
    """
    store = open_store(db, create=False)
    _refuse_without_users(store)
    run(store, host, port, json=json, workers=workers)


def _refuse_without_users(store) -> None:
    from sqlalchemy import func, select

    from toll.errors import TollError
    from toll.model import Credential

    with store.session() as session:
        passwords = session.scalar(
            select(func.count()).select_from(Credential).where(Credential.kind == "password")
        )
    if not passwords:
        raise TollError(
            "no user of this store has a password, so nobody could sign in: add an admin with "
            "`toll user add NAME --role admin --restricted` and `toll user password NAME`"
        )


def run(
    store,
    host: str,
    port: int,
    *,
    message: str | None = None,
    json: bool = False,
    workers: int = 1,
) -> None:
    """Serve until stopped; first say where (with --json, as one JSON line). With several
    `workers`, each process opens the store itself (its URL passed in $TOLL_DATABASE_URL)."""
    import uvicorn

    from toll.store.database import DATABASE_ENV
    from toll.web import served_app

    where = f"http://{host}:{port}"
    if json:
        print_json({"url": where, "public": f"{where}/public", "api": f"{where}/docs"})
    else:
        console.print(message or f"Toll workspace on {where} (public view: {where}/public).")
        console.print("Stop it with Ctrl+C.", style="dim")
    if workers == 1:
        uvicorn.run(served_app(store=store), host=host, port=port, log_level="warning")
        return
    os.environ[DATABASE_ENV] = store.engine.url.render_as_string(hide_password=False)
    store.close()
    uvicorn.run(
        "toll.web:served_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


DEMO_USERS = (
    ("admin", "admin", True),
    ("editor", "editor", True),
    ("reviewer", "reviewer", True),
    ("viewer", "viewer", False),
)


def serve_demo(db, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Give the demo store one user per role, all with one new password, and serve it."""
    import secrets

    from toll.store import Store
    from toll.store.access import add_user
    from toll.store.auth import set_password

    password = secrets.token_urlsafe(9)
    store = Store.open(str(db), actor="admin")
    with store.session() as session:
        for name, role, restricted in DEMO_USERS:
            add_user(session, name, role, restricted)
            set_password(session, name, password)
    where = f"http://{host}:{port}"
    run(
        store,
        host,
        port,
        message=f"Toll workspace on {where}: sign in as admin, editor, reviewer or viewer, "
        f"password {password}\n(the viewer may not see names; {where}/public needs no sign-in)",
    )
