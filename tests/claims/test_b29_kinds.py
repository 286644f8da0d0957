"""Constructions fixed after batch b29 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll.claims import extract_figures


def brief(text: str, **kwargs) -> list[tuple]:
    return [(f.text, f.value, f.low, f.high, f.qualifier, f.category, f.part_of)
            for f in extract_figures(text, **kwargs)]


# -- Russian «десяток»: round tens, about so many -----------------------------------------------

def test_russian_tens_counted_in_desyatok_are_approximate():
    assert brief("При обстреле рынка погибли четыре десятка человек.", language="ru")[0][1:6] == (
        40, None, None, "approx", "killed")
    assert brief("Ранения получили пара десятков пассажиров.", language="ru")[0][1:6] == (
        20, None, None, "approx", "injured")
    assert brief("Задержаны полтора десятка участников акции.", language="ru")[0][1:5] == (
        15, None, None, "approx")
    assert brief("В посёлке погибли около десятка жителей.", language="ru")[0][1:5] == (
        10, None, None, "approx")


def test_russian_tens_with_a_qualifier_or_a_scale():
    assert brief("Ранены более трёх десятков человек.", language="ru")[0][1:5] == (
        30, 30, None, "more_than")
    assert brief("Из района бежали два десятка тысяч жителей.", language="ru")[0][1:6] == (
        20000, None, None, "approx", "displaced")
    assert brief("Погибли десятки жителей.", language="ru")[0][1:5] == (None, 20, None, "vague")


# -- qualifiers: «не менее чем о N», "at least some N" --------------------------------------

def test_russian_at_least_with_chem_and_a_preposition():
    assert brief("Врачи говорят не менее чем о 60 раненых.", language="ru")[0][1:6] == (
        60, 60, None, "at_least", "injured")
    assert brief("Погибли не менее чем 12 горняков.", language="ru")[0][1:5] == (
        12, 12, None, "at_least")
    assert brief("Сообщалось о более чем 40 погибших.", language="ru")[0][1:5] == (
        40, 40, None, "more_than")


def test_bound_before_an_approximate_word_is_the_qualifier():
    assert brief("At least some 250 villagers were killed in the raid.")[0][:5] == (
        "At least some 250 villagers", 250, 250, None, "at_least")
    assert brief("More than about 90 people were injured.")[0][4] == "more_than"
    assert brief("Some 90 people were injured.")[0][4] == "approx"
    assert brief("Up to about 90 people were injured.")[0][4] == "approx"
