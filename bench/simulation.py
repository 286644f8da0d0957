"""How each method fares on synthetic lists with a known total (coverage and bias).

    .venv/bin/python bench/simulation.py [replicates]

Scenarios (4 lists, 2,000 people): independent homogeneous capture; heterogeneous capture
(a less visible majority and a very visible minority); positive dependence (one list refers
people to another); negative dependence (lists covering different regions). Prints, per
method, how often the 95% interval covers the truth and the median ratio estimate / truth.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from toll.estimates import CaptureTable, estimate, simulate

TRUTH = 2000
SETTINGS = {"n_boot": 200, "burnin": 3000, "samples": 500, "thin": 5, "chains": 2}


def independent(seed):
    return simulate(TRUTH, [0.3, 0.25, 0.2, 0.3], seed=seed)


def heterogeneous(seed):
    return simulate(TRUTH, [[0.08, 0.06, 0.1, 0.08], [0.6, 0.5, 0.55, 0.6]], weights=[0.7, 0.3],
                    seed=seed)


def positive_dependence(seed):
    rng = np.random.default_rng(seed)
    a = rng.random(TRUTH) < 0.3
    b = np.where(a, rng.random(TRUTH) < 0.6, rng.random(TRUTH) < 0.15)   # A refers to B
    c = rng.random(TRUTH) < 0.25
    d = rng.random(TRUTH) < 0.3
    return _table(np.column_stack([a, b, c, d]))


def negative_dependence(seed):
    rng = np.random.default_rng(seed)
    north = rng.random(TRUTH) < 0.5                                       # two regions
    p = np.where(north[:, None], [0.45, 0.4, 0.08, 0.08], [0.08, 0.08, 0.45, 0.4])
    return _table(rng.random((TRUTH, 4)) < p)


def _table(captured):
    bits = 1 << np.arange(captured.shape[1])
    counts = np.bincount(captured.astype(int) @ bits, minlength=2 ** captured.shape[1])
    counts[0] = 0
    return CaptureTable(tuple(f"L{j + 1}" for j in range(captured.shape[1])), counts)


SCENARIOS = {"independent": independent, "heterogeneous": heterogeneous,
             "positive dependence": positive_dependence,
             "negative dependence": negative_dependence}


def main() -> None:
    replicates = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print(f"truth {TRUTH}, {replicates} replicates per scenario, settings {SETTINGS}")
    for label, make in SCENARIOS.items():
        start = time.perf_counter()
        covered: dict[str, int] = {}
        ratios: dict[str, list[float]] = {}
        for rep in range(replicates):
            report = estimate(make(10_000 + rep), seed=rep, **SETTINGS)
            for m in report.methods:
                if m.estimate is None:
                    continue
                high = np.inf if m.high is None else m.high
                covered[m.name] = covered.get(m.name, 0) + int(m.low <= TRUTH <= high)
                ratios.setdefault(m.name, []).append(m.estimate / TRUTH)
        seconds = time.perf_counter() - start
        print(f"\n{label} ({seconds:.0f} s)")
        print(f"  {'method':<20} {'coverage':>9} {'median est/truth':>17}")
        for name in ratios:
            print(f"  {name:<20} {covered[name] / replicates:9.0%} "
                  f"{np.median(ratios[name]):17.2f}")


if __name__ == "__main__":
    main()
