"""`toll export sources|claims|records|persons|estimates|cases|incidents`: open formats."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, app, open_store
from toll.cli.output import count, err_console

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
    "sources": "One row per source: metadata, file name, size and SHA-256 of the original.",
    "claims": "One row per claim: the figure, its bounds, category, speaker and the words.",
    "records": "One row per record, with source_file, row (1-based data row) and person_id. "
    "Beside the values Toll read, each row has the text it could not read (sex_raw, "
    "status_raw, warnings) and the intervals partial dates and ages allow; the file imports "
    "again with `toll import`.",
    "persons": "One row per person: label, name, how many records on which lists, and the "
    "values most of their records give; the file imports again with `toll import`.",
    "estimates": "One row per method of every stored estimate: the estimate, its interval, "
    "how it was computed.",
    "cases": "One row per missing person's case: status, when and where last seen, marks, "
    "effects and outcome (who reported it, and their contact, stay out).",
    "incidents": "One row per incident: title, place, coordinates, dates as written and as an "
    "interval, the source and row it came from.",
}
PUBLIC_NOTE = (
    "With --public there is no personal data: confidential sources and their claims are left "
    "out, records and persons become counts by place, year, sex and age group, and every "
    "count under 5 is suppressed. Exports are written to the audit trail; records and persons "
    "need the personal-data grant."
)


def _command(what: str):
    def command(
        format: Annotated[Format, typer.Option("--format", help="csv, hxl, xlsx or json.")] = (
            Format.csv
        ),
        output: OutputOption = None,
        public: PublicOption = False,
        db: DbOption = None,
        json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    ) -> None:
        from toll.exports import export

        chosen = "json" if json else format.value
        with open_store(db, create=False).session() as session:
            written = export(session, what, chosen, output, public)
        if output:
            err_console.print(f"{count(written, 'row')} of {what} written to {output}.")

    command.__doc__ = f"{WHAT[what]}\n\n{PUBLIC_NOTE}"
    return command


for _what in WHAT:
    export_app.command(_what)(_command(_what))
