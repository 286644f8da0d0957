"""Name and place pools of `toll synth`: big enough for registers of a million victims,
spelled consistently across scripts."""

import numpy as np
import pandas as pd
import pytest

from toll.names import name_keys, place_key
from toll.synth.pools import _suffixed, load_pools
from toll.synth.population import make_population


def _sizes(kind: str) -> dict[str, int]:
    pools = load_pools()
    return {
        group: end - start
        for group, (start, end) in ((g, pools.ranges[g][kind]) for g in pools.groups)
    }


def test_every_group_has_hundreds_of_names():
    assert _sizes("male")["az"] >= 150
    assert _sizes("family")["az"] >= 400
    assert _sizes("places")["az"] >= 80
    assert min(_sizes("male").values()) >= 40
    assert min(_sizes("female").values()) >= 30
    assert min(_sizes("family").values()) >= 80
    assert min(_sizes("places").values()) >= 20


def test_no_name_is_listed_twice_in_a_group():
    pools = load_pools()
    for kind, table in (("male", pools.male), ("family", pools.family_m), ("places", pools.places)):
        for group in pools.groups:
            start, end = pools.ranges[group][kind]
            spellings = [name.lower() for name in table.az[start:end]]
            assert len(spellings) == len(set(spellings)), (group, kind)


@pytest.mark.parametrize(
    ("given", "rule", "family"),
    [
        (
            ("Həsən", "Гасан", ["Hasan", "Gasan"]),
            {"ending": "consonant", "add": "ov|ов|ov"},
            ("Həsənov", "Гасанов", ["Hasanov", "Gasanov"]),
        ),
        (
            ("Musa", "Муса", ["Musa"]),
            {"ending": "vowel", "add": "yev|ев|yev"},
            ("Musayev", "Мусаев", ["Musayev"]),
        ),
        (
            ("Qasım", "Гасым", ["Gasim"]),
            {"ending": "consonant", "add": "li|лы|li", "harmony": True},
            ("Qasımlı", "Гасымлы", ["Gasimli"]),
        ),
        (
            ("Həsən", "Гасан", ["Hasan"]),
            {"ending": "consonant", "add": "li|лы|li", "harmony": True},
            ("Həsənli", "Гасанли", ["Hasanli"]),
        ),
        (
            ("Petro", "Петро", ["Petro"]),
            {"ending": "vowel", "drop": 1, "add": "enko|енко|enko"},
            ("Petrenko", "Петренко", ["Petrenko"]),
        ),
        (
            ("Vasyl", "Василь", ["Vasyl"]),
            {"ending": "consonant", "add": "enko|енко|enko"},
            ("Vasylenko", "Василенко", ["Vasylenko"]),
        ),
        (
            ("Aram", "Арам", ["Aram"]),
            {"ending": "consonant", "add": "yan|ян|yan"},
            ("Aramyan", "Арамян", ["Aramyan"]),
        ),
    ],
)
def test_surnames_made_from_given_names(given, rule, family):
    assert _suffixed(given, rule) == family


def test_rules_apply_only_to_their_endings():
    assert _suffixed(("Musa", "Муса", ["Musa"]), {"ending": "consonant", "add": "ov|ов|ov"}) is None
    assert (
        _suffixed(("Sergey", "Сергей", ["Sergey"]), {"ending": "consonant", "add": "ov|ов|ov"})
        is None
    )
    assert _suffixed(("Aram", "Арам", ["Aram"]), {"ending": "vowel", "add": "yev|ев|yev"}) is None


def _agreeing_share(table, kind: str, key) -> float:
    pools = load_pools()
    agree = total = 0
    for group in pools.groups:
        start, end = pools.ranges[group][kind]
        for i in range(start, end):
            spellings = {table.az[i], table.ru[i], *table.en[i]}
            agree += len({key(spelling) for spelling in spellings}) == 1
            total += 1
    return agree / total


def test_spellings_of_one_name_mostly_meet_in_toll_names():
    """A name's Azerbaijani, Cyrillic and English spellings are transliterations of one
    another: Toll's sound keys make most of them meet (the rest are real variants such as
    Sahakyan/Saakyan, which the linkage must live with)."""
    pools = load_pools()
    given = _agreeing_share(pools.male, "male", lambda s: name_keys(given=s).given_phonetic)
    family = _agreeing_share(
        pools.family_m, "family", lambda s: name_keys(family=s).family_phonetic
    )
    places = _agreeing_share(pools.places, "places", place_key)
    assert given > 0.9
    assert family > 0.9
    assert places > 0.9


def test_few_people_are_indistinguishable_in_a_large_population():
    """Same given, family and father's name, sex, birth year and place: nobody could
    tell such two people apart, so a realistic population has few of them."""
    people = make_population(200_000, load_pools(), np.random.default_rng(5))
    people["birth_year"] = pd.to_datetime(people["birth_date"]).dt.year
    key = ["given_id", "family_id", "father_id", "sex", "birth_year", "place_id"]
    shared = people.groupby(key)["person_id"].transform("size") > 1
    assert shared.mean() < 0.005
