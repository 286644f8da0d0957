import pandas as pd

from toll.persons.clustering import cluster


def _pairs(rows):
    return pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "match_probability"])


def _decided(rows):
    return pd.DataFrame(rows, columns=["record_id_l", "record_id_r"])


FAMILIES = _pairs(
    [
        ("a1", "a2", 0.99),
        ("a1", "a3", 0.98),
        ("a2", "a3", 0.99),
        ("b1", "b2", 0.99),
        ("b1", "b3", 0.97),
        ("b2", "b3", 0.99),
        # one bad link between the families, and the other cross pairs clearly different
        ("a3", "b1", 0.95),
        ("a1", "b1", 0.02),
        ("a2", "b1", 0.05),
        ("a3", "b2", 0.01),
    ]
)
IDS = ["a1", "a2", "a3", "b1", "b2", "b3", "c1"]


def _groups(clusters):
    return sorted(sorted(g) for g in clusters.groupby("cluster_id")["record_id"].apply(list))


def test_one_bad_link_does_not_chain_two_families():
    clusters = cluster(IDS, FAMILIES, threshold=0.9)
    assert _groups(clusters) == [["a1", "a2", "a3"], ["b1", "b2", "b3"], ["c1"]]


def test_connected_chain_with_unscored_pair_still_joins_when_average_is_high():
    pairs = _pairs([("x", "y", 0.99), ("y", "z", 0.99), ("x", "z", 0.7)])
    assert _groups(cluster(["x", "y", "z"], pairs)) == [["x", "y", "z"]]


def test_cannot_link_splits_and_must_link_joins():
    clusters = cluster(
        IDS,
        FAMILIES,
        threshold=0.9,
        same=_decided([("c1", "a1")]),
        different=_decided([("a1", "a2")]),
    )
    of = clusters.set_index("record_id")["cluster_id"]
    assert of["c1"] == of["a1"]
    assert of["a1"] != of["a2"]
    assert of["b1"] == of["b2"] == of["b3"]


def test_fixed_persons_never_merge_but_new_records_join_them():
    pairs = _pairs([("old1", "new", 0.99), ("old2", "new", 0.98), ("old1", "old2", 0.3)])
    fixed = pd.Series({"old1": "P1", "old2": "P2"})
    clusters = cluster(["old1", "old2", "new"], pairs, fixed=fixed)
    of = clusters.set_index("record_id")["cluster_id"]
    assert of["old1"] != of["old2"]
    assert of["new"] in (of["old1"], of["old2"])


def test_clusters_do_not_depend_on_input_order():
    first = cluster(IDS, FAMILIES).sort_values("record_id").reset_index(drop=True)
    shuffled = FAMILIES.sample(frac=1, random_state=3)
    second = cluster(IDS[::-1], shuffled).sort_values("record_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(first, second)
    assert set(first["cluster_id"]) == {"a1", "b1", "c1"}
