"""The mistakes real lists contain: typos, lost diacritics, missing values, age heaping."""

from __future__ import annotations

import numpy as np

from toll.names.fold import plain_letters


def typo(text: str, rng: np.random.Generator) -> str:
    """One keyboard or hearing mistake: a letter dropped, doubled, swapped or replaced."""
    letters = [i for i, char in enumerate(text) if char.isalpha()]
    if len(letters) < 3:
        return text
    i = letters[int(rng.integers(1, len(letters)))]
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    other = text[letters[int(rng.integers(0, len(letters)))]].lower()
    return text[:i] + other + text[i + 1:]


def add_typos(values: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Copy of `values` with a typo in about `rate` of the non-empty strings."""
    out = values.copy()
    for i in np.flatnonzero(rng.random(len(values)) < rate):
        if out[i]:
            out[i] = typo(out[i], rng)
    return out


def strip_azerbaijani(values: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Azerbaijani letters typed on a keyboard without them (Məmmədov -> Memmedov)."""
    out = values.copy()
    for i in np.flatnonzero(rng.random(len(values)) < rate):
        if out[i]:
            out[i] = plain_letters(out[i])
    return out


def blank(values: np.ndarray, rate: float, rng: np.random.Generator) -> np.ndarray:
    """Copy of `values` with about `rate` of them emptied."""
    out = values.astype(object).copy()
    out[rng.random(len(values)) < rate] = ""
    return out


def noisy_ages(ages: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Ages as reported: off by one or two now and then, often rounded to a multiple of 5."""
    noisy = ages + np.where(rng.random(len(ages)) < 0.2, rng.integers(-2, 3, len(ages)), 0)
    heaped = rng.random(len(ages)) < 0.12
    noisy = np.where(heaped & (noisy > 15), np.round(noisy / 5) * 5, noisy)
    return np.clip(noisy, 0, 110).astype(np.int64)
