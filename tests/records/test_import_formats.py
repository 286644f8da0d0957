"""Reading lists from CSV in any usual encoding and delimiter, XLSX, ODS, JSON and JSON Lines."""

from datetime import date, datetime

import pytest

from toll.errors import TollError
from toll.records import dry_run_summary, read_list

from ._record_lists import HEADERS_AZ, HEADERS_RU, ROWS_AZ, ROWS_RU, csv_text


def _names(imported):
    return [(r.family_name, r.given_name, r.patronymic) for r in imported.records]


@pytest.mark.parametrize(
    ("encoding", "bom", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("cp1251", b"", "cp1251"),
    ],
)
def test_russian_csv_in_each_encoding(write, encoding, bom, reported):
    path = write("list.csv", bom + csv_text(HEADERS_RU, ROWS_RU).encode(encoding))
    imported = read_list(path)
    assert imported.encoding == reported
    assert imported.format == "csv" and imported.delimiter == ";"
    assert list(imported.columns)[:2] == ["№", "Фамилия"]  # no byte-order mark in the header
    assert _names(imported) == [
        ("Иванов", "Иван", "Иванович"),
        ("Петрова", "Анна", "Сергеевна"),
    ]
    second = imported.records[1]
    assert second.sex == "female" and second.status == "missing"
    assert second.event_date == "весна 1992" and second.event_date_precision == "season"
    assert second.original["Статус"] == "пропала без вести"


def test_turkish_legacy_encoding_is_not_mistaken_for_latin1_or_cyrillic(write):
    headers = ["Soyadı", "Adı", "Ata adı", "Doğum ili"]
    rows = [["Şahin", "Ağa", "İsmayıl oğlu", "1960"], ["Işık", "Gülşen", "Şükrü qızı", "1971"]]
    path = write("az.csv", csv_text(headers, rows).encode("cp1254"))
    imported = read_list(path)
    assert imported.encoding in ("cp1254", "iso-8859-9")
    assert _names(imported) == [("Şahin", "Ağa", "İsmayıl oğlu"), ("Işık", "Gülşen", "Şükrü qızı")]


def test_latin1_csv(write):
    text = "Last name,First name,Age\nMüller,José,45\nNuñez,Zoë,~30 years\n"
    imported = read_list(write("l.csv", text.encode("latin-1")))
    assert imported.encoding in ("latin-1", "cp1252")
    assert imported.delimiter == ","
    assert [(r.family_name, r.given_name, r.age_low) for r in imported.records] == [
        ("Müller", "José", 45),
        ("Nuñez", "Zoë", 28),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_detected(write, delimiter):
    rows = [["1", "Mammadov, Ali", "m", "45"], ["2", "Aliyeva, Gulshan", "f", "30"]]
    lines = [delimiter.join(["id", "Full name", "Sex", "Age"])]
    for row in rows:
        lines.append(delimiter.join(f'"{c}"' if delimiter in c or "," in c else c for c in row))
    imported = read_list(write("list.csv", "\n".join(lines) + "\n"))
    assert imported.delimiter == delimiter
    assert [r.full_name for r in imported.records] == ["Mammadov, Ali", "Aliyeva, Gulshan"]
    assert [r.row_key for r in imported.records] == ["1", "2"]


def test_rows_keep_their_data_row_number_and_cells_as_read(write):
    text = "Name,Age,Colour\nAli Mamedov,45,\n,,\n  Vugar  Aliyev ,~50 years,see p. 4\n"
    imported = read_list(write("list.csv", text))
    assert [r.row_number for r in imported.records] == [1, 3]
    last = imported.records[1]
    assert last.full_name == "Vugar Aliyev"
    assert last.original == {"Name": "  Vugar  Aliyev ", "Age": "~50 years", "Colour": "see p. 4"}
    assert imported.columns == {"Name": "full_name", "Age": "age", "Colour": None}


def test_cells_beyond_the_header_are_kept_with_a_warning(write):
    imported = read_list(write("list.csv", "Name,Age\nAli,45,extra\n"))
    record = imported.records[0]
    assert record.original["column 3"] == "extra"
    assert any("beyond the last header" in str(w) for w in imported.warnings)


def test_title_lines_above_the_header_are_skipped_with_a_note(write):
    text = "List of the missing\n\nSurname;Name;Status\nMamedov;Ali;missing\n"
    imported = read_list(write("list.csv", text))
    assert [(r.family_name, r.given_name) for r in imported.records] == [("Mamedov", "Ali")]
    assert "row 3 of the file" in str(imported.warnings[0])


def test_xlsx_reads_typed_cells_as_text(write_xlsx):
    path = write_xlsx(
        "list.xlsx",
        {
            "Список": [
                ["Ф.И.О.", "Дата рождения", "Возраст", "Дата смерти"],
                ["Мамедов Али Гасанович", datetime(1960, 5, 1), 45, "26.02.1992"],
                [None, None, None, None],
                ["Алиева Гюльшан", "1962", 30.0, date(1992, 3, 2)],
            ],
            "Other": [["something else"]],
        },
    )
    imported = read_list(path)
    assert imported.format == "xlsx" and imported.sheet == "Список"
    first, second = imported.records
    assert first.original["Дата рождения"] == "1960-05-01"
    assert first.birth_date_earliest == date(1960, 5, 1) and first.birth_year == 1960
    assert first.age == 45 and second.original["Возраст"] == "30"
    assert second.row_number == 3 and second.event_date_earliest == date(1992, 3, 2)
    assert first.family_name == "Мамедов" and first.patronymic == "Гасанович"
    assert any("Other" in str(w) for w in imported.warnings)


def test_xlsx_sheet_named_in_mapping(write_xlsx):
    path = write_xlsx("l.xlsx", {"A": [["Name"], ["Ali Mamedov"]], "B": [["Name"], ["Ivan"]]})
    imported = read_list(path, mapping={"sheet": "B"})
    assert [r.full_name for r in imported.records] == ["Ivan"]


def test_ods(write_ods):
    path = write_ods("list.ods", [HEADERS_AZ, *ROWS_AZ])
    imported = read_list(path)
    assert imported.format == "ods"
    assert _names(imported) == [
        ("Məmmədov", "Əli", "Həsən oğlu"),
        ("Əliyeva", "Gülşən", "Rəşid qızı"),
    ]
    second = imported.records[1]
    assert second.sex == "female" and second.birth_date_precision == "approximate"
    assert second.event_date_earliest == date(1992, 2, 1)


def test_json_array_records_wrapper_and_lines(write):
    people = [
        {"id": 7, "surname": "Mamedov", "given name": "Ali", "age": 45, "status": "killed"},
        {"id": 8, "surname": "Aliyeva", "given name": "Gulshan", "age": None, "dead": True},
    ]
    for path in (
        write("a.json", people),
        write("b.json", {"source": "ministry", "records": people}),
        write("c.jsonl", "\n".join(__import__("json").dumps(p) for p in people) + "\n"),
    ):
        imported = read_list(path)
        assert [r.family_name for r in imported.records] == ["Mamedov", "Aliyeva"]
        assert [r.row_key for r in imported.records] == ["7", "8"]
        assert imported.records[0].age == 45 and imported.records[0].status == "killed"
        assert imported.records[1].original["dead"] == "true"


def test_json_nested_objects_are_flattened(write):
    imported = read_list(write("n.json", [{"name": {"given": "Ali", "family": "Mamedov"}}]))
    assert imported.columns == {"name.given": "given_name", "name.family": "family_name"}
    assert imported.records[0].family_name == "Mamedov"


def test_full_name_only_is_split_into_parts(write):
    imported = read_list(write("f.csv", "ФИО;Пол\nМамедов Али Гасанович;м\n"))
    record = imported.records[0]
    assert record.full_name == "Мамедов Али Гасанович"
    assert (record.family_name, record.given_name, record.patronymic) == (
        "Мамедов",
        "Али",
        "Гасанович",
    )


def test_turkish_sex_codes_in_one_column(write):
    imported = read_list(write("t.csv", "Ad;Soyad;Cinsiyet\nAli;Şahin;E\nAyşe;Kaya;K\n"))
    assert [r.sex for r in imported.records] == ["male", "female"]


def test_unparseable_values_are_kept_as_text_with_a_warning_naming_the_place(write):
    text = "Фамилия;Имя;Год рождения;Возраст\nИванов;Иван;19б2;сорок\n"
    imported = read_list(write("ministry.csv", text))
    record = imported.records[0]
    assert record.birth_year is None and record.original["Год рождения"] == "19б2"
    assert len(imported.warnings) == 2 == len(record.warnings)
    first = str(imported.warnings[0])
    assert first.startswith('ministry.csv, row 1, column "Год рождения": "19б2"')
    assert "kept as text" in first
    assert imported.warnings[0].row == 1 and imported.warnings[0].column == "Год рождения"


def test_birth_year_column_beside_a_birth_date(write):
    text = "Name;Date of birth;Year of birth\nA B;05.1960;1960\nC D;;1961\nE F;1962;1963\n"
    first, second, third = read_list(write("b.csv", text)).records
    assert first.birth_date == "05.1960" and first.birth_year == 1960
    assert second.birth_date is None and second.birth_year == 1961
    assert second.birth_date_earliest == date(1961, 1, 1)
    assert third.birth_year == 1962 and any("differs" in w for w in third.warnings)


def test_two_columns_for_one_field(write):
    text = "Место гибели;Район;Фамилия\nХоджалы;Ходжалинский;Иванов\n"
    imported = read_list(write("p.csv", text))
    assert imported.records[0].place == "Ходжалы; Ходжалинский"


def test_civilian_flag_column(write):
    text = "Name;Civilian;Combatant\nA;yes;\nB;no;\nC;;yes\n"
    imported = read_list(write("c.csv", text))
    assert [r.civilian_status for r in imported.records] == ["civilian", "combatant", "combatant"]


def test_dry_run_summary(write):
    text = "Фамилия;Имя;Год рождения;Цвет\nИванов;Иван;19б2;синий\nПетров;Петр;1960;\n"
    summary = dry_run_summary(read_list(write("ministry.csv", text)))
    lines = summary.splitlines()
    assert lines[0] == (
        'ministry.csv: 2 rows OK; 1 warning (row 1 Год рождения "19б2" not read as birth '
        'year (not a date: "б" not understood); kept as text)'
    )
    assert "encoding utf-8" in lines[1] and "delimiter ';'" in lines[1]
    assert (
        "Фамилия → family_name" in lines[2] and "not recognised" in lines[2] and "Цвет" in lines[2]
    )
    assert len(lines) == 4


def test_thousands_in_summary(write):
    rows = "".join(f"Name {i}\n" for i in range(1377))
    summary = dry_run_summary(read_list(write("big.csv", "Full name\n" + rows)))
    assert summary.startswith("big.csv: 1,377 rows OK; no warnings")


def test_excel_sep_line_sets_the_delimiter(write):
    imported = read_list(write("x.csv", "sep=;\nName;Age\nAli, Mamedov;45\n"))
    assert imported.delimiter == ";" and imported.records[0].full_name == "Ali, Mamedov"


def test_identifiers_meaning_no_number_are_not_duplicates(write):
    imported = read_list(write("k.csv", "№;ФИО\nб/н;Иванов Иван\nб/н;Петров Петр\n3;Сидоров\n"))
    assert [r.row_key for r in imported.records] == [None, None, "3"]


def test_two_header_rows_and_a_row_of_column_numbers(write_xlsx):
    path = write_xlsx(
        "form.xlsx",
        {
            "S": [
                ["Список пропавших без вести"],
                ["№", "ФИО", None, None, "Дата рождения"],
                [None, "Фамилия", "Имя", "Отчество", None],
                [1, 2, 3, 4, 5],
                [1, "Иванов", "Иван", "Иванович", "1960"],
                ["№", "ФИО", None, None, "Дата рождения"],
                [2, "Петров", "Петр", "Петрович", "1961"],
            ]
        },
    )
    imported = read_list(path)
    assert list(imported.columns) == ["№", "Фамилия", "Имя", "Отчество", "Дата рождения"]
    assert [(r.row_number, r.family_name, r.birth_year) for r in imported.records] == [
        (1, "Иванов", 1960),
        (3, "Петров", 1961),
    ]
    reasons = " | ".join(str(w) for w in imported.warnings)
    assert "two header rows" in reasons and "row 2: the header again" in reasons


def test_summary_counts_warnings_by_column(write):
    rows = "".join(f"Иванов {i};19б{i};x\n" for i in range(4))
    summary = dry_run_summary(read_list(write("w.csv", "ФИО;Год рождения;Пол\n" + rows)))
    assert "warnings by column: Год рождения 4, Пол 4" in summary.splitlines()[3]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_json_with_a_byte_order_mark(write, encoding):
    imported = read_list(write("u.json", '[{"ФИО": "Иванов Иван"}]'.encode(encoding)))
    assert imported.records[0].full_name == "Иванов Иван"
    assert list(imported.columns) == ["ФИО"]


def test_utf16_tab_separated_text_as_excel_saves_it(write):
    text = "Фамилия\tИмя\tГод рождения\r\nИванов\tИван\t1960\r\nMəmmədov\tƏli\t1970\r\n"
    imported = read_list(write("u.txt", text.encode("utf-16")))
    assert imported.delimiter == "\t" and imported.encoding.startswith("utf-16")
    assert [(r.family_name, r.birth_year) for r in imported.records] == [
        ("Иванов", 1960),
        ("Məmmədov", 1970),
    ]


def test_a_column_written_month_first_is_read_month_first(write):
    text = "Name,Date of death\nA,02/26/1992\nB,03/01/1992\n"
    second = read_list(write("us.csv", text)).records[1]
    assert second.event_date_earliest == date(1992, 3, 1)
    text = "Name,Date of death\nA,26/02/1992\nB,03/01/1992\n"
    second = read_list(write("eu.csv", text)).records[1]
    assert second.event_date_earliest == date(1992, 1, 3)


def test_a_quote_that_swallows_rows_is_reported(write):
    text = 'ФИО;Примечание\nИванов;"ранен\nПетров;пропал\nСидоров;погиб"\nКозлов;\n'
    imported = read_list(write("q.csv", text))
    assert any("quote may be left open" in str(w) for w in imported.warnings)
    with pytest.raises(TollError, match="line 2: a quote .* never closed"):
        read_list(write("q.csv", text.replace('погиб"', "погиб")))


def test_the_sheet_holding_the_list_is_chosen(write_xlsx):
    path = write_xlsx(
        "book.xlsx",
        {"About": [["Compiled by the commission", "2024"]], "List": [["ФИО"], ["Иванов Иван"]]},
    )
    imported = read_list(path)
    assert imported.sheet == "List" and imported.records[0].full_name == "Иванов Иван"
    assert any("'About' also has data" in str(w) for w in imported.warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_in_cyrillic(write, encoding):
    # Cyrillic text in UTF-16 has NUL bytes only beside digits, separators and line breaks.
    path = write("list.csv", csv_text(HEADERS_RU, ROWS_RU).encode(encoding))
    imported = read_list(path)
    assert imported.encoding == "utf-16"
    assert _names(imported) == [
        ("Иванов", "Иван", "Иванович"),
        ("Петрова", "Анна", "Сергеевна"),
    ]


def test_utf16_without_byte_order_mark_in_latin(write):
    text = "Surname,Name,Born\nMammadov,Ali,1960\nHuseynova,Gulnar,1971\n"
    imported = read_list(write("list.csv", text.encode("utf-16-le")))
    assert [(r.family_name, r.given_name) for r in imported.records] == [
        ("Mammadov", "Ali"),
        ("Huseynova", "Gulnar"),
    ]
