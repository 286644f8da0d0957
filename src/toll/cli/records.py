"""`toll import`: bring a list of persons (CSV, XLSX, ODS, JSON) into the store."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, count, err_console, print_json, print_table
from toll.cli.progress import progress_bar

PREVIEW_ROWS = 5
SHOWN_WARNINGS = 20


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="A list of persons: .csv, .tsv, .xlsx, .ods, .json.")
    ],
    source_title: Annotated[str | None, typer.Option(help="A title for the list.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who keeps the list.")] = None,
    published: Annotated[str | None, typer.Option(help="Date of the list: YYYY[-MM[-DD]].")] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(help='YAML/JSON file {columns: {"Header in file": field}} to set columns.'),
    ] = None,
    replaces: Annotated[
        int | None,
        typer.Option(help="The source id of the list this file is a revised version of."),
    ] = None,
    new_list: Annotated[
        bool,
        typer.Option("--new-list", help="A new list, though its rows mostly equal an earlier one."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show what would be imported and every problem; write nothing."
        ),
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Import a list: the file is kept as a source, every row becomes a record.

    Columns are recognised from headers in English, Russian and Azerbaijani, or set by --mapping.
    The import is all or nothing, and importing the same file again changes nothing. A value
    Toll cannot read is kept as text, with a warning naming its row and column.
    """
    if dry_run:
        _dry_run(file, mapping, db, json)
        return
    from toll.figures.breakdown import keep_register_tallies
    from toll.records.store import import_list
    from toll.sources import SourceMetadata

    metadata = SourceMetadata(title=source_title, publisher=publisher, published=published)
    store = open_store(db)
    with store.session() as session, progress_bar(f"Importing {file.name}", json) as bar:
        result = import_list(
            session,
            file,
            metadata,
            mapping=mapping,
            progress=lambda done, total: bar(done, total, "rows"),
            replaces=replaces,
            new_list=new_list,
        )
        summary = {
            "source_id": result.source.id,
            "file": result.source.file_name,
            "created": result.created,
            "records": result.records,
            "columns": result.columns,
            "warnings": result.warnings,
            "replaced": result.replaced,
        }
    if result.created:
        keep_register_tallies(store)
    if json:
        print_json(summary)
    elif not result.created:
        stored = result.source.file_name
        same = "" if stored == file.name else f" (the same bytes as {stored})"
        console.print(
            f"{file.name}{same} was already imported as source {summary['source_id']} "
            f"({count(result.records, 'record')}); nothing changed.",
            markup=False,
        )
    else:
        columns = ", ".join(f"{k}→{v}" for k, v in result.columns.items() if v)
        console.print(
            f"{file.name}: {count(result.records, 'row')} → {count(result.records, 'record')} "
            f"(source {summary['source_id']}; columns: {columns})",
            markup=False,
        )
        if result.replaced:
            done = result.replaced
            console.print(
                f"Replaces source {done['source']}: its {count(done['records'], 'record')} "
                f"retracted; {done['matched']} equal rows keep their persons, "
                f"{count(done['decisions'], 'decision')} carried over.",
                markup=False,
            )
        _print_warnings(result.warnings)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings[:SHOWN_WARNINGS]:
        err_console.print(f"warning: {warning}", markup=False)
    if len(warnings) > SHOWN_WARNINGS:
        more = len(warnings) - SHOWN_WARNINGS
        err_console.print(f"… and {more} more warnings (--dry-run or --json lists all)")


def _dry_run(file: Path, mapping: Path | None, db: str | None, json: bool) -> None:
    from toll.records import dry_run_summary, read_list

    imported = read_list(file, mapping=mapping)
    already = _imported_before(file, db)
    preview = [_preview(draft) for draft in imported.records[:PREVIEW_ROWS]]
    if json:
        print_json(
            {
                "file": imported.file_name,
                "format": imported.format,
                "encoding": imported.encoding,
                "delimiter": imported.delimiter,
                "sheet": imported.sheet,
                "columns": imported.columns,
                "records": len(imported.records),
                "already_imported_as_source": already,
                "preview": preview,
                "warnings": [str(w) for w in imported.warnings],
            }
        )
        return
    if already is not None:
        console.print(
            f"{file.name} was already imported as source {already}; "
            "importing it again would change nothing.",
            markup=False,
        )
    console.print(dry_run_summary(imported), markup=False)
    if preview:
        _print_preview(imported.records[:PREVIEW_ROWS])


def _print_preview(drafts) -> None:
    from toll.records.display import born_text, record_name

    print_table(
        [
            (
                d.row_number,
                record_name(d),
                d.sex,
                born_text(d),
                d.age,
                d.event_date,
                d.place,
                d.status,
            )
            for d in drafts
        ],
        ["row", "name", "sex", "born", "age", "date", "place", "status"],
        title=(
            "The record as it would be stored"
            if len(drafts) == 1
            else f"The first {len(drafts)} records as they would be stored"
        ),
    )


def _preview(draft) -> dict:
    """A draft record as `toll export records` would show it."""
    from toll.model.record import PERSON_FIELDS

    return {"row": draft.row_number} | {field: getattr(draft, field) for field in PERSON_FIELDS}


def _imported_before(file: Path, db: str | None) -> int | None:
    """The source id this very file (same bytes) was imported as, if the store exists and has it."""
    from sqlalchemy.engine import make_url

    from toll.sources.store import find_by_hash, sha256_of
    from toll.store import database_url

    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return None  # no store yet: a dry run must not create one
    with open_store(db).session() as session:
        source = find_by_hash(session, sha256_of(file.read_bytes()))
        return None if source is None else source.id
