"""One list names a person once: each other's clear best candidate is linked."""

import numpy as np
import pandas as pd

from toll.persons.candidates import CLEAR_BEST, lift_clear_best

SOURCES = pd.Series({"x": "A", "y": "B", "z": "B", "w": "A", "v": "A"})


def _pairs(rows):
    frame = pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "match_weight"])
    return frame.assign(match_probability=1 / (1 + np.exp2(-frame["match_weight"])))


def _lifted(rows):
    out = lift_clear_best(_pairs(rows), SOURCES, threshold=0.9, low=0.5)
    keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
    return dict(zip(keys, out[CLEAR_BEST], strict=True))


def test_a_common_name_alone_links_when_no_namesake_competes_in_the_other_list():
    lifted = _lifted([("x", "y", 1.5), ("x", "z", -3.0)])
    assert lifted[("x", "y")] > 0  # 0.74 -> 0.9
    assert lifted[("x", "z")] == 0


def test_a_namesake_close_behind_in_the_same_list_keeps_it_in_review():
    lifted = _lifted([("x", "y", 1.5), ("x", "z", 0.5)])
    assert lifted[("x", "y")] == 0


def test_the_same_person_twice_in_the_other_list_is_no_competitor():
    lifted = _lifted([("x", "y", 1.5), ("x", "z", 1.0), ("y", "z", 6.0)])
    assert lifted[("x", "y")] > 0


def test_it_must_be_the_best_both_ways():
    # y has a clearly better candidate than x in list A: w
    lifted = _lifted([("x", "y", 1.5), ("w", "y", 5.0)])
    assert lifted[("x", "y")] == 0 and lifted[("w", "y")] == 0  # w-y is linked already


def test_pairs_inside_one_list_are_left_as_scored():
    assert _lifted([("w", "x", 1.5)])[("w", "x")] == 0


def test_weights_still_add_up_and_the_probability_is_the_threshold():
    out = lift_clear_best(_pairs([("x", "y", 1.5)]), SOURCES, threshold=0.9, low=0.5)
    row = out.iloc[0]
    assert row["match_probability"] == 0.9
    assert np.isclose(row["match_weight"], np.log2(9))
    assert np.isclose(row[CLEAR_BEST], np.log2(9) - 1.5)


def test_only_eligible_pairs_are_raised():
    pairs = _pairs([("x", "y", 1.5)])
    out = lift_clear_best(pairs, SOURCES, threshold=0.9, low=0.5, eligible=np.array([False]))
    assert out[CLEAR_BEST].tolist() == [0.0]
