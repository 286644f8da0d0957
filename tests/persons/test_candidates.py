"""One list names a person once: each other's clear best candidate is linked, and a
record's candidates in another list share its odds."""

from itertools import permutations

import numpy as np
import pandas as pd

from toll.persons.candidates import CLEAR_BEST, RIVALS, discount_rivals, lift_clear_best
from toll.persons.comparisons import SAME_LIST_WEIGHT
from toll.persons.linkage import SAME_LIST, _review_pairs, within_one_list

SOURCES = pd.Series({"x": "A", "y": "B", "z": "B", "w": "A", "v": "A", "u": "B"})


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


def _lifted_in_every_order(rows):
    """What is raised, the same for every order of the rows (else the test fails)."""
    results = {
        frozenset(key for key, lift in _lifted(list(order)).items() if lift > 0)
        for order in permutations(rows)
    }
    assert len(results) == 1, results
    return results.pop()


def test_every_candidate_near_the_best_competes_unless_it_is_the_best_twice():
    # z is y entered twice in list B; u, as close to x as z, is another person: x-y is not
    # clear, whichever of z and u comes first (the runner-up alone decided it)
    rows = [("x", "y", 3.0), ("x", "z", 2.0), ("x", "u", 2.0), ("y", "z", 6.0)]
    assert _lifted_in_every_order(rows) == frozenset()


def test_of_the_same_person_twice_equally_good_the_smaller_id_is_the_best():
    # y and z (one person twice in list B) are equally good for x: x-y is raised, in any order
    rows = [("x", "y", 1.5), ("x", "z", 1.5), ("y", "z", 6.0)]
    assert _lifted_in_every_order(rows) == frozenset({("x", "y")})


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


def _discounted(rows, **options):
    out = discount_rivals(_pairs(rows), SOURCES, low=0.9, **options)
    keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
    return dict(zip(keys, zip(out["match_probability"], out[RIVALS], strict=True), strict=True))


def test_a_namesake_as_likely_in_the_other_list_takes_a_link_into_review():
    # x (list A) scores 0.97 against both y and z (list B), who are not one person
    found = _discounted([("x", "y", 5.0), ("x", "z", 5.0)])
    assert 0.45 < found[("x", "y")][0] < 0.55  # odds 32 / (1 + 32)
    assert np.isclose(found[("x", "y")][1], -np.log2(33))


def test_a_rival_far_behind_costs_little():
    found = _discounted([("x", "y", 8.0), ("x", "z", -2.0)])
    assert found[("x", "y")][0] > 0.99
    assert found[("x", "z")][0] < found[("x", "y")][0]


def test_the_same_person_twice_in_the_other_list_is_no_rival():
    found = _discounted([("x", "y", 5.0), ("x", "z", 5.0), ("y", "z", 6.0)])
    assert found[("x", "y")][1] == 0 and found[("x", "z")][1] == 0


def test_a_rival_that_another_record_matches_far_better_costs_little():
    # z (list B) is as likely as y for x, but w (list A) claims z at odds 1024
    found = _discounted([("x", "y", 5.0), ("x", "z", 5.0), ("w", "z", 10.0)])
    assert found[("x", "y")][0] > 0.95  # without w's claim: 0.5
    assert found[("x", "z")][0] < 0.1 and found[("w", "z")][0] > 0.99


def test_the_rivals_of_either_record_count():
    # y (list B) has two candidates in list A, x and w: both links are shared
    found = _discounted([("x", "y", 5.0), ("w", "y", 5.0)])
    assert found[("x", "y")][0] < 0.9 and found[("w", "y")][0] < 0.9


def test_pairs_inside_one_list_and_exempt_pairs_are_not_discounted():
    found = _discounted([("w", "x", 5.0), ("v", "x", 5.0)])
    assert found[("w", "x")][1] == 0  # one list: no rivals there
    exempt = _discounted([("x", "y", 5.0), ("x", "z", 5.0)], exempt=np.array([True, False]))
    assert exempt[("x", "y")][1] == 0 and exempt[("x", "z")][1] < 0


def test_the_weights_still_add_up():
    out = discount_rivals(_pairs([("x", "y", 5.0), ("x", "z", 3.0)]), SOURCES, low=0.9)
    assert np.allclose(out["match_weight"], [5.0, 3.0] + out[RIVALS])
    assert np.allclose(out["match_probability"], 1 / (1 + np.exp2(-out["match_weight"])))


def test_two_records_of_one_list_are_weighed_down_by_the_same_list_prior():
    scored = pd.DataFrame(
        {
            "unique_id_l": ["w", "x"],
            "unique_id_r": ["x", "y"],
            "match_weight": [5.0, 5.0],
            "match_probability": [0.97, 0.97],
        }
    )
    out = within_one_list(scored, SOURCES)
    assert out[SAME_LIST].tolist() == [SAME_LIST_WEIGHT, 0.0]  # w and x are both list A
    assert np.allclose(out["match_weight"], [5.0 + SAME_LIST_WEIGHT, 5.0])
    assert out["match_probability"].iloc[0] < 0.9 < out["match_probability"].iloc[1]


def test_a_link_taken_by_a_rival_goes_to_review_saying_so():
    pairs = discount_rivals(_pairs([("x", "y", 5.0), ("x", "z", 5.0)]), SOURCES, low=0.9)
    clusters = pd.DataFrame(
        {"record_id": ["x", "y", "z"], "cluster_id": ["x", "y", "z"], "split": None}
    )
    review = _review_pairs(
        pairs.assign(decision=None), clusters, threshold=0.9, review_band=(0.5, 0.9)
    )
    assert len(review) == 2
    assert review["reason"].str.contains("another candidate in that list").all()


def test_a_lone_namesake_whose_birth_year_or_sex_disagrees_is_not_lifted():
    """The only candidate in the other list is a namesake when the person is not in that
    list at all: a birth year or a sex weighing against one person keeps him out."""
    from toll.persons.linkage import _clear_best

    features = pd.DataFrame(
        {"unique_id": SOURCES.index, "source_id": SOURCES.to_numpy(), "event_year": 1992}
    )
    rows = [("x", "y", 1.5), ("w", "z", 1.5), ("v", "u", 1.5)]
    pairs = _pairs(rows).assign(
        mw_given=2.0, mw_relatives=0.0, mw_birth=[0.5, -3.0, 0.0], mw_sex=[0.0, 0.0, -4.0]
    )
    out, _ = _clear_best(pairs, ["mw_given", "mw_birth", "mw_sex"], features, 0.9, 0.5)
    keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
    lifted = dict(zip(keys, out[CLEAR_BEST], strict=True))
    assert lifted[("x", "y")] > 0  # nothing against: the clear best
    assert lifted[("w", "z")] == lifted[("v", "u")] == 0  # left as scored (0.74)


def test_a_lone_namesake_killed_in_another_year_is_not_lifted():
    from toll.persons.linkage import _clear_best

    years = {"x": 1992, "y": 1992, "w": 1992, "z": 1994, "v": None, "u": 1991}
    features = pd.DataFrame(
        {
            "unique_id": SOURCES.index,
            "source_id": SOURCES.to_numpy(),
            "event_year": [years[k] for k in SOURCES.index],
        }
    )
    rows = [("x", "y", 1.5), ("w", "z", 1.5), ("v", "u", 1.5)]
    pairs = _pairs(rows).assign(mw_given=2.0, mw_relatives=0.0)
    out, _ = _clear_best(pairs, ["mw_given"], features, 0.9, 0.5)
    keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
    lifted = dict(zip(keys, out[CLEAR_BEST], strict=True))
    assert lifted[("x", "y")] > 0 and lifted[("v", "u")] > 0  # same year, or one not given
    assert lifted[("w", "z")] == 0  # 1992 and 1994


def test_a_person_entered_twice_in_the_other_list_as_likely_as_not_is_no_rival():
    """y and z (list B) score 0.67 against each other: below the threshold, but more likely
    one person than not. Neither takes x's link from the other; at 0.11 they still do."""
    from toll.persons.linkage import _clear_best

    features = pd.DataFrame(
        {"unique_id": SOURCES.index, "source_id": SOURCES.to_numpy(), "event_year": 1992}
    )

    def linked(twice_weight):
        rows = [("x", "y", 5.0), ("x", "z", 5.0), ("y", "z", twice_weight)]
        pairs = _pairs(rows).assign(mw_given=2.0, mw_relatives=0.0)
        out, _ = _clear_best(pairs, ["mw_given"], features, 0.9, 0.5)
        keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
        return dict(zip(keys, out["match_probability"], strict=True))

    twice = linked(1.0)
    assert twice[("x", "y")] > 0.9 and twice[("x", "z")] > 0.9
    namesakes = linked(-3.0)
    assert namesakes[("x", "y")] < 0.5 and namesakes[("x", "z")] < 0.5


def test_a_record_of_initials_links_its_clear_best_at_one_in_seven():
    """Tkachenko S. O., 2023, no place, against Ткаченко Сергій Олександрович: surname,
    initials and year alone weigh about -2.5 bits (0.15); the only candidate in that list."""
    from toll.persons.linkage import _clear_best

    features = pd.DataFrame(
        {"unique_id": SOURCES.index, "source_id": SOURCES.to_numpy(), "event_year": 2023}
    )
    pairs = _pairs([("x", "y", -2.5), ("x", "z", -6.0), ("w", "u", -3.5)])
    out, _ = _clear_best(
        pairs.assign(mw_given=2.1, mw_relatives=0.0), ["mw_given"], features, 0.9, 0.5
    )
    keys = zip(out["record_id_l"], out["record_id_r"], strict=True)
    lifted = dict(zip(keys, out[CLEAR_BEST], strict=True))
    assert lifted[("x", "y")] > 0
    assert ("w", "u") not in lifted  # 0.08: below the floor, left out (under 0.5)
