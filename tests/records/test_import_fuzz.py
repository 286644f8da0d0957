"""Fuzzing the importers: whatever the bytes, read_list returns or raises TollError, no other.

TOLL_FUZZ_EXAMPLES=5000 runs a deeper search than the default.
"""

import csv
import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toll.errors import TollError
from toll.records import dry_run_summary, read_list
from toll.records.dates import parse_date
from toll.records.values import parse_age, parse_civilian, parse_sex, parse_status

FUZZ = settings(
    max_examples=int(os.environ.get("TOLL_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
EXTENSIONS = [".csv", ".txt", ".tsv", ".json", ".jsonl", ".xlsx", ".ods", ".xls", ".dat", ""]
# Letters, digits and the punctuation lists are made of, in the scripts they are written in.
ALPHABET = st.characters(
    codec="utf-8",
    categories=["L", "N", "P", "Zs", "S"],
    include_characters="əƏıİğşçöü\n\r\t;,|\"'~.-/",
)
CELL = st.text(ALPHABET, max_size=20)
HEADERS = [
    "Name",
    "Фамилия",
    "Ad",
    "Age",
    "Возраст",
    "Date of death",
    "Doğum ili",
    "Пол",
    "Status",
    "Civilian",
    "id",
    "Place",
    "",
]


def _read(path):
    try:
        imported = read_list(path)
    except TollError as error:
        assert str(error) and "\n" not in str(error)
        return None
    summary = dry_run_summary(imported)
    assert summary.startswith(imported.file_name)
    assert all("\n" not in str(problem) for problem in imported.warnings)
    return imported


@FUZZ
@given(data=st.binary(max_size=2000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes(tmp_path, data, extension):
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(data)
    _read(path)


@FUZZ
@given(
    text=st.text(ALPHABET, max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "cp1254", "latin-1"]),
    extension=st.sampled_from([".csv", ".json", ".jsonl"]),
)
def test_random_text_in_usual_encodings(tmp_path, text, encoding, extension):
    path = tmp_path / f"fuzz{extension}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _read(path)


@FUZZ
@given(
    headers=st.lists(st.sampled_from(HEADERS) | CELL, min_size=1, max_size=6),
    rows=st.lists(st.lists(CELL, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1251"]),
)
def test_random_cells_in_csv(tmp_path, headers, rows, delimiter, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([headers, *rows])
    path = tmp_path / "fuzz.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    imported = _read(path)
    if imported is not None:
        numbers = [r.row_number for r in imported.records]
        assert numbers == sorted(set(numbers)) and all(n >= 1 for n in numbers)
        assert all(
            list(r.original)[: len(imported.columns)] == list(imported.columns)
            for r in imported.records
        )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | CELL,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(CELL, children, max_size=3),
    max_leaves=10,
)


@FUZZ
@given(
    records=st.lists(
        st.dictionaries(st.sampled_from(HEADERS) | CELL, JSON_VALUES, max_size=5), max_size=5
    )
    | JSON_VALUES
)
def test_random_json(tmp_path, records):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    _read(path)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.lists(
            st.none()
            | CELL.filter(lambda s: "\r" not in s)
            | st.integers(-(10**6), 10**6)
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.dates(),
            max_size=5,
        ),
        max_size=6,
    ),
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5),
)
def test_random_cells_in_xlsx(tmp_path, rows, header):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook()
    try:
        for row in [header, *rows]:
            workbook.active.append(row)
    except IllegalCharacterError:
        return
    path = tmp_path / "fuzz.xlsx"
    workbook.save(path)
    _read(path)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), flag=st.sampled_from([None, "civilian", "combatant"]))
def test_value_parsers_never_raise(text, flag):
    parse_date(text)
    parse_age(text)
    parse_sex(text)
    parse_status(text)
    parse_civilian(text, flag)


@FUZZ
@given(
    kind=st.sampled_from(["xlsx", "ods"]),
    inside=st.booleans(),
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), min_size=1, max_size=4),
    truncate=st.integers(0, 10**6) | st.none(),
)
def test_damaged_workbooks(tmp_path, workbooks, kind, inside, cuts, truncate):
    """Damage the file itself, or (inside) the XML of its sheets in a sound ZIP container."""
    if inside:
        source = zipfile.ZipFile(io.BytesIO(workbooks[kind]))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for item in source.infolist():
                data = source.read(item)
                if item.filename in ("content.xml", "xl/worksheets/sheet1.xml"):
                    data = _damaged(data, cuts, truncate)
                archive.writestr(item, data)
        data = buffer.getvalue()
    else:
        data = _damaged(workbooks[kind], cuts, truncate)
    path = tmp_path / f"fuzz.{kind}"
    path.write_bytes(data)
    _read(path)


def _damaged(data: bytes, cuts: list[tuple[int, bytes]], truncate: int | None) -> bytes:
    damaged = bytearray(data)
    for offset, junk in cuts:
        at = offset % len(damaged)
        damaged[at : at + len(junk)] = junk
    if truncate is not None:
        damaged = damaged[: truncate % len(damaged)]
    return bytes(damaged)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """A small valid XLSX and ODS, as bytes, for the damaged-workbook fuzz."""
    import pandas as pd

    folder = tmp_path_factory.mktemp("workbooks")
    frame = pd.DataFrame({"Фамилия": ["Иванов", "Məmmədov"], "Год рождения": [1960, 1970]})
    frame.to_excel(folder / "a.xlsx", index=False)
    frame.to_excel(folder / "a.ods", index=False, engine="odf")
    return {"xlsx": (folder / "a.xlsx").read_bytes(), "ods": (folder / "a.ods").read_bytes()}


MAPPING_VALUES = st.sampled_from(
    ["full_name", "family_name", "sex", "ignore", "surname", "combatant_flag", "nonsense", None]
)


@FUZZ
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=4, unique=True),
    mapping=st.fixed_dictionaries(
        {},
        optional={
            "columns": st.dictionaries(st.sampled_from(HEADERS) | CELL, MAPPING_VALUES, max_size=3),
            "encoding": st.sampled_from(["utf-8", "cp1251", "utf-16", "no-such-codec"]),
            "delimiter": st.sampled_from([";", ",", "tab", "ab", 5]),
            "sheet": CELL,
            "header_row": st.integers(-2, 6) | CELL,
            "extra": CELL,
        },
    ),
)
def test_random_mappings(tmp_path, headers, mapping):
    path = tmp_path / "fuzz.csv"
    path.write_text(";".join(headers) + "\nAli Mamedov;m;45;x\n", encoding="utf-8")
    try:
        imported = read_list(path, mapping=mapping)
    except TollError as error:
        assert "\n" not in str(error)
    else:
        assert imported.records
