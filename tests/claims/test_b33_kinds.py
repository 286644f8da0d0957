"""Constructions fixed after batches b33 and b34 (issue 17), each on invented sentences (none
from any corpus or batch)."""

from toll_testing import figures_in


def who_states(text: str, **options) -> list:
    """The speaker of each figure found in `text`, in order."""
    return [who for _, who in figures_in(text, "text", "speaker", **options)]


# -- English speakers after a setting: "On Tuesday X said", "At a briefing X confirmed" ----------

def test_a_weekday_opening_the_sentence_is_no_part_of_the_speaker():
    assert who_states("On Tuesday regional officials said 14 people died, 9 women among "
                      "them.") == ["regional officials", "regional officials"]


def test_a_setting_in_lower_case_before_a_name_is_no_part_of_the_speaker():
    assert who_states("At a briefing Governor Ann Roe confirmed 30 killed.") == [
        "Governor Ann Roe"]
    assert who_states("In a radio interview Mayor Tom Bell said 8 people were killed.") == [
        "Mayor Tom Bell"]
    assert who_states("An hour later Mayor Tom Bell said 8 people were killed.") == [
        "Mayor Tom Bell"]


def test_who_speaks_in_lower_case_is_kept_as_written():
    assert who_states("A senior police officer said 6 people were killed.") == [
        "A senior police officer"]
    assert who_states("An internal UN report found that at least 40 villagers were "
                      "killed.") == ["An internal UN report"]


# -- Russian: «сообщили в МЧС» is the body itself ----------------------------------------------

def test_russian_body_after_v_is_the_speaker():
    assert who_states("Не менее 12 человек погибли и 30 получили ранения, сообщили в МЧС.",
                      language="ru") == ["МЧС", "МЧС"]
    assert who_states("По меньшей мере 7 человек погибли, сообщили во ФСИН.",
                      language="ru") == ["ФСИН"]


# -- A list of bare numbers ending in an age or a month: none of them is a count ---------------

def values(text: str, **options) -> list:
    return [v for _, v in figures_in(text, "text", "value", **options)]


def test_a_list_of_ages_holds_no_count():
    assert values("Обстрел унёс жизни троих жителей, им было 41, 67 и 80 лет.",
                  language="ru") == [3]
    assert values("Погибли трое детей (5, 9 и 12 лет), ранены 4 человека.",
                  language="ru") == [3, 4]


def test_a_list_of_days_holds_no_count():
    assert values("Траур объявлен на 3, 4 и 5 мая; погибли 11 человек.", language="ru") == [11]


def test_counts_listed_before_people_are_still_counts():
    assert values("Погибли 5 и ранены 40 человек.", language="ru") == [5, 40]
    assert values("Gang violence killed more than 900 people as the displaced passed 2 "
                  "million, 30% more than a year before.") == [900, 2000000]


# -- English: "fatally injuring N", "N were fatally wounded" are killed; "hurting N" injured -----

def kinds(text: str, **options) -> list:
    return figures_in(text, "value", "category", **options)


def test_fatal_injuries_are_deaths():
    assert kinds("The gunman drove into the crowd, fatally injuring 7 people and hurting 20 "
                 "others.") == [(7, "killed"), (20, "injured")]
    assert kinds("Two officers were fatally wounded and 5 were injured.") == [
        (2, "killed"), (5, "injured")]
    assert kinds("The blast mortally wounded 2 guards; 9 people were injured.") == [
        (2, "killed"), (9, "injured")]
    # "hurting" alone is not a harm: "prices are hurting 40 million people"
    assert kinds("Rising prices are hurting 40 million people, the minister said.") == []


def test_people_in_hospital_after_the_dead_are_injured():
    assert kinds("By evening the police counted 30 killed and 12 people in hospital.") == [
        (30, "killed"), (12, "injured")]
    assert kinds("The strike killed 4, and 7 in hospital, officials said.") == [
        (4, "killed"), (7, "injured")]
    # "in hospital" closing a clause further on from the count is where, not a harm
    assert kinds("The ministry said 200 doctors are on duty in hospital.") == []
    assert kinds("She gave birth to 2 babies in hospital.") == []


# -- Russian: whom the speaker talks to is not the speaker («в разговоре с ТАСС назвал») --------

def test_russian_listener_between_speaker_and_verb():
    assert who_states("Глава района Иван Петров в разговоре с ТАСС назвал 12 погибших.",
                      language="ru") == ["Глава района Иван Петров"]
    assert who_states("Врач в интервью с «Новой газетой» рассказал о 5 раненых.",
                      language="ru") == ["Врач"]


def test_a_toll_that_had_reached_a_number_is_of_the_dead():
    assert kinds("Ann Roe told AFP the toll had reached 40.") == [(40, "killed")]
    assert kinds("By noon the toll has climbed to 17, the ministry said.") == [(17, "killed")]
