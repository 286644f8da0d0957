"""A synthetic population of victims, and which lists record each of them.

Capture is heterogeneous and correlated, as in real lists: each person has a
"visibility" (how known, how searched for) that raises the chance of being on every
list, and each list favours some statuses and communities (a ministry records the
killed of its own side, a missing-persons commission the missing and captured, a
hospital the injured).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toll.synth.pools import Pools

STATUSES = np.array(["killed", "missing", "captured", "injured"], dtype=object)
_STATUS_SHARE = [0.6, 0.25, 0.1, 0.05]


def _zipf_choice(rng: np.random.Generator, start: int, end: int, size: int) -> np.ndarray:
    """Draw ids in [start, end) with Zipf-like popularity: some names are very common."""
    ranks = np.arange(1, end - start + 1)
    weights = 1.0 / ranks**0.9
    return start + rng.choice(end - start, size=size, p=weights / weights.sum())


def make_population(
    persons: int, pools: Pools, rng: np.random.Generator, sibling_rate: float = 0.0
) -> pd.DataFrame:
    """One row per person with true attributes (ids into the pools' tables).

    About `sibling_rate` of the persons are brothers or sisters of another victim:
    same family name, father, place and day of death, different given names and
    birth years (`family` is the person_id of the first sibling, or the person's own).
    """
    group_index = rng.choice(len(pools.groups), size=persons, p=pools.weights)
    group = np.array(pools.groups, dtype=object)[group_index]
    male = rng.random(persons) < 0.72
    given_id = np.zeros(persons, dtype=np.int64)
    family_id = np.zeros(persons, dtype=np.int64)
    father_id = np.zeros(persons, dtype=np.int64)
    place_id = np.zeros(persons, dtype=np.int64)
    event = np.zeros(persons, dtype="datetime64[D]")
    for name in pools.groups:
        in_group = group == name
        ranges = pools.ranges[name]
        for sex_mask, kind in ((in_group & male, "male"), (in_group & ~male, "female")):
            given_id[sex_mask] = _zipf_choice(rng, *ranges[kind], int(sex_mask.sum()))
        count = int(in_group.sum())
        family_id[in_group] = _zipf_choice(rng, *ranges["family"], count)
        father_id[in_group] = _zipf_choice(rng, *ranges["male"], count)
        place_id[in_group] = _zipf_choice(rng, *ranges["places"], count)
        periods = pools.events[name]
        which = rng.integers(0, len(periods), count)
        starts = np.array([periods[i][0] for i in which], dtype="datetime64[D]")
        ends = np.array([periods[i][1] for i in which], dtype="datetime64[D]")
        span = (ends - starts).astype(np.int64) + 1
        event[in_group] = starts + (rng.random(count) * span).astype(np.int64)
    combatant = male & (rng.random(persons) < 0.7)
    age = np.where(
        combatant,
        np.clip(rng.normal(27, 8, persons), 18, 60),
        rng.uniform(0, 86, persons),
    ).astype(np.int64)
    birth = event - (age * 365.25 + rng.integers(0, 365, persons)).astype(np.int64)
    status = STATUSES[rng.choice(len(STATUSES), size=persons, p=_STATUS_SHARE)]
    people = pd.DataFrame(
        {
            "person_id": np.arange(1, persons + 1),
            "group": group,
            "sex": np.where(male, "m", "f"),
            "given_id": given_id,
            "family_id": family_id,
            "father_id": father_id,
            "place_id": place_id,
            "birth_date": birth,
            "event_date": event,
            "status": status,
            "combatant": combatant,
            "visibility": rng.normal(0, 1, persons),
        }
    )
    return _add_siblings(people, pools, rng, sibling_rate)


_SHARED_BY_SIBLINGS = ["group", "family_id", "father_id", "place_id", "event_date", "status"]


def _add_siblings(
    people: pd.DataFrame, pools: Pools, rng: np.random.Generator, rate: float
) -> pd.DataFrame:
    """Make about `rate` of the persons siblings of another one, killed with them."""
    people = people.assign(family=people["person_id"])
    siblings = np.flatnonzero(rng.random(len(people)) < rate)
    others = np.setdiff1d(np.arange(len(people)), siblings)
    if len(siblings) == 0 or len(others) == 0:
        return people
    firsts = rng.choice(others, size=len(siblings))
    for column in [*_SHARED_BY_SIBLINGS, "family"]:
        people.loc[siblings, column] = people[column].to_numpy()[firsts]
    for row, first in zip(siblings, firsts, strict=True):
        kind = "male" if people.at[row, "sex"] == "m" else "female"
        start, end = pools.ranges[people.at[row, "group"]][kind]
        given = int(rng.integers(start, end))
        if given == people.at[first, "given_id"]:
            given = start + (given - start + 1) % (end - start)
        people.at[row, "given_id"] = given
    gap = rng.integers(1, 13, len(siblings)) * rng.choice([-1, 1], len(siblings))
    birth = people["birth_date"].to_numpy()[firsts] + (
        gap * 365 + rng.integers(-100, 100, len(siblings))
    ).astype("timedelta64[D]")
    event = people["event_date"].to_numpy()[siblings]
    people.loc[siblings, "birth_date"] = np.minimum(birth, event - np.timedelta64(30, "D"))
    return people


def capture(
    population: pd.DataFrame,
    coverage: float,
    status_effect: dict[str, float],
    group_effect: dict[str, float],
    loading: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Boolean mask of the persons one list records, with mean close to `coverage`."""
    score = loading * population["visibility"].to_numpy()
    score = score + population["status"].map(status_effect).fillna(0).to_numpy()
    score = score + population["group"].map(group_effect).fillna(0).to_numpy()
    low, high = -12.0, 12.0
    for _ in range(40):  # bisection on the intercept to hit the coverage
        middle = (low + high) / 2
        if (1 / (1 + np.exp(-(middle + score)))).mean() < coverage:
            low = middle
        else:
            high = middle
    probability = 1 / (1 + np.exp(-(low + score)))
    return rng.random(len(population)) < probability
