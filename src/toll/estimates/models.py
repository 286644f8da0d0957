"""Hierarchical log-linear models over k lists: terms, design matrices, enumeration.

A term is a bit mask of lists (0b011 = the interaction of lists 0 and 1). A hierarchical
model always has the intercept and every main effect; it holds an interaction only if it
holds every lower-order interaction inside it. A model is written by its generators, the
terms not contained in a larger one, as in Rcapture and MultipleSystemsEstimation:
"[123][14][34]" (lists numbered from 1).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import numpy as np

from toll.estimates.table import popcount

# Enumerating more models than this (7+ lists) is refused: use the stepwise selector.
MAX_MODELS = 40_000


def default_max_order(k: int) -> int:
    """Highest interaction order searched by default, as in MultipleSystemsEstimation."""
    if k <= 3:
        return 2
    if k <= 5:
        return 3
    return 2


def interaction_terms(k: int, max_order: int) -> list[int]:
    """Every interaction of 2..max_order lists, ordered by size then mask."""
    terms = [sum(1 << j for j in combo)
             for size in range(2, max_order + 1) for combo in combinations(range(k), size)]
    return terms


def columns(k: int, max_order: int) -> list[int]:
    """Design columns: intercept (mask 0), main effects, then interactions."""
    return [0] + [1 << j for j in range(k)] + interaction_terms(k, max_order)


@lru_cache(maxsize=32)
def design(k: int, max_order: int, with_unobserved: bool = False) -> np.ndarray:
    """0/1 design matrix, one row per observable cell (mask 1..2^k-1), one column per term.

    With `with_unobserved`, row 0 is the all-zero cell (only the intercept is 1).
    """
    start = 0 if with_unobserved else 1
    cells = np.arange(start, 2**k)[:, None]
    terms = np.array(columns(k, max_order))[None, :]
    matrix = ((cells & terms) == terms).astype(float)
    matrix.setflags(write=False)
    return matrix


def is_hierarchical(terms: frozenset[int]) -> bool:
    """True when every interaction's sub-interactions are also in the model."""
    for term in terms:
        bits = [b for b in range(term.bit_length()) if term >> b & 1]
        if len(bits) > 2:
            for b in bits:
                if term & ~(1 << b) not in terms:
                    return False
    return True


@lru_cache(maxsize=16)
def enumerate_models(k: int, max_order: int) -> tuple[tuple[int, ...], ...]:
    """All hierarchical models with interactions up to `max_order` (as tuples of terms).

    8 models for 3 lists (order 2), 113 for 4 lists (order 3), 1,024 for 5 lists (order 2),
    32,768 for 6 lists (order 2). The first model is main effects only.
    """
    models: list[tuple[int, ...]] = [()]
    for term in interaction_terms(k, max_order):
        bits = [b for b in range(k) if term >> b & 1]
        subs = [term & ~(1 << b) for b in bits] if len(bits) > 2 else []
        grown = []
        for model in models:
            present = set(model)
            if all(s in present for s in subs):
                grown.append(model + (term,))
        models.extend(grown)
        if len(models) > MAX_MODELS:
            raise ValueError(f"more than {MAX_MODELS} hierarchical models for {k} lists up to "
                             f"order {max_order}")
    return tuple(models)


def model_mask(models, k: int, max_order: int) -> np.ndarray:
    """Boolean matrix (models x design columns): which columns each model uses."""
    cols = columns(k, max_order)
    index = {t: i for i, t in enumerate(cols)}
    mask = np.zeros((len(models), len(cols)), dtype=bool)
    mask[:, : k + 1] = True
    for m, model in enumerate(models):
        for term in model:
            mask[m, index[term]] = True
    return mask


def model_order(model: tuple[int, ...]) -> int:
    """Highest interaction order in the model (1 for main effects only)."""
    return max((popcount(t) for t in model), default=1)


def generators(model: tuple[int, ...], k: int) -> list[int]:
    """Maximal terms of a model (main effects included when in no interaction)."""
    terms = set(model) | {1 << j for j in range(k)}
    return sorted((t for t in terms if not any(o != t and o & t == t for o in terms)),
                  key=lambda t: [b for b in range(k) if t >> b & 1])


def model_name(model: tuple[int, ...], k: int) -> str:
    """"[123][14][34]": generators with lists numbered from 1 (comma-separated past 9 lists)."""
    sep = "" if k <= 9 else ","
    parts = []
    for term in generators(model, k):
        parts.append("[" + sep.join(str(b + 1) for b in range(k) if term >> b & 1) + "]")
    return "".join(parts)


def model_terms_named(model: tuple[int, ...], lists: tuple[str, ...]) -> list[str]:
    """Interaction terms with list names: ["EXH:ABA", ...]."""
    return [":".join(lists[b] for b in range(len(lists)) if t >> b & 1) for t in model]


def parse_model(text: str, k: int) -> tuple[int, ...]:
    """Read "[123][14][34]" (or "[1,2,3][1,4]") back into a hierarchical model."""
    gens = []
    for part in text.replace(" ", "").strip("[]").split("]["):
        digits = part.split(",") if "," in part else list(part)
        gens.append(sum(1 << (int(d) - 1) for d in digits if d))
    terms = set()
    for g in gens:
        bits = [b for b in range(k) if g >> b & 1]
        for size in range(2, len(bits) + 1):
            for combo in combinations(bits, size):
                terms.add(sum(1 << b for b in combo))
    return tuple(sorted(terms, key=lambda t: (popcount(t), t)))


def pairs(k: int) -> list[int]:
    """Every two-list term."""
    return [(1 << i) | (1 << j) for i, j in combinations(range(k), 2)]
