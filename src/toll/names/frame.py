"""Name keys for a whole table at once.

Names repeat a lot in victim lists, so each written value is keyed once per column
(given names, family names, patronymics, full names each have few distinct values)
and the results are spread back to the rows with array indexing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import numpy as np
import pandas as pd

from toll.names.keys import (
    NameKeys,
    family_keys,
    given_keys,
    initial_of,
    patronymic_keys,
    phonetic_or_none,
    sorted_tokens,
)
from toll.names.split import split_full_name
from toll.names.transliterate import looks_azerbaijani

KEY_COLUMNS = [field.name for field in fields(NameKeys)]


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split())
    return text or None


class _Column:
    """A text column as codes into its distinct values (code -1: missing or blank)."""

    def __init__(self, values: np.ndarray):
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        cleaned = [_clean(value) for value in uniques]
        self.uniques = np.array(cleaned + [None], dtype=object)  # index -1 -> None
        codes = np.asarray(codes)
        blank = np.array([value is None for value in cleaned] + [True])
        self.codes = np.where(blank[codes], -1, codes)

    @classmethod
    def of(cls, df: pd.DataFrame, name: str | None) -> _Column:
        if not name or name not in df.columns:
            return cls(np.full(len(df), None, dtype=object))
        return cls(df[name].to_numpy(dtype=object))

    def values(self) -> np.ndarray:
        return self.uniques[self.codes]

    def present(self) -> np.ndarray:
        return self.codes >= 0

    def azerbaijani(self) -> np.ndarray:
        flags = np.array([bool(value) and looks_azerbaijani(value) for value in self.uniques])
        return flags[self.codes]


def _per_value(values: np.ndarray, flags: np.ndarray, compute: Callable, width: int):
    """`compute(value, flag)` once per distinct (value, flag); `width` arrays of results."""
    column = _Column(values)
    combined = column.codes.astype(np.int64) * 2 + flags.astype(np.int64)
    present = column.codes >= 0
    out = [np.full(len(values), None, dtype=object) for _ in range(width)]
    if not present.any():
        return out
    inverse, pairs = pd.factorize(combined[present])
    table = np.empty((len(pairs), width), dtype=object)
    table[:] = [compute(column.uniques[pair // 2], bool(pair % 2)) for pair in pairs]
    for i in range(width):
        out[i][present] = table[inverse, i]
    return out


def name_keys_frame(
    df: pd.DataFrame,
    full: str | None = None,
    given: str | None = None,
    family: str | None = None,
    patronymic: str | None = None,
) -> pd.DataFrame:
    """One row of NameKeys columns per row of `df`, with the same index.

    The arguments name the columns that hold the full name and the parts; a column
    that is None or absent from `df` counts as empty. Row by row the result equals
    `name_keys(full=..., given=..., family=..., patronymic=...)`.
    """
    full_text, given_text, family_text, patronymic_text = (
        _Column.of(df, name).values() for name in (full, given, family, patronymic)
    )
    needs_split = (full_text != None) & ((given_text == None) | (family_text == None))  # noqa: E711
    if needs_split.any():
        split = _per_value(
            np.where(needs_split, full_text, None),
            np.zeros(len(df), bool),
            lambda value, _: split_full_name(value),
            3,
        )
        given_text = np.where(given_text == None, split[0], given_text)  # noqa: E711
        family_text = np.where(family_text == None, split[1], family_text)  # noqa: E711
        patronymic_text = np.where(patronymic_text == None, split[2], patronymic_text)  # noqa: E711
    flags = (
        _Column(given_text).azerbaijani()
        | _Column(family_text).azerbaijani()
        | _Column(patronymic_text).azerbaijani()
    )

    def given_row(value, azerbaijani):
        tokens, initials, inside = given_keys(value, azerbaijani)
        key = "".join(tokens) or None
        return (
            " ".join(tokens) or None,
            key,
            phonetic_or_none(key),
            initial_of(key),
            initials,
            inside,
        )

    tokens, given_key, given_phonetic, given_initial, initials, inside = _per_value(
        given_text, flags, given_row, 6
    )
    patronymic_text = np.where(patronymic_text == None, inside, patronymic_text)  # noqa: E711

    def family_row(value, azerbaijani):
        key, stem, neutral, sex = family_keys(value, azerbaijani)
        return key or None, stem or None, phonetic_or_none(neutral), sex

    family_key, family_stem, family_phonetic, family_sex = _per_value(
        family_text, flags, family_row, 4
    )

    def patronymic_row(value, azerbaijani):
        key, sex = patronymic_keys(value, azerbaijani)
        return key, phonetic_or_none(key), sex

    patronymic_key, patronymic_phonetic, patronymic_sex = _per_value(
        patronymic_text, flags, patronymic_row, 3
    )
    name_tokens = _sorted_tokens(tokens, family_key)
    out = pd.DataFrame(
        {
            "given_key": given_key,
            "family_key": family_key,
            "patronymic_key": patronymic_key,
            "given_phonetic": given_phonetic,
            "family_phonetic": family_phonetic,
            "patronymic_phonetic": patronymic_phonetic,
            "given_initial": given_initial,
            "given_is_initial": initials == True,  # noqa: E712
            "family_stem": family_stem,
            "name_tokens_sorted": name_tokens,
            "sex_hint": np.where(patronymic_sex == None, family_sex, patronymic_sex),  # noqa: E711
        },
        columns=KEY_COLUMNS,
    )
    out.index = df.index
    return out


def _sorted_tokens(tokens: np.ndarray, family_key: np.ndarray) -> np.ndarray:
    """name_tokens_sorted, computed once per distinct combination of the keys."""
    columns = [_Column(values) for values in (tokens, family_key)]
    combined = np.zeros(len(tokens), dtype=np.int64)
    for column in columns:  # one integer per combination of the three codes
        combined = combined * (len(column.uniques) + 1) + (column.codes + 1)
    inverse, combos = pd.factorize(combined)
    table = np.empty(len(combos), dtype=object)
    for i, combo in enumerate(combos):
        codes = []
        for column in reversed(columns):
            combo, code = divmod(int(combo), len(column.uniques) + 1)
            codes.append(code - 1)
        keys = [column.uniques[code] for column, code in zip(columns, reversed(codes), strict=True)]
        table[i] = sorted_tokens(*keys)
    return table[inverse]
