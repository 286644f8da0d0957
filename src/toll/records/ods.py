"""A streaming reader for OpenDocument spreadsheets (.ods).

pandas' odf reader builds the whole document in memory with odfpy and takes minutes on lists of
a hundred thousand rows; this one walks content.xml once with ElementTree. Cells come out as the
text a person sees (numbers as written by value, dates as ISO), like the other readers.
"""

import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element, iterparse

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SHEET, _ROW = f"{{{TABLE}}}table", f"{{{TABLE}}}table-row"
_CELLS = (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell")
MAX_REPEAT = 10_000  # blank rows or cells "repeated" a million times to fill the grid


def read_ods_sheets(archive: zipfile.ZipFile) -> dict[str, list[list[str]]]:
    """Every sheet of the spreadsheet as rows of cell texts, trailing blanks dropped."""
    sheets: dict[str, list[list[str]]] = {}
    with archive.open("content.xml") as content:
        for name, rows in _sheets(content):
            sheets[name] = rows
    return sheets


def _sheets(content) -> Iterator[tuple[str, list[list[str]]]]:
    rows: list[list[str]] = []
    blank_rows = 0
    for event, element in iterparse(content, events=("start", "end")):
        if event == "start":
            if element.tag == _SHEET:
                rows, blank_rows = [], 0
            continue
        if element.tag == _ROW:
            cells = _row_cells(element)
            repeat = int(element.get(f"{{{TABLE}}}number-rows-repeated", "1"))
            if cells:
                rows.extend([[] for _ in range(min(blank_rows, MAX_REPEAT))])
                rows.extend(list(cells) for _ in range(min(repeat, MAX_REPEAT)))
                blank_rows = 0
            else:
                blank_rows += repeat
            element.clear()
        elif element.tag == _SHEET:
            yield element.get(f"{{{TABLE}}}name", f"Sheet{len(rows)}"), rows
            element.clear()


def _row_cells(row: Element) -> list[str]:
    cells: list[str] = []
    blank = 0
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        text = _cell_text(cell)
        repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
        if text:
            cells.extend([""] * min(blank, MAX_REPEAT))
            cells.extend([text] * min(repeat, MAX_REPEAT))
            blank = 0
        else:
            blank += repeat
    return cells


def _cell_text(cell: Element) -> str:
    kind = cell.get(f"{{{OFFICE}}}value-type")
    if kind == "float":
        value = cell.get(f"{{{OFFICE}}}value", "")
        try:
            number = float(value)
        except ValueError:
            return value
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else value
    if kind == "date":
        value = cell.get(f"{{{OFFICE}}}date-value", "")
        return value.removesuffix("T00:00:00").replace("T", " ")
    if kind == "boolean":
        return "TRUE" if cell.get(f"{{{OFFICE}}}boolean-value") == "true" else "FALSE"
    return "\n".join(_paragraph_text(p) for p in cell.iter(f"{{{TEXT}}}p"))


def _paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == f"{{{TEXT}}}s":
                parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
            elif child.tag == f"{{{TEXT}}}tab":
                parts.append("\t")
            elif child.tag == f"{{{TEXT}}}line-break":
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(paragraph)
    return "".join(parts)
