"""A place written with its region meets a list that gives only the region."""

import pandas as pd

from toll.names import place_key
from toll.names.places import region_key
from toll.persons.features import record_features


def test_region_is_keyed_like_a_place_and_only_when_written_beside_one():
    assert region_key("Aghdam; Karabakh") == place_key("Qarabağ")
    assert region_key("Xıdırlı kəndi, Ağdam rayonu") == place_key("Ağdam rayonu")
    assert region_key("Ağdam") is None
    assert region_key(None) is None


def test_features_carry_the_region_for_the_place_comparison():
    rows = pd.DataFrame(
        {"record_id": ["1", "2", "3"], "place": ["Aghdam; Karabakh", "Qarabağ", None]}
    )
    features = record_features(rows)
    assert features.loc[0, "place_region"] == features.loc[1, "place_key"]
    assert pd.isna(features.loc[1, "place_region"]) and pd.isna(features.loc[2, "place_region"])
