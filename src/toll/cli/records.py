"""`toll import`: bring a list of persons (CSV, XLSX, ODS, JSON) into the store."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, err_console, print_json
from toll.cli.progress import progress_bar


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
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be imported and every problem.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Import a list: the file is kept as a source, every row becomes a record.

    Columns are recognised from headers in English, Russian and Azerbaijani, or set by --mapping.
    The import is all or nothing, and importing the same file again changes nothing.
    """
    if dry_run:
        _dry_run(file, mapping, json)
        return
    from toll.records.saving import import_list
    from toll.sources import SourceMetadata

    metadata = SourceMetadata(title=source_title, publisher=publisher, published=published)
    with open_store(db).session() as session, progress_bar(f"Importing {file.name}", json) as bar:
        result = import_list(
            session,
            file,
            metadata,
            mapping=mapping,
            progress=lambda done, total: bar(done, total, "rows"),
        )
        summary = {
            "source_id": result.source.id,
            "file": result.source.file_name,
            "created": result.created,
            "records": result.records,
            "columns": result.columns,
            "warnings": result.warnings,
        }
    if json:
        print_json(summary)
    elif not result.created:
        console.print(
            f"{file.name} was already imported as source {summary['source_id']} "
            f"({result.records:,} records); nothing changed."
        )
    else:
        columns = ", ".join(f"{k}→{v}" for k, v in result.columns.items() if v)
        console.print(
            f"{file.name}: {result.records:,} rows → {result.records:,} records "
            f"(source {summary['source_id']}; columns: {columns})",
            markup=False,
        )
        for warning in result.warnings[:20]:
            err_console.print(f"warning: {warning}", markup=False)
        if len(result.warnings) > 20:
            err_console.print(f"… and {len(result.warnings) - 20} more warnings (--json lists all)")


def _dry_run(file: Path, mapping: Path | None, json: bool) -> None:
    from toll.records import dry_run_summary, read_list

    imported = read_list(file, mapping=mapping)
    if json:
        print_json(
            {
                "file": imported.file_name,
                "format": imported.format,
                "encoding": imported.encoding,
                "delimiter": imported.delimiter,
                "columns": imported.columns,
                "records": len(imported.records),
                "warnings": [str(w) for w in imported.warnings],
            }
        )
    else:
        console.print(dry_run_summary(imported), markup=False)
