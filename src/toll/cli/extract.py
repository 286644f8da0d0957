"""`toll extract`: the harm figures in a document, as a table or as JSON."""

import sys
from pathlib import Path

import typer

from toll.claims import Figure, check_figures, extract_figures
from toll.cli.app import app
from toll.cli.output import err_console, print_json, print_table
from toll.errors import TollError

COLUMNS = ("#", "figure", "value", "category", "subgroup", "part of", "speaker")
SIGNS = {"more_than": ">", "at_least": "≥", "at_most": "≤", "less_than": "<", "approx": "~"}


@app.command()
def extract(
    file: str = typer.Argument(..., help="A document (.txt, .html, .pdf, .docx) or - for stdin."),
    json: bool = typer.Option(False, "--json", help="Print a JSON array, one object per figure."),
    language: str = typer.Option(
        "auto", "--language", help="Language of the text: en, ru, or auto (from its script)."
    ),
    speaker: str = typer.Option(
        None, "--speaker", help="Whom to attribute figures to when the text does not say."
    ),
) -> None:
    """Extract the harm figures stated in a document: value, bounds, category, parts, speaker."""
    text = read_document(file)
    figures = extract_figures(text, language=language, default_speaker=speaker)
    if json:
        print_json([f.to_dict() for f in figures])
        return
    rows = [
        (i, f.text, shown_value(f), f.category, f.subgroup, f.part_of, f.speaker)
        for i, f in enumerate(figures)
    ]
    print_table(rows, COLUMNS, title=f"{len(figures)} figures in {file}")
    for check in check_figures(figures):
        err_console.print(f"check: {check}")


def shown_value(figure: Figure) -> str:
    """A figure's value and qualifier in a few characters: "613", "≥958", "200–300"."""
    if figure.qualifier == "range":
        return f"{figure.low}–{figure.high}"
    if figure.qualifier == "vague":
        return f"≥{figure.low} (vague)" if figure.low else "vague"
    return f"{SIGNS.get(figure.qualifier, '')}{figure.value}"


def read_document(file: str) -> str:
    """The text of `file` (or stdin for "-"); offsets of figures refer to this text."""
    if file == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TollError(
                f"stdin: bytes that are not valid UTF-8 at byte {error.start}; send UTF-8 text"
            ) from None
    from toll.sources.text import extract_text

    return extract_text(Path(file))
