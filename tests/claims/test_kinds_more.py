"""Constructions fixed after batches b24-b27 (issue 17, "Not fixed" in BENCHMARKS.md), each on
invented sentences (none from any corpus or batch)."""

from toll.claims import extract_figures
from toll_testing import figures_in

FIELDS = ("text", "value", "category", "subgroup", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


def values(text: str, **kwargs) -> list[tuple]:
    return [(f.value, f.category) for f in extract_figures(text, **kwargs)]


# -- words before and after a figure that say together it was killed ------------------------

def test_cost_n_people_their_lives_is_killed():
    assert values("The prison riot cost 40 inmates their lives.") == [(40, "killed")]
    assert values("The crackdown, said to have cost more than 80 marchers their lives, "
                  "was denied by the army.") == [(80, "killed")]


def test_took_or_claimed_n_lives_is_killed():
    assert values("The landslide took 73 lives and injured 200 people.") == [
        (73, "killed"), (200, "injured")]
    assert values("The floods claimed 212 lives in the valley.") == [(212, "killed")]


def test_a_planned_massacre_of_n_is_killed_but_planning_one_is_not():
    text = "Investigators described a planned massacre of at least 120 villagers near the river."
    assert values(text) == [(120, "killed")]
    assert values("The massacre of 64 civilians in Korvan shocked the region.") == [
        (64, "killed")]
    assert values("Rebels had planned the massacre of 120 villagers.") == []


def test_tortured_to_death_is_killed_and_the_others_tortured():
    text = "Guards tortured two prisoners to death and more than 15 others at the depot."
    assert values(text) == [(2, "killed"), (15, "tortured")]
    assert values("Settlers beat four farmers to death on the road.") == [(4, "killed")]


def test_to_death_after_a_sentence_or_a_risk_is_no_killing():
    assert values("A court sentenced 12 men to death.") == []
    assert values("Some 200 volunteers risked their lives to save others.") == []


def test_a_speaker_after_but_does_not_speak_for_the_figures_before():
    text = ("The commander denied the raid, which was said to have cost 35 miners their lives, "
            "but two local officials said he had ordered it.")
    assert [(f.value, f.speaker) for f in extract_figures(text)] == [(35, None)]
    text = "No figure was given, but hospital staff said 12 people were killed."
    assert [f.speaker for f in extract_figures(text)] == ["hospital staff"]


# -- nationalities counted as people -------------------------------------------------------

def subjects(text: str, **kwargs) -> list[tuple]:
    return [(f.value, f.category, f.subject) for f in extract_figures(text, **kwargs)]


def test_demonyms_the_taxonomy_lacked_are_counted_people():
    assert subjects("One Briton was wounded and two Poles were detained at the border.") == [
        (1, "injured", "Briton"), (2, "captured", "Poles")]
    assert subjects("Three Georgians were killed in the crossfire.") == [
        (3, "killed", "Georgians")]
    text = "Seven people are still missing: five Lebanese, one Syrian and one Egyptian."
    assert [(f.value, f.subject, f.part_of) for f in extract_figures(text)] == [
        (7, "people", None), (5, "Lebanese", 0), (1, "Syrian", 0), (1, "Egyptian", 0)]


def test_a_singular_demonym_after_another_number_is_an_adjective():
    assert subjects("Shells killed 14 people in 2 Indian villages.") == [(14, "killed", "people")]
    assert subjects("More than 800,000 Tutsi were murdered.") == [(800000, "killed", "Tutsi")]


def test_russian_nationalities_and_citizens_are_counted_people():
    assert subjects("При взрыве погибли двое турок и один египтянин.", language="ru") == [
        (2, "killed", "турок"), (1, "killed", "египтянин")]
    assert subjects("Погибли двое граждан Турции и один гражданин Египта.", language="ru") == [
        (2, "killed", "people"), (1, "killed", "people")]
    assert [f.text for f in extract_figures("Ранены трое грузин.", language="ru")] == [
        "трое грузин"]


# -- running totals after the noun they count ------------------------------------------------

def test_totals_after_a_noun_take_its_category():
    assert values("At least 88 people had died and the injured numbered 310.") == [
        (88, "killed"), (310, "injured")]
    text = "A spokesman said the number of wounded had also grown, to 260, by the evening."
    assert values(text) == [(260, "injured")]
    assert values("By Tuesday the dead had grown to 140.") == [(140, "killed")]
    assert values("The displaced totalled 12,000 by May.") == [(12000, "displaced")]
    assert values("Число раненых выросло до 260.", language="ru") == [(260, "injured")]


def test_a_total_of_people_not_harmed_is_no_figure():
    assert values("The marchers numbered 5,000 at noon.") == []


# -- a breakdown between dashes before the harm words ----------------------------------------

def test_russian_breakdown_between_dashes_links_its_parts_to_the_whole():
    text = "«Восемь человек — пять детей, трое взрослых — сейчас в больнице», — сказал он."
    assert brief(text, language="ru") == [
        ("Восемь человек", 8, "injured", None, None),
        ("пять детей", 5, "injured", "children", 0),
        ("трое взрослых", 3, "injured", None, 0)]


def test_english_breakdown_between_dashes_links_its_parts_to_the_whole():
    text = "Sixteen people — 12 children and four women — remain in hospital."
    assert [(f[1], f[2], f[3], f[4]) for f in brief(text)] == [
        (16, "injured", None, None), (12, "injured", "children", 0), (4, "injured", "women", 0)]


# -- lists before "are among the dead" ------------------------------------------------------

def parts(text: str) -> list[tuple]:
    return [(f.value, f.category, f.subject, f.part_of) for f in extract_figures(text)]


def test_each_item_listed_before_among_the_dead_is_a_part_of_the_dead():
    text = "The attack killed 30 people. Two nurses and three drivers are among the dead."
    assert parts(text) == [(30, "killed", "people", None), (2, "killed", "workers", 0),
                           (3, "killed", "workers", 0)]
    text = ("The raid killed 30 people and injured 50. Two nurses, two guards and three "
            "drivers were among the injured.")
    assert [p[1:] for p in parts(text)[2:]] == [
        ("injured", "workers", 1), ("injured", "soldiers", 1), ("injured", "workers", 1)]


def test_items_among_the_dead_with_no_whole_are_not_parts_of_each_other():
    assert parts("Two guards and two police officers are among the dead.") == [
        (2, "killed", "soldiers", None), (2, "killed", "soldiers", None)]
    text = ("According to the army, three Indians, two Britons and one Portuguese national "
            "were among those killed.")
    assert [p[3] for p in parts(text)] == [None, None, None]
