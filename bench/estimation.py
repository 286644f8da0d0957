"""Speed of the estimation core against the targets of issue 5. Prints figures.

    .venv/bin/python bench/estimation.py [--quick]

Tables: synthetic 5- and 6-list tables with heterogeneous capture (fixed seeds). Targets on a
5-list table: every hierarchical model to order 2 (1,024 fits) plus dga's 822 graphs on a
1,000-point grid under 1 s together; BCa bootstrap with re-selection, 1,000 replicates, under
60 s on 2 cores; LCMCR 10,000 sweeps under 1 s; 6 lists under 10x the 5-list times.
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from toll.estimates import bma, lcmcr, simulate
from toll.estimates import loglinear as L
from toll.estimates.bma import decomposable_graphs

PROBS_5 = [[0.05, 0.3, 0.1, 0.2, 0.08], [0.4, 0.5, 0.3, 0.45, 0.35]]
PROBS_6 = [[0.05, 0.3, 0.1, 0.2, 0.08, 0.15], [0.4, 0.5, 0.3, 0.45, 0.35, 0.3]]


def timed(label, func, target=None):
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    verdict = "" if target is None else ("  OK" if seconds < target else "  OVER TARGET")
    print(f"  {label:<58} {seconds:8.3f} s" + (f"  (target < {target:g} s){verdict}"
                                                 if target else ""))
    return seconds, result


def bench_table(table, n_boot, sweeps, label, factor=1.0):
    k = table.k
    y = table.cell_counts().astype(float)
    print(f"{label}: {k} lists, {table.observed:,} observed")
    decomposable_graphs(k)            # enumerated once per process, cached
    t_models, search = timed(f"all hierarchical models to order 2 ({2**(k*(k-1)//2):,} fits)",
                             lambda: L.search_models(y, k, 2, "bic"))
    grid = np.arange(1000, dtype=float) * max(1.0, 10 * table.observed / 1000)
    t_graphs, _ = timed(f"dga: {len(decomposable_graphs(k)):,} graphs x 1,000-point grid",
                        lambda: bma.posterior(table, grid))
    together = t_models + t_graphs
    print(f"  {'models + graphs together':<58} {together:8.3f} s  (target < {factor:g} s)"
          + ("  OK" if together < factor else "  OVER TARGET"))
    t_boot, result = timed(f"BCa bootstrap, BIC order 2, ntop 100, {n_boot:,} replicates",
                           lambda: L.best_model(table, "bic", max_order=2, n_boot=n_boot,
                                                ntop=100, seed=1), 60 * factor)
    print(f"      estimate {result.estimate:,.0f}  BCa 95% {result.low:,.0f} - {result.high:,.0f}")
    t_step, result = timed(f"BCa bootstrap, stepwise, {n_boot:,} replicates",
                           lambda: L.stepwise_method(table, n_boot=n_boot, seed=1), 60 * factor)
    print(f"      estimate {result.estimate:,.0f}  BCa 95% {result.low:,.0f} - {result.high:,.0f}")
    t_one, _ = timed(f"LCMCR K=10, 1 chain, {sweeps:,} sweeps",
                     lambda: lcmcr.sample(table, K=10, chains=1, burnin=sweeps, samples=1,
                                          thin=1, seed=1), factor)
    t_four, _ = timed(f"LCMCR K=10, 4 chains at once, {sweeps:,} sweeps each",
                      lambda: lcmcr.sample(table, K=10, chains=4, burnin=sweeps, samples=1,
                                           thin=1, seed=1))
    return {"models+graphs": together, "bootstrap-bic": t_boot, "bootstrap-stepwise": t_step,
            "lcmcr-1-chain": t_one, "lcmcr-4-chains": t_four}


def main() -> None:
    quick = "--quick" in sys.argv
    n_boot = 100 if quick else 1000
    sweeps = 10_000
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}"
          + ("  (quick run: 100 bootstrap replicates)" if quick else ""))
    t0 = time.perf_counter()
    decomposable_graphs(5)
    decomposable_graphs(6)
    print(f"  (one-off: enumerating decomposable graphs for 5 and 6 lists "
          f"{time.perf_counter() - t0:.2f} s, cached afterwards)")
    five = simulate(20_000, PROBS_5, weights=[0.7, 0.3], seed=5)
    six = simulate(20_000, PROBS_6, weights=[0.7, 0.3], seed=6)
    t0 = time.perf_counter()
    lcmcr.sample(five, chains=1, burnin=1, samples=1, thin=1, seed=0)
    print(f"  (one-off: loading or compiling the LCMCR sampler {time.perf_counter() - t0:.2f} s;"
          " numba caches it on disk)")
    r5 = bench_table(five, n_boot, sweeps, "5-list table")
    r6 = bench_table(six, n_boot, sweeps, "6-list table", factor=10.0)
    print("6 lists / 5 lists:")
    for key in r5:
        ratio = r6[key] / r5[key]
        print(f"  {key:<24} x{ratio:6.2f}" + ("  OK" if ratio < 10 else "  OVER 10x"))


if __name__ == "__main__":
    main()
