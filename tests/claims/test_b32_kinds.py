"""Constructions fixed after batch b32 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll_testing import figures_in

BRIEF = ("text", "value", "qualifier", "category", "part_of")


def brief(text: str, **options) -> list[tuple]:
    """(text, value, qualifier, category, part_of) of each figure found in `text`."""
    return figures_in(text, *BRIEF, **options)


def speakers(text: str, **options) -> list:
    """Who states each figure found in `text`."""
    return [who for _, who in figures_in(text, "text", "speaker", **options)]


# -- Russian harm words: «стоили жизни N людям», «сгорели заживо», «задохнулись», «казнили» ------

def test_russian_ways_of_dying_are_killed():
    assert brief("Беспорядки на площади стоили жизни 31 человеку.", language="ru") == [
        ("31 человеку", 31, "exact", "killed", None)]
    assert brief("Пожар в общежитии стоил жизни 12 людям.", language="ru") == [
        ("12 людям", 12, "exact", "killed", None)]
    found = brief("В подвале 17 человек сгорели заживо, ещё четверо задохнулись дымом.",
                  language="ru")
    assert [(f[1], f[3]) for f in found] == [(17, "killed"), (4, "killed")]
    assert brief("Ночью казнили по меньшей мере 20 пленных.", language="ru") == [
        ("по меньшей мере 20 пленных", 20, "at_least", "killed", None)]
    assert [f[3] for f in brief("Двое разбились, выпрыгнув из окон.", language="ru")] == [
        "killed"]


def test_russian_care_sought_is_injured():
    found = brief("В давке у стадиона погибли 9 человек, а за медицинской помощью обратились "
                  "ещё 120.", language="ru")
    assert [(f[1], f[3]) for f in found] == [(9, "killed"), (120, "injured")]
    found = brief("К утру в больницы обратились 33 жителя посёлка, из них 10 госпитализированы.",
                  language="ru")
    assert [(f[1], f[3], f[4]) for f in found] == [(33, "injured", None), (10, "injured", 0)]


def test_crashed_cars_are_not_people():
    assert brief("На трассе разбились 3 автомобиля.", language="ru") == []


# -- Russian speakers: «сообщил в Телеграме X», «сообщили в администрации X» ------------------

def test_a_russian_channel_named_with_a_capital_is_not_the_speaker():
    assert speakers("Погибли 13 человек, сообщил в Телеграме глава области Иван Петров.",
                    language="ru") == ["глава области Иван Петров"]
    assert speakers("Ранены 4 человека, написал в Telegram губернатор Иван Петров.",
                    language="ru") == ["губернатор Иван Петров"]


def test_a_russian_body_named_by_where_it_sits_keeps_that_word():
    assert speakers("В ДТП пострадали семь пассажиров автобуса, сообщили в администрации "
                    "губернатора.", language="ru") == ["администрации губернатора"]
    assert speakers("Погибли 13 человек, сообщили в правоохранительных органах Назрани.",
                    language="ru") == ["правоохранительных органах Назрани"]


# -- an age after the person: "a boy of six among them" is no count of six -------------------

def test_an_age_after_a_person_is_no_count():
    assert [f[1] for f in brief("Four villagers, a girl of nine among them, died in the "
                                "shelling.")] == [4]
    assert brief("A woman of 70 was wounded by shrapnel.") == []
    assert [f[1] for f in brief("The strike killed 3 children of the family.")] == [3]


# -- "…, news reports said": unnamed reports speak for the sentence ---------------------------

def test_news_reports_speak_for_the_sentence_before_them():
    assert speakers("The blast killed at least 20 and wounded more than 60, news reports said "
                    "on Friday.") == ["news reports", "news reports"]
    assert speakers("Eight people died, media reports said.") == ["media reports"]


# -- "…, bringing the total to N": the running total of the count before it ------------------

def test_bringing_the_total_to_takes_the_category_of_the_count_before_it():
    assert brief("Another 14 bodies were found on Tuesday, bringing the total to 270.") == [
        ("14 bodies", 14, "exact", "bodies_found", None),
        ("270", 270, "exact", "bodies_found", None)]
    assert [f[3] for f in brief("Nine people were taken hostage on Friday, bringing the "
                                "total to 40.")] == ["captured", "captured"]
    assert brief("The town has 3 schools, bringing the total to 12.") == []


# -- Russian people words: «сторонников», «активистов»; «восьмерых», «девятерых» --------------

def test_russian_supporters_and_activists_are_people():
    assert brief("В давке на митинге погибли почти пятьдесят сторонников партии.",
                 language="ru") == [("почти пятьдесят сторонников", 50, "approx", "killed", None)]
    assert [(f[1], f[3]) for f in brief("На площади задержаны 14 активистов.", language="ru")] == [
        (14, "captured")]
    assert [f[1] for f in brief("Боевики убили восьмерых заложников.", language="ru")] == [8]


# -- «Украине переданы N военнопленных»: handed over in an exchange is released ----------------

def test_prisoners_handed_over_are_released():
    assert brief("В ответ Украине переданы 157 военнопленных.", language="ru") == [
        ("157 военнопленных", 157, "exact", "released", None)]
    assert [f[3] for f in brief("Тела 20 погибших переданы родственникам.", language="ru")] == [
        "killed"]


# -- «N членов экипажа»: crew members are people, and the figure carries its noun --------------

def test_russian_crew_members_are_people():
    assert brief("При крушении вертолёта погибли 25 человек — 19 пассажиров и 6 членов экипажа.",
                 language="ru") == [
        ("25 человек", 25, "exact", "killed", None), ("19 пассажиров", 19, "exact", "killed", 0),
        ("6 членов экипажа", 6, "exact", "killed", 0)]
    assert brief("Ранены два члена экипажа.", language="ru") == [
        ("два члена экипажа", 2, "exact", "injured", None)]


# -- «Украине передали 185 пленных»: handed over, not a reporting verb -------------------------

def test_handed_over_prisoners_are_no_speakers_verb():
    assert speakers("Минобороны сообщило, что на родину вернулись 64 военных, а Украине "
                    "передали 64 пленных.", language="ru") == ["Минобороны", "Минобороны"]
    assert speakers("Погибли 5 человек, передала пресс-служба МЧС.", language="ru") == [
        "пресс-служба МЧС"]
