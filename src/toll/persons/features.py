"""Comparison columns for record linkage.

Linkage never compares names as written: Məmmədov, Мамедов and Mamedov must
meet. This module turns a table of records into a table of *features* — the
normalised name keys and phonetic codes from `toll.names`, a place key, and
the years that let two records be compared even when one list gives a birth
year and the other an age at death.

Input columns (all optional except record_id): record_id, source_id,
full_name, given_name, family_name, patronymic, sex, birth_year, birth_date,
age, event_date, place. Missing columns count as empty.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from toll.names import first_sounds, name_keys_frame, place_key
from toll.names.fold import initial_sound
from toll.names.places import region_key

NAME_KEYS = [
    "given_key",
    "family_key",
    "patronymic_key",
    "given_phonetic",
    "family_phonetic",
    "patronymic_phonetic",
    "given_initial",
    "family_stem",
    "name_tokens_sorted",
]
INPUT_COLUMNS = [
    "record_id",
    "source_id",
    "full_name",
    "given_name",
    "family_name",
    "patronymic",
    "sex",
    "birth_year",
    "birth_date",
    "age",
    "event_date",
    "place",
]
FEATURE_COLUMNS = [
    "unique_id",
    "source_id",
    *NAME_KEYS,
    "given_initials",
    "patronymic_initials",
    "given_initial_2",
    "given_initial_3",
    "sex",
    "birth_day",
    "birth_year",
    "birth_year_any",
    "age_at_event",
    "event_day",
    "event_days",
    "event_middle",
    "event_month",
    "event_year",
    "place_key",
    "place_region",
]
_SEXES = {"male": "male", "m": "male", "female": "female", "f": "female"}


def record_features(records: pd.DataFrame, extra_columns: Sequence[str] = ()) -> pd.DataFrame:
    """Return one row of comparison features per record.

    `unique_id` is the record_id. `birth_year_any` is the recorded birth year or,
    when only an age is known, the event year minus the age (an estimate off by
    about a year, which the birth-year comparison tolerates). `age_at_event` is
    the recorded age or, when only years are known, the event year minus the
    birth year: two records without a common year can still compare ages. Columns named in
    `extra_columns` (identifiers, postcodes...) are carried over as trimmed,
    lower-case text.
    """
    df = records.reindex(columns=list(dict.fromkeys([*INPUT_COLUMNS, *extra_columns])))
    out = pd.DataFrame(index=df.index)
    out["unique_id"] = df["record_id"].astype(str)
    out["source_id"] = _text(df["source_id"])
    names = name_keys_frame(
        df, full="full_name", given="given_name", family="family_name", patronymic="patronymic"
    )
    for column in NAME_KEYS:
        out[column] = _text(names[column] if column in names else pd.Series(index=df.index))
    _initials_as_sounds(out, names["given_is_initial"].to_numpy(dtype=bool))
    _initials_it_may_have(out, names["given_is_initial"].to_numpy(dtype=bool))
    out["family_initial"] = out["family_key"].str[:1]
    out["name_phonetic_sorted"] = _sorted_pair(out["given_phonetic"], out["family_phonetic"])
    listed_sex = _text(_text(df["sex"]).str.lower().map(_SEXES))
    # Where the list gives no sex, the name may (Гусева, Həsən qızı, -ovna): "f" or "m".
    out["sex"] = listed_sex.fillna(_text(names["sex_hint"]).map(_SEXES))
    birth_date = _iso_date_parts(df["birth_date"])
    event_date = _iso_date_parts(df["event_date"])
    out["birth_day"] = birth_date["day"]
    birth_year = _int(df["birth_year"]).fillna(birth_date["year"])
    out["birth_year"] = birth_year
    out["event_day"] = event_date["day"]
    out["event_days"] = _day_number(event_date["day"])
    out["event_middle"] = out["event_days"].fillna(_day_number(event_date["month"] + "-15"))
    out["event_month"] = event_date["month"]
    out["event_year"] = event_date["year"]
    estimated = event_date["year"] - _int(df["age"])
    out["birth_year_any"] = birth_year.fillna(estimated).astype("Int64")
    out["age_at_event"] = _int(df["age"]).fillna(event_date["year"] - birth_year).astype("Int64")
    out["place_key"] = _mapped(df["place"], place_key)
    out["place_region"] = _mapped(df["place"], region_key)
    for column in extra_columns:
        out[column] = _text(df[column]).str.lower()
    return out.reset_index(drop=True)


def _initials_as_sounds(out: pd.DataFrame, given_is_initial) -> None:
    """Key an initial by its first sound alone: Я. (ya), Ya. and I. are one initial.

    A Cyrillic initial is two Latin letters (Я. ya, Ш. sh, Х. kh): kept as written, it
    would compare as a short name, one letter off from any other initial. A patronymic
    key of two letters or fewer can only be an initial. A vowel keeps its letter
    (`initial_sound`: Э. is not Ə.).
    """
    given = given_is_initial & out["given_key"].notna().to_numpy()
    out.loc[given, "given_key"] = out.loc[given, "given_initial"]
    out.loc[given, "given_phonetic"] = out.loc[given, "given_initial"].str.upper()
    sound = _mapped(out["patronymic_key"], initial_sound)
    short = (out["patronymic_key"].str.len() <= 2).fillna(False).to_numpy(dtype=bool)
    out.loc[short, "patronymic_key"] = sound[short].str.lower()
    out.loc[short, "patronymic_phonetic"] = sound[short]


def _initials_it_may_have(out: pd.DataFrame, given_is_initial) -> None:
    """`given_initials`: every sound the given name's initial may be written with in some
    list ("AO" for Aleksandr: А. in Russian, О. in Ukrainian; an initial: itself and the
    letters it is also written with, "GH" for Г.: `first_sounds`), the
    same for the father's name (`patronymic_initials`), and
    `given_initial_2`, `given_initial_3`: the first two of them other than `given_initial`,
    for blocking (an initial: itself, so that О. meets Олександр)."""
    full = ~given_is_initial & out["given_key"].notna().to_numpy()
    sounds = _mapped(out["given_key"].where(full), first_sounds)
    initial = _mapped(out["given_key"].where(given_is_initial), first_sounds)
    out["given_initials"] = _text(sounds.fillna(initial).fillna(out["given_phonetic"].str[:1]))
    fathers = _mapped(out["patronymic_key"], first_sounds)
    out["patronymic_initials"] = _text(fathers.fillna(out["patronymic_phonetic"].str[:1]))
    main = out["given_initial"].str.upper().fillna("")
    others = [
        "".join(c for c in (s or "") if c != m) if f else ""
        for s, m, f in zip(sounds.fillna("").tolist(), main.tolist(), full, strict=True)
    ]
    for place, column in ((0, "given_initial_2"), (1, "given_initial_3")):
        other = pd.Series([o[place : place + 1] for o in others], index=out.index)
        own = out["given_initial"].where(given_is_initial)
        out[column] = _text(other.str.lower().where(full, own))


def _text(values: pd.Series) -> pd.Series:
    """Strings with blanks and missing values as <NA> (a text column even when empty)."""
    text = values.astype("string[pyarrow]").str.strip()
    return text.mask(text == "")


def _sorted_pair(a: pd.Series, b: pd.Series) -> pd.Series:
    """ "A B" with the two codes in sorted order, so swapped name order still agrees."""
    low = a.where(a.isna() | b.isna() | (a <= b), b)
    high = b.where(a.isna() | b.isna() | (a <= b), a)
    both = low.notna() & high.notna()
    return _text((low + " " + high).where(both))


def _day_number(days: pd.Series) -> pd.Series:
    """Days since 1970-01-01 for full ISO dates (to measure how far apart two dates are)."""
    stamps = pd.to_datetime(days, format="%Y-%m-%d", errors="coerce")
    number = (stamps - pd.Timestamp("1970-01-01")).dt.days
    return number.astype("Int64")


def _int(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")


def _mapped(values: pd.Series, function) -> pd.Series:
    """Apply `function` once per distinct value (lists repeat places a lot)."""
    text = _text(values)
    distinct = pd.unique(text.dropna())
    lookup = {value: function(value) for value in distinct}
    return _text(text.map(lookup))


def _iso_date_parts(values: pd.Series) -> pd.DataFrame:
    """Split ISO-like dates ("1992", "1992-02", "1992-02-26") into day, month, year.

    `day` and `month` stay empty when the date is not that precise; text that is
    not an ISO date gives empty parts. Each distinct date is split once (lists repeat
    dates a lot: a million records hold a few thousand).
    """
    codes, distinct = pd.factorize(_text(values).fillna(""))
    text = pd.Series(distinct, dtype=object).str.replace("/", "-").str.replace(".", "-")
    parts = text.str.extract(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
    year = pd.to_numeric(parts[0], errors="coerce").astype("Int64")
    month = parts[1].str.zfill(2)
    day = parts[2].str.zfill(2)
    month_text = (parts[0] + "-" + month).where(month.notna())
    day_text = (month_text + "-" + day).where(day.notna())
    table = pd.DataFrame({"year": year, "month": _text(month_text), "day": _text(day_text)})
    return table.iloc[codes].set_index(values.index)
