"""Small lists of persons written on the fly, in every format the importer reads."""

import json
from pathlib import Path

import pytest


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> path; content is bytes, str (UTF-8) or a JSON-able object."""

    def _write(name: str, content) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def write_xlsx(tmp_path: Path):
    """write_xlsx(name, {sheet: rows}) -> path, rows as lists of Python values."""
    from openpyxl import Workbook

    def _write(name: str, sheets: dict[str, list[list]]) -> Path:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / name
        workbook.save(path)
        return path

    return _write


@pytest.fixture
def write_ods(tmp_path: Path):
    """write_ods(name, rows) -> path: one sheet, first row the header."""
    import pandas as pd

    def _write(name: str, rows: list[list]) -> Path:
        path = tmp_path / name
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        frame.to_excel(path, engine="odf", index=False, sheet_name="List")
        return path

    return _write
