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
    used, how = chosen_language(text, language)
    err_console.print(f"language: {used} ({how})", markup=False, soft_wrap=True)
    figures = extract_figures(text, language=used, default_speaker=speaker)
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


def chosen_language(text: str, language: str) -> tuple[str, str]:
    """The language the text is read in and how it was chosen, as `toll source add` chooses."""
    from toll.claims.language import guess_language, reading_language

    if language != "auto":
        return language, "--language"
    guessed = guess_language(text)
    used = reading_language(guessed)
    if used == guessed:
        return used, "detected from the text's script; --language to choose another"
    reads = f"the text reads as {guessed}" if guessed else "its script does not tell"
    return used, f"{reads}, for which Toll has no extraction rules; --language to choose"


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
