"""Constructions fixed after batch b35 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll_testing import figures_in


def read(text: str, **options) -> list:
    """(value, category, part_of) of each figure found in `text`, in order."""
    return figures_in(text, "value", "category", "part_of", **options)


# -- casualty totals whose harm words stand far from the number ---------------------------------

def test_russian_losses_that_amounted_to_a_count_are_casualties():
    assert read("С 1 марта по 9 мая потери мирного населения области составили 3 214 человек, "
                "в том числе 1 102 погибших.", language="ru") == [
        (3214, "casualties", None), (1102, "killed", 0)]


def test_russian_victims_named_by_a_long_phrase_are_the_total_of_their_parts():
    assert read("По данным миссии, жертвами затяжных обстрелов среди жителей прибрежных сёл "
                "стали 812 человек: 301 убит, 511 ранены.", language="ru") == [
        (812, "casualties", None), (301, "killed", 0), (511, "injured", 0)]


def test_english_casualties_with_dates_before_the_verb_are_casualties():
    found = read("The mission said civilian casualties in the province between 3 March 2021 "
                 "and 9 May 2022 rose to 4,310.")
    assert found == [(4310, "casualties", None)]


# -- a split by sex or age of the dead who are themselves a part of a casualty total -------------

def test_the_dead_of_a_casualty_total_are_split_by_sex_and_age():
    assert read("The office recorded 6,120 civilian casualties: 2,010 killed and 4,110 injured. "
                "The dead include 900 men, 610 women and 120 children.") == [
        (6120, "casualties", None), (2010, "killed", 0), (4110, "injured", 0),
        (900, "killed", 1), (610, "killed", 1), (120, "killed", 1)]


def test_russian_dead_of_a_casualty_total_are_split_by_sex_and_age():
    found = read("Потери мирного населения составили 5 300 человек, в том числе 2100 погибших. "
                 "Среди погибших 800 мужчин, 500 женщин и 90 детей.", language="ru")
    assert [part_of for _, _, part_of in found] == [None, 0, 1, 1, 1]


def test_a_part_of_the_same_category_as_its_whole_is_split_no_further():
    assert read("Shelling killed 40 people, including 6 children. Among the dead were "
                "12 women.") == [(40, "killed", None), (6, "killed", 0), (12, "killed", 0)]


# -- Russian «случаев гибели» / «случаев ранения»: each case one person ---------------------------

def test_russian_cases_of_death_and_of_wounding_are_killed_and_injured():
    assert figures_in("Миссия зафиксировала 1200 случаев гибели и 1500 случаев ранения мирных "
                      "жителей.", "text", "value", "category", language="ru") == [
        ("1200 случаев гибели", 1200, "killed"), ("1500 случаев ранения", 1500, "injured")]
    assert figures_in("За неделю отмечен 31 случай ранения.", "value", "category",
                      language="ru") == [(31, "injured")]


def test_russian_cases_of_anything_else_stay_no_figure():
    assert figures_in("Полиция расследует 40 случаев мошенничества.", "value",
                      language="ru") == []
