"""Files that cannot be imported as a whole: one clear TollError naming file, row/line, reason."""

import io
import zipfile

import pytest

from toll.errors import TollError
from toll.records import read_list

from ._record_lists import HEADERS_RU, ROWS_RU, csv_text


def _error(path, **kwargs) -> str:
    with pytest.raises(TollError) as caught:
        read_list(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf", b"\xff\xfe", b";;;\n;;\n"])
def test_empty_file(write, content):
    assert "empty" in _error(write("empty.csv", content))


def test_empty_spreadsheet(write_xlsx):
    assert "empty" in _error(write_xlsx("empty.xlsx", {"Sheet": []}))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("h.csv", "Фамилия;Имя\n"),
        ("h.csv", "Фамилия;Имя\n;\n\n"),
        ("h.json", '{"records": []}'),
    ],
)
def test_header_only(write, name, content):
    message = _error(write(name, content))
    assert "only a header" in message or "empty" in message


def test_header_only_names_the_headers(write):
    assert "Фамилия, Имя" in _error(write("h.csv", "Фамилия;Имя\n"))


def test_no_name_column_lists_headers_and_suggests_a_mapping(write):
    message = _error(write("x.csv", "Colour;Weight\nred;4\n"))
    assert message.startswith("x.csv:")
    assert "'Colour', 'Weight'" in message and "--mapping" in message


def test_a_mapping_gives_the_name_column(write):
    path = write("x.csv", "Colour;Weight\nAli Mamedov;4\n")
    imported = read_list(path, mapping={"columns": {"Colour": "full_name"}})
    assert imported.records[0].full_name == "Ali Mamedov"
    assert imported.columns == {"Colour": "full_name", "Weight": None}


def test_duplicate_row_identifiers_name_both_rows(write):
    text = "id;Name\n1;Ali\n2;Vugar\n1;Gulshan\n"
    message = _error(write("dup.csv", text))
    assert message.startswith('dup.csv, rows 1 and 3, column "id"')
    assert '"1"' in message


def test_mixed_encodings_name_the_line(write):
    good = "Фамилия;Имя\nИванов;Иван\n".encode()
    bad = "Петров;Пётр\n".encode("cp1251")
    message = _error(write("mixed.csv", good + bad))
    assert message.startswith("mixed.csv, line 3:") and "mixes encodings" in message


def test_broken_utf16_names_the_line(write):
    data = "Name\nAli\n".encode("utf-16-le") + b"\x00\xdc" + "x\n".encode("utf-16-le")
    message = _error(write("broken.csv", b"\xff\xfe" + data))
    assert message.startswith("broken.csv, line 3:")


def test_binary_file_named_csv(write):
    message = _error(write("bin.csv", bytes(range(256)) * 4))
    assert message.startswith("bin.csv") and "binary" in message


def test_gibberish_in_no_usual_encoding(write):
    gibberish = b"Name\n" + bytes(range(0x80, 0x100)) * 3 + b"\n"
    message = _error(write("odd.csv", gibberish))
    assert "encoding" in message and "line" in message


def _xlsx_bytes(write_xlsx) -> bytes:
    return write_xlsx("real.xlsx", {"S": [["Name"], ["Ali"]]}).read_bytes()


def test_xlsx_named_csv(write, write_xlsx):
    message = _error(write("list.csv", _xlsx_bytes(write_xlsx)))
    assert "XLSX workbook" in message and "rename it to .xlsx" in message


def test_zip_named_csv(write):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("list.csv", "Name\nAli\n")
    assert "ZIP archive" in _error(write("list.csv", buffer.getvalue()))


def test_pdf_named_csv(write):
    message = _error(write("list.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
    assert "PDF" in message and "list.csv" in message


def test_text_named_xlsx(write):
    message = _error(write("list.xlsx", "Name\nAli\n"))
    assert "not an XLSX workbook" in message and "rename it to .csv" in message


def test_ods_named_xlsx(write, write_ods):
    ods = write_ods("real.ods", [["Name"], ["Ali"]]).read_bytes()
    assert "ODS spreadsheet" in _error(write("list.xlsx", ods))


def test_old_xls_is_refused_with_advice(write):
    message = _error(write("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100))
    assert ".xls" in message and "save it as .xlsx" in message


def test_corrupt_xlsx(write, write_xlsx):
    data = _xlsx_bytes(write_xlsx)
    message = _error(write("broken.xlsx", data[: len(data) // 2]))
    assert message.startswith("broken.xlsx") and ("damaged" in message or "not an XLSX" in message)


def test_xlsx_with_a_damaged_part(write, write_xlsx):
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes(write_xlsx)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = b"<worksheet><sheetData><row><c t="
            archive.writestr(item, data)
    assert "damaged XLSX" in _error(write("broken.xlsx", buffer.getvalue()))


def test_corrupt_ods(write, write_ods):
    source = zipfile.ZipFile(io.BytesIO(write_ods("real.ods", [["Name"], ["Ali"]]).read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = b"<broken" if item.filename == "content.xml" else source.read(item)
            archive.writestr(item, data)
    assert "damaged ODS" in _error(write("broken.ods", buffer.getvalue()))


def test_mapping_naming_a_missing_column(write):
    path = write("list.csv", csv_text(HEADERS_RU, ROWS_RU))
    mapping = write("map.yaml", 'columns:\n  "Фамилия И.О.": full_name\n')
    message = _error(path, mapping=mapping)
    assert message.startswith('map.yaml: names column "Фамилия И.О.", which is not in list.csv')
    assert '"Фамилия"' in message


def test_mapping_to_an_unknown_field(write):
    path = write("list.csv", csv_text(HEADERS_RU, ROWS_RU))
    message = _error(path, mapping={"columns": {"Пол": "shoe size"}})
    assert '"Пол"' in message and "not a field" in message


def test_mapping_file_that_is_not_yaml(write):
    path = write("list.csv", csv_text(HEADERS_RU, ROWS_RU))
    assert "map.yaml" in _error(path, mapping=write("map.yaml", "columns: [unclosed\n"))


def test_invalid_json_names_the_line(write):
    message = _error(write("bad.json", '[\n{"name": "Ali"},\n{"name": }\n]'))
    assert message.startswith("bad.json, line 3:")


def test_json_records_must_be_objects(write):
    message = _error(write("bad.json", [{"name": "Ali"}, "Vugar"]))
    assert message.startswith("bad.json, record 2:")


def test_json_lines_with_a_bad_line(write):
    message = _error(write("bad.jsonl", '{"name": "Ali"}\n{"name": "Vugar"\n'))
    assert message.startswith("bad.jsonl, line 2:")


def test_missing_file(tmp_path):
    assert "cannot read" in _error(tmp_path / "nowhere.csv")


def test_json_named_csv(write):
    message = _error(write("list.csv", '[{"name": "Ali"}]'))
    assert "looks like JSON" in message and "rename it to .json" in message


def test_text_named_xls_is_told_to_be_renamed(write):
    message = _error(write("export.xls", "Name\tAge\nAli\t45\n"))
    assert "named .xls but it is a text file; rename it to .csv" in message
