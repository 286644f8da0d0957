"""A list that writes names as initials (Мамедов А. Г.) still meets the full names."""

import pandas as pd
import pytest
from _lists import synth_records

from toll.persons.comparisons import initial_m
from toll.persons.evaluation import pairwise_scores
from toll.persons.linkage import link
from toll.synth import SynthSettings, make_lists


def test_initial_m_is_the_chance_that_one_of_two_records_has_an_initial():
    keys = pd.Series(["a", "ali", "hasan", None, "h", "rashid"])
    assert initial_m(keys) == pytest.approx(2 * 0.4 * 0.6)
    assert initial_m(pd.Series(["ali", "hasan"])) == 0.005
    assert initial_m(pd.Series([None], dtype=object)) is None


def _initials_only(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The commission writes initials, no date of birth, and the month of death only."""
    if "commission" not in name:
        return frame
    return frame.assign(
        Имя=frame["Имя"].str[:1] + ".",
        Отчество=frame["Отчество"].str[:1] + ".",
        **{"Дата рождения": "", "Дата гибели": frame["Дата гибели"].str[3:]},
    )


@pytest.fixture(scope="module")
def records():
    lists = make_lists(SynthSettings(persons=1500, lists=3, seed=21, sibling_rate=0.0))
    return synth_records(lists, _initials_only)


def test_records_with_initials_join_their_person(records):
    result = link(records.drop(columns="person"), seed=3)
    of = result.clusters.set_index("record_id")["cluster_id"]
    initials = records[records["source_id"].str.contains("commission")]
    full = records[~records["source_id"].str.contains("commission")]
    pairs = initials.merge(full, on="person", suffixes=("_c", "_full"))
    joined = (of[pairs["record_id_c"]].to_numpy() == of[pairs["record_id_full"]].to_numpy()).mean()
    assert joined >= 0.6  # without initial_m: none; surname, initials and month are little
    precision, _, _ = pairwise_scores(result.clusters, records.set_index("record_id")["person"])
    assert precision >= 0.95
