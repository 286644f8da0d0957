"""What linkage compares of a record, beyond its names."""

import pandas as pd
from _lists import synth_records

from toll.persons.features import record_features
from toll.persons.linkage import link
from toll.synth import SynthSettings, make_lists


def test_sex_comes_from_the_name_where_the_list_gives_none():
    rows = pd.DataFrame(
        {
            "record_id": ["1", "2", "3", "4"],
            "full_name": [
                "ГУСЕВА Елена",
                "Həsənov Əli Vaqif oğlu",
                "Nino Kapanadze",
                "Aliyeva Leyla",
            ],
            "sex": [None, None, None, "m"],
        }
    )
    sex = record_features(rows)["sex"].tolist()
    assert sex[:2] == ["female", "male"]
    assert pd.isna(sex[2])  # nothing in the name says it
    assert sex[3] == "male"  # what the list says wins


def test_sharing_a_busy_place_counts_less_than_sharing_a_rare_one():
    records = synth_records(make_lists(SynthSettings(persons=600, lists=3, seed=9)))
    result = link(records.drop(columns="person"))
    place = record_features(records).set_index("unique_id")["place_key"]
    pairs = result.pairs[
        result.pairs["record_id_l"].map(place) == result.pairs["record_id_r"].map(place)
    ]
    share = pairs["record_id_l"].map(place).map(place.value_counts(normalize=True))
    busiest, rarest = pairs.loc[share.idxmax(), "mw_place"], pairs.loc[share.idxmin(), "mw_place"]
    assert rarest > busiest + 1
