"""Recognising columns from headers in English, Russian and Azerbaijani, and mapping files."""

import os
from pathlib import Path

import pytest

from toll.records import read_list
from toll.records.columns import plan_columns, recognise
from toll.records.text import load_data

DOC = Path(__file__).resolve().parents[2] / "docs" / "reference" / "import.md"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Surname", "family_name"),
        ("Фамилия", "family_name"),
        ("Soyadı", "family_name"),
        ("SOYADI", "family_name"),
        ("  last   name ", "family_name"),
        ("Фамиля", "family_name"),
        ("Surname (Latin)", "family_name"),
        ("Фамилия на русском", "family_name"),
        ("First name", "given_name"),
        ("Имя", "given_name"),
        ("Adı", "given_name"),
        ("Father's name", "patronymic"),
        ("Отчество", "patronymic"),
        ("Ata adı", "patronymic"),
        ("Atasının adı", "patronymic"),
        ("Full name", "full_name"),
        ("ФИО", "full_name"),
        ("Ф.И.О.", "full_name"),
        ("Adı, soyadı, ata adı", "full_name"),
        ("Last name, First name", "full_name"),
        ("Фамилия И.О.", "full_name"),
        ("Name and surname", "full_name"),
        ("Soyadı, adı, atasının adı", "full_name"),
        ("Sex", "sex"),
        ("Пол", "sex"),
        ("Cinsi", "sex"),
        ("Gender", "sex"),
        ("Age", "age"),
        ("Возраст", "age"),
        ("Yaş", "age"),
        ("Date of birth", "birth_date"),
        ("DOB", "birth_date"),
        ("Doğum tarixi", "birth_date"),
        ("Дата рождения (дд.мм.гггг)", "birth_date"),
        ("Birth year", "birth_year"),
        ("Год рождения", "birth_year"),
        ("Doğum ili", "birth_year"),
        ("Date of death", "event_date"),
        ("Дата гибели", "event_date"),
        ("Дата исчезновения", "event_date"),
        ("Həlak olma tarixi", "event_date"),
        ("İtkin düşmə tarixi", "event_date"),
        ("Ölüm tarixi", "event_date"),
        ("Place of death", "place"),
        ("Место гибели", "place"),
        ("Həlak olduğu yer", "place"),
        ("Place of birth", "place_of_birth"),
        ("Место рождения", "place_of_birth"),
        ("Status", "status"),
        ("Статус", "status"),
        ("Vəziyyəti", "status"),
        ("Civilian status", "civilian_status"),
        ("Civilian", "civilian_flag"),
        ("Combatant", "combatant_flag"),
        ("id", "row_key"),
        ("№", "row_key"),
        ("No.", "row_key"),
        ("#", "row_key"),
        ("Notes", "notes"),
        ("Примечание", "notes"),
        ("Qeyd", "notes"),
        ("Фамилия / Soyadı", "family_name"),
        ("Пол/Sex", "sex"),
        ("Дата гибели/исчезновения", "event_date"),
        ("firstName", "given_name"),
        ("dateOfBirth", "birth_date"),
        ("date_of_birth", "birth_date"),
        ("Colour", None),
        ("Date of report", None),
        ("", None),
    ],
)
def test_headers_in_three_languages(header, field):
    assert recognise(header) == field


def test_name_means_given_name_only_beside_a_surname():
    assert plan_columns(["Name", "Surname"]).fields == {
        "Name": "given_name",
        "Surname": "family_name",
    }
    assert plan_columns(["Name", "Age"]).fields["Name"] == "full_name"


def test_mapping_file_overrides_detection(write):
    path = write("l.csv", "Kolonka 1;Kolonka 2;Возраст\nAli Mamedov;m;45\n")
    mapping = write(
        "map.yaml", 'columns:\n  "Kolonka 1": full_name\n  "kolonka  2": sex\n  Возраст: ignore\n'
    )
    imported = read_list(path, mapping=mapping)
    assert imported.columns == {"Kolonka 1": "full_name", "Kolonka 2": "sex", "Возраст": None}
    record = imported.records[0]
    assert record.sex == "male" and record.age is None and record.original["Возраст"] == "45"


def test_json_mapping_with_encoding_and_header_row(write):
    text = "Список\n\nКолонка;Год\nИванов Иван;1960\n"
    path = write("l.csv", text.encode("koi8_r"))
    mapping = write(
        "map.json",
        '{"columns": {"Колонка": "ФИО"}, "encoding": "koi8_r", "header_row": 3, "delimiter": ";"}',
    )
    imported = read_list(path, mapping=mapping)
    assert imported.encoding == "koi8_r" and imported.delimiter == ";"
    assert imported.records[0].full_name == "Иванов Иван"
    assert imported.records[0].row_number == 1


def headers_table() -> str:
    """The Markdown table of recognised headers, as docs/reference/import.md shows it."""
    data = load_data("columns.yaml")
    lines = ["| Field | Headers recognised |", "|---|---|"]
    for field, synonyms in data["fields"].items():
        lines.append(f"| `{field}` | {_joined(synonyms)} |")
    for polarity, synonyms in data["civilian_flags"].items():
        lines.append(f"| `civilian_status` from yes/no (yes = {polarity}) | {_joined(synonyms)} |")
    lines.append(
        f"| `given_name` beside a surname column, else `full_name` | {_joined(data['ambiguous'])} |"
    )
    return "\n".join(lines)


def _joined(synonyms) -> str:
    return ", ".join(str(s).replace("|", "\\|") for s in synonyms)


def test_the_reference_lists_every_recognised_header():
    text = DOC.read_text(encoding="utf-8")
    start = text.index("\n", text.index("<!-- headers:start")) + 1
    end = text.index("<!-- headers:end -->")
    if os.environ.get("TOLL_WRITE_DOCS"):
        DOC.write_text(text[:start] + headers_table() + "\n" + text[end:], encoding="utf-8")
    else:
        assert text[start:end].strip() == headers_table(), "TOLL_WRITE_DOCS=1 updates the doc"


# Headers seen in lists Toll was not built around: regions and provinces, a father column,
# abbreviations, "years" for the age, a source column, little words.
@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Province", "place"),
        ("Governorate", "place"),
        ("Область", "place"),
        ("Регион", "place"),
        ("Село", "place"),
        ("Yaşayış məntəqəsi", "place"),
        ("Father", "patronymic"),
        ("Отец", "patronymic"),
        ("Имя отца", "patronymic"),
        ("Atası", "patronymic"),
        ("Полных лет", "age"),
        ("Age (years)", "age"),
        ("Год рожд.", "birth_year"),
        ("Дата рожд.", "birth_date"),
        ("Место рожд.", "place_of_birth"),
        ("Name of victim", "full_name"),
        ("Source", "notes"),
        ("Источник", "notes"),
        ("Mənbə", "notes"),
    ],
)
def test_headers_of_unseen_lists(header, field):
    assert recognise(header) == field


def test_an_abbreviation_that_could_be_two_fields_is_not_guessed():
    assert recognise("Дата р.") is None  # too short to tell
    assert recognise("Date of b.") is None


def test_the_place_comes_before_its_region_whatever_the_column_order(write):
    """Village and region columns are joined place first, so the place key is the village's."""
    path = write("regions.csv", "Region;Surname;Village\nQarabağ;Əliyev;Quzanlı\n;Əliyev;Ağdam\n")
    records = read_list(path).records
    assert [record.place for record in records] == ["Quzanlı; Qarabağ", "Ağdam"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Missing since", "event_date"),
        ("Date last seen", "event_date"),
        ("Когда пропал", "event_date"),
        ("Place last seen", "place"),
        ("Son görüldüyü yer", "place"),
        ("Age at time of death", "age"),
        ("M/F", "sex"),
        ("Surname and initials", "full_name"),
        ("اسم الأب", "patronymic"),
        ("الكنية", "family_name"),
        ("تاريخ الوفاة", "event_date"),
        ("مكان الوفاة", "place"),
        ("Ազգանուն", "family_name"),
        ("Հայրանուն", "patronymic"),
        ("გვარი", "family_name"),
        ("მამის სახელი", "patronymic"),
    ],
)
def test_headers_in_more_wordings_and_scripts(header, field):
    assert recognise(header) == field


def test_arabic_name_header_is_given_or_full_like_name():
    assert plan_columns(["الاسم", "الكنية"]).fields["الاسم"] == "given_name"
    assert plan_columns(["الاسم", "العمر"]).fields["الاسم"] == "full_name"


@pytest.mark.parametrize(
    ("header", "order"),
    [
        ("Фамилия Имя Отчество", "family_first"),
        ("ФИО", "family_first"),
        ("Soyadı, adı, atasının adı", "family_first"),
        ("Surname and initials", "family_first"),
        ("Ad, soyad, ata adı", "given_first"),
        ("First name Last name", "given_first"),
        ("Name Surname", "given_first"),
        ("Family name given name", "family_first"),
        ("Full name", None),
        ("Victim", None),
    ],
)
def test_a_full_name_header_may_say_the_order(header, order):
    from toll.records.columns import name_order

    assert name_order(header) == order


def test_the_header_order_decides_between_look_alike_words(write):
    """Orudzhev and Elvin both end like family names (-ev, -in); the header tells."""
    family_first = write("ff.csv", "Soyadı adı;Yaş\nOrudzhev Elvin;30\nPərvin Bağırova;25\n")
    given_first = write("gf.csv", "Adı soyadı;Yaş\nElvin Orudzhev;30\n")
    records = read_list(family_first).records + read_list(given_first).records
    assert [(r.given_name, r.family_name) for r in records] == [
        ("Elvin", "Orudzhev"),
        ("Pərvin", "Bağırova"),  # a clear family ending wins over the header
        ("Elvin", "Orudzhev"),
    ]


@pytest.mark.parametrize("header", ["Person ID", "person_id", "Victim No", "Source ID"])
def test_a_header_ending_in_a_number_word_is_not_the_field_it_starts_with(header):
    assert recognise(header) is None


def test_a_toll_export_imports_with_its_names_not_its_person_ids():
    from toll.persons.export import EXPORT_COLUMNS

    fields = plan_columns(EXPORT_COLUMNS, None).fields
    assert fields["person_id"] is None and fields["full_name"] == "full_name"
    assert fields["record_id"] == "row_key"
