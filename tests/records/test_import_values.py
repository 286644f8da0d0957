"""Reading values of lists: partial dates, ages, sex, status, civilian status."""

from datetime import date

import pytest

from toll.records import read_list
from toll.records.dates import parse_date
from toll.records.values import (
    AgeValue,
    parse_age,
    parse_civilian,
    parse_sex,
    parse_status,
    uses_turkish_sex_codes,
)

D = date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1960", D(1960, 1, 1), D(1960, 12, 31), "year"),
        ("05.1960", D(1960, 5, 1), D(1960, 5, 31), "month"),
        ("1960-05", D(1960, 5, 1), D(1960, 5, 31), "month"),
        ("26.02.1992", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("26/02/1992", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("02/26/1992", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("1992-02-26", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("1992-02-26 00:00:00", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("Feb 1992", D(1992, 2, 1), D(1992, 2, 29), "month"),
        ("February 26, 1992", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("26 февраля 1992 г.", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("февраль 1992", D(1992, 2, 1), D(1992, 2, 29), "month"),
        ("26 fevral 1992-ci il", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("26.II.1992", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("26-27 февраля 1992 г.", D(1992, 2, 26), D(1992, 2, 27), "range"),
        ("в 1992 году", D(1992, 1, 1), D(1992, 12, 31), "year"),
        ("26.02.1992г.", D(1992, 2, 26), D(1992, 2, 26), "day"),
        ("1960г.р.", D(1960, 1, 1), D(1960, 12, 31), "year"),
        ("00.00.1960", D(1960, 1, 1), D(1960, 12, 31), "year"),
        ("00.05.1960", D(1960, 5, 1), D(1960, 5, 31), "month"),
        ("с 26 по 28 февраля 1992", D(1992, 2, 26), D(1992, 2, 28), "range"),
        ("may 1993", D(1993, 5, 1), D(1993, 5, 31), "month"),
        ("9 мая 1993", D(1993, 5, 9), D(1993, 5, 9), "day"),
        ("spring 1992", D(1992, 3, 1), D(1992, 5, 31), "season"),
        ("весна 1992", D(1992, 3, 1), D(1992, 5, 31), "season"),
        ("yaz 1992", D(1992, 3, 1), D(1992, 5, 31), "season"),
        ("winter 1992", D(1991, 12, 1), D(1992, 2, 29), "season"),
        ("early 1992", D(1992, 1, 1), D(1992, 4, 30), "part_of_year"),
        ("конец 1992 года", D(1992, 9, 1), D(1992, 12, 31), "part_of_year"),
        ("late February 1992", D(1992, 2, 21), D(1992, 2, 29), "part_of_month"),
        ("начало марта 1992", D(1992, 3, 1), D(1992, 3, 10), "part_of_month"),
        ("mid-March 2023", D(2023, 3, 11), D(2023, 3, 20), "part_of_month"),
        ("~1960", D(1958, 1, 1), D(1962, 12, 31), "approximate"),
        ("c. 1960", D(1958, 1, 1), D(1962, 12, 31), "approximate"),
        ("около 1960", D(1958, 1, 1), D(1962, 12, 31), "approximate"),
        ("təxminən 1960", D(1958, 1, 1), D(1962, 12, 31), "approximate"),
        ("1960?", D(1958, 1, 1), D(1962, 12, 31), "approximate"),
        ("1960s", D(1960, 1, 1), D(1969, 12, 31), "decade"),
        ("1960-е", D(1960, 1, 1), D(1969, 12, 31), "decade"),
        ("1960-cı illər", D(1960, 1, 1), D(1969, 12, 31), "decade"),
        ("1960 г.р.", D(1960, 1, 1), D(1960, 12, 31), "year"),
        ("1960-1962", D(1960, 1, 1), D(1962, 12, 31), "range"),
        ("1960-62", D(1960, 1, 1), D(1962, 12, 31), "range"),
        ("10-12.02.1992", D(1992, 2, 10), D(1992, 2, 12), "range"),
        ("между 1990 и 1992", D(1990, 1, 1), D(1992, 12, 31), "range"),
    ],
)
def test_partial_dates_give_bounds_and_precision(text, earliest, latest, precision):
    value = parse_date(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert value.problem is None


@pytest.mark.parametrize("text", ["19б2", "31.02.1992", "yesterday", "2099", "1750", "12.13.14.15"])
def test_unreadable_dates_give_a_reason_and_no_bounds(text):
    value = parse_date(text)
    assert value.earliest is None and value.latest is None
    assert value.problem


@pytest.mark.parametrize("text", ["", "  ", "неизвестно", "unknown", "naməlum", "-", "?"])
def test_unknown_dates_are_empty_without_a_problem(text):
    assert parse_date(text) == parse_date("")
    assert parse_date(text).problem is None


def test_two_digit_year_is_read_with_a_note():
    value = parse_date("26.02.92")
    assert value.earliest == D(1992, 2, 26)
    assert "1992" in value.problem


@pytest.mark.parametrize(
    ("text", "earliest", "note"),
    [
        ("26.02.1992 (Khojaly)", D(1992, 2, 26), 'read as "26.02.1992"'),
        ("погиб 26.02.1992 в Ходжалы", D(1992, 2, 26), 'read as "26.02.1992"'),
        ("1960 (approx.)", D(1958, 1, 1), None),
        ("1992 il (təxminən)", D(1990, 1, 1), None),
    ],
)
def test_a_date_inside_longer_text(text, earliest, note):
    value = parse_date(text)
    assert value.earliest == earliest and value.problem == note


def test_two_dates_in_one_cell_are_not_guessed():
    assert parse_date("26.02.1992 or 27.02.1992").earliest is None


def test_an_age_inside_longer_text():
    assert parse_age("45 (according to relatives)") == AgeValue(45, 45, 45, 'read as "45"')
    assert parse_age("45 (по другим данным 47)").age is None


def test_spreadsheet_day_numbers_are_read_with_a_note():
    value = parse_date("33660")
    assert value.earliest == D(1992, 2, 26) and "1992-02-26" in value.problem


def test_year_is_known_only_when_the_date_cannot_straddle_two_years():
    assert parse_date("05.1960").year == 1960
    assert parse_date("~1960").year is None
    assert parse_date("winter 1992").year is None


@pytest.mark.parametrize(
    ("text", "age", "low", "high"),
    [
        ("45", 45, 45, 45),
        ("45.0", 45, 45, 45),
        ("45 лет", 45, 45, 45),
        ("2 года", 2, 2, 2),
        ("45 yaş", 45, 45, 45),
        ("45 years old", 45, 45, 45),
        ("~45 years", 45, 43, 47),
        ("about 45", 45, 43, 47),
        ("около 45 лет", 45, 43, 47),
        ("40-45", None, 40, 45),
        ("45+", None, 45, None),
        ("старше 60", None, 60, None),
        ("under 18", None, 0, 17),
        ("child", None, 0, 17),
        ("ребёнок", None, 0, 17),
        ("uşaq", None, 0, 17),
        ("infant", None, 0, 1),
        ("6 months", 0, 0, 0),
        ("8 мес.", 0, 0, 0),
    ],
)
def test_ages_give_bounds(text, age, low, high):
    value = parse_age(text)
    assert (value.age, value.low, value.high) == (age, low, high)
    assert value.problem is None


@pytest.mark.parametrize("text", ["200", "forty", "45-30", "4 5 6"])
def test_unreadable_ages_give_a_reason(text):
    value = parse_age(text)
    assert value.problem and value.age is None and value.low is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("m", "male"),
        ("M", "male"),
        ("male", "male"),
        ("М", "male"),
        ("муж.", "male"),
        ("мужской", "male"),
        ("kişi", "male"),
        ("K", "male"),
        ("erkək", "male"),
        ("f", "female"),
        ("Female", "female"),
        ("Ж", "female"),
        ("жен", "female"),
        ("qadın", "female"),
        ("Q", "female"),
        ("qız", "female"),
    ],
)
def test_sex_in_three_languages(text, sex):
    value, problem = parse_sex(text)
    assert value == sex
    assert (problem is None) == (sex is not None)


def test_turkish_one_letter_codes_are_recognised_by_column():
    assert uses_turkish_sex_codes(["E", "K", "E", ""])
    assert not uses_turkish_sex_codes(["K", "Q", "K"])
    assert parse_sex("K", True) == ("female", None)
    assert parse_sex("K", False) == ("male", None)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("killed", "killed"),
        ("погиб", "killed"),
        ("Погибла", "killed"),
        ("убит", "killed"),
        ("həlak olub", "killed"),
        ("şəhid", "killed"),
        ("injured", "injured"),
        ("ранен", "injured"),
        ("yaralanıb", "injured"),
        ("missing", "missing"),
        ("пропал без вести", "missing"),
        ("itkin düşüb", "missing"),
        ("captured", "captured"),
        ("в плену", "captured"),
        ("əsir götürülüb", "captured"),
        ("released", "released"),
        ("освобождён из плена", "released"),
        ("azad edilib", "released"),
        ("remains found", "remains_found"),
        ("пропал без вести, найдены останки", "remains_found"),
        ("identified", "identified"),
        ("опознан", "identified"),
        ("alive", "alive"),
        ("жив", "alive"),
        ("sağ", "alive"),
    ],
)
def test_status_synonyms(text, status):
    assert parse_status(text) == (status, None)


@pytest.mark.parametrize(
    "text", ["не опознан", "not identified", "qalıqları tapılmayıb", "müəyyən edilməyib"]
)
def test_negative_phrases_give_no_status(text):
    value, problem = parse_status(text)
    assert value is None and "negative" in problem


def test_unknown_status_is_kept_with_a_reason():
    value, problem = parse_status("transferred to Baku")
    assert value is None and problem


@pytest.mark.parametrize(
    ("text", "yes_means", "expected"),
    [
        ("мирный житель", None, "civilian"),
        ("civilian", None, "civilian"),
        ("mülki şəxs", None, "civilian"),
        ("военнослужащий", None, "combatant"),
        ("hərbçi", None, "combatant"),
        ("soldier", None, "combatant"),
        ("неизвестно", None, "unknown"),
        ("yes", "civilian", "civilian"),
        ("нет", "civilian", "combatant"),
        ("bəli", "combatant", "combatant"),
    ],
)
def test_civilian_status(text, yes_means, expected):
    assert parse_civilian(text, yes_means) == (expected, None)


def test_unclear_civilian_status_is_kept_as_reported():
    value, problem = parse_civilian("police officer")
    assert value is None and "kept as reported" in problem


def test_spreadsheet_error_values_are_not_names(write):
    text = "Surname;Name;Born\nMammadov;#N/A;1960\n#REF!;Gulnar;1971\n"
    imported = read_list(write("list.csv", text))
    first, second = imported.records
    assert first.family_name == "Mammadov" and first.given_name is None
    assert second.family_name is None and second.given_name == "Gulnar"
    assert second.original["Surname"] == "#REF!"  # the cell is kept as written
    warned = [w for w in imported.warnings if "formula error" in w.reason]
    assert [(w.row, w.column, w.value) for w in warned] == [
        (1, "Name", "#N/A"),
        (2, "Surname", "#REF!"),
    ]


def test_xlsx_formula_without_saved_result_is_reported(write_xlsx):
    # openpyxl, like many programs that write XLSX, stores formulas without their results.
    path = write_xlsx(
        "f.xlsx",
        {"List": [["Surname", "Name", "Full name"], ["Aliyev", "Vugar", '=B2&" "&A2']]},
    )
    imported = read_list(path)
    assert imported.records[0].full_name is None
    (note,) = [w for w in imported.warnings if "formula" in w.reason]
    assert note.row is None and "1 cell(s)" in note.reason and "column C" in note.reason
    assert "row 2 of the sheet" in note.reason
