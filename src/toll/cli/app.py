"""The Typer application every command module registers on."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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


def open_store(db: str | None, *, create: bool = True, upgrade: bool = True) -> "Store":
    """Open the store named by --db (creating or upgrading it as needed).

    Commands that only read pass `create=False`: a mistyped --db is then an error, not a new
    empty store that shows nothing. A store that cannot be opened (no server, not a database,
    an unknown kind of URL) is one line naming it, never a traceback.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError, NoSuchModuleError

    from toll.errors import TollError
    from toll.store import Store, database_url

    url = make_url(database_url(db))
    shown = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        shown = str(path)
        if path.is_dir():
            raise TollError(f"cannot open database {path}: it is a folder; give a file with --db")
        if not create and not path.exists():
            raise TollError(
                f"no store at {path}: the file does not exist; check --db, or import a list "
                f"first with `toll import FILE --db {path}`"
            )
    try:
        return Store.open(db, upgrade=upgrade)
    except NoSuchModuleError:
        raise TollError(
            f"cannot open database {shown}: Toll does not know the kind of database "
            f"{url.drivername!r}; give a SQLite file path or a postgresql+psycopg:// URL"
        ) from None
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        if url.get_backend_name() == "sqlite":
            advice = "check --db"
            reason = f"not a Toll store ({reason})"
        else:
            advice = "check --db and that the database server is running"
        raise TollError(f"cannot open database {shown}: {reason}; {advice}") from None


def checked(rule: Callable[[Any], object]) -> Callable[[Any], Any]:
    """A Typer callback applying a stage's rule to an option's value as it is parsed.

    A value the rule refuses (a TollError) is a usage error naming the option, with exit code
    2, like any other mistyped option; the rule itself stays in its stage.
    """
    from toll.errors import TollError

    def callback(value: Any) -> Any:
        if value is not None:
            try:
                rule(value)
            except TollError as error:
                raise typer.BadParameter(str(error)) from None
        return value

    return callback
