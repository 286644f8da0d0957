"""One list names a person once: a record's clear best candidate in another list, and
its rivals there.

A record that gives a common name, a place and a year and nothing else scores only
moderately against its own entry in another list: hundreds share the name, and the model
cannot know that none of them is in that place. The other records of that list can: when
two records are each other's best candidate in the other's list, by a clear margin over
every other candidate there (`CLEAR_MARGIN`: twice as likely in odds, in bits), no
namesake competes for them, and they are linked (raised to the threshold). A candidate
that is itself linked to the best (the same person entered twice in that list) is no
competitor; of two such duplicates equally good, the one with the smaller id is the best
(`link` makes ids from the records' content), so what is raised depends on the pairs, never
on the order they come in. Pairs inside one list are left as scored: a list's own
look-alikes are as often namesakes as duplicates.

The same fact weighs against a link: of a record's candidates in another list, at most one
is its person, so each pair's odds are shared with its rivals there (`discount_rivals`):
a namesake as likely as the best leaves neither linked, both go to review.

Pure pandas over scored pairs; no store, no splink.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CLEAR_MARGIN = 2.0  # bits of match weight over the runner-up in the same list
# The least probability of a pair so raised: one in ten, with no rival within a quarter
# of its odds in that list. A record of initials with no birth year and no day (a surname,
# an initial, a place and a year) often scores under 0.2 against its own entry: on seed 801
# of `bench/unseen.py --hard`, 1,876 true pairs under it were that record's best candidate.
CLEAR_FLOOR = 0.1
# Two candidates in one list that score this much against each other are one person
# entered twice, no rivals for the lift (`lift_clear_best`'s `twice`).
TWICE_FLOOR = 0.2
CLEAR_BEST = "mw_best_candidate"


def lift_clear_best(
    pairs: pd.DataFrame,
    sources: pd.Series,
    *,
    threshold: float,
    low: float,
    margin: float = CLEAR_MARGIN,
    eligible: np.ndarray | None = None,
    twice: float | None = None,
) -> pd.DataFrame:
    """Raise to `threshold` the pairs (at `low` or above) that are each record's clear best.

    `pairs` has record_id_l, record_id_r, match_probability and match_weight, scored down
    to `margin` bits below `low` (so that every competitor is seen); `sources` maps
    record_id to its list. Only pairs marked `eligible` (default: all) are raised; all
    compete. Two candidates in one list scoring `twice` (default `low`) or above against
    each other are one person entered twice, no rivals. Adds a `CLEAR_BEST` weight column
    (what the lift added, else 0) so that the field weights still add up to the match
    weight.
    """
    pairs = pairs.reset_index(drop=True)
    lifted = np.zeros(len(pairs))
    left_source = pairs["record_id_l"].map(sources).to_numpy(dtype=object)
    right_source = pairs["record_id_r"].map(sources).to_numpy(dtype=object)
    across = (left_source != right_source) & pd.notna(left_source) & pd.notna(right_source)
    if across.any():
        duplicate_floor = low if twice is None else twice
        clear = _clear_best(pairs, left_source, right_source, across, duplicate_floor, margin)
        chosen = clear & (pairs["match_probability"].to_numpy() >= low)
        chosen &= pairs["match_probability"].to_numpy() < threshold
        if eligible is not None:
            chosen &= np.asarray(eligible, dtype=bool)
        target = np.log2(threshold / (1 - threshold))
        lifted = np.where(chosen, target - pairs["match_weight"].to_numpy(dtype=float), 0.0)
        lifted = np.maximum(lifted, 0.0)
    out = pairs.assign(**{CLEAR_BEST: lifted})
    out["match_weight"] = out["match_weight"] + lifted
    out["match_probability"] = np.where(
        lifted > 0, threshold, out["match_probability"].to_numpy(dtype=float)
    )
    return out


def _clear_best(pairs, left_source, right_source, across, low, margin) -> np.ndarray:
    """Whether each pair is, in both directions, the best candidate by `margin` bits.

    Depends on the pairs, not on their order: of two candidates with the same weight the
    one with the smaller id is the best, and every candidate within `margin` of the best
    is a rival unless it is the best's duplicate (not only the runner-up, which with a tie
    behind it was whichever came first)."""
    index = np.flatnonzero(across)
    weight = pairs["match_weight"].to_numpy(dtype=float)[index]
    left = pairs["record_id_l"].to_numpy(dtype=object)[index]
    right = pairs["record_id_r"].to_numpy(dtype=object)[index]
    directed = pd.DataFrame(
        {
            "pair": np.concatenate([index, index]),
            "record": np.concatenate([left, right]),
            "other": np.concatenate([right, left]),
            "list": np.concatenate([right_source[index], left_source[index]]),
            "weight": np.concatenate([weight, weight]),
        }
    ).sort_values(
        ["record", "list", "weight", "other"], ascending=[True, True, False, True], kind="stable"
    )
    groups = directed.groupby(["record", "list"], sort=False)
    first = groups.cumcount().to_numpy() == 0
    best = groups[["other", "weight"]].transform("first")
    near = ~first & (best["weight"].to_numpy() - directed["weight"].to_numpy() < margin)
    duplicate = _linked(
        pairs, low, directed["other"].to_numpy()[near], best["other"].to_numpy()[near]
    )
    rival = np.zeros(len(directed), dtype=bool)
    rival[np.flatnonzero(near)[~duplicate]] = True
    contested = pd.Series(rival).groupby(groups.ngroup().to_numpy()).transform("any")
    clear_pairs = directed.loc[first & ~contested.to_numpy(), "pair"]
    counts = clear_pairs.value_counts()  # clear in both directions: counted twice
    clear = np.zeros(len(pairs), dtype=bool)
    clear[counts.index[counts.to_numpy() == 2].to_numpy(dtype=int)] = True
    return clear


def _linked(pairs: pd.DataFrame, low: float, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether each (a, b) is a scored pair at `low` or above (one person twice in a list)."""
    strong = pairs.loc[pairs["match_probability"] >= low, ["record_id_l", "record_id_r"]]
    known = pd.MultiIndex.from_frame(strong.astype(str))
    a = a.astype(str)
    b = b.astype(str)
    asked = pd.MultiIndex.from_arrays([np.where(a < b, a, b), np.where(a < b, b, a)])
    return np.asarray(asked.isin(known))


RIVALS = "mw_rivals"


def discount_rivals(
    pairs: pd.DataFrame, sources: pd.Series, *, low: float, exempt: np.ndarray | None = None
) -> pd.DataFrame:
    """Weigh each pair across two lists against its records' other candidates in those lists.

    A list names a person once, so a record's candidates in another list are rivals: at
    most one of them is the record's person. If record a scores odds o against b and its
    other candidates in b's list score odds S together, the chance that b is a's person is
    o / (1 + o + S), not o / (1 + o): the odds become o / (1 + S). A namesake in b's list
    with the same name, place and year (S about o) takes a link from 0.95 down to about
    0.5, into review. Each rival counts with its odds shared among its own candidates
    in a's list (o' / (1 + S'), S' its candidates there other than a): a namesake whom
    another record of a's list matches far better takes little from a. A candidate
    linked to b at `low` or above (b entered twice; linkage
    passes the low end of its review band: more likely one person than not) is no rival. Judged
    in both directions, the larger discount counting. Pairs inside one list are left as
    scored, and so are pairs marked `exempt` (they still rival the others). Adds a `RIVALS`
    weight column (what the discount took, else 0), so that the field weights still add up
    to the match weight.
    """
    pairs = pairs.reset_index(drop=True)
    weight = pairs["match_weight"].to_numpy(dtype=float)
    left_source = pairs["record_id_l"].map(sources).to_numpy(dtype=object)
    right_source = pairs["record_id_r"].map(sources).to_numpy(dtype=object)
    across = (left_source != right_source) & pd.notna(left_source) & pd.notna(right_source)
    discount = np.zeros(len(pairs))
    if across.any():
        # records and lists as integer codes: the joins below are on numbers, not text
        ids = np.concatenate([pairs["record_id_l"].to_numpy(), pairs["record_id_r"].to_numpy()])
        codes = pd.factorize(pd.Series(ids, dtype=object).astype(str))[0]
        left, right = codes[: len(pairs)], codes[len(pairs) :]
        lists = pd.factorize(pd.Series(np.concatenate([left_source, right_source])))[0]
        left_list, right_list = lists[: len(pairs)], lists[len(pairs) :]
        index = np.flatnonzero(across)
        directed = pd.DataFrame(
            {
                "pair": np.concatenate([index, index]),
                "record": np.concatenate([left[index], right[index]]),
                "other": np.concatenate([right[index], left[index]]),
                "list": np.concatenate([right_list[index], left_list[index]]),
            }
        )
        odds = np.exp2(weight[directed["pair"].to_numpy()])
        # normalised over both lists at once: a rival's odds are shared with its own
        # other candidates in this record's list (rows i and i + n are one pair's two
        # directions), so a candidate that another record claims strongly is little rival
        own = directed.assign(odds=odds).groupby(["record", "list"])["odds"].transform("sum")
        reverse = np.concatenate([np.arange(len(index), 2 * len(index)), np.arange(len(index))])
        directed["odds"] = odds / (1 + np.clip(own.to_numpy()[reverse] - odds, 0.0, None))
        total = directed.groupby(["record", "list"])["odds"].transform("sum")
        # a twin is a candidate in the same list as the other: only links inside one list
        # can match (at a million records, all strong links made the join 2 GB)
        strong = pairs["match_probability"].to_numpy() >= low
        strong &= (left_list == right_list) & (left_list >= 0)
        twice = _duplicates_odds(directed, left[strong], right[strong])
        rivals = (total - directed["odds"] - twice).clip(lower=0.0)
        per_pair = np.log2(1 + rivals).groupby(directed["pair"]).max()
        discount[per_pair.index.to_numpy(dtype=int)] = per_pair.to_numpy()
        if exempt is not None:
            discount[np.asarray(exempt, dtype=bool)] = 0.0
    out = pairs.assign(**{RIVALS: np.where(discount > 0, -discount, 0.0)})
    out["match_weight"] = weight - discount
    out["match_probability"] = 1 / (1 + np.exp2(-out["match_weight"].to_numpy()))
    return out


def _duplicates_odds(directed: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> pd.Series:
    """For each directed row (record, other, other's list), the odds of the record's
    candidates in that list linked to its `other` (pairs `left`-`right`: the same person
    entered twice, no rival)."""
    linked = pd.DataFrame(
        {"other": np.concatenate([left, right]), "twin": np.concatenate([right, left])}
    )
    rows = directed.reset_index(names="row")[["row", "record", "list", "other"]]
    met = rows.merge(linked, on="other").merge(
        directed[["record", "list", "other", "odds"]].rename(columns={"other": "twin"}),
        on=["record", "list", "twin"],
    )
    return met.groupby("row")["odds"].sum().reindex(directed.index, fill_value=0.0)
