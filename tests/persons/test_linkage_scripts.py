"""Linkage across scripts: Latin, Azerbaijani and Cyrillic lists of the same people."""

import pandas as pd
import pytest
from _lists import three_lists

from toll.persons.evaluation import pairwise_scores
from toll.persons.features import record_features
from toll.persons.linkage import link


@pytest.fixture(scope="module")
def records():
    return three_lists(300, seed=4)


@pytest.fixture(scope="module")
def result(records):
    return link(records.drop(columns="person"), seed=2)


def test_three_scripts_are_linked(records, result):
    precision, recall, f1 = pairwise_scores(
        result.clusters, records.set_index("record_id")["person"]
    )
    assert f1 >= 0.9, (precision, recall)


def test_one_person_in_three_scripts_is_one_cluster(records, result):
    of = result.clusters.set_index("record_id")["cluster_id"]
    by_person = records.groupby("person")
    spread = [
        ids
        for _, ids in by_person["record_id"]
        if len(set(records.set_index("record_id").loc[ids, "source_id"])) == 3
    ]
    joined = sum(of[list(ids)].nunique() == 1 for ids in spread)
    assert joined / len(spread) >= 0.85


def test_features_meet_across_scripts_and_estimate_birth_year():
    rows = pd.DataFrame(
        [
            {
                "record_id": "1",
                "given_name": "Əli",
                "family_name": "Məmmədov",
                "age": 30,
                "event_date": "1992-02-26",
                "place": "Gəncə",
            },
            {
                "record_id": "2",
                "full_name": "Мамедов Али Гасанович",
                "birth_year": 1962,
                "event_date": "1992-02",
                "place": "Гянджа",
            },
            {"record_id": "3", "full_name": "Ali Mammadov", "birth_year": 1961, "place": "Ganja"},
        ]
    )
    features = record_features(rows).set_index("unique_id")
    assert features["family_key"].nunique() == 1
    assert features["given_key"].nunique() == 1
    assert features["place_key"].nunique() == 1
    assert features.loc["1", "birth_year_any"] == 1962
    assert features.loc["2", "event_month"] == "1992-02"
    assert pd.isna(features.loc["2", "event_day"])
    assert features.loc["1", "event_days"] == (pd.Timestamp("1992-02-26") - pd.Timestamp(0)).days
    assert features.loc["1", "age_at_event"] == 30
    assert features.loc["2", "age_at_event"] == 30  # year of event minus birth year
    assert pd.isna(features.loc["3", "age_at_event"])  # a birth year but no year of event


def test_ages_are_compared_when_a_record_has_no_birth_year(result):
    """An age without a date of event still agrees with another record's age at its event."""
    levels = result.model.parameters()
    birth = levels[levels["field"] == "birth"]
    close_ages = birth[birth["level"].str.startswith("ages at the event within 1")]
    assert len(close_ages) == 1
    assert close_ages["match_weight"].iloc[0] > 0
