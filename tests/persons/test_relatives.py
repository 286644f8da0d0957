"""Relatives killed together share all but their given names: they stay apart."""

import itertools

import numpy as np
import pandas as pd
import pytest
from _lists import synth_records

from toll.persons.evaluation import pairwise_scores
from toll.persons.linkage import _review_pairs, discount_relatives, link
from toll.synth import SynthSettings
from toll.synth.lists import make_lists


def _pairs(**columns):
    frame = pd.DataFrame({"record_id_l": ["1", "3"], "record_id_r": ["2", "4"], **columns})
    return frame.assign(match_probability=1 / (1 + np.exp2(-frame["match_weight"])))


def test_date_and_place_do_not_count_when_the_given_names_differ():
    pairs = _pairs(
        match_weight=[3.0, 3.0],
        mw_given=[-5.8, 4.0],
        mw_event=[10.0, 10.0],
        mw_place=[-1.5, 3.5],
    )
    out = discount_relatives(pairs, names_differ=-5.8)
    first, second = out.iloc[0], out.iloc[1]
    assert first["mw_relatives"] == -10.0  # the date's +10; the place's -1.5 still counts
    assert first["match_weight"] == -7.0
    assert first["match_probability"] < 0.01
    assert second["mw_relatives"] == 0.0 and second["match_weight"] == 3.0


def test_pairs_kept_apart_by_the_discount_go_to_review():
    pairs = _pairs(match_weight=[-7.0, 8.0], mw_relatives=[-13.0, 0.0], mw_given=[-5.8, 4.0])
    pairs = pairs.assign(decision=None)
    clusters = pd.DataFrame({"record_id": list("1234"), "cluster_id": list("1233")})
    review = _review_pairs(pairs, clusters, threshold=0.9, review_band=(0.5, 0.9))
    assert review["reason"].tolist() == [
        "kept apart: different given names, same family, place and date (relatives?)"
    ]


@pytest.fixture(scope="module")
def families():
    lists = make_lists(SynthSettings(persons=1500, lists=4, seed=5, sibling_rate=0.3))
    return synth_records(lists), lists.population.set_index("person_id")["family"]


def test_siblings_are_not_merged_and_persons_still_are(families):
    records, family = families
    result = link(records.drop(columns="person"))
    truth = records.set_index("record_id")["person"]
    precision, recall, f1 = pairwise_scores(result.clusters, truth)
    assert f1 >= 0.93, (precision, recall)
    of = result.clusters.set_index("record_id")["cluster_id"]
    sibling_pairs = merged = 0
    for _, members in records.groupby(records["person"].map(family))["record_id"]:
        for a, b in itertools.combinations(members, 2):
            if truth[a] != truth[b]:
                sibling_pairs += 1
                merged += of[a] == of[b]
    assert sibling_pairs > 200
    assert merged / sibling_pairs < 0.05, (merged, sibling_pairs)


def test_birth_years_far_apart_weigh_against_one_person_even_where_families_share_the_day(
    families,
):
    # EM learns the birth year on pairs sharing a name and a day of death, households
    # among them: a father and his namesake son 25 years apart must still count against.
    records, _ = families
    parameters = link(records.drop(columns="person")).model.parameters()
    birth = parameters[parameters["field"] == "birth"]
    assert birth["match_weight"].iloc[-1] < -6
