"""Constructions fixed after batch b28 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll.claims import extract_figures
from toll_testing import figures_in

FIELDS = ("text", "value", "low", "high", "qualifier", "category", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


# -- Russian «более тысячи», «около сотни»: one thousand, one hundred -------------------------

def test_russian_vague_word_after_a_qualifier_is_one_of_its_unit():
    assert brief("В посёлке удерживали больше тысячи заложников.", language="ru")[0][1:6] == (
        1000, 1000, None, "more_than", "captured")
    assert brief("Погибли более сотни жителей деревни.", language="ru")[0][1:5] == (
        100, 100, None, "more_than")
    assert brief("Ранения получили около тысячи человек.", language="ru")[0][1:5] == (
        1000, None, None, "approx")


def test_russian_vague_word_alone_stays_vague():
    assert brief("Погибли тысячи человек.", language="ru")[0][1:5] == (None, 2000, None, "vague")
    assert brief("Ранены сотни людей.", language="ru")[0][1:5] == (None, 200, None, "vague")


# -- "handed over": a verb's particle, not "more than" --------------------------------------

def test_over_after_handed_or_turned_is_no_qualifier():
    figures = brief("The militia handed over 32 sailors to the envoy on Tuesday.")
    assert figures[0][1:6] == (32, None, None, "exact", "released")
    assert brief("Over 32 sailors were captured.")[0][4] == "more_than"
    assert brief("The rebels took over 300 prisoners.")[0][4] == "more_than"


# -- prisoners going home are released -------------------------------------------------------

def test_prisoners_who_went_home_or_arrived_back_are_released():
    assert [f[5] for f in brief("On Friday 140 prisoners of war went home across the bridge.")] == [
        "released"]
    assert [f[5] for f in brief(
        "Some 35 former detainees arrived back in the capital on Sunday.")] == ["released"]
    assert [f[5] for f in brief("Eventually 61 hostages returned to their families.")] == [
        "released"]
    assert [f[5] for f in brief("Around 50 prisoners are held in the camp.")] == ["captured"]


# -- Russian care and nouns in the dative -----------------------------------------------------

def test_russian_hospital_named_before_the_verb_counts_the_injured():
    assert [f[1::4] for f in brief("В больницы доставлены 27 человек.", language="ru")] == [
        (27, "injured")]
    figures = brief("Ещё 16 пострадавшим оказывают помощь, из них 9 получили ожоги.", language="ru")
    assert [(f[1], f[5], f[6]) for f in figures] == [(16, "injured", None), (9, "injured", 0)]


def test_russian_noun_before_a_bare_number():
    figures = brief("Погибли 12 человек. Раненых 31, в том числе 20 детей.", language="ru")
    assert [(f[1], f[5], f[6]) for f in figures] == [
        (12, "killed", None), (31, "injured", None), (20, "injured", 1)]
    figures = brief("Пострадавших, по разным данным, от 100 до 150.", language="ru")
    assert [(f[2], f[3], f[4], f[5]) for f in figures] == [(100, 150, "range", "injured")]
    assert brief("В городе было 15 больниц.", language="ru") == []


# -- English -----------------------------------------------------------------------------------

def test_mineworkers_and_strikers_are_people():
    figures = brief("The killing of 41 mineworkers and the wounding of 63 strikers was filmed.")
    assert [(f[1], f[5]) for f in figures] == [(41, "killed"), (63, "injured")]


def test_toll_put_as_high_as():
    figures = brief("Local radio put the toll as high as 90.")
    assert [f[1:6] for f in figures] == [(90, None, 90, "at_most", "killed")]


# -- speakers ----------------------------------------------------------------------------------

def speakers(text: str, **kwargs) -> list:
    return [f.speaker for f in extract_figures(text, **kwargs)]


def test_russian_according_with_an_adjective_and_a_name_in_quotes():
    assert speakers("По уточнённым сведениям пресс-службы областного минздрава, погибли шесть "
                    "человек.", language="ru") == ["пресс-службы областного минздрава"]
    assert speakers("По предварительным данным, погибли 8 человек.", language="ru") == [None]
    text = ("По официальным данным, погибли 40 человек, а по подсчётам правозащитного центра "
            "«Память» — 52 человека.")
    assert speakers(text, language="ru") == [None, "правозащитного центра «Память»"]


def test_russian_speaker_named_in_quotes_before_its_verb():
    assert speakers("Союз «Матери» настаивает, что погибли 90 солдат.", language="ru") == [
        "Союз «Матери»"]


def test_russian_time_phrase_before_the_speaker_is_left_out():
    text = ("Сначала полиция города говорила о трёх погибших. На следующий день региональные "
            "СМИ сообщили, что погибших уже пять.")
    assert speakers(text, language="ru") == ["полиция города", "региональные СМИ"]


def test_a_later_clause_joined_by_and_has_its_own_speaker():
    text = ("Local channels put the toll as high as 80, and the Norland Press Agency said up to "
            "200 people had been wounded.")
    assert speakers(text) == ["Local channels", "the Norland Press Agency"]
    text = "Officials said 30 died; the Red Crescent said 45 were hurt."
    assert speakers(text) == ["officials", "the Red Crescent"]
    assert speakers("The ministry said 40 people were killed and 12 wounded.") == [
        "The ministry", "The ministry"]


def test_a_speaker_after_a_semicolon_does_not_speak_for_the_figures_before_it():
    text = ("Врачи сообщили о 20 погибших; местный телеканал «Север» сообщал о 25 "
            "погибших.")
    assert speakers(text, language="ru") == ["Врачи", "местный телеканал «Север»"]
    text = "Of them, 12 died in hospital; the local radio station Norland FM reported 15 dead."
    assert speakers(text)[0] is None


# -- times, and attackers counted apart --------------------------------------------------------

def test_digits_with_a_decimal_part_and_no_scale_count_no_one():
    text = "At 2.15 in the morning soldiers fired on the march, killing 14 people."
    assert [f[1] for f in brief(text)] == [14]
    assert brief("Some 1.5 million people were displaced.")[0][1] == 1500000
    assert brief("Бежали 2,5 тысячи человек.", language="ru")[0][1] == 2500


def test_attackers_counted_out_of_the_gunmen_are_no_part_of_their_victims():
    text = ("At least 12 people died at the market, and officials said three of the gunmen had "
            "been shot dead.")
    assert [(f[1], f[6]) for f in brief(text)] == [(12, None), (3, None)]
    text = "Nine militants were killed, and three of the militants were commanders."
    assert [(f[1], f[6]) for f in brief(text)] == [(9, None), (3, 0)]


def test_russian_hostages_taken_told_before_the_number():
    figures = brief("У вокзала боевики взяли в заложники более двухсот пассажиров.", language="ru")
    assert [(f[1], f[4], f[5]) for f in figures] == [(200, "more_than", "captured")]
    assert [f[5] for f in brief("Всего в заложниках оказались 350 человек.", language="ru")] == [
        "captured"]
    assert [f[5] for f in brief("Погибли 12 горожан.", language="ru")] == ["killed"]
