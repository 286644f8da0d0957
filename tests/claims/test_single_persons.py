"""One person named by a singular noun is a figure of 1; harm verbs far from or before
the number; unusual harm verbs (issue 17, recall)."""

import pytest

from toll.claims.extract import extract_figures


def _read(text: str, language: str = "en") -> list[tuple[str, int | None, str, str | None]]:
    return [(f.text, f.value, f.category, f.subgroup)
            for f in extract_figures(text, language=language)]


@pytest.mark.parametrize("text, expected", [
    ("A woman was killed when the shell hit her house.", [("A woman", 1, "killed", "women")]),
    ("In the north a 9-year-old boy died of his wounds.",
     [("boy", 1, "killed", "boys")]),
    ("The sniper shot dead a journalist near the bridge.",
     [("a journalist", 1, "killed", None)]),
    ("Late on Monday a 15-year-old protester was shot in the chest.",
     [("protester", 1, "killed", "children")]),
])
def test_one_person_is_a_figure_of_one(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "A soldier shot at the crowd.",  # the one who harmed, not a victim
    "A spokesman said the town was calm.",
    "The missing person is a six-year-old child.",  # who, not how many
    "A man in a blue coat waited at the gate.",
])
def test_one_person_without_harm_is_no_figure(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Вчера в посёлке погибла девочка.", [("девочка", 1, "killed", "girls")]),
    ("Мужчина получил ранения при обстреле.", [("Мужчина", 1, "injured", "men")]),
])
def test_one_person_in_russian(text, expected):
    assert _read(text, "ru") == expected


def test_verb_before_the_number_in_russian():
    found = _read("В боях убиты 41 боевик и задержаны 12 человек; уничтожены 7 террористов.",
                  "ru")
    assert [(t, v, c) for t, v, c, _ in found] == [
        ("41 боевик", 41, "killed"), ("12 человек", 12, "captured"),
        ("7 террористов", 7, "killed")]


def test_injuries_with_words_between_the_verb_and_the_noun():
    found = _read("Ещё 30 человек получили тяжёлые огнестрельные ранения.", "ru")
    assert [(t, v, c) for t, v, c, _ in found] == [("30 человек", 30, "injured")]


def test_taken_away_is_displaced_in_russian():
    found = _read("Из зоны боёв вывезли 4 500 мирных жителей.", "ru")
    assert [(v, c) for _, v, c, _ in found] == [(4500, "displaced")]


def test_deprived_of_liberty_is_captured():
    found = _read("By June, 212 people had been deprived of their liberty.")
    assert [(v, c) for _, v, c, _ in found] == [(212, "captured")]
