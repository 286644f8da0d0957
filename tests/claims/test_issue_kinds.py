"""The kinds of error issue 17 lists, each on invented sentences (none from any corpus)."""

import pytest

from toll.claims import extract_figures
from toll_testing import figures_in

FIELDS = ("text", "value", "qualifier", "category", "subgroup", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


# -- parts after the whole ---------------------------------------------------------------

def test_parts_listed_before_among_them():
    assert brief("Shelling killed 58 villagers, 14 women and 9 children among them.") == [
        ("58 villagers", 58, "exact", "killed", None, None),
        ("14 women", 14, "exact", "killed", "women", 0),
        ("9 children", 9, "exact", "killed", "children", 0)]


def test_subgroup_named_before_n_of_them():
    figures = brief("Some 310 people were left disabled (minors made up 42 of them).")
    assert figures[1][1:] == (42, "exact", "injured", "children", 0)


def test_place_breakdown_in_brackets_parts_of_one_whole():
    text = "The strikes killed 19 civilians: Orvik (11 people), Dalen (8 people)."
    assert [(f[1], f[3], f[5]) for f in brief(text)] == [
        (19, "killed", None), (11, "killed", 0), (8, "killed", 0)]


# -- figures without a harm verb next to them ---------------------------------------------

def test_harm_noun_before_a_running_total():
    assert brief("By noon civilian deaths reached 64.")[0][1:4] == (64, "exact", "killed")
    assert brief("The number of wounded climbed to 210.")[0][3] == "injured"


def test_labels_with_a_dash_are_separate_items():
    assert [(f[1], f[3], f[5]) for f in brief("Killed – 31; injured – 270; missing – 9.")] == [
        (31, "killed", None), (270, "injured", None), (9, "missing", None)]


def test_orphanhood_and_an_elliptical_sibling():
    assert [(f[1], f[3]) for f in brief("Orphanhood struck 31 children fully and 88 partly.")] \
        == [(31, "orphaned"), (88, "orphaned")]


def test_a_plural_person_noun_ends_the_noun_phrase():
    assert brief("Talks focus on bringing the 37 detainees home.")[0][:4] == (
        "37 detainees", 37, "exact", "captured")


# -- ranges and competing estimates -------------------------------------------------------

def test_plus_after_a_number_means_more_than():
    assert brief("Monitors say 240+ people were abducted.")[0][1:4] == (
        240, "more_than", "captured")


def test_all_but_n_of_the_total():
    assert brief("All but four of the 52 passengers were killed.")[0][:4] == (
        "All but four of the 52 passengers", 48, "exact", "killed")
    assert brief("All but four were killed.") == []  # how many were is not said


# -- category confusions ------------------------------------------------------------------

def test_words_about_the_statement_are_not_the_harm():
    assert brief("The ministry released data on 320 pupils in the district.") == []
    assert brief("The office released figures showing 97 children were detained.")[0][3] == \
        "captured"


def test_fate_unknown_is_missing():
    assert brief("Families of 71 men whose fate is still unknown met the envoy.")[0][3] == \
        "missing"


def test_casualties_and_their_parts():
    text = "Monitors recorded 1,410 civilian casualties (388 killed and 1,022 injured)."
    assert [(f[1], f[3], f[5]) for f in brief(text)] == [
        (1410, "casualties", None), (388, "killed", 0), (1022, "injured", 0)]


@pytest.mark.parametrize("text", [
    "Divers recovered 23 bodies from the lake.",
    "Forensic teams exhumed the remains of 61 people near the quarry.",
    "Nine bodies were found in a shallow grave.",
])
def test_bodies_found(text):
    assert brief(text)[0][3] == "bodies_found"


def test_bodies_received_are_killed_and_coffins_are_the_dead():
    assert brief("The morgue received 40 bodies.")[0][3] == "killed"
    assert brief("Mourners carried 12 coffins through the town.")[0][3] == "killed"


# -- language -----------------------------------------------------------------------------

def test_language_from_the_script():
    [figure] = extract_figures("В результате обстрела погибли 12 человек.", language=None)
    assert (figure.value, figure.category) == (12, "killed")


def test_killed_or_wounded_counts_casualties():
    assert brief("In the spring 640 civilians were killed or wounded.")[0][3] == "casualties"
    assert brief("Medics counted dozens of dead and injured.")[0][3] == "casualties"


def test_a_whole_of_killed_and_injured_parts_counts_casualties():
    text = "Some 900 villagers fell victim to the raids, 300 of them killed and 600 injured."
    assert [(f[1], f[3], f[5]) for f in brief(text)] == [
        (900, "casualties", None), (300, "killed", 0), (600, "injured", 0)]


def test_parts_of_a_casualty_total_opened_by_of_these():
    text = ("Monitors recorded 2,100 civilian casualties. Of these, 700 people were killed "
            "and 1,400 injured.")
    assert [(f[1], f[3], f[5]) for f in brief(text)] == [
        (2100, "casualties", None), (700, "killed", 0), (1400, "injured", 0)]


def test_russian_short_scale_and_instrumental_case():
    [figure] = extract_figures("Из города эвакуированы 12,5 тыс. человек.", language="ru")
    assert (figure.text, figure.value, figure.category) == ("12,5 тыс. человек", 12500, "displaced")
    figures = extract_figures("Отряд потерял 14 человек убитыми.", language="ru")
    assert [(f.value, f.category) for f in figures] == [(14, "killed")]


def test_russian_bodies_found():
    [figure] = extract_figures("Спасатели извлекли из-под завалов 23 тела.", language="ru")
    assert (figure.value, figure.category) == (23, "bodies_found")
    [figure] = extract_figures("В морге находятся 23 тела.", language="ru")
    assert figure.category == "killed"


@pytest.mark.parametrize("text, speaker", [
    ("За сутки погибли 14 человек, сообщил минздрав области.", "минздрав области"),
    # the speaker as written, with the title (the convention of the batches since b12)
    ("Ранены 9 человек, заявила уполномоченный по правам человека Анна Петрова.",
     "уполномоченный по правам человека Анна Петрова"),
])
def test_russian_speaker_named_after_the_verb(text, speaker):
    [figure] = extract_figures(text, language="ru")
    assert figure.speaker == speaker


def test_place_breakdown_lists_of_bare_numbers_are_all_figures():
    # "49 in Tartous, 25 in Latakia and 84 in Hama": each bare number after the first takes
    # the category of the one before it, however long the list (b25).
    figures = extract_figures("It killed 20 in Aldor, 30 in Brenn and 12 in Homs.")
    assert [(f.value, f.category) for f in figures] == [(20, "killed"), (30, "killed"),
                                                       (12, "killed")]
    figures = extract_figures("By province, the monitor counts 683 dead in Latakia, 433 in "
                              "Tartous, 255 in Hama and 12 in Homs.")
    assert [f.value for f in figures] == [683, 433, 255, 12]
    assert {f.category for f in figures} == {"killed"}


@pytest.mark.parametrize("text, category", [
    # killed, injured or missing counted together is a casualty figure (b24), not killed
    ("At least 886 civilians were killed, injured or went missing in the country.", "casualties"),
    ("The UN said 1,860 people were killed, injured or kidnapped in the quarter.", "casualties"),
    # taking people is capturing them (b25)
    ("Gunmen took 136 students from a seminary on 30 May.", "captured"),
    ("There were 10 school raids, with more than 1,400 children taken.", "captured"),
    ("Hamas took 251 people hostage on 7 October.", "captured"),
])
def test_categories_of_b24_b25_kinds(text, category):
    [figure] = extract_figures(text)
    assert figure.category == category


def test_a_figure_compared_with_an_earlier_year_is_a_sibling_not_a_part():
    # "1,277 killed in 2022, up from 584 in 2021" (b25): 584 is killed too, and no part of 1,277
    figures = extract_figures("The report counted 1,277 people killed in 2022, up from 584 in "
                              "2021, and 352 wounded.")
    assert [(f.value, f.category, f.part_of) for f in figures] == [
        (1277, "killed", None), (584, "killed", None), (352, "injured", None)]
    figures = extract_figures("In the state, 301 bodies were found last year and 544 in 2020.")
    assert [(f.value, f.category) for f in figures] == [(301, "bodies_found"),
                                                       (544, "bodies_found")]


def test_russian_subgroup_named_after_of_them():
    # "трое из них несовершеннолетние" (b24): minors are children
    figures = extract_figures("Ещё 12 человек ранены, трое из них несовершеннолетние.",
                              language="ru")
    assert [(f.value, f.subgroup, f.part_of) for f in figures] == [(12, None, None),
                                                                  (3, "children", 0)]


def test_the_fate_of_persons_taken_is_what_is_counted():
    # "taken" alone would make them captured; the frame "the fate of" says they are missing
    text = "The fate of 12 farmers taken from the village remains unknown."
    assert [(f.value, f.category) for f in extract_figures(text)] == [(12, "missing")]
    assert [(f.value, f.category) for f in extract_figures("Gunmen took 12 farmers.")] == [
        (12, "captured")]
