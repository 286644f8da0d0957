"""Constructions fixed after batch b27 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll.claims import extract_figures
from toll_testing import figures_in

FIELDS = ("text", "value", "category", "subgroup", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


# -- Russian nouns of kin that name women --------------------------------------------------

def test_russian_mothers_wives_widows_are_women():
    figures = brief("Среди погибших 12 человек, в том числе 3 матери и 2 вдовы.", language="ru")
    assert [(f[1], f[3]) for f in figures] == [(12, None), (3, "women"), (2, "women")]
    assert [f[3] for f in brief("При обстреле ранены 4 жены и 2 матери.", language="ru")] == [
        "women", "women"]


# -- parts listed after a part, with nothing between but a comma, "and" or a place ---------

def test_items_after_a_part_with_places_are_parts_of_the_same_whole():
    text = ("The final count: at least 184 dead, 71 of them in Velmor, 40 in Arkon and 22 in "
            "Tessa; at least 300 wounded.")
    figures = brief(text)
    assert [(f[1], f[2], f[4]) for f in figures] == [
        (184, "killed", None), (71, "killed", 0), (40, "killed", 0), (22, "killed", 0),
        (300, "injured", None)]


def test_items_after_a_colon_list_are_parts_of_the_whole():
    text = "Nine people are still missing: four civilians, three soldiers and two policemen."
    assert [(f[1], f[4]) for f in brief(text)] == [(9, None), (4, 0), (3, 0), (2, 0)]


# -- speakers -------------------------------------------------------------------------------

def speakers(text: str, **kwargs) -> list:
    return [f.speaker for f in extract_figures(text, **kwargs)]


def test_body_word_before_a_title_stays_with_the_name():
    text = "Police spokesman Oren Talve said 31 people were detained after the riot."
    assert speakers(text) == ["Police spokesman Oren Talve"]


def test_an_adverb_before_a_reporting_verb_is_no_speaker():
    assert speakers("The flooding has so far claimed 46 victims.") == [None]
    assert speakers("Since 2019, 312 abductions have been fully documented.") == [None]


def test_russian_circumstance_before_the_speaker_is_left_out():
    text = "После совещания глава района Пётр Ильин сказал, что погибли пять человек."
    assert speakers(text, language="ru") == ["глава района Пётр Ильин"]


def test_russian_kak_pishet_names_the_speaker():
    text = "Как пишет «Северный вестник», при обстреле погибли 4 человека."
    assert speakers(text, language="ru") == ["«Северный вестник»"]


def test_russian_speaker_after_a_quote_keeps_the_whole_clause():
    text = ("«Погибли двое, ранены семь человек», — сообщила пресс-секретарь управления "
            "МЧС по Тверской области Анна Лукина.")
    assert speakers(text, language="ru") == [
        "пресс-секретарь управления МЧС по Тверской области Анна Лукина"] * 2


# -- harm told by the care it needs ---------------------------------------------------------

def test_russian_hospital_care_counts_the_injured():
    for text in ("После взрыва около 30 человек срочно госпитализировали.",
                 "Девять человек сейчас в больнице.",
                 "Около сотни человек попали в больницы, ещё 12 в реанимации."):
        assert {f[2] for f in brief(text, language="ru")} == {"injured"}, text


def test_english_still_in_hospital_counts_the_injured():
    assert brief("Some 14 people remain in hospital with burns.")[0][1:3] == (14, "injured")


# -- a harm word after the next figure is that figure's ------------------------------------

def test_harm_word_after_and_a_later_figure_belongs_to_it():
    assert [f[1:3] for f in brief("The shelling killed 37 people and left hundreds more "
                                  "wounded.")] == [(37, "killed"), (None, "injured")]
    # the figure's own parts listed before its verb do not take it away
    text = "At least 812 people, including 300 children and 95 women, have been killed."
    assert [f[2] for f in brief(text)] == ["killed"] * 3


def test_russian_hundreds_counted_as_sotni():
    assert brief("Около двух сотен человек попали в больницы.", language="ru")[0][1:3] == (
        200, "injured")
    assert brief("Погибли три сотни человек.", language="ru")[0][1] == 300
