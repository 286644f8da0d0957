"""Constructions the real-text batches showed Toll missing (issue 17), on invented sentences:
a bound shared by two counts, "or so", a range of estimates, Russian verbs of damage in the
singular, and Russian phrases of time between a reporting verb and its speaker."""

from toll.claims import extract_figures


def read(text: str, language: str = "en") -> list[tuple]:
    return [(f.value, f.low, f.high, f.qualifier, f.category)
            for f in extract_figures(text, language=language)]


def speakers(text: str) -> list[str | None]:
    return [f.speaker for f in extract_figures(text, language="ru")]


def test_at_least_before_two_counts_joined_by_and_bounds_both():
    assert read("The shelling left at least 312 dead and 640 wounded.") == [
        (312, 312, None, "at_least", "killed"), (640, 640, None, "at_least", "injured")]
    assert read("Взрыв унёс не менее 12 погибших и 40 раненых.", "ru")[1][3] == "at_least"


def test_a_clause_of_its_own_keeps_its_count_exact():
    assert read("At least 12 people died and 40 were hurt.")[1][3] == "exact"


def test_or_so_after_a_number_is_approximate():
    assert read("Nine or so villagers were killed, police said.") == [
        (9, None, None, "approx", "killed")]


def test_a_range_of_estimates_after_the_toll():
    assert read("The death toll is disputed, with estimates ranging from 210 to 2,700.") == [
        (None, 210, 2700, "range", "killed")]


def test_russian_singular_verbs_of_damage_and_destruction():
    assert read("Ночью обстрел повредил 35 домов в посёлке.", "ru") == [
        (35, None, None, "exact", "buildings_damaged")]
    assert read("Пожар уничтожил 14 домов.", "ru")[0][4] == "buildings_destroyed"


def test_russian_time_phrases_are_not_part_of_the_speaker():
    assert speakers("Как сообщил в понедельник глава администрации Иван Петров, погибли 7 "
                    "человек.") == ["глава администрации Иван Петров"]
    assert speakers("Как сообщил накануне губернатор Олег Смирнов, ранены 9 человек.") == [
        "губернатор Олег Смирнов"]
    assert speakers("Погибли 17 человек, сообщил по состоянию на 5 мая минздрав региона.") == [
        "минздрав региона"]


def test_a_count_with_a_verb_of_its_own_keeps_its_own_qualifier():
    got = read("Погибли по меньшей мере 528 человек и 4599 ранены.", "ru")
    assert [q for _, _, _, q, _ in got] == ["at_least", "exact"]


def test_a_speaker_after_an_ellipsis():
    got = extract_figures("At least 30 people died … said the health ministry.")
    assert [f.speaker for f in got] == ["the health ministry"]
