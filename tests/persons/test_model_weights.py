"""Trained weights stay believable whatever few pairs training saw."""

import math

from toll.persons.linkage import LinkModel, temper


def _level(condition, m, u, null=False):
    level = {"sql_condition": condition, "m_probability": m, "u_probability": u}
    return level | ({"is_null_level": True} if null else {})


def _settings(name, levels):
    return {
        "probability_two_random_records_match": 0.001,
        "comparisons": [{"output_column_name": name, "comparison_levels": levels}],
    }


def _weights(settings):
    return LinkModel(settings).parameters()["match_weight"].tolist()


def test_different_names_are_strong_evidence_but_no_veto():
    trained = _settings(
        "given",
        [
            _level("given_key_l IS NULL", None, None, null=True),
            _level("given_key_l = given_key_r", 0.99999, 0.01),
            _level("ELSE", 1e-9, 0.99),
        ],
    )
    weights = _weights(temper(trained))
    assert -7.5 < weights[-1] < -5.5  # about log2(0.01 / 0.99), not log2(1e-9 / 0.99)


def test_a_full_birth_date_that_agrees_counts_at_least_as_much_as_the_year():
    trained = _settings(
        "birth",
        [
            _level("birth_l IS NULL", None, None, null=True),
            _level("birth_day_l = birth_day_r", 1e-6, None),  # never seen in training
            _level("birth_year_l = birth_year_r", 0.6, 0.013),
            _level("ELSE", 0.4, 0.987),
        ],
    )
    day, year = _weights(temper(trained))[1:3]
    assert day >= year > 5
    assert math.isfinite(day)


def test_else_weight_names_the_last_level():
    settings = temper(
        _settings(
            "given",
            [_level("given_key_l = given_key_r", 0.9, 0.01), _level("ELSE", 0.1, 0.99)],
        )
    )
    assert LinkModel(settings).else_weight("given") == _weights(settings)[-1]
    assert LinkModel(settings).else_weight("surname") is None


def test_agreeing_on_a_date_most_records_share_never_counts_against():
    """One massacre day for nearly everyone: splink's term-frequency adjustment would take
    agreement on it below zero; it is lifted to zero and the match weight follows."""
    import pandas as pd

    from toll.persons.linkage import link, probability

    given = ["Ali", "Vugar", "Gulnar", "Rashid", "Aynur", "Elchin", "Sevda", "Kamal"]
    family = ["Aliyev", "Mammadov", "Huseynova", "Guliyev", "Hasanova", "Ismayilov"]
    rows = []
    for i in range(240):
        person = {
            "given_name": given[i % len(given)],
            "family_name": family[(i // len(given)) % len(family)],
            "birth_year": 1930 + i % 60,
            "event_date": "1992-02-26" if i % 10 else f"1992-03-{1 + i % 28:02d}",
        }
        for source in ("a", "b") if i % 2 else ("a",):
            rows.append({**person, "record_id": f"{source}{i:03d}", "source_id": source})
    records = pd.DataFrame(rows)
    pairs = link(records, review_band=(0.001, 0.9)).pairs
    day = records.set_index("record_id")["event_date"]
    massacre_day = (pairs["record_id_l"].map(day) == "1992-02-26") & (
        pairs["record_id_r"].map(day) == "1992-02-26"
    )
    assert massacre_day.sum() > 50
    assert (pairs.loc[massacre_day, "mw_event"] >= 0).all()
    fields = pairs[[c for c in pairs if c.startswith("mw_")]].sum(axis=1)
    assert (pairs["match_weight"] - fields).round(6).nunique() == 1  # the prior, for every pair
    expected = probability(pairs["match_weight"].to_numpy())
    assert abs(pairs["match_probability"].to_numpy() - expected).max() < 1e-9


def test_progress_counts_the_steps_done_not_the_step_begun():
    import pandas as pd

    from toll.persons.linkage import link

    seen = []
    records = pd.DataFrame(
        {"record_id": ["1", "2", "3"], "full_name": ["Ali Aliyev", "Али Алиев", "Vugar Mammadov"]}
    )
    link(records, progress=lambda done, steps, message: seen.append((done, steps)))
    assert [done for done, _ in seen] == list(range(len(seen)))  # 0 when the first step begins
    assert all(done < steps for done, steps in seen)  # never 100% while work remains
