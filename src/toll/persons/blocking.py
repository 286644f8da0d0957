"""Blocking: which pairs of records the model compares at all.

Comparing every record with every other is impossible beyond a few thousand
records, so splink compares only pairs that agree on some cheap facts (a
*blocking rule*). A true pair that no rule catches is never compared and can
never be linked, so the rules are many and loose; where one would compare too
many pairs it is tightened with one more fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from splink import block_on

BLOCKING_RULES = [
    ("family_phonetic", "given_initial", "birth_year_any"),
    ("given_phonetic", "family_initial", "birth_year_any"),
    ("birth_day", "given_initial"),
    ("birth_day", "family_initial"),
    ("birth_day", "place_key"),
    ("name_phonetic_sorted", "birth_year_any"),
    ("given_key", "family_key", "place_key"),
    ("family_phonetic", "given_initial", "place_key"),
    ("given_phonetic", "family_initial", "place_key"),
    ("given_key", "family_key", "event_year"),
    ("name_phonetic_sorted", "event_year"),
    ("given_phonetic", "event_day"),
    ("family_phonetic", "event_day"),
    ("name_phonetic_sorted",),
]
TIGHTER = ("event_month", "place_key", "sex", "patronymic_key")
PAIRS_PER_RECORD = 5


def blocking_rules(extra_columns: Sequence[str] = (), features=None) -> list:
    """Several loose rules: a true pair missed here is never compared at all.

    Each rule catches what others miss: a typo in the surname (given name +
    surname initial + birth year), a different transliteration (phonetic
    codes), swapped name order (sorted phonetic codes), a missing birth year
    (names + place, or names + year of event, or a name + the day of event).

    Common names make big blocks (a fifth of a population may share a
    surname, and many people share a full name). When `features` are given,
    each rule is counted first and, if it would compare more than
    PAIRS_PER_RECORD pairs per record, tightened with one more fact (month of
    event, place, sex, patronymic) until it does not.
    """
    if features is None:
        chosen = list(BLOCKING_RULES)
    else:
        with _Counter(features) as counter:
            chosen = [counter.tightened(columns, len(features)) for columns in BLOCKING_RULES]
    chosen += [(c,) for c in extra_columns if _identifying(features, c)]
    return [block_on(*columns) for columns in dict.fromkeys(chosen)]


class _Counter:
    """Counts the pairs a blocking rule would compare (DuckDB is quick at it)."""

    def __init__(self, features):
        import duckdb
        import pyarrow as pa

        needed = sorted({c for rule in BLOCKING_RULES for c in rule} | set(TIGHTER))
        self.con = duckdb.connect()
        self.con.register("features", pa.Table.from_pandas(features[needed], preserve_index=False))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.con.close()

    def pairs(self, columns: Sequence[str]) -> int:
        names = ", ".join(f'"{c}"' for c in columns)
        filled = " AND ".join(f'"{c}" IS NOT NULL' for c in columns)
        sql = (
            f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "
            f"(SELECT count(*) AS n FROM features WHERE {filled} GROUP BY {names})"
        )
        return int(self.con.execute(sql).fetchone()[0])

    def tightened(self, columns: tuple[str, ...], records: int) -> tuple[str, ...]:
        budget = max(1_000_000, PAIRS_PER_RECORD * records)
        extra = [c for c in TIGHTER if c not in columns]
        if "event_day" in columns:
            extra.remove("event_month")
        while extra and self.pairs(columns) > budget:
            columns = (*columns, extra.pop(0))
        return columns


def _identifying(features, column: str) -> bool:
    """Whether a column is varied enough to block on (an id, not a region)."""
    if features is None:
        return True
    filled = features[column].dropna()
    return len(filled) > 0 and filled.nunique() >= 0.2 * len(filled)
