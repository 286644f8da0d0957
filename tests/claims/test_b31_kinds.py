"""Constructions fixed after batch b31 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll_testing import figures_in

FIELDS = ("text", "value", "qualifier", "category", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


def speakers(text: str, **options) -> list:
    return [f[-1] for f in figures_in(text, "text", "speaker", **options)]


# -- a speaker named by a role after a quote: "“…,” said the regional governor" -----------

def test_a_role_after_said_closing_a_quote_speaks_for_it():
    assert speakers('"Eleven people were killed and 40 wounded," said the regional governor.') \
        == ["the regional governor", "the regional governor"]
    assert speakers('"Nine civilians died in the strike," said a hospital spokesman, adding '
                    'that more were missing.') == ["a hospital spokesman"]
    assert speakers('"Four died," said Governor Ann Roe.') == ["Governor Ann Roe"]


# -- «из-под завалов достали N: X из них …»: a whole of the dead and the living ---------------

def test_people_taken_out_of_ruins_are_a_whole_of_casualties_with_parts():
    found = brief("Из-под завалов извлекли 52 человека: 30 из них, в том числе 6 детей, "
                  "погибли, 22 выжили с травмами.", language="ru")
    assert [(f[0], f[3], f[4]) for f in found] == [
        ("52 человека", "casualties", None), ("30 из них", "killed", 0),
        ("6 детей", "killed", 1), ("22 выжили с травмами", "injured", 0)]
    found = brief("Спасатели достали из-под обломков 14 человек: 9 из них были мертвы, пятеро "
                  "ранены.", language="ru")
    assert [(f[3], f[4]) for f in found] == [("casualties", None), ("killed", 0),
                                             ("injured", 0)]


def test_bodies_taken_out_of_ruins_stay_bodies_found():
    assert brief("Из-под завалов извлечены 40 тел.", language="ru")[0][3] == "bodies_found"


# -- «и ещё N объектов»: a count after "and another" shares the verb, and holds its parts ----

def test_a_count_after_and_another_shares_the_verb_and_holds_its_parts():
    found = brief("Обстрел повредил 27 жилых домов и ещё 9 объектов, в том числе три больницы.",
                  language="ru")
    assert [(f[1], f[3], f[4]) for f in found] == [
        (27, "buildings_damaged", None), (9, "buildings_damaged", None),
        (3, "buildings_damaged", 1)]
    found = brief("Ракета разрушила 4 дома и ещё 2 объекта.", language="ru")
    assert [(f[1], f[3]) for f in found] == [(4, "buildings_destroyed"),
                                             (2, "buildings_destroyed")]
    found = brief("The shelling damaged 27 homes and another 9 buildings, including three "
                  "clinics.")
    assert [(f[1], f[4]) for f in found] == [(27, None), (9, None), (3, 1)]


# -- «2 тысячи 192 человека»: the rest after a thousand written as a word -----------------

def test_a_thousand_word_with_digits_after_is_one_number():
    assert [f[1] for f in brief("Ранены 2 тысячи 192 человека.", language="ru")] == [2192]
    assert [f[1] for f in brief("Ранены 3 тыс. 400 человек.", language="ru")] == [3400]
    assert [f[1] for f in brief("About 2 thousand 300 people were wounded.")] == [2300]
    found = brief("Погибли 5 тысяч человек, 12 июня — ещё 40.", language="ru")
    assert found[0][1] == 5000


def test_nazval_reports():
    assert speakers("Минздрав области назвал новую цифру: погибли 25 человек.",
                    language="ru") == ["Минздрав области"]


# -- «Среди погибших были …»: every item of the list after a Russian part marker ------------

def test_every_item_after_sredi_pogibshikh_is_of_the_dead():
    found = brief("При пожаре погибли 9 человек, ранен 31 человек. Среди погибших были четыре "
                  "гражданина Киргизии и два гражданина Армении.", language="ru")
    assert [(f[3], f[4]) for f in found[2:]] == [("killed", 0), ("killed", 0)]
    found = brief("Ранены 31 человек, погибли 9. Среди раненых были четыре гражданина Киргизии "
                  "и два гражданина Армении.", language="ru")
    assert [f[3] for f in found[2:]] == ["injured", "injured"]


# -- Russian harm words: care sought first, «ранило» ---------------------------------------

def test_care_sought_told_first_and_ranilo_are_injured():
    found = brief("За помощью к врачам обратились 37 человек — 15 мужчин и 22 женщины.",
                  language="ru")
    assert [(f[1], f[3], f[4]) for f in found] == [(37, "injured", None), (15, "injured", 0),
                                                   (22, "injured", 0)]
    assert brief("Осколками ранило ещё семерых жителей.", language="ru")[0][3] == "injured"
    assert brief("Взрыв ранил 12 человек.", language="ru")[0][3] == "injured"


def test_smertelno_ranil_is_killed():
    assert brief("Ночью нападавшие смертельно ранили двоих полицейских.",
                 language="ru")[0][3] == "killed"
    assert brief("Трое полицейских были смертельно ранены.", language="ru")[0][3] == "killed"


# -- English: still in intensive care, still in hospital ----------------------------------

def test_still_in_intensive_care_or_hospital_is_injured():
    found = brief("The blast killed 30 people, the ministry said, adding that 12 people were "
                  "still in intensive care, four of them children.")
    assert [(f[3], f[4]) for f in found] == [("killed", None), ("injured", None),
                                             ("injured", 1)]
    found = brief("Officials said 40 people were killed and 9 were still in hospital.")
    assert [f[3] for f in found] == ["killed", "injured"]


# -- a Russian quote after its speaker's title and name, a bare number before «» ------------

def test_a_russian_quote_is_spoken_by_the_titled_subject_before_it():
    text = ("Заместитель мэра Казани Иван Петров, побывавший в больнице вечером, рассказал: "
            "«Погибли 6 человек, ранены 20».")
    assert [f[1:] for f in figures_in(text, "text", "value", "category", "speaker",
                                      language="ru")] == [
        (6, "killed", "Заместитель мэра Казани Иван Петров"),
        (20, "injured", "Заместитель мэра Казани Иван Петров")]


# -- «семеро из них были детьми»: the group named after a Russian copula -------------------

def test_a_group_after_iz_nikh_byli_is_the_parts_subgroup():
    found = figures_in("Взрыв оборвал жизни 52 человек, шесть из них были детьми.",
                       "value", "category", "part_of", "subgroup", language="ru")
    assert found == [(52, "killed", None, None), (6, "killed", 0, "children")]
    found = figures_in("The fire killed 40 people, seven of whom were children.",
                       "value", "part_of", "subgroup")
    assert found == [(40, None, None), (7, 0, "children")]


def test_the_wounded_at_n_after_the_dead_at_n_is_injured():
    found = brief("Officials put the dead at 40 and the wounded at 120.")
    assert [(f[1], f[3]) for f in found] == [(40, "killed"), (120, "injured")]
