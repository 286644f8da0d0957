"""`toll export sources|claims|records|persons|estimates|cases|incidents|families|remains`:
open formats; `toll import-export FILE` reads any of them back."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, count, err_console, print_json

export_app = typer.Typer(
    help="Export data from the store as CSV, HXL-tagged CSV, XLSX or JSON.", no_args_is_help=True
)
app.add_typer(export_app, name="export")


# Options that exports and reports share.
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
]
PublicOption = Annotated[
    bool, typer.Option("--public", help="No personal data; counts under 5 suppressed.")
]


class Format(StrEnum):
    csv = "csv"
    hxl = "hxl"
    xlsx = "xlsx"
    json = "json"


WHAT = {
    "sources": "One row per source: metadata, file name, size and SHA-256 of the original. "
    "With --output FILE (and without --public), the originals are written beside it, in "
    "FILE.originals/, each named by its SHA-256, so that the export imports into any store.",
    "claims": "One row per claim: the figure, its bounds, category, speaker, the words and "
    "where they stand in the source (characters, and the SHA-256 of the source's original).",
    "records": "One row per record, with source_file, row (1-based data row) and person_id. "
    "Beside the values Toll read, each row has the text it could not read (sex_raw, "
    "status_raw, warnings) and the intervals partial dates and ages allow; the file imports "
    "again with `toll import`.",
    "persons": "One row per person: label, name, how many records on which lists, and the "
    "values most of their records give; the file imports again with `toll import`.",
    "estimates": "One row per method of every stored estimate: the estimate, its interval, "
    "how it was computed, the capture table and the settings.",
    "cases": "One row per missing person's case: status, when and where last seen, marks, "
    "effects, outcome and incident (who reported it, and their contact, stay out).",
    "incidents": "One row per incident: title, place, coordinates, dates as written and as an "
    "interval, the source and row it came from.",
    "families": "One row per member of every family: family id, person, role in the household, "
    "recorded parents, the lists' households and the relations entered by hand (with --public: "
    "the family figures as counts).",
    "remains": "One row per remains the store holds: label, lab reference, where and when found, "
    "what the laboratory found, the list they came from (by SHA-256) and every identification, "
    "retracted ones with who retracted them and why (with --public: the remains recovered, "
    "identified and not identified, as counts).",
}
PUBLIC_NOTE = (
    "With --public there is no personal data: confidential sources and their claims are left "
    "out, records and persons become counts by place, year, sex and age group, and every "
    "count under 5 is suppressed; such an export says so in its last column (public) and is "
    "not imported again. Exports are written to the audit trail; records and persons need "
    "the personal-data grant."
)


def format_of(output: Path | None) -> str:
    """The format an output file's name asks for: data.json → json, x.hxl.csv → hxl; else csv."""
    name = output.name.lower() if output else ""
    if name.endswith(".hxl.csv"):
        return "hxl"
    suffix = name.rpartition(".")[2]
    return suffix if suffix in ("json", "xlsx") else "csv"


def _command(what: str):
    def command(
        format: Annotated[
            Format | None,
            typer.Option(
                "--format",
                help="csv, hxl, xlsx or json (default: from the --output file's name, else csv).",
            ),
        ] = None,
        output: OutputOption = None,
        public: PublicOption = False,
        db: DbOption = None,
        json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    ) -> None:
        from toll.exports import export

        chosen = "json" if json else format.value if format else format_of(output)
        with open_store(db, create=False).session() as session:
            written = export(session, what, chosen, output, public)
        if output:
            err_console.print(f"{count(written, 'row')} of {what} written to {output}.")
        elif what == "sources" and not public:
            err_console.print(
                "The originals were not written (they are written beside an --output file); "
                "this export imports only into a store that holds them."
            )

    command.__doc__ = f"{WHAT[what]}\n\n{PUBLIC_NOTE}"
    return command


for _what in WHAT:
    export_app.command(_what)(_command(_what))


@app.command("import-export")
def import_export(
    file: Annotated[Path, typer.Argument(help="A file written by `toll export` (any format).")],
    originals: Annotated[
        Path | None,
        typer.Option(
            "--originals",
            help="For a sources export: the folder of the original files, found by their "
            "SHA-256 (default: FILE.originals beside it).",
        ),
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Import a file written by `toll export` back into a store, whatever its kind and format
    (CSV, HXL-tagged CSV, XLSX, JSON): the kind is told by its columns.

    Records and persons exports import as lists (the file kept as a source); incidents
    exports add their incidents within their parents; families exports add the relations
    entered by hand, between the persons of the same labels. Sources come back from their
    original files (--originals), claims on their sources' words (import the sources first),
    cases on the persons of the same labels, estimates with their intervals. What the store
    already holds is left as it is, so a second import changes nothing. A public export, or
    one made without the personal-data grant, is refused: it cannot restore what it left out.
    A bad row stops the import with the file, row, field and reason; nothing is written.
    """
    from dataclasses import asdict

    from toll.exports.reimport import import_export as read_back

    with open_store(db).session() as session:
        result = read_back(session, file, originals)
    if json:
        print_json(asdict(result))
        return
    console.print(
        f"{result.file}: {result.kind} export, {count(result.rows, 'row')}; "
        f"{result.added} added, {result.unchanged} already in the store"
        + (f" (source {result.source_id})." if result.source_id else ".")
    )
    for note in result.notes:
        err_console.print(note)
