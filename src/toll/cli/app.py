"""The Typer application every command module registers on."""

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from toll.store import Store


app = typer.Typer(
    name="toll",
    help=(
        "Toll documents the human toll of armed conflict: figures from statements, "
        "one register of persons from many lists, and estimates of the victims no list recorded."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

# Options shared by many commands.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a SQLite file path or a database URL "
        "(default: $TOLL_DATABASE_URL, else toll.db in this folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def open_store(db: str | None) -> "Store":
    """Open the store named by --db (creating or upgrading it as needed)."""
    from toll.store import Store

    return Store.open(db)
