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
