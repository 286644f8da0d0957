"""Synthetic lists with a known total, to check the methods (coverage, bias)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from toll.estimates.table import CaptureTable


def simulate(total: int, probabilities: Sequence[float] | np.ndarray,
             weights: Sequence[float] | None = None, seed: int | None = None,
             lists: Sequence[str] | None = None) -> CaptureTable:
    """Record `total` people on k lists independently given their class.

    `probabilities` is (k,) for independent, homogeneous capture, or (classes, k) with class
    `weights` for heterogeneous capture (some people far more visible than others).
    """
    rng = np.random.default_rng(seed)
    probs = np.atleast_2d(np.asarray(probabilities, dtype=float))
    classes, k = probs.shape
    weights = np.ones(classes) / classes if weights is None else np.asarray(weights, float)
    sizes = rng.multinomial(total, weights / weights.sum())
    counts = np.zeros(2**k, dtype=np.int64)
    bits = 1 << np.arange(k)
    for size, p in zip(sizes, probs, strict=True):
        captured = rng.random((size, k)) < p
        counts += np.bincount(captured @ bits, minlength=2**k)
    counts[0] = 0
    names = tuple(lists) if lists else tuple(f"L{j + 1}" for j in range(k))
    return CaptureTable(names, counts)
