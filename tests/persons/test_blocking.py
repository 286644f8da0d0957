"""Blocking: which pairs are compared at all, and how rules that would compare too many
pairs are split without losing the true pairs."""

import numpy as np
import pandas as pd
import pytest

from toll.persons import blocking
from toll.persons.blocking import BLOCKING_RULES, NAMES, blocking_rules, recall, rule_columns
from toll.persons.features import record_features

PLACES = "Aghdam Barda Fuzuli Ganja Khojaly Lachin Shusha Tartar Kalbajar Jabrayil".split()


def _features(rows: list[dict]) -> pd.DataFrame:
    records = pd.DataFrame(rows)
    records["record_id"] = [f"r{i:05d}" for i in range(len(records))]
    return record_features(records)


def _crowd(size: int, seed: int = 1) -> list[dict]:
    """Many people sharing one common name, with varied years, days and places."""
    rng = np.random.default_rng(seed)
    return [
        {
            "given_name": "Ali",
            "family_name": "Mammadov",
            "birth_year": int(rng.integers(1940, 2000)),
            "event_date": f"1992-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}",
            "place": PLACES[rng.integers(0, len(PLACES))],
            "sex": "m",
        }
        for _ in range(size)
    ]


def test_without_features_the_loose_rules_are_used():
    assert rule_columns() == BLOCKING_RULES
    rules = blocking_rules(("passport",))
    assert len(rules) == len(BLOCKING_RULES) + 1


def test_small_registers_keep_the_loose_rules():
    features = _features(_crowd(300))
    assert (NAMES,) in rule_columns(features=features)


def test_a_rule_too_big_is_split_on_several_facts(monkeypatch):
    monkeypatch.setattr(blocking, "PAIRS_PER_RULE", 1)
    monkeypatch.setattr(blocking, "FLOOR", 10_000)
    features = _features(_crowd(600))
    chosen = rule_columns(features=features)
    assert (NAMES,) not in chosen
    name_rules = [rule for rule in chosen if rule[0] == NAMES]
    assert (NAMES, "birth_years") in name_rules
    assert (NAMES, "birth_years_shifted") in name_rules
    assert (NAMES, "event_day") in name_rules
    # a split that a chosen rule already covers is left out
    for rule in chosen:
        assert not any(set(other) < set(rule) for other in chosen)


def test_birth_years_one_apart_are_still_compared_after_a_split(monkeypatch):
    monkeypatch.setattr(blocking, "PAIRS_PER_RULE", 1)
    monkeypatch.setattr(blocking, "FLOOR", 10_000)
    crowd = _crowd(600)
    # one person twice: an age at the event gives 1961, the other list says 1962
    # (1961 and 1962 fall in different even two-year spans), nothing else in common
    pair = [
        {"given_name": "Ali", "family_name": "Mammadov", "birth_year": 1961, "person": "p"},
        {"given_name": "Али", "family_name": "Мамедов", "birth_year": 1962, "person": "p"},
    ]
    rows = [{**row, "person": f"c{i}"} for i, row in enumerate(crowd)] + pair
    features = _features(rows)
    chosen = rule_columns(features=features)
    assert (NAMES,) not in chosen
    share, pairs = recall(features, [row["person"] for row in rows], chosen)
    assert pairs == 1
    assert share == 1.0


def test_recall_counts_the_true_pairs_no_rule_compares():
    rows = [
        {"given_name": "Ali", "family_name": "Mammadov", "birth_year": 1970, "person": "a"},
        {"given_name": "Али", "family_name": "Мамедов", "birth_year": 1970, "person": "a"},
        # nothing in common but the person
        {"given_name": "Rashid", "family_name": "Karimov", "person": "b"},
        {"given_name": "Ulviyya", "place": "Ganja", "person": "b"},
    ]
    features = _features(rows)
    share, pairs = recall(features, [row["person"] for row in rows], BLOCKING_RULES)
    assert pairs == 2
    assert share == pytest.approx(0.5)


def test_rules_with_two_year_spans_render_for_duckdb_and_spark():
    rule = blocking.block_on(blocking.DERIVED["birth_years"], NAMES)
    for dialect in ("duckdb", "spark"):
        sql = rule.get_blocking_rule(dialect).blocking_rule_sql
        assert "FLOOR(l.birth_year_any / 2) = FLOOR(r.birth_year_any / 2)" in sql


MONTH_RULE = ("event_month", "place_key", "family_initial")


def test_month_place_and_initial_is_kept_while_cheap_and_never_split(monkeypatch):
    """Lists of initials with months of death need it; a big register cannot afford it."""
    features = _features(_crowd(300))
    assert MONTH_RULE in rule_columns(features=features)
    monkeypatch.setattr(blocking, "PAIRS_PER_RULE", 1)
    monkeypatch.setattr(blocking, "FLOOR", 1_000)
    chosen = rule_columns(features=_features(_crowd(600)))
    assert not [rule for rule in chosen if set(MONTH_RULE) <= set(rule)]
