"""Where a table's header is and where its data starts.

Lists are made for people: a title above the table, a header over two rows, a row of column
numbers, the header again on each printed page. This module finds the header row and the rows of
data; everything it skips is reported.
"""

import re
from dataclasses import dataclass, field

from toll.errors import TollError
from toll.model.record import NAME_FIELDS
from toll.records.columns import plan_columns
from toll.records.drafts import ImportProblem
from toll.records.mapping import Mapping
from toll.records.readers import Table, is_filled

HEADER_SEARCH_ROWS = 10
_SPACES = re.compile(r"\s+")


@dataclass
class Layout:
    """The headers of a table, the index of its first data row, and the header rows as written
    (to recognise them when they are repeated further down)."""

    headers: list[str]
    data_start: int
    header_rows: list[list[str]]
    problems: list[ImportProblem] = field(default_factory=list)


def find_layout(table: Table, file: str, mapping: Mapping | None) -> Layout:
    """Find the header and the first data row of `table` (raises TollError if it is empty)."""
    problems: list[ImportProblem] = []
    if not any(is_filled(row) for row in table.rows):
        raise TollError(f"{file}: the file is empty; there is no list to import")
    if mapping and not mapping.header and not table.header_is_first_row:
        width = max(len(stripped_cells(row)) for row in table.rows)
        return Layout([f"column {i}" for i in range(1, width + 1)], 0, [], problems)
    index = _header_index(table, file, mapping, problems)
    header_row, start = _header_and_data_start(table, index, file, problems)
    header_rows = [stripped_cells(row) for row in table.rows[index:start] if is_filled(row)]
    headers = _clean_headers(header_row, file, problems)
    return Layout(headers, start, header_rows, problems)


def names_persons(rows: list[list[str]]) -> bool:
    """True when one of the first filled rows is a header with a name column."""
    filled = [row for row in rows if is_filled(row)][:HEADER_SEARCH_ROWS]
    return any(_names_a_name_column(row) for row in filled)


def stripped_cells(row: list[str]) -> list[str]:
    """The cells of a row stripped of spaces, without trailing empty ones."""
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _header_and_data_start(
    table: Table, index: int, file: str, problems: list
) -> tuple[list[str], int]:
    """The header cells and where data starts, after a second header row or a row of column
    numbers (1, 2, 3...) under the header, as official forms have."""
    header = table.rows[index]
    start = index + 1
    if table.header_is_first_row:
        return header, start
    following = [
        i for i in range(start, min(start + 5, len(table.rows))) if is_filled(table.rows[i])
    ]
    if following and _is_header_like(table.rows[following[0]]):
        lower = table.rows[following[0]]
        width = max(len(header), len(lower))
        header = [_at(lower, i).strip() or _at(header, i).strip() for i in range(width)]
        problems.append(
            ImportProblem.about_file(
                file,
                f"two header rows (rows {index + 1} and {following[0] + 1} of the file) "
                "read as one",
            )
        )
        start = following[0] + 1
        following = [i for i in following if i >= start]
    if following and _is_column_numbers(table.rows[following[0]]):
        start = following[0] + 1
    return header, start


def _at(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _is_header_like(row: list[str]) -> bool:
    """A row under the header that is itself mostly known headers, including a name one."""
    cells = [cell.strip() for cell in row if cell.strip()]
    plan = plan_columns(cells)
    known = [f for f in plan.fields.values() if f]
    has_name = any(f in NAME_FIELDS for f in known)
    return has_name and len(known) >= max(2, (len(cells) + 1) // 2)


def _is_column_numbers(row: list[str]) -> bool:
    cells = [cell.strip() for cell in row if cell.strip()]
    return len(cells) >= 3 and cells == [str(n) for n in range(1, len(cells) + 1)]


def _header_index(table: Table, file: str, mapping: Mapping | None, problems: list) -> int:
    """The row holding the headers: the first filled row, unless a later one names a name column
    (a title above the table), or the mapping's header_row."""
    if mapping and mapping.header_row and not table.header_is_first_row:
        if mapping.header_row > len(table.rows):
            raise TollError(
                f"{mapping.name}: header_row {mapping.header_row} is past the end of {file} "
                f"({len(table.rows)} rows)"
            )
        return mapping.header_row - 1
    filled = [i for i, row in enumerate(table.rows) if is_filled(row)]
    first = filled[0]
    if table.header_is_first_row or _names_a_name_column(table.rows[first]):
        return first
    for index in filled[1:HEADER_SEARCH_ROWS]:
        if _names_a_name_column(table.rows[index]):
            problems.append(
                ImportProblem.about_file(
                    file,
                    f"the header is on row {index + 1} of the file; the {index} row(s) above it "
                    "were skipped as a title",
                )
            )
            return index
    return first


def _names_a_name_column(row: list[str]) -> bool:
    plan = plan_columns([cell.strip() for cell in row if cell.strip()])
    return any(plan.columns_of(name) for name in NAME_FIELDS)


def _clean_headers(row: list[str], file: str, problems: list) -> list[str]:
    row = stripped_cells(row)  # a trailing delimiter adds no column
    headers: list[str] = []
    for position, cell in enumerate(row, start=1):
        header = _SPACES.sub(" ", cell).strip() or f"column {position}"
        if header in headers:
            renamed = _unique(header, headers)
            problems.append(
                ImportProblem(
                    file,
                    None,
                    header,
                    None,
                    f'header repeated; column {position} is called "{renamed}"',
                )
            )
            header = renamed
        headers.append(header)
    return headers


def _unique(header: str, taken: list[str]) -> str:
    number = 2
    while f"{header} ({number})" in taken:
        number += 1
    return f"{header} ({number})"
