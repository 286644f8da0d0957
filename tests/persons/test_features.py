"""What linkage compares of a record, beyond its names."""

import pandas as pd

from toll.persons.features import record_features


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
