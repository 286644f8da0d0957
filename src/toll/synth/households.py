"""Households for the synthetic population: heads, spouses and children, with their fates.

With `SynthSettings(households=True)` the population is grouped into households (1 to 7
persons): a head (a man of 25–65), often a wife of about his age, and children. Members share
the family name, the place and the night they were struck; children carry the head's name in
their patronymic. Each household meets one fate: wiped out (every member killed), or each
member killed, missing or surviving on their own. Children are 0–14 and adult children 22 or
older, so that a list giving only a birth year, or an age off by two, still says without doubt
who was a child.

`family_truth` computes the true family figures from what the lists record (each list's
households, joined through the persons they share, with true identities): the figures Toll
must find after linking the lists.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from toll.synth.pools import Pools

ROLES = ("head", "spouse", "son", "daughter")
CHILD_UNDER = 18


def make_households(people: pd.DataFrame, pools: Pools, rng: np.random.Generator) -> pd.DataFrame:
    """The population regrouped into households; adds `household` and `relation` columns."""
    people = people.copy()
    n = len(people)
    sizes = []
    while sum(sizes) < n:
        sizes.append(
            int(rng.choice([1, 2, 3, 4, 5, 6, 7], p=[0.15, 0.15, 0.2, 0.2, 0.15, 0.1, 0.05]))
        )
    sizes[-1] -= sum(sizes) - n
    household = np.repeat(np.arange(1, len(sizes) + 1), sizes)
    people["household"] = household
    people["relation"] = None
    start = 0
    for size in sizes:
        _one_household(people, range(start, start + size), pools, rng)
        start += size
    return people


def _one_household(people: pd.DataFrame, rows: range, pools: Pools, rng) -> None:
    head = rows[0]
    group = people.at[head, "group"]
    ranges = pools.ranges[group]
    event = people.at[head, "event_date"]
    head_age = int(rng.integers(25, 66))
    used: set[int] = set()
    ages: list[int] = []

    def child_age(low: int, high: int) -> int:
        """An age at least two years from the other children's (no twins: lists cannot tell
        two children of one name, birth year and night apart)."""
        for _ in range(20):
            age = int(rng.integers(low, max(high, low + 1)))
            if all(abs(age - other) >= 2 for other in ages):
                break
        ages.append(age)
        return age

    def given(kind: str) -> int:
        start, end = ranges[kind]
        while True:
            value = int(rng.integers(start, end))
            if value not in used or len(used) >= end - start:
                used.add(value)
                return value

    for position, row in enumerate(rows):
        if position == 0:
            role, sex, age = "head", "m", head_age
        elif position == 1 and rng.random() < 0.85:
            role, sex = "spouse", "f"
            age = int(np.clip(head_age - rng.integers(-2, 8), 20, 90))
        else:
            sex = "m" if rng.random() < 0.5 else "f"
            role = "son" if sex == "m" else "daughter"
            young = rng.random() < 0.75 or head_age < 44
            age = child_age(0, 15) if young else child_age(22, head_age - 20)
        people.at[row, "relation"] = role
        people.at[row, "sex"] = sex
        people.at[row, "group"] = group
        people.at[row, "given_id"] = given("male" if sex == "m" else "female")
        if role in ("son", "daughter"):
            people.at[row, "father_id"] = people.at[head, "given_id"]
        people.at[row, "family_id"] = people.at[head, "family_id"]
        people.at[row, "place_id"] = people.at[head, "place_id"]
        people.at[row, "event_date"] = event
        people.at[row, "combatant"] = False
        people.at[row, "birth_date"] = event - np.timedelta64(
            int(age * 365.25 + rng.integers(1, 360)), "D"
        )
        people.at[row, "visibility"] = people.at[head, "visibility"]  # lists record families
    _fates(people, rows, rng)


def _fates(people: pd.DataFrame, rows: range, rng) -> None:
    if len(rows) > 1 and rng.random() < 0.15:
        fates = ["killed"] * len(rows)
    else:
        fates = list(
            rng.choice(["killed", "missing", "alive"], size=len(rows), p=[0.45, 0.15, 0.4])
        )
    for row, fate in zip(rows, fates, strict=True):
        people.at[row, "status"] = fate


def family_truth(population: pd.DataFrame, truth: pd.DataFrame, households: dict) -> dict:
    """The family figures the lists allow, by Toll's default definitions, with true identities.

    `truth` says who each list row is (file, row, person_id); `households` maps each list file
    to its household number per person. A family is the households of the lists joined through
    the persons they share, with at least two known (listed) members.
    """
    person = population.set_index("person_id")
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    for file, row_person in zip(truth["file"], truth["person_id"], strict=True):
        groups[(file, households[file][row_person])].add(int(row_person))
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x] = parent[parent[x]]
        return x

    for members in groups.values():
        first = next(iter(members))
        for member in members:
            parent[find(member)] = find(first)
    families: dict[int, set[int]] = defaultdict(set)
    family_groups: dict[int, list[set[int]]] = defaultdict(list)
    for members in groups.values():
        root = find(next(iter(members)))
        families[root] |= members
        family_groups[root].append(members)
    killed = lambda p: person.at[p, "status"] == "killed"  # noqa: E731
    role = lambda p: person.at[p, "relation"]  # noqa: E731
    wiped, one, both = [], [], []
    for root, members in families.items():
        if len(members) < 2:
            continue
        if all(killed(p) for p in members):
            wiped.append(sorted(members))
        for child in sorted(members):
            parents = _parents(child, family_groups[root], members, role)
            if len(parents) != 2 or killed(child):
                continue
            lost = [p for p in parents if killed(p)]
            age = _age(person.at[child, "birth_date"], person.at[child, "event_date"])
            if lost and age < CHILD_UNDER:
                (both if len(lost) == 2 else one).append(child)
    return {
        "definitions": "Toll's defaults: a family has 2+ listed members; wiped out = every "
        "listed member killed; a child is a son or daughter of the head under 18 whose two "
        "listed parents were killed (one or both), not killed themselves",
        "families": sum(1 for m in families.values() if len(m) >= 2),
        "families_wiped_out": {"count": len(wiped), "families": wiped},
        "children_lost_one_parent": {"count": len(one), "persons": one},
        "children_lost_both_parents": {"count": len(both), "persons": both},
    }


def _parents(child: int, groups: list[set[int]], members: set[int], role) -> set[int]:
    if role(child) not in ("son", "daughter"):
        return set()
    found: set[int] = set()
    for group in groups:
        if child not in group:
            continue
        found |= {p for p in group if role(p) in ("head", "spouse")}
        if not any(role(p) == "head" for p in group):  # a list without the head: the family's
            found |= {p for p in members if role(p) in ("head", "spouse")}
    return found


def _age(birth, event) -> int:
    return int((pd.Timestamp(event) - pd.Timestamp(birth)).days // 365.25)
