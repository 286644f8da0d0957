"""Latent-class capture-recapture (LCMCR; Manrique-Vallier 2016, Biometrics).

People fall into hidden classes; within a class each list records each person independently
with its own probability. Classes absorb heterogeneity (some people are much more visible than
others). The class weights follow a truncated stick-breaking (Dirichlet-process) prior with K
classes; the total N has the prior p(N) proportional to 1/N. A Gibbs sampler works on the
distinct capture patterns with their counts (not on individuals), several chains at once;
R-hat compares the chains.
"""

from __future__ import annotations

import numpy as np

from toll.estimates.report import MethodResult
from toll.estimates.table import CaptureTable


def sample(table: CaptureTable, K: int = 10, chains: int = 4, burnin: int = 10_000,
           samples: int = 1_000, thin: int = 10, a_alpha: float = 0.25, b_alpha: float = 0.25,
           seed: int | None = None, max_factor: int = 20) -> np.ndarray:
    """Posterior draws of N, shape (chains, samples)."""
    rng = np.random.default_rng(seed)
    k = table.k
    masks = np.arange(2**k)
    X = ((masks[:, None] >> np.arange(k)[None, :]) & 1).astype(float)   # row 0: unobserved
    y = table.counts.astype(np.int64)
    n = int(y.sum())
    C = chains
    lam = rng.beta(1.0, 1.0, size=(C, k, K))
    alpha = np.ones(C)
    v = rng.beta(1.0, alpha[:, None], size=(C, K))
    v[:, -1] = 1.0
    log_pi = _log_weights(v)
    n0 = rng.negative_binomial(n, 0.5, size=C)
    counts = np.repeat(y[None, :], C, axis=0)
    out = np.empty((C, samples))
    total_sweeps = burnin + samples * thin
    JK = k * K
    shapes = np.empty((C, 2 * JK + 2 * K + 2))
    shapes[:, -2] = a_alpha + K - 1          # concentration: Gamma(a + K - 1, rate)
    shapes[:, -1] = n                         # unobserved: NegBin as a Gamma-Poisson mixture
    for sweep in range(total_sweeps):
        counts[:, 0] = n0
        # 1. classes of the people in each cell (the unobserved included)
        log_out = np.log1p(-lam)
        logp = X @ (np.log(lam) - log_out) + (log_pi + log_out.sum(axis=1))[:, None, :]
        logp -= logp.max(axis=2, keepdims=True)
        p = np.exp(logp)
        p /= p.sum(axis=2, keepdims=True)
        m = rng.multinomial(counts, p)                                       # (C, cells, K)
        # 2-4. one call draws every Gamma variate of the sweep (Beta = G1 / (G1 + G2))
        in_class = m.sum(axis=1)                                             # (C, K)
        ones = np.swapaxes(m, 1, 2) @ X                                      # (C, K, k)
        ones = np.swapaxes(ones, 1, 2)
        after = np.cumsum(in_class[:, ::-1], axis=1)[:, ::-1] - in_class     # sum over l > k
        shapes[:, :JK] = (1.0 + ones).reshape(C, JK)
        shapes[:, JK: 2 * JK] = (1.0 + in_class[:, None, :] - ones).reshape(C, JK)
        shapes[:, 2 * JK: 2 * JK + K] = 1.0 + in_class
        shapes[:, 2 * JK + K: 2 * JK + 2 * K] = alpha[:, None] + after
        g = rng.standard_gamma(shapes)
        g1, g2 = g[:, :JK], g[:, JK: 2 * JK]
        lam = np.clip((g1 / (g1 + g2)).reshape(C, k, K), 1e-12, 1 - 1e-12)
        v1, v2 = g[:, 2 * JK: 2 * JK + K], g[:, 2 * JK + K: 2 * JK + 2 * K]
        v = v1 / (v1 + v2)
        v[:, -1] = 1.0
        v = np.clip(v, 1e-300, 1.0)
        log_pi = _log_weights(v)
        log_rest = np.log1p(-np.minimum(v[:, :-1], 1 - 1e-16)).sum(axis=1)
        alpha = g[:, -2] / (b_alpha - log_rest)
        # 5. the unobserved: p0 = P(no list records a person); n0 ~ NegBin(n, 1 - p0)
        p0 = np.minimum(np.exp(log_pi + np.log1p(-lam).sum(axis=1)).sum(axis=1), 1 - 1e-12)
        n0 = rng.poisson(g[:, -1] * p0 / (1 - p0))
        over = n0 > max_factor * n
        if over.any():
            n0[over] = _draw_unobserved(rng, n, p0[over], max_factor)
        if sweep >= burnin and (sweep - burnin) % thin == thin - 1:
            out[:, (sweep - burnin) // thin] = n + n0
    return out


def _log_weights(v: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        log_rest = np.log1p(-np.minimum(v, 1.0))
    shifted = np.concatenate([np.zeros((v.shape[0], 1)), np.cumsum(log_rest[:, :-1], axis=1)],
                             axis=1)
    with np.errstate(divide="ignore"):
        return np.log(v) + shifted


def _draw_unobserved(rng, n, p0, max_factor):
    """n0 ~ NegBin(n, 1 - p0), redrawn when above max_factor * n (LCMCR's truncation)."""
    p0 = np.clip(p0, 0.0, 1 - 1e-12)
    n0 = rng.negative_binomial(n, 1 - p0)
    for _ in range(100):
        over = n0 > max_factor * n
        if not over.any():
            break
        n0[over] = rng.negative_binomial(n, 1 - p0[over])
    return np.minimum(n0, max_factor * n)


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
                   samples: int = 1_000, thin: int = 10, a_alpha: float = 0.25,
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
