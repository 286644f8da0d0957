"""More constructions the real-text batches b31 and b32 showed Toll missing (issue 17), on
invented sentences: a figure or range after "the figure of the dead was", "puts it between",
"range from"; Russian prisoners handed over; a part of a part; speakers of a clause without
its verb or named after the figure; a count far from its verb or with a participle before its
noun; attackers."""

from toll.claims import extract_figures


def read(text: str, language: str = "en") -> list[tuple]:
    return [(f.value, f.low, f.high, f.qualifier, f.category)
            for f in extract_figures(text, language=language)]


def test_the_figure_of_the_dead_was_and_an_estimate_put_between_two_numbers():
    got = read("The army's own figure of the dead was 212; a local priest puts it between 400 "
               "and 450 and says the first underestimate was 90.")
    assert got == [(212, None, None, "exact", "killed"), (None, 400, 450, "range", "killed"),
                   (90, None, None, "exact", "killed")]


def test_counts_that_range_from_one_number_to_another():
    assert read("Accounts of the dead range from 150 to 2,300 or more.") == [
        (None, 150, 2300, "range", "killed")]
    # ages are no count: "whose ages range from"
    assert read("A car bomb injured 30 people, whose ages range from 4 to 70.") == [
        (30, None, None, "exact", "injured")]


def test_russian_prisoners_handed_over_are_released():
    assert read("В ходе обмена Россия передала Украине 75 пленных.", "ru") == [
        (75, None, None, "exact", "released")]
    assert read("Киеву передали 40 военнопленных, сообщило Минобороны.", "ru")[0][4] == "released"
    assert read("Медики передали 5 раненых в областную больницу.", "ru")[0][4] == "injured"
    # handed over to no other side: not released
    assert read("Полиция передала 3 задержанных следователям.", "ru") == [
        (3, None, None, "exact", "captured")]
    assert read("Волонтёры передали 200 человек в пункты временного размещения.", "ru") == []


def speakers(text: str, language: str = "ru") -> list[str | None]:
    return [f.speaker for f in extract_figures(text, language=language)]


def test_a_russian_clause_without_its_reporting_verb_has_its_own_speaker():
    got = speakers("Вечером областной штаб говорил о 6 погибших и 15 раненых, а Минздрав — о 19 "
                   "раненых.")
    assert got == ["областной штаб", "областной штаб", "Минздрав"]


def test_a_part_after_of_these_with_a_comma_holds_the_parts_after_its_colon():
    got = extract_figures("The blast killed 40 people, police said. Of these, 30 have been "
                          "identified: 18 from the town and 12 from nearby villages.")
    assert [(f.value, f.category, f.part_of) for f in got] == [
        (40, "killed", None), (30, "killed", 0), (18, "killed", 1), (12, "killed", 1)]


def test_a_role_named_after_the_figure_is_not_the_titled_person_before():
    got = speakers("Health minister Anna Berg said the fire had killed 40 people. Of the dead, 25 "
                   "were Greek, the federal prosecutor said.", "en")
    assert got == ["Health minister Anna Berg", "the federal prosecutor"]
    # a role that the body named before has still stands for it
    got = speakers("The Syrian Observatory for Human Rights said 40 people were killed. The "
                   "monitor said 12 more died later.", "en")
    assert got[-1] == "The Syrian Observatory for Human Rights"


def test_an_ordinal_in_the_unit_between_a_count_and_its_verb():
    assert read("In the barracks 40 marines from the 2nd Battalion were killed.") == [
        (40, None, None, "exact", "killed")]


def test_a_harm_participle_between_a_number_and_its_noun():
    assert read("После боя у села остались тридцать два убитых боевика.", "ru") == [
        (32, None, None, "exact", "killed")]
    assert read("В больницу доставили 40 раненых детей.", "ru")[0][4] == "injured"
    # the participle, not the harm word of the clause before
    assert read("Ранены 10 человек, а у села остались 32 убитых боевика.", "ru") == [
        (10, None, None, "exact", "injured"), (32, None, None, "exact", "killed")]


def test_a_bare_count_of_its_own_sentence_is_no_part_of_the_attackers_before():
    got = extract_figures("Банда скрылась, у моста лежали 20 убитых боевиков. Полк потерял "
                          "убитыми пятерых.", language="ru")
    assert [(f.value, f.category, f.part_of) for f in got] == [
        (20, "killed", None), (5, "killed", None)]


def test_attackers_are_counted_as_fighters():
    got = extract_figures("Two attackers also died in the blast, and 11 assailants were arrested.")
    assert [(f.value, f.category, f.subject) for f in got] == [
        (2, "killed", "fighters"), (11, "captured", "fighters")]
