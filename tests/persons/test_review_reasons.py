"""Which linked pairs go to a person's review, and why."""

import pandas as pd

from toll.persons.linkage import _review_pairs


def test_joined_pairs_with_clearly_different_given_names_are_reviewed():
    pairs = pd.DataFrame(
        {
            "record_id_l": ["1", "1", "3"],
            "record_id_r": ["2", "3", "4"],
            "match_probability": [0.998, 0.999, 0.7],
            "match_weight": [9.0, 10.0, 1.2],
            "mw_given": [-5.5, 6.5, 6.0],
            "decision": [None, None, None],
        }
    )
    clusters = pd.DataFrame({"record_id": ["1", "2", "3", "4"], "cluster_id": ["1", "1", "1", "4"]})
    review = _review_pairs(pairs, clusters, threshold=0.9, review_band=(0.5, 0.9))
    reasons = {(r.record_id_l, r.record_id_r): r.reason for r in review.itertuples()}
    assert reasons == {
        ("1", "2"): "joined although the given names differ",
        ("3", "4"): "uncertain",
    }
