"""The number grammar: digits, words, scales, ranges, vague amounts and qualifiers."""

import pytest

from toll.claims.language import load_language


def quantities(text: str) -> list[tuple]:
    numbers = load_language("en").numbers
    return [(text[m.start:m.end], m.quantity.value, m.quantity.low, m.quantity.high,
             m.quantity.qualifier) for m in numbers.finditer(text)]


@pytest.mark.parametrize("text, value", [
    ("1275", 1275), ("1,275", 1275), ("1 275", 1275), ("1\u202f275", 1275),
    ("3.4 million", 3_400_000), ("3.4m", 3_400_000), ("eight", 8), ("thirty-two", 32),
    ("two hundred and five", 205), ("a dozen", 12), ("a thousand", 1000),
    ("five thousand three hundred", 5300), ("half a million", 500_000),
])
def test_values(text, value):
    assert quantities(f"killed {text} people") == [(text, value, None, None, "exact")]


@pytest.mark.parametrize("text, expected", [
    ("over 400", (400, 400, None, "more_than")),
    ("more than 4,700", (4700, 4700, None, "more_than")),
    ("at least 958", (958, 958, None, "at_least")),
    ("no fewer than 80", (80, 80, None, "at_least")),
    ("up to 25,000", (25000, None, 25000, "at_most")),
    ("fewer than 10", (10, None, 10, "less_than")),
    ("nearly 4,000", (4000, None, 4000, "approx")),
    ("approximately 100", (100, None, None, "approx")),
    ("some 300", (300, None, None, "approx")),
])
def test_qualifiers(text, expected):
    assert quantities(f"killing {text} people") == [(text, *expected)]


@pytest.mark.parametrize("text, low, high", [
    ("between 200 and 300", 200, 300), ("200-300", 200, 300), ("200–300", 200, 300),
    ("20 to 30", 20, 30), ("from 5,000 to 13,000", 5000, 13000),
])
def test_ranges(text, low, high):
    assert quantities(f"killed {text} people") == [(text, None, low, high, "range")]


def test_vague_amounts_have_a_lower_bound_and_no_value():
    found = quantities("hundreds of thousands of civilians and dozens of women")
    assert found == [("hundreds of thousands", None, 200_000, None, "vague"),
                     ("dozens", None, 24, None, "vague")]


def test_a_change_is_not_a_range():
    assert [q[1] for q in quantities("the toll rose from 45 to 61")] == [45, 61]


def test_not_numbers():
    assert quantities("the 366th regiment, the 20th century, COVID-19, a 12-year-old, 70%") == []


@pytest.mark.parametrize("text, value", [
    ("1275", 1275), ("1 275", 1275), ("3,4 млн", 3_400_000), ("двести двадцать пять", 225),
    ("две тысячи триста", 2300), ("пятеро", 5),
])
def test_russian_values(text, value):
    numbers = load_language("ru").numbers
    found = [(m.quantity.value, m.quantity.qualifier)
             for m in numbers.finditer(f"погибли {text} человек")]
    assert found == [(value, "exact")]


def test_russian_qualifiers_and_ranges():
    numbers = load_language("ru").numbers
    text = "более 400, по меньшей мере 7, около 5 млн, от 200 до 300, возросло до 312"
    found = [(m.quantity.value, m.quantity.low, m.quantity.high, m.quantity.qualifier)
             for m in numbers.finditer(text)]
    assert found == [(400, 400, None, "more_than"), (7, 7, None, "at_least"),
                     (5_000_000, None, None, "approx"), (None, 200, 300, "range"),
                     (312, None, None, "exact")]
