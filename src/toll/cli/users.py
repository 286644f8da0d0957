"""`toll user add|list`: who may work in this store, and who may see personal data."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

user_app = typer.Typer(help="Users and roles: viewer, reviewer, editor, admin.")
app.add_typer(user_app, name="user")


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user's name (what they set as TOLL_USER).")],
    role: Annotated[str, typer.Option(help="viewer, reviewer, editor or admin.")] = "viewer",
    restricted: Annotated[
        bool, typer.Option("--restricted", help="May see personal data (names, contacts).")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add a user or change their role. The first user of a store should be an admin."""
    from toll.store.access import add_user

    with open_store(db).session() as session:
        user = add_user(session, name, role, restricted)
        data = {"name": user.name, "role": user.role, "restricted": user.can_see_restricted}
    if json:
        print_json(data)
    else:
        console.print(
            f"{data['name']}: {data['role']}"
            f"{', may see personal data' if data['restricted'] else ''}."
        )


@user_app.command("list")
def list_(db: DbOption = None, json: JsonOption = False) -> None:
    """List users, their roles and who may see personal data."""
    from toll.store.access import list_users

    with open_store(db, create=False).session() as session:
        rows = [
            {"name": u.name, "role": u.role, "restricted": u.can_see_restricted}
            for u in list_users(session)
        ]
    if json:
        print_json(rows)
    else:
        print_table(
            [(r["name"], r["role"], "yes" if r["restricted"] else "") for r in rows],
            ["user", "role", "personal data"],
        )
