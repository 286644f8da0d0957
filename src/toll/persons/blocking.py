"""Blocking: which pairs of records the model compares at all.

Comparing every record with every other is impossible beyond a few thousand
records, so splink compares only pairs that agree on some cheap facts (a
*blocking rule*). A true pair that no rule catches is never compared and can
never be linked, so the rules are many and loose.

A loose rule grows with the square of the register: at a million records, the
pairs sharing a common name number in the tens of millions. Such a rule is not
simply tightened with one more fact (every true pair missing that fact would be
lost) but split into several rules, each with one more fact of a different
kind (birth year, place, day of event, father's name...): a true pair is lost
only when it lacks all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from splink import block_on

# Both name sounds in either order; one name's sound with the other's initial (a typo
# in one name), or with another first sound the name has in some language (О. for
# Олександр, А. for Александр); birth year with the day or place of the event (names that
# disagree); month and place of the event with the surname's initial (initials and no
# birth date).
NAMES = "name_phonetic_sorted"
BLOCKING_RULES = [
    (NAMES,),
    ("family_phonetic", "given_initial"),
    ("family_phonetic", "given_initial_2"),
    ("family_phonetic", "given_initial_3"),
    ("given_phonetic", "family_initial"),
    ("birth_year_any", "event_day"),
    ("birth_year_any", "place_key", "sex"),
    ("event_month", "place_key", "family_initial"),
    ("birth_day", "given_initial"),
    ("birth_day", "family_initial"),
    ("birth_day", "place_key"),
]
# Two birth years at most one apart share one of these two-year spans (an age at the
# event gives a birth year that may be off by one).
DERIVED = {
    "birth_years": "floor(birth_year_any / 2)",
    "birth_years_shifted": "floor((birth_year_any + 1) / 2)",
}
_BIRTH = (("birth_years",), ("birth_years_shifted",))
# What a rule that compares too many pairs is split into: the same rule with one more
# fact, several times over, each fact of a different kind (birth year within a year, day
# of event, place, father's name).
_NAME_AND_INITIAL = [*_BIRTH, ("place_key",), ("event_day",)]
SPLITS = {
    (NAMES,): [*_BIRTH, ("event_day",), ("place_key",), ("patronymic_key",)],
    ("family_phonetic", "given_initial"): _NAME_AND_INITIAL,
    ("family_phonetic", "given_initial_2"): _NAME_AND_INITIAL,
    ("family_phonetic", "given_initial_3"): _NAME_AND_INITIAL,
    ("given_phonetic", "family_initial"): _NAME_AND_INITIAL,
    # For lists of initials and months of death: only while it is cheap (a million
    # records split it into 10 million more pairs, +25 s, for F1 0.950 -> 0.952).
    ("event_month", "place_key", "family_initial"): [],
}
# Any other rule is split on these: birth year and day of event on the place; birth year,
# place and sex on the day of event (and then left out, as birth year, day and place
# covers it). Fewer rules score faster; splitting these on more kinds of facts caught
# few more true pairs at a million records (F1 0.950 -> 0.948, 200 s -> 162 s).
FACTS = [*_BIRTH, ("event_day",), ("place_key",)]
# A fact already in a rule makes these splits pointless (they would add nothing).
_IMPLIES = {
    "birth_day": {"birth_year_any", "birth_years", "birth_years_shifted"},
    "birth_year_any": {"birth_years", "birth_years_shifted"},
    "event_day": {"event_month", "event_year"},
    "event_month": {"event_year"},
}
PAIRS_PER_RULE = 5  # per record
FLOOR = 2_000_000  # pairs any rule may compare (small registers keep loose rules)


def blocking_rules(extra_columns: Sequence[str] = (), features=None) -> list:
    """Splink blocking rules for these records (see `rule_columns`)."""
    return [
        block_on(*(DERIVED.get(c, c) for c in rule))
        for rule in rule_columns(extra_columns, features)
    ]


def rule_columns(extra_columns: Sequence[str] = (), features=None) -> list[tuple[str, ...]]:
    """Several loose rules, as tuples of columns: a true pair missed here is never compared.

    Each rule catches what others miss: a typo in one name (its sound differs, its
    initial does not), a different transliteration (sound codes), swapped name order
    (the two sounds sorted), names that disagree altogether (birth year with the day of
    event or the place).

    When `features` are given, each rule is counted first; one that would compare more
    than PAIRS_PER_RULE pairs per record (and more than FLOOR) is split into rules with
    one more fact each (SPLITS; twice at most); a rule that another chosen rule covers
    is left out.
    """
    if features is None:
        chosen = list(BLOCKING_RULES)
    else:
        with _Counter(features) as counter:
            budget = max(FLOOR, PAIRS_PER_RULE * len(features))
            chosen = []
            for rule in BLOCKING_RULES:
                _choose(rule, counter, budget, chosen)
        chosen = [rule for rule in chosen if not any(set(o) < set(rule) for o in chosen)]
    chosen += [(c,) for c in extra_columns if _identifying(features, c)]
    return list(dict.fromkeys(chosen))


def _choose(rule, counter, budget: int, chosen: list, depth: int = 2) -> None:
    if any(set(kept) <= set(rule) for kept in chosen):
        return  # every pair it would compare is compared already
    pairs = counter.pairs(rule)
    if pairs == 0:
        return
    if pairs <= budget:
        chosen.append(rule)
        return
    if depth == 0:
        return
    implied = set(rule).union(*(_IMPLIES.get(c, set()) for c in rule))
    for split in SPLITS.get(rule, FACTS):
        if not set(split) & implied:
            _choose((*rule, *split), counter, budget, chosen, depth - 1)


class _Counter:
    """Counts the pairs a blocking rule would compare (DuckDB is quick at it)."""

    def __init__(self, features, columns: Sequence[str] = ()):
        import duckdb
        import pyarrow as pa

        needed = {c for rule in BLOCKING_RULES for c in rule}
        needed |= {c for splits in SPLITS.values() for split in splits for c in split}
        needed |= {c for split in FACTS for c in split} | set(columns)
        needed = sorted((needed - set(DERIVED)) | {"birth_year_any"})
        self.con = duckdb.connect()
        self.con.register(
            "features_raw", pa.Table.from_pandas(features[needed], preserve_index=False)
        )
        # Hashes group much faster than text; the birth year stays a year (two-year spans).
        hashed = ", ".join(
            f"CASE WHEN {c} IS NULL THEN NULL ELSE hash({c}) END AS {c}"
            for c in needed
            if c != "birth_year_any"
        )
        derived = ", ".join(f"{sql} AS {name}" for name, sql in DERIVED.items())
        self.con.execute(
            f"CREATE TABLE features AS SELECT {hashed}, birth_year_any, {derived} FROM features_raw"
        )
        self.counted: dict[tuple[str, ...], int] = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.con.close()

    def pairs(self, columns: Sequence[str]) -> int:
        key = tuple(sorted(columns))
        if key not in self.counted:
            names = ", ".join(f'"{c}"' for c in columns)
            filled = " AND ".join(f'"{c}" IS NOT NULL' for c in columns)
            sql = (
                f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "
                f"(SELECT count(*) AS n FROM features WHERE {filled} GROUP BY {names})"
            )
            self.counted[key] = int(self.con.execute(sql).fetchone()[0])
        return self.counted[key]


def _identifying(features, column: str) -> bool:
    """Whether a column is varied enough to block on (an id, not a region)."""
    if features is None:
        return True
    filled = features[column].dropna()
    return len(filled) > 0 and filled.nunique() >= 0.2 * len(filled)


def compared_pairs(features, rules: Sequence[tuple[str, ...]]) -> int:
    """Pairs the rules compare, summed over rules (a pair two rules catch counts twice)."""
    with _Counter(features, [c for rule in rules for c in rule]) as counter:
        return sum(counter.pairs(rule) for rule in rules)


def recall(features, truth, rules: Sequence[tuple[str, ...]]) -> tuple[float, int]:
    """Share of true pairs that some rule compares, and the number of true pairs.

    `truth` gives each record's true person (aligned with `features`); a true pair
    is two records of one person. Blocking recall caps the linkage's recall.
    """
    import duckdb
    import pyarrow as pa

    columns = sorted({c for rule in rules for c in rule} - set(DERIVED) | {"birth_year_any"})
    table = features[["unique_id", *columns]].assign(toll_truth=list(truth))
    con = duckdb.connect()
    try:
        con.register("raw", pa.Table.from_pandas(table, preserve_index=False))
        derived = ", ".join(f"{sql} AS {name}" for name, sql in DERIVED.items())
        con.execute(f"CREATE VIEW f AS SELECT *, {derived} FROM raw")
        caught = " OR ".join(
            "(" + " AND ".join(f"l.{c} = r.{c}" for c in rule) + ")" for rule in rules
        )
        sql = (
            f"SELECT count(*), count(*) FILTER (WHERE {caught or 'false'}) FROM f l JOIN f r "
            "ON l.toll_truth = r.toll_truth AND l.unique_id < r.unique_id"
        )
        pairs, hit = con.execute(sql).fetchone()
    finally:
        con.close()
    return (hit / pairs if pairs else 1.0), int(pairs)
