"""Name keys for a whole table at once.

Names repeat a lot in victim lists, so keys are computed once per distinct combination
of (full, given, family, patronymic) and spread back to the rows.
"""

from __future__ import annotations

from dataclasses import fields

import pandas as pd

from toll.names.keys import NameKeys, name_keys

KEY_COLUMNS = [field.name for field in fields(NameKeys)]
_SEPARATOR = "\x1f"


def _column(df: pd.DataFrame, name: str | None) -> pd.Series:
    if not name or name not in df.columns:
        return pd.Series("", index=df.index, dtype=object)
    values = df[name]
    return values.astype(object).where(values.notna(), "").astype(str)


def name_keys_frame(
    df: pd.DataFrame,
    full: str | None = None,
    given: str | None = None,
    family: str | None = None,
    patronymic: str | None = None,
) -> pd.DataFrame:
    """One row of NameKeys columns per row of `df`, with the same index.

    The arguments name the columns that hold the full name and the parts; a column
    that is None or absent from `df` counts as empty.
    """
    parts = [_column(df, name) for name in (full, given, family, patronymic)]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined + _SEPARATOR + part
    codes, uniques = pd.factorize(combined, sort=False)
    rows = []
    for value in uniques:
        f, g, fa, p = value.split(_SEPARATOR)
        rows.append(tuple(name_keys(full=f, given=g, family=fa, patronymic=p).to_dict().values()))
    table = pd.DataFrame.from_records(rows, columns=KEY_COLUMNS)
    if len(table) == 0:
        return pd.DataFrame(columns=KEY_COLUMNS, index=df.index)
    out = table.iloc[codes].reset_index(drop=True)
    out.index = df.index
    return out
