"""`toll report`: a fact sheet of the store, every figure footnoted to its sources."""

from enum import StrEnum
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.exports import OutputOption, PublicOption
from toll.cli.output import err_console, print_json


class Format(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


class Language(StrEnum):
    en = "en"
    ru = "ru"
    az = "az"


@app.command()
def report(
    incident: Annotated[
        str | None,
        typer.Option(
            help="Only this incident (a name in any script, or its id), with the incidents "
            "within it: the figures, records, cases and estimates attached to it."
        ),
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="Only this period: YYYY[-MM[-DD]] or FROM..TO.")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Only this place (any script).")] = None,
    format: Annotated[Format, typer.Option("--format", help="html, pdf or md.")] = Format.html,
    output: OutputOption = None,
    public: PublicOption = False,
    language: Annotated[
        Language,
        typer.Option(
            "--language", help="Headings and labels in English, Russian or Azerbaijani."
        ),
    ] = Language.en,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """A fact sheet: what each source claims side by side, the register's counts by status, sex,
    age and month (with charts), every estimate with its interval and method, missing
    persons' cases and family figures.

    Every number is footnoted to where it comes from: the quoted words, publisher, date and link
    or file hash; the lists and their hashes; the estimate's method. A restricted report ends
    with the persons behind the counts; --public removes personal data and suppresses counts
    under 5. With --json, the report's Markdown and chart data are printed as JSON.
    """
    from toll.reports import ReportScope, build_fact_sheet, write_report

    scope = ReportScope(incident, period, place)
    with open_store(db, create=False).session() as session:
        sheet = build_fact_sheet(session, scope, public, language.value)
    if json:
        print_json(
            {
                "title": sheet.title,
                "markdown": sheet.markdown,
                "charts": {k: c.__dict__ for k, c in sheet.charts.items()},
            }
        )
        return
    text = write_report(sheet, format.value, output)
    if text is not None:
        print(text, end="")
    else:
        err_console.print(f"Report written to {output}.")
