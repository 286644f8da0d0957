"""Constructions fixed after batch b29 (issue 17), each on invented sentences (none from any
corpus or batch)."""

from toll.claims import extract_figures
from toll_testing import figures_in

FIELDS = ("text", "value", "low", "high", "qualifier", "category", "part_of")


def brief(text: str, **options) -> list[tuple]:
    return figures_in(text, *FIELDS, **options)


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


# -- harm verbs and phrases ----------------------------------------------------------------

def test_russian_recognised_as_victims_or_disabled_are_injured():
    assert [f[1::4] for f in brief("Пострадавшими официально признаны 420 жителей посёлка.",
                                   language="ru")] == [(420, "injured")]
    figures = brief("Погибли 7 человек, пострадавшими признали 260.", language="ru")
    assert [(f[1], f[5]) for f in figures] == [(7, "killed"), (260, "injured")]
    assert [f[1::4] for f in brief("После обстрела 11 человек стали инвалидами.",
                                   language="ru")] == [(11, "injured")]
    assert [f[1::4] for f in brief("Ещё 5 жителей остались инвалидами.", language="ru")] == [
        (5, "injured")]


def test_russian_died_later_is_killed():
    assert [f[1::4] for f in brief("Ночью в больнице скончались ещё два человека.",
                                   language="ru")] == [(2, "killed")]
    assert [f[1::4] for f in brief("Ещё трое раненых позже умерли в реанимации.",
                                   language="ru")] == [(3, "killed")]


def test_russian_fate_unknown_sheltered_and_evicted():
    assert [f[1::4] for f in brief("О судьбе ещё 7 пассажиров пока ничего не известно.",
                                   language="ru")] == [(7, "missing")]
    assert [f[1::4] for f in brief("Около 900 жителей укрылись в здании вокзала.",
                                   language="ru")] == [(900, "displaced")]
    assert [f[1::4] for f in brief("Из квартала выселены 120 семей.", language="ru")] == [
        (120, "displaced")]


def test_in_custody_is_captured_and_taken_in_is_displaced():
    assert [f[1::4] for f in brief("Officials said 14 suspects were now in police custody.")] == [
        (14, "captured")]
    assert [f[1::4] for f in brief(
        "The monastery took in as many as 3,000 families fleeing the fighting.")] == [
        (3000, "displaced")]
    assert [f[1::4] for f in brief("About 600 people are sheltering in the stadium.")] == [
        (600, "displaced")]


def test_searching_for_the_rest_is_missing():
    assert [f[1::4] for f in brief(
        "Four miners were rescued and divers kept searching for the other 11.")][-1] == (
        11, "missing")
    assert [f[1::4] for f in brief(
        "Gunmen seized 20 passengers; a search for the remaining 6 went on.")] == [
        (20, "captured")]  # the search itself counts no one


# -- verb beats noun: the injured who died ----------------------------------------------------

def test_injured_who_died_are_killed():
    assert [f[1::4] for f in brief("Two more wounded men died in hospital overnight.")] == [
        (2, "killed")]
    assert [f[1::4] for f in brief("The toll could rise if any of the 80 wounded died.")] == [
        (80, "injured")]
    assert [f[1::4] for f in brief("Ten people were killed and eight wounded in the raid.")] == [
        (10, "killed"), (8, "injured")]


def test_dead_among_the_injured_stay_their_part():
    figures = brief("В госпиталь доставили 31 раненого, четверо из них скончались.", language="ru")
    assert [(f[1], f[5], f[6]) for f in figures] == [(31, "injured", None), (4, "killed", 0)]
    figures = brief("Police said 50 people were hurt; six of them later died.")
    assert [(f[1], f[5], f[6]) for f in figures] == [(50, "injured", None), (6, "killed", 0)]


# -- casualties: "dead or wounded", harm of any kind with the dead among its parts -----------

def test_dead_or_wounded_after_the_noun_is_casualties():
    assert [f[1::4] for f in brief("The car bomb left 25 people dead or wounded.")] == [
        (25, "casualties")]
    assert [f[1::4] for f in brief("Some 60 villagers were killed or injured.")] == [
        (60, "casualties")]
    assert [f[1::4] for f in brief("The car bomb left 25 people dead.")] == [(25, "killed")]


def test_russian_harmed_with_the_dead_among_them_is_casualties():
    figures = brief("При взрыве пострадали 30 человек: пятеро погибли на месте.", language="ru")
    assert [(f[1], f[5], f[6]) for f in figures] == [(30, "casualties", None), (5, "killed", 0)]
    figures = brief("Пострадали 30 человек: пятеро получили ожоги.", language="ru")
    assert [(f[1], f[5]) for f in figures][0] == (30, "injured")


def test_suffocated_and_the_hospitalised_in_russian():
    assert [f[1::4] for f in brief("At least 14 migrants suffocated in the container.")] == [
        (14, "killed")]
    assert [f[1::4] for f in brief("Известно о 6 погибших и 21 госпитализированных.",
                                   language="ru")] == [(6, "killed"), (21, "injured")]


# -- figures with no noun after the number ----------------------------------------------------

def test_russian_running_total_after_a_long_noun_phrase():
    figures = brief("Губернатор сообщил, что число жертв пожара в торговом центре выросло до 17.",
                    language="ru")
    assert [(f[1], f[5]) for f in figures] == [(17, "killed")]


def test_russian_harm_noun_and_an_adverb_before_a_bare_number():
    assert [f[1::4] for f in brief("По уточнённым данным, раненых уже 44.", language="ru")] == [
        (44, "injured")]
    assert [f[1::4] for f in brief("Погибших всего 3.", language="ru")] == [(3, "killed")]


def test_bare_numbers_that_needed_care_are_injured():
    figures = brief("About 500 people were hurt. Of these, 120 needed hospital treatment "
                    "and 15 underwent surgery.")
    assert [(f[1], f[5]) for f in figures] == [(500, "injured"), (120, "injured"), (15, "injured")]


# -- a subgroup after the verb: "N of the M dead were women" -------------------------------

def test_subgroup_named_after_the_total_a_part_is_counted_out_of():
    figures = extract_figures("The survey found that 30 of the 250 people killed were women "
                              "and 12 were children.")
    assert [(f.value, f.category, f.subgroup, f.part_of) for f in figures] == [
        (30, "killed", "women", 1), (250, "killed", None, None), (12, "killed", "children", 1)]
    figures = extract_figures("Some 14 of the 200 dead were girls.")
    assert [(f.value, f.subgroup, f.part_of) for f in figures] == [
        (14, "girls", 1), (200, None, None)]


# -- more words for the same harms ------------------------------------------------------------

def test_russian_victims_became_with_words_between_and_singular_wounded():
    assert [f[1::4] for f in brief("Жертвами обстрела на рынке стали десятки жителей.",
                                   language="ru")] == [(None, "killed")]
    assert [f[1::4] for f in brief("Ночью ещё один раненый скончался.", language="ru")] == [
        (1, "killed")]
    assert [f[1::4] for f in brief("Один раненый остаётся в реанимации.", language="ru")] == [
        (1, "injured")]


def test_wounds_they_had_are_injuries():
    assert [f[1::4] for f in brief("Doctors said 23 people in the clinic had burn wounds.")] == [
        (23, "injured")]


def test_taking_part_is_no_capture():
    assert brief("Between 20 and 25 gunmen are thought to have taken part in the raid.") == []
    assert brief("Some 300 fighters took part in the assault.") == []
    assert [f[1::4] for f in brief("Rebels took 40 villagers from the market.")] == [
        (40, "captured")]


def test_classed_as_injured_after_several_words():
    assert [f[1::4] for f in brief(
        "Of these, 45 were classed as seriously or very seriously injured.")] == [(45, "injured")]


def test_the_dead_of_them_after_an_arrest_stay_its_part():
    figures = brief("Soldiers detained 900 men and drove them off in lorries; 40 of them "
                    "suffocated on the way.")
    assert [(f[1], f[5], f[6]) for f in figures] == [(900, "captured", None), (40, "killed", 0)]
    figures = brief("Four of the patients later died.")
    assert [(f[1], f[5], f[6]) for f in figures] == [(4, "killed", None)]
