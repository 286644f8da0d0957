"""name_keys_frame equals name_keys row by row, on mixed tables."""

import numpy as np
import pandas as pd

from toll.names import KEY_COLUMNS, name_keys, name_keys_frame

ROWS = [
    {"full_name": "Мамедов Али Гасанович"},
    {"given_name": "Əli", "family_name": "Məmmədov", "patronymic": "Həsən oğlu"},
    {"full_name": "Ali Mamedov"},
    {"full_name": "Orucov Cəfər"},
    {"given_name": "Cavid", "family_name": "Orucov", "patronymic": "Rəşid oğlu"},
    {"given_name": "Əli Həsən oğlu", "family_name": "Məmmədov"},
    {"full_name": "A. H. Mamedov"},
    {"full_name": "   "},
    {},
    {"full_name": "Ali Mamedov", "family_name": "Aliyev"},
    {"family_name": 12345},
    {"full_name": "Petrosyan Armen Gevorgi"},
]


def _table() -> pd.DataFrame:
    df = pd.DataFrame(ROWS, columns=["full_name", "given_name", "family_name", "patronymic"])
    df.index = [f"r{i}" for i in range(len(df))]
    return df


def _clean(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def test_frame_matches_row_by_row():
    df = _table()
    keys = name_keys_frame(
        df, full="full_name", given="given_name", family="family_name", patronymic="patronymic"
    )
    assert list(keys.columns) == KEY_COLUMNS
    assert list(keys.index) == list(df.index)
    for index, row in df.iterrows():
        expected = name_keys(
            full=row["full_name"],
            given=row["given_name"],
            family=row["family_name"],
            patronymic=row["patronymic"],
        ).to_dict()
        got = {column: _clean(value) for column, value in keys.loc[index].items()}
        got["given_is_initial"] = bool(got["given_is_initial"])
        assert got == expected, index


def test_azerbaijani_context_spans_the_row():
    """Bare 'Cahangirov' reads c as j when another part of the row is Azerbaijani."""
    df = pd.DataFrame({"given": ["Cəfər", "John"], "family": ["Cahangirov", "Cahangirov"]})
    keys = name_keys_frame(df, given="given", family="family")
    assert keys["family_key"].tolist() == ["jahangirov", "cahangirov"]


def test_absent_columns_count_as_empty():
    df = pd.DataFrame({"name": ["Ali Mamedov", None]})
    keys = name_keys_frame(df, full="name", given="no_such_column")
    assert keys.loc[0, "family_key"] == "mamadov"
    assert keys.loc[1].drop("given_is_initial").isna().all()


def test_empty_table():
    keys = name_keys_frame(pd.DataFrame({"full": []}), full="full")
    assert len(keys) == 0 and list(keys.columns) == KEY_COLUMNS
