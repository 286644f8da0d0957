"""The linkage model: which pairs are compared, how, and with what weights.

A splink model is a list of *comparisons* (one per field: surname, given
name, birth year...), each split into *levels* (exact, close, different,
missing), plus *blocking rules* that decide which pairs of records are
compared at all. Training gives every level an m probability (how often true
matches fall in it) and a u probability (how often non-matches do); the match
weight of a level is log2(m/u).
"""

from __future__ import annotations

from collections.abc import Sequence

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator

from toll.persons.blocking import blocking_rules

NAME_SIMILARITY = (0.95, 0.88)
BIRTH_YEAR_TOLERANCE = (1, 2, 5, 9)
# How often one person's two records give birth years ten or more years apart (or ages
# more than three apart): a typo now and then. Not trained: EM learns it on pairs sharing
# a name and a day of death, households among them, and would find a father and his
# namesake son 25 years apart nearly as likely one person as not (-2 instead of -8).
BIRTH_FAR_APART_M = 0.003
# How much less likely two records of one list are one person than two records of two
# lists, in bits (log2 of the ratio of prior odds). A list names most persons once: on the
# --hard generator's error-analysis seeds, a true pair lies inside one list about a fifth
# as often as a pair across two lists (0.19, 0.18 on seeds 101-102), and one list's
# namesakes (a common name, a place and a year) are as common as two lists'. Not trained:
# EM sees one list's namesakes in its training blocks and learns "one list" as evidence
# *for* one person.
SAME_LIST_WEIGHT = -2.4
EVENT_DAYS_TOLERANCE = 14
AGE_TOLERANCE = (1, 3)


def _name_comparison(field: str, other: str, label: str):
    """Levels for one name part, on keys that already agree across scripts.

    From the strongest agreement down: same key, nearly the same key, same sound
    classes, written in the other name field, similar key, sound classes but for one
    letter (a typo: Leya / Leyla), for given names one name the start of the other
    (Abdulrahman / Abdul), an initial that agrees, and anything else: different names.
    """
    levels = [
        cll.NullLevel(f"{field}_key"),
        cll.ExactMatchLevel(f"{field}_key", term_frequency_adjustments=True),
        cll.JaroWinklerLevel(f"{field}_key", NAME_SIMILARITY[0]),
        cll.ExactMatchLevel(f"{field}_phonetic"),
        cll.Or(
            cll.ColumnsReversedLevel(f"{field}_key", f"{other}_key"),
            cll.ColumnsReversedLevel(f"{field}_phonetic", f"{other}_phonetic"),
        ).configure(label_for_charts=f"{label} written in the {other} name field"),
        cll.JaroWinklerLevel(f"{field}_key", NAME_SIMILARITY[1]),
        _one_letter_off(f"{field}_phonetic"),
    ]
    if field == "given":
        levels.append(_starts_with_level(f"{field}_key"))
    levels += [
        _initial_level(field),
        cll.ElseLevel(),
    ]
    return cl.CustomComparison(
        output_column_name=label, comparison_levels=levels, comparison_description=label
    )


def _one_letter_off(column: str):
    """Sound codes of three letters or more, one letter apart (Leya / Leyla).

    Shorter codes are initials or very short names, one letter off from half of all
    others: for them this says nothing.
    """
    left, right = f"{column}_l", f"{column}_r"
    return cll.And(
        cll.CustomLevel(f"length({left}) >= 3 AND length({right}) >= 3"),
        cll.DamerauLevenshteinLevel(column, 1),
    ).configure(label_for_charts="sounds alike but for one letter")


def _initial_level(field: str):
    """One side is only an initial, and it agrees with the other's first sound (Г. / Hasan;
    for given and father's names any first sound of the name's spellings: О. / Aleksandr).

    Its m is not trained: EM sees few such pairs where lists give initials but no
    birth year or day of event, and would call agreeing initials evidence against one
    person. It is set from the data instead (`initial_m`).
    """
    if field in ("given", "patronymic"):  # Олександр may be А. or О.: any of its spellings
        # first sounds, a vowel by its letter (Э. is Elnur, not Əli: `initial_sound`)
        condition = (
            f"(length({field}_key_l) = 1 AND instr({field}_initials_r, {field}_phonetic_l) > 0)"
            f" OR (length({field}_key_r) = 1 AND instr({field}_initials_l, {field}_phonetic_r) > 0)"
        )
    else:
        condition = (
            f"substr({field}_phonetic_l, 1, 1) = substr({field}_phonetic_r, 1, 1) AND "
            f"(length({field}_key_l) = 1 OR length({field}_key_r) = 1)"
        )
    return cll.CustomLevel(condition, label_for_charts="initial agrees").configure(
        fix_m_probability=True
    )


def initial_m(keys) -> float | None:
    """How often one person's two records fall in "initial agrees": one written as an
    initial, the other not, 2q(1 - q) for a share q of initials among the keys."""
    keys = keys.dropna()
    if keys.empty:
        return None
    share = float((keys.str.len() == 1).mean())
    return max(2 * share * (1 - share), 0.005)


def _starts_with_level(column: str):
    """One name is the start of the other: a double name written in part."""
    left, right = f"{column}_l", f"{column}_r"
    return cll.CustomLevel(
        f"length({left}) >= 3 AND length({right}) >= 3 AND "
        f"(substr({left}, 1, length({right})) = {right} "
        f"OR substr({right}, 1, length({left})) = {left})",
        label_for_charts="one name begins with the other",
    )


def _patronymic_comparison():
    return cl.CustomComparison(
        output_column_name="patronymic",
        comparison_levels=[
            cll.NullLevel("patronymic_key"),
            cll.ExactMatchLevel("patronymic_key"),
            cll.JaroWinklerLevel("patronymic_key", NAME_SIMILARITY[1]),
            _initial_level("patronymic"),
            cll.ElseLevel(),
        ],
        comparison_description="patronymic",
    )


def _birth_comparison():
    """Birth year, or age at the event when one list gives no year to compare.

    A list that gives an age but no date of event yields no birth year, yet its
    age can still be set against the other record's age at its event (event year
    minus birth year). The field is missing only when neither can be compared.
    """
    one_year_missing = "(birth_year_any_l IS NULL OR birth_year_any_r IS NULL)"
    levels = [
        cll.CustomLevel(
            f"{one_year_missing} AND (age_at_event_l IS NULL OR age_at_event_r IS NULL)",
            label_for_charts="birth year and age missing",
        ).configure(is_null_level=True),
        cll.ExactMatchLevel("birth_day"),
        cll.ExactMatchLevel("birth_year_any"),
    ]
    levels += [
        cll.AbsoluteDifferenceLevel("birth_year_any", years) for years in BIRTH_YEAR_TOLERANCE
    ]
    levels += [
        cll.CustomLevel(
            f"{one_year_missing} AND abs(age_at_event_l - age_at_event_r) <= {years}",
            label_for_charts=f"ages at the event within {years} year(s), no birth year",
        )
        for years in AGE_TOLERANCE
    ]
    levels.append(cll.ElseLevel().configure(fix_m_probability=True))
    return cl.CustomComparison(
        output_column_name="birth", comparison_levels=levels, comparison_description="birth year"
    )


def _event_comparison():
    """Dates of event: a person dies or disappears once.

    Full dates a few days apart agree (lists often differ by a day or two); a
    less precise date that fits the other ("1992-02" and "1992-02-26") is
    compatible, not a contradiction.
    """
    one_without_day = "(event_day_l IS NULL OR event_day_r IS NULL)"
    one_without_month = "(event_month_l IS NULL OR event_month_r IS NULL)"
    return cl.CustomComparison(
        output_column_name="event",
        comparison_levels=[
            cll.NullLevel("event_year"),
            cll.ExactMatchLevel("event_day", term_frequency_adjustments=True),
            cll.AbsoluteDifferenceLevel("event_days", EVENT_DAYS_TOLERANCE),
            cll.CustomLevel(
                f"event_month_l = event_month_r AND {one_without_day}",
                label_for_charts="same month, one date without day",
            ),
            cll.CustomLevel(
                f"abs(event_middle_l - event_middle_r) <= 31 AND {one_without_day}",
                label_for_charts="within a month, one date without day",
            ),
            cll.CustomLevel(
                f"event_year_l = event_year_r AND {one_without_month}",
                label_for_charts="same year, one date without month",
            ),
            cll.ElseLevel(),
        ],
        comparison_description="date of event",
    )


def _sex_comparison():
    return cl.CustomComparison(
        output_column_name="sex",
        comparison_levels=[cll.NullLevel("sex"), cll.ExactMatchLevel("sex"), cll.ElseLevel()],
        comparison_description="sex",
    )


def _place_comparison():
    return cl.CustomComparison(
        output_column_name="place",
        comparison_levels=[
            cll.NullLevel("place_key"),
            cll.ExactMatchLevel("place_key", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("place_key", 0.9),
            cll.CustomLevel(
                "place_key_l = place_region_r OR place_region_l = place_key_r "
                "OR place_region_l = place_region_r",
                label_for_charts="one place lies in the other's region, or both in one",
            ),
            cll.ElseLevel(),
        ],
        comparison_description="place",
    )


def _extra_comparison(column: str):
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.LevenshteinLevel(column, 1),
            cll.LevenshteinLevel(column, 2),
            cll.ElseLevel(),
        ],
        comparison_description=column,
    )


FIELDS = {
    "surname": "family_key",
    "given": "given_key",
    "patronymic": "patronymic_key",
    "birth": "birth_year_any",
    "sex": "sex",
    "event": "event_year",
    "place": "place_key",
}


def comparisons(
    extra_columns: Sequence[str] = (), fields: Sequence[str] = tuple(FIELDS), features=None
) -> list:
    """One comparison per field present in the data, in the order explanations list them.

    With `features`, the m of each "initial agrees" level is set from the share of
    initials in the data.
    """
    made = {
        "surname": lambda: _name_comparison("family", "given", "surname"),
        "given": lambda: _name_comparison("given", "family", "given"),
        "patronymic": _patronymic_comparison,
        "birth": _birth_comparison,
        "sex": _sex_comparison,
        "event": _event_comparison,
        "place": _place_comparison,
    }
    names = [n for n in FIELDS if n in fields]
    chosen = [made[name]() for name in names] + [_extra_comparison(c) for c in extra_columns]
    return [
        comparison.configure(m_probabilities=_starting_m(name, features))
        for comparison, name in zip(chosen, names + ["extra"] * len(extra_columns), strict=True)
    ]


def _starting_m(name: str, features) -> list[float]:
    starting = list(STARTING_M[name])
    if features is not None and name in ("surname", "given", "patronymic"):
        share = initial_m(features[FIELDS[name]])
        if share is not None:
            starting[-2] = share  # the "initial agrees" level
    return starting


# How often one person's two records fall in each level (best level first, then
# "anything else"), before any training: where the data are too few for EM
# (a few dozen records), these stand; otherwise EM replaces them.
STARTING_M = {
    "surname": [0.75, 0.08, 0.05, 0.03, 0.04, 0.02, 0.02, 0.01],
    "given": [0.75, 0.08, 0.05, 0.03, 0.04, 0.02, 0.01, 0.01, 0.01],
    "patronymic": [0.7, 0.15, 0.05, 0.1],
    "birth": [0.3, 0.45, 0.15, 0.04, 0.03, 0.01, 0.2, 0.05, BIRTH_FAR_APART_M],
    "sex": [0.98, 0.02],
    "event": [0.5, 0.15, 0.15, 0.05, 0.1, 0.05],
    "place": [0.8, 0.06, 0.04, 0.1],
    "extra": [0.85, 0.07, 0.03, 0.05],
}


# The least share of one person's pairs in a field's last level ("anything else"). EM
# learns names from pairs that mostly agree and would say a person's name is never
# written beyond recognition (a weight of -10, a veto); real lists do it now and then.
LEAST_M = {"surname": 0.01, "given": 0.01}

# Levels (index among the non-null levels) never weaker evidence than the level after
# them, however few pairs training saw in them: a full birth date that agrees says
# more than a birth year that agrees.
AT_LEAST_AS_STRONG = {"birth": 0}


TERM_FREQUENCY_COLUMNS = ["family_key", "given_key", "event_day", "place_key"]


def present_fields(features) -> list[str]:
    """The fields that at least one record fills in."""
    return [name for name, column in FIELDS.items() if features[column].notna().any()]


def training_rules() -> list[tuple[str, ...]]:
    """Blocking rules for EM training; between them every comparison is trained.

    EM cannot learn a field from pairs chosen because they agree on it, so each
    session leaves some fields out. The sessions that train birth year, date and
    place use pairs sharing the whole name and one more fact: mostly true
    matches, so that people who merely share a common name (and a conflict, a
    place, a year) are not mistaken for the same person. The names are trained
    on pairs sharing a full birth date, or birth year, place and month of
    event: narrow enough that true matches are not drowned among strangers
    (EM then finds "same place and year" instead of "same person"). Each rule
    is a tuple of columns to block on.
    """
    return [
        ("given_key", "family_key", "event_day"),
        ("given_key", "family_key", "birth_year_any", "place_key"),
        ("given_key", "family_key", "birth_day"),
        ("birth_day",),
        ("birth_year_any", "place_key", "event_day"),
    ]


def deterministic_rules() -> list[str]:
    """Rules strict enough to admit almost no false match (for the prior)."""
    return [
        "l.given_key = r.given_key AND l.family_key = r.family_key "
        "AND l.birth_year_any = r.birth_year_any",
    ]


def settings(
    extra_columns: Sequence[str] = (), fields: Sequence[str] = tuple(FIELDS), features=None
) -> SettingsCreator:
    """Settings for a model on these fields; `features` (if given) picks blocking columns."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comparisons(extra_columns, fields, features),
        blocking_rules_to_generate_predictions=blocking_rules(extra_columns, features),
        additional_columns_to_retain=["source_id"],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
    )
