"""`toll db upgrade|info|compact`: the store itself."""

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json

db_app = typer.Typer(help="The store itself: where it is and its schema version.")
app.add_typer(db_app, name="db")


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
    from toll.store.schema import current_revision, row_counts

    store = open_store(db, create=False)
    with store.session() as session:
        counts = row_counts(session)
    data = {"url": store.url, "schema": current_revision(store.engine), "tables": counts}
    if json:
        print_json(data)
        return
    console.print(f"{data['url']} (schema {data['schema']})")
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
