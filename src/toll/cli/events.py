"""`toll import-events FILE`: a UCDP GED or ACLED export, each row an incident with its figures."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, count, print_json
from toll.cli.progress import progress_bar


@app.command("import-events")
def import_events(
    file: Annotated[Path, typer.Argument(help="A UCDP GED or ACLED export (CSV).")],
    format: Annotated[
        str | None,
        typer.Option("--format", help="ucdp-ged or acled (default: told by the header)."),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Import an event dataset: each row becomes an incident (or attaches to the one already
    there) with its figures as claims that keep the file's hash, the row and the event id. A
    row that cannot be read is named and nothing is imported."""
    from toll.incidents import import_events as import_file

    with progress_bar(f"Importing {file.name}", quiet=json) as update:
        with open_store(db).session() as session:
            result = import_file(session, file, format, progress=update)
    if json:
        print_json(result.to_dict())
        return
    if not result.created:
        console.print(
            f"{file.name} was imported before (source {result.source_id}); nothing changed.",
            markup=False,
        )
        return
    console.print(
        f"{file.name} ({result.format}, sha256 {result.sha256[:12]}…): "
        f"{count(result.rows, 'row')} → {count(result.incidents_created, 'new incident')}, "
        f"{result.incidents_matched:,} attached to incidents already here; "
        f"{count(result.claims, 'claim')} (source {result.source_id}).",
        markup=False,
    )
