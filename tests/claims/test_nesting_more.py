"""Part-of (nesting) and subgroup constructions that generalise (issue 17, nesting round of
8 December 2026), each on invented sentences (none from any corpus or batch)."""

from toll_testing import figures_in


def parts(text: str, **options) -> list:
    """Each figure found in `text` as (text, category, subgroup, part_of), in order."""
    return figures_in(text, "text", "category", "subgroup", "part_of", **options)


# -- Russian: «среди погибших», «среди жертв», «в их числе» in mid-sentence -------------------

def test_russian_victims_named_mid_sentence_are_parts_of_the_figure_before():
    assert parts("Число жертв обстрела выросло до 12, среди погибших 4 ребенка.",
                 language="ru") == [("12", "killed", None, None),
                                    ("4 ребенка", "killed", "children", 0)]
    assert parts("Погибли 30 человек, среди жертв не менее двух детей.", language="ru") == [
        ("30 человек", "killed", None, None), ("не менее двух детей", "killed", "children", 0)]


def test_russian_among_the_injured_there_are_is_a_part_marker():
    assert parts("Ранены 11 человек, среди пострадавших есть три подростка.",
                 language="ru") == [("11 человек", "injured", None, None),
                                    ("три подростка", "injured", "teenagers", 0)]


def test_russian_in_their_number_is_a_part_marker():
    assert parts("Погибли 30 человек, в их числе 5 женщин.", language="ru") == [
        ("30 человек", "killed", None, None), ("5 женщин", "killed", "women", 0)]


# -- Russian subgroups in the prepositional and dative cases ---------------------------------

def test_russian_children_in_the_prepositional_case_are_children():
    assert parts("Сообщалось о 25 погибших, в том числе четырёх детях.", language="ru") == [
        ("25 погибших", "killed", None, None), ("четырёх детях", "killed", "children", 0)]


def test_russian_two_boys_in_the_genitive_singular_are_boys():
    assert parts("Погибли семь человек, в том числе два мальчика.", language="ru") == [
        ("семь человек", "killed", None, None), ("два мальчика", "killed", "boys", 0)]


def test_a_marker_naming_the_dead_is_no_part_of_the_injured_before_it():
    found = parts("Погибли 20 человек, ранены 90 человек; среди жертв 4 ребенка.", language="ru")
    assert found[2][0] == "4 ребенка" and found[2][3] is None


# -- parts of parts: a whole with parts of its own is still a part of a total after it -------

def test_a_whole_with_its_own_parts_is_a_part_of_the_total_after_it():
    assert parts("Более 40 раненых госпитализированы, из них пятеро детей; всего за помощью "
                 "обратились 90 пострадавших.", language="ru") == [
        ("Более 40 раненых", "injured", None, 2), ("пятеро детей", "injured", "children", 0),
        ("90 пострадавших", "injured", None, None)]
