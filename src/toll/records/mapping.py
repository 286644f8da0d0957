"""Mapping files: the user's word on what the columns of a file mean.

    columns:
      "Фамилия И.О.": full_name
      "Col 7": ignore
    encoding: cp1251      # optional: skip encoding detection
    delimiter: ";"        # optional: skip delimiter detection
    sheet: "Список"       # optional: which sheet of a workbook to read
    header_row: 3         # optional: the header is on this line/row of the file (1-based)

A list without a header row maps its columns by position (1 is the first column):

    header: false
    columns: {1: surname, 2: given_name, 4: status}

YAML or JSON. Field names are those of FIELDS (plus civilian_flag/combatant_flag for yes/no
columns); a usual header word ("surname", "Фамилия") is accepted for a field too.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toll.errors import TollError
from toll.records.columns import FIELDS, FLAG_FIELDS, header_key, recognise

_IGNORE = {"", "ignore", "none", "skip", "-"}
_OPTIONS = {"columns", "encoding", "delimiter", "sheet", "header_row", "header"}
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


@dataclass
class Mapping:
    """A mapping file, read and checked."""

    name: str
    columns: dict[str, str | None] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    header: bool = True  # False: no header row; columns are named "column 1", "column 2"...


def load_mapping(mapping: dict[str, Any] | Path | str | None) -> Mapping | None:
    """Read a mapping from a dict or a YAML/JSON file; None when there is none."""
    if mapping is None:
        return None
    if isinstance(mapping, dict):
        return _parse(mapping, "the mapping")
    path = Path(mapping)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except OSError as error:
        raise TollError(f"{path.name}: cannot read the mapping file ({error.strerror})") from None
    except (ValueError, yaml.YAMLError) as error:
        reason = str(error).splitlines()[0]
        raise TollError(f"{path.name}: not a valid YAML/JSON mapping file ({reason})") from None
    return _parse(data, path.name)


def _parse(data: Any, name: str) -> Mapping:
    if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
        raise TollError(
            f'{name}: a mapping must look like {{columns: {{"Header as in file": field}}}}'
        )
    unknown = set(data) - _OPTIONS
    if unknown:
        raise TollError(
            f"{name}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"a mapping may have {', '.join(sorted(_OPTIONS))}"
        )
    header = data.get("header", True)
    if not isinstance(header, bool):
        raise TollError(f"{name}: header must be true or false, not {header!r}")
    columns = {
        _column_named(h, header, name): _field_named(v, str(h), name)
        for h, v in data.get("columns", {}).items()
    }
    header_row = data.get("header_row")
    if not header and header_row is not None:
        raise TollError(f"{name}: header: false and header_row contradict each other; keep one")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise TollError(f"{name}: header_row must be a line number from 1, not {header_row!r}")
    delimiter = _DELIMITER_NAMES.get(str(data.get("delimiter")).lower(), data.get("delimiter"))
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise TollError(f"{name}: delimiter must be one character, not {delimiter!r}")
    return Mapping(
        name=name,
        columns=columns,
        encoding=_optional_text(data, "encoding"),
        delimiter=delimiter,
        sheet=_optional_text(data, "sheet"),
        header_row=header_row,
        header=header,
    )


def _column_named(key: Any, header: bool, name: str) -> str:
    """A column as the mapping names it: its header, or (header: false) its position."""
    if header:
        return str(key)
    position = str(key).strip().removeprefix("column ").strip()
    if not position.isdigit() or int(position) < 1:
        raise TollError(
            f"{name}: with header: false, columns are named by position (1 is the first), "
            f"not {key!r}; write e.g. columns: {{1: surname, 2: given_name}}"
        )
    return f"column {int(position)}"


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


def _field_named(value: Any, header: str, name: str) -> str | None:
    if value is None or str(value).strip().lower() in _IGNORE:
        return None
    text = str(value).strip()
    if text in FIELDS or text in FLAG_FIELDS:
        return text
    guessed = recognise(text)
    if guessed in FIELDS or guessed in FLAG_FIELDS:
        return guessed
    raise TollError(
        f'{name}: column "{header}" is mapped to "{text}", which is not a field; '
        f"use one of {', '.join(FIELDS + tuple(FLAG_FIELDS))} or ignore"
    )


def match_headers(mapping: Mapping, headers: list[str], file: str) -> dict[str, str | None]:
    """The mapping's columns keyed by the file's own headers; a missing header is an error."""
    by_key = {header_key(h): h for h in headers}
    resolved: dict[str, str | None] = {}
    for wanted, target in mapping.columns.items():
        header = wanted if wanted in headers else by_key.get(header_key(wanted))
        if header is None:
            shown = ", ".join(f'"{h}"' for h in headers)
            raise TollError(
                f'{mapping.name}: names column "{wanted}", which is not in {file} '
                f"(its columns: {shown}); fix the mapping"
            )
        resolved[header] = target
    return resolved
