"""Reading a file of remains (postmortem records) with the list importer's readers and rules.

The file is read by `toll.records.importer.read_table` (formats, encodings, delimiters,
sheets, as for lists); dates, sex and ages are read by the same parsers as lists, and a value
not understood is kept as text with a warning naming file, row and column. Problems that make
the file unusable (no recognised column, no lab reference, the same reference twice) raise
TollError: the file is refused as a whole and nothing is stored.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from toll.errors import TollError
from toll.records.columns import header_key
from toll.records.dates import parse_date
from toll.records.drafts import ImportProblem
from toll.records.importer import read_table
from toll.records.readers import is_filled
from toll.records.values import parse_age, parse_sex

_STATURE = re.compile(r"^\s*(\d{2,3})(?:\s*(?:-|–|—|to|до)\s*(\d{2,3}))?\s*(?:cm|см)?\s*$")


@dataclass
class RemainsDraft:
    """One remains as read, not yet stored; text kept as written beside what was read."""

    row_number: int | None = None
    lab_reference: str | None = None
    found_on: str | None = None
    found_earliest: date | None = None
    found_latest: date | None = None
    found_place: str | None = None
    sex: str | None = None
    sex_raw: str | None = None
    age_low: int | None = None
    age_high: int | None = None
    stature_low: int | None = None
    stature_high: int | None = None
    marks: str | None = None
    effects: str | None = None
    notes: str | None = None
    original: dict[str, str] | None = None
    warnings: list[str] = field(default_factory=list)


@cache
def _synonyms() -> dict[str, str]:
    path = resources.files("toll.remains").joinpath("data").joinpath("columns.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {header_key(str(s)): name for name, synonyms in data["fields"].items() for s in synonyms}


def read_remains(path: Path) -> list[RemainsDraft]:
    """The remains in a CSV, XLSX, ODS or JSON file, one per row; TollError if unusable."""
    from toll.sources.text import read_bytes

    path = Path(path)
    file = path.name
    table = read_table(path, read_bytes(path, empty="there are no remains to import"), None)
    rows = [row for row in table.rows if is_filled(row)]
    if len(rows) < 2:
        raise TollError(f"{file}: only a header row and no rows of remains")
    headers = [cell.strip() for cell in rows[0]]
    columns = {i: _synonyms().get(header_key(h)) for i, h in enumerate(headers)}
    if "lab_reference" not in columns.values():
        raise TollError(
            f"{file}: no column of lab references among the headers "
            f"{', '.join(repr(h) for h in headers)}; each remains needs its reference "
            "(a column headed Lab reference, Номер, Qalıq nömrəsi)"
        )
    drafts = [_draft(file, number, headers, columns, row) for number, row in enumerate(rows[1:], 1)]
    _refuse_duplicates(file, drafts)
    return drafts


def _draft(file: str, number: int, headers, columns, row) -> RemainsDraft:
    draft = RemainsDraft(row_number=number, original=dict(zip(headers, row, strict=False)))
    for i, name in columns.items():
        text = row[i].strip() if i < len(row) else ""
        if name and text:
            read_value(
                draft,
                name,
                text,
                lambda reason, i=i, text=text: draft.warnings.append(
                    str(ImportProblem(file, number, headers[i], text, reason))
                ),
            )
    if not draft.lab_reference:
        raise TollError(
            f'{file}, row {number}, column "{headers[_index_of(columns, "lab_reference")]}": '
            "no lab reference; every remains needs one (fix the row and import the file again)"
        )
    return draft


def _index_of(columns: dict, name: str) -> int:
    return next(i for i, field_name in columns.items() if field_name == name)


def read_value(draft: RemainsDraft, name: str, text: str, warn) -> None:
    """Set field `name` of `draft` from `text`; `warn(reason)` when it cannot be read."""
    if name == "found_on":
        value = parse_date(text)
        draft.found_on, draft.found_earliest, draft.found_latest = (
            text,
            value.earliest,
            value.latest,
        )
        if value.problem:
            warn(f"not read as a date ({value.problem}); kept as text")
    elif name == "sex":
        draft.sex_raw = text
        draft.sex, problem = parse_sex(text)
        if problem:
            warn(f"not read as sex ({problem}); kept as text")
    elif name == "age":
        age = parse_age(text)
        draft.age_low, draft.age_high = age.low, age.high
        if age.problem:
            warn(f"not read as an age ({age.problem}); kept as text")
    elif name == "stature":
        draft.stature_low, draft.stature_high = parse_stature(text, warn)
    else:
        setattr(draft, name, text)


def parse_stature(text: str, warn) -> tuple[int | None, int | None]:
    """ "165", "160-170 cm" -> (low, high) in cm; else (None, None) and a warning."""
    match = _STATURE.match(text)
    low = int(match.group(1)) if match else None
    high = int(match.group(2) or match.group(1)) if match else None
    if low is None or not 50 <= low <= high <= 250:
        warn("not read as a stature in cm (write 165 or 160-170); kept as text")
        return None, None
    return low, high


def _refuse_duplicates(file: str, drafts: list[RemainsDraft]) -> None:
    seen: dict[str, int] = {}
    for draft in drafts:
        if draft.lab_reference in seen:
            raise TollError(
                f"{file}, rows {seen[draft.lab_reference]} and {draft.row_number}: the same lab "
                f'reference "{draft.lab_reference}" twice; each remains needs its own'
            )
        seen[draft.lab_reference] = draft.row_number
