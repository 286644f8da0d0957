"""Latent-class capture-recapture (LCMCR; Manrique-Vallier 2016, Biometrics).

People fall into hidden classes; within a class each list records each person independently
with its own probability. Classes absorb heterogeneity (some people are much more visible than
others). The class weights follow a truncated stick-breaking (Dirichlet-process) prior with K
classes; the total N has the prior p(N) proportional to 1/N. A Gibbs sampler works on the
distinct capture patterns with their counts (not on individuals), several chains at once;
R-hat compares the chains. The sweep is compiled with numba (the first call compiles it; the
compiled code is cached on disk).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from toll.estimates.report import MethodResult
from toll.estimates.table import CaptureTable


def sample(table: CaptureTable, K: int = 10, chains: int = 4, burnin: int = 10_000,
           samples: int = 1_000, thin: int = 10, a_alpha: float = 0.25, b_alpha: float = 0.25,
           seed: int | None = None, max_factor: int = 20) -> np.ndarray:
    """Posterior draws of N, shape (chains, samples).

    Each chain gets its own seed, spawned from `seed` (numpy SeedSequence), and chains run in
    parallel threads; the draws depend only on `seed`, not on the number of threads.
    """
    k = table.k
    masks = np.arange(2**k)
    X = ((masks[:, None] >> np.arange(k)[None, :]) & 1).astype(np.int64)   # row 0: unobserved
    y = table.counts.astype(np.int64)
    seeds = [int(child.generate_state(1)[0])
             for child in np.random.SeedSequence(seed).spawn(chains)]

    chain = _compiled_chain()

    def run(chain_seed: int) -> np.ndarray:
        return chain(X, y, K, burnin, samples, thin, float(a_alpha), float(b_alpha),
                     chain_seed, max_factor)

    with ThreadPoolExecutor(max_workers=min(chains, os.cpu_count() or 1)) as pool:
        return np.array(list(pool.map(run, seeds))).reshape(chains, samples)


_compiled = None


def _compiled_chain():
    """The chain compiled by numba: on first use, and cached on disk afterwards."""
    global _compiled
    if _compiled is None:
        from numba import njit

        _compiled = njit(cache=True, nogil=True)(_chain)
    return _compiled


def _chain(X, y, K, burnin, samples, thin, a_alpha, b_alpha, seed, max_factor):  # pragma: no cover
    """One Gibbs chain over the capture patterns (compiled by numba; starts from equal class
    weights and capture probabilities drawn from their Beta(1, 1) prior)."""
    np.random.seed(seed)
    cells, k = X.shape
    n = y.sum()
    lam = np.empty((k, K))
    for j in range(k):
        for h in range(K):
            lam[j, h] = min(max(np.random.beta(1.0, 1.0), 1e-12), 1 - 1e-12)
    alpha = 1.0
    v = np.empty(K)
    log_pi = np.full(K, -np.log(K))
    n0 = np.random.negative_binomial(n, 0.5)
    counts = y.copy()
    logp = np.empty(K)
    prob = np.empty(K)
    in_class = np.empty(K)
    ones = np.empty((k, K))
    log_lam = np.empty((k, K))
    log_out = np.empty((k, K))
    out = np.empty(samples)
    for sweep in range(burnin + samples * thin):
        counts[0] = n0
        for j in range(k):
            for h in range(K):
                log_lam[j, h] = np.log(lam[j, h])
                log_out[j, h] = np.log1p(-lam[j, h])
        in_class[:] = 0.0
        ones[:, :] = 0.0
        # 1. classes of the people in each cell (the unobserved included): multinomial draws
        #    as a sequence of binomials
        for cell in range(cells):
            remaining = counts[cell]
            if remaining == 0:
                continue
            top = -np.inf
            for h in range(K):
                value = log_pi[h]
                for j in range(k):
                    value += log_lam[j, h] if X[cell, j] else log_out[j, h]
                logp[h] = value
                top = max(top, value)
            total = 0.0
            for h in range(K):
                prob[h] = np.exp(logp[h] - top)
                total += prob[h]
            mass = total
            for h in range(K):
                if remaining == 0:
                    break
                if h == K - 1 or prob[h] >= mass:
                    draw = remaining
                else:
                    draw = np.random.binomial(remaining, prob[h] / mass)
                mass -= prob[h]
                remaining -= draw
                in_class[h] += draw
                for j in range(k):
                    if X[cell, j]:
                        ones[j, h] += draw
        # 2. capture probabilities per list and class: Beta(1 + in, 1 + out)
        for j in range(k):
            for h in range(K):
                g1 = np.random.standard_gamma(1.0 + ones[j, h])
                g2 = np.random.standard_gamma(1.0 + in_class[h] - ones[j, h])
                lam[j, h] = min(max(g1 / (g1 + g2), 1e-12), 1 - 1e-12)
        # 3. stick-breaking weights: V_h ~ Beta(1 + m_h, alpha + sum of m_l for l > h)
        after = 0.0
        for h in range(K - 1, -1, -1):
            if h < K - 1:
                v[h] = np.random.beta(1.0 + in_class[h], alpha + after)
            after += in_class[h]
        v[K - 1] = 1.0
        rest = 0.0                                   # log of the stick left after class h
        for h in range(K):
            log_pi[h] = np.log(max(v[h], 1e-300)) + rest
            if h < K - 1:
                rest += np.log1p(-min(v[h], 1 - 1e-16))
        # 4. concentration: Gamma(a + K - 1, rate b - log pi_K)
        alpha = np.random.standard_gamma(a_alpha + K - 1) / (b_alpha - rest)
        # 5. the unobserved: n0 ~ NegBin(n, 1 - p0) as a Gamma-Poisson mixture, redrawn
        #    above max_factor * n
        p0 = 0.0
        for h in range(K):
            value = log_pi[h]
            for j in range(k):
                value += np.log1p(-lam[j, h])
            p0 += np.exp(value)
        p0 = min(p0, 1 - 1e-12)
        for _ in range(100):
            n0 = np.random.poisson(np.random.standard_gamma(n) * p0 / (1 - p0))
            if n0 <= max_factor * n:
                break
        n0 = min(n0, max_factor * n)
        if sweep >= burnin and (sweep - burnin) % thin == thin - 1:
            out[(sweep - burnin) // thin] = n + n0
    return out


def split_rhat(draws: np.ndarray) -> float:
    """Split R-hat (Gelman et al. 2013): near 1 when chains agree, above 1.05 when they do not."""
    C, S = draws.shape
    half = S // 2
    parts = np.concatenate([draws[:, :half], draws[:, half: 2 * half]], axis=0).astype(float)
    n = parts.shape[1]
    means = parts.mean(axis=1)
    within = parts.var(axis=1, ddof=1).mean()
    between = n * means.var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else float("inf")
    var_plus = (n - 1) / n * within + between / n
    return float(np.sqrt(var_plus / within))


def effective_size(draws: np.ndarray) -> float:
    """Effective number of independent draws, from the chains' autocorrelations (Geyer)."""
    C, S = draws.shape
    x = draws - draws.mean(axis=1, keepdims=True)
    var = x.var(axis=1).mean()
    if var == 0:
        return float(C * S)
    spectrum = np.fft.rfft(x, n=2 * S, axis=1)
    acov = np.fft.irfft(spectrum * np.conj(spectrum), axis=1)[:, :S] / S
    rho = acov.mean(axis=0) / var
    total = 0.0
    for t in range(1, S - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        total += pair
    return float(C * S / (1 + 2 * total + rho[0] - 1))


def estimate_lcmcr(table: CaptureTable, K: int = 10, chains: int = 4, burnin: int = 10_000,
                   samples: int = 1_000, thin: int = 20, a_alpha: float = 0.25,
                   b_alpha: float = 0.25, level: float = 0.95,
                   seed: int | None = None) -> MethodResult:
    """Posterior median and equal-tailed interval of N, with R-hat across chains."""
    draws = sample(table, K, chains, burnin, samples, thin, a_alpha, b_alpha, seed)
    pooled = draws.ravel()
    median, low, high = np.quantile(pooled, [0.5, (1 - level) / 2, (1 + level) / 2])
    rhat = split_rhat(draws) if chains > 1 else float("nan")
    ess = effective_size(draws)
    warnings = []
    if chains > 1 and rhat > 1.05:
        warnings.append(f"chains disagree (R-hat {rhat:.2f} > 1.05): the sampler has not "
                        "converged; run longer or with more chains before trusting this estimate")
    if ess < 100:
        warnings.append(f"only about {ess:.0f} effective draws: the interval is imprecise")
    if high >= 20 * table.observed * 0.95:
        warnings.append("the posterior reaches the truncation at 20 times the observed: "
                        "the data do not bound the total")
    diagnostics = {"rhat": rhat, "effective_draws": ess, "posterior_mean": float(pooled.mean()),
                   "chain_medians": [float(x) for x in np.median(draws, axis=1)]}
    settings = {"K": K, "chains": chains, "burnin": burnin, "samples": samples, "thin": thin,
                "a_alpha": a_alpha, "b_alpha": b_alpha, "level": level}
    result = MethodResult("lcmcr", float(median), float(low), float(high), diagnostics, warnings,
                          settings, seed)
    result.draws = pooled
    return result
