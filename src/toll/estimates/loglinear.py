"""Log-linear estimates: independence, BIC/AIC best models, the stepwise selector, intervals.

The point estimate of each model is n + exp(intercept) (the fitted count of the unobserved
all-zero cell). Selection-aware intervals are BCa bootstrap intervals in which the whole
selection is rerun on every resample (Chan, Silverman & Vincent 2021; Silverman, Chan &
Vincent 2024). Model-conditional intervals are the multinomial profile likelihood (Cormack
1992, as in Rcapture's closedpCI.t) and the Wald interval on the log scale (SparseMSE).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.special import gammaln, ndtr, ndtri, pdtr, pdtrc

from toll.estimates import glm
from toll.estimates import models as M
from toll.estimates.report import MethodResult
from toll.estimates.table import CaptureTable

CODE_TEXT = {1: "the maximum likelihood estimate does not exist (linear programme)",
             2: "the model is not identifiable (design matrix not of full rank)",
             3: "the estimate does not exist and the model is not identifiable"}


MIN_REPLICATES = 20


def default_ntop(k: int) -> int:
    """Models kept for re-selection in the bootstrap (MultipleSystemsEstimation defaults)."""
    return 10**9 if k <= 3 else 20 if k == 4 else 100


# ---- one table, all models ------------------------------------------------------------
@dataclass
class ModelSearch:
    """Every hierarchical model fitted to one table, ranked by a criterion."""

    k: int
    max_order: int
    models: tuple[tuple[int, ...], ...]
    estimates: np.ndarray
    criterion: np.ndarray        # inf where the fit failed a check
    codes: np.ndarray
    ranking: np.ndarray          # model indices, best first, valid models only
    beta: np.ndarray             # coefficients of every model (starting points for resamples)


def search_models(y: np.ndarray, k: int, max_order: int, criterion: str = "bic",
                  cache: dict | None = None) -> ModelSearch:
    """Fit every hierarchical model up to `max_order` and rank the valid ones."""
    models = M.enumerate_models(k, max_order)
    X = M.design(k, max_order)
    fits = glm.fit(y[None, :], X, M.model_mask(models, k, max_order), cache=cache)
    values = _criterion(fits, y.sum(), criterion)
    valid = (fits.code == 0) & fits.converged & np.isfinite(values)
    values = np.where(valid, values, np.inf)
    ranking = np.argsort(values, kind="stable")[: int(valid.sum())]
    return ModelSearch(k, max_order, models, y.sum() + fits.unobserved, values, fits.code,
                       ranking, fits.beta)


def _criterion(fits: glm.Fits, n, criterion: str) -> np.ndarray:
    if criterion == "bic":
        return fits.bic(np.asarray(n, dtype=float))
    if criterion == "aic":
        return fits.aic()
    raise ValueError(criterion)


def select_among(Y: np.ndarray, k: int, max_order: int, models, criterion: str,
                 cache: dict, start: np.ndarray | None = None,
                 chosen: list | None = None) -> np.ndarray:
    """For each row of Y (resampled tables), the estimate of the best of `models`.

    `start` (models x terms) are coefficients to start the fits from; `chosen`, when given,
    receives the index (into `models`) of the model selected for each row (-1: none valid).
    """
    X = M.design(k, max_order)
    mask = M.model_mask(models, k, max_order)
    B, m = Y.shape[0], len(models)
    fits = glm.fit(np.repeat(Y, m, axis=0), X, np.tile(mask, (B, 1)), cache=cache,
                   start=None if start is None else np.tile(start, (B, 1)))
    values = _criterion(fits, np.repeat(Y.sum(axis=1), m), criterion)
    valid = (fits.code == 0) & fits.converged & np.isfinite(values)
    values = np.where(valid, values, np.inf).reshape(B, m)
    estimates = (np.repeat(Y.sum(axis=1), m) + fits.unobserved).reshape(B, m)
    best = np.argmin(values, axis=1)       # first minimum, i.e. ties go to the better ranked
    out = estimates[np.arange(B), best]
    none = ~np.isfinite(values.min(axis=1))
    out[none] = np.nan
    if chosen is not None:
        chosen.extend(np.where(none, -1, best).tolist())
    return out


# ---- stepwise (Chan, Silverman & Vincent 2021) -------------------------------------------
def stepwise(Y: np.ndarray, k: int, threshold: float = 0.02, cache: dict | None = None,
             max_order: int = 2):
    """Add interaction terms one at a time while the best Poisson p-value is below `threshold`.

    For each candidate term, lambda* is the fitted count of people on all its lists under the
    current model and p = min(P(X <= N*), P(X >= N*)) with X ~ Poisson(lambda*), N* the
    observed count; a candidate whose model fails the existence or identifiability check gets
    p = 1. With max_order 2 this is Chan, Silverman & Vincent (2021); higher orders follow
    MultipleSystemsEstimation (a term is a candidate once all its sub-terms are in). Vectorised
    over the rows of Y. Returns (estimates, chosen terms per row).
    """
    cache = {} if cache is None else cache
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    B = Y.shape[0]
    max_order = max(2, min(max_order, k))
    X = M.design(k, max_order)
    all_cols = M.columns(k, max_order)
    term_cols = np.arange(k + 1, X.shape[1])
    index = {t: i for i, t in enumerate(all_cols)}
    subterms = [[index[all_cols[c] & ~(1 << b)] for b in range(k)
                 if all_cols[c] >> b & 1 and bin(all_cols[c]).count("1") > 2] for c in term_cols]
    cols = np.zeros((B, X.shape[1]), dtype=bool)
    cols[:, : k + 1] = True
    nstar = Y @ X[:, term_cols]
    positive = (Y > 0).all(axis=1)
    fits = glm.fit(Y, X, cols, check=False)
    mu = fits.mu.copy()
    beta = fits.beta.copy()
    unobserved = fits.unobserved.copy()
    active = np.arange(B)
    for _ in range(len(term_cols)):
        if active.size == 0:
            break
        current = cols[active]
        lam = mu[active] @ X[:, term_cols]
        ns = nstar[active]
        p = np.minimum(poisson_at_most(ns, lam), poisson_at_least(ns, lam))
        eligible = ~current[:, term_cols]
        for j, subs in enumerate(subterms):
            if subs:
                eligible[:, j] &= current[:, subs].all(axis=1)
        p[~eligible] = np.inf
        chosen = np.full(active.size, -1)
        for i, b in enumerate(active):
            for j in np.argsort(p[i], kind="stable"):
                if not p[i, j] < threshold:
                    break
                trial = cols[b].copy()
                trial[term_cols[j]] = True
                # with every cell positive, only a saturated model can fail the checks
                if (positive[b] and trial.sum() <= X.shape[0]) or glm.check_models(
                        Y[b][None], X, *_reduced(Y[b], X, trial), cache)[0] == 0:
                    chosen[i] = j
                    break
        grow = active[chosen >= 0]
        cols[grow, term_cols[chosen[chosen >= 0]]] = True
        if grow.size:
            refit = glm.fit(Y[grow], X, cols[grow], check=False, start=beta[grow])
            mu[grow] = refit.mu
            beta[grow] = refit.beta
            unobserved[grow] = refit.unobserved
        active = grow
    chosen_terms = [tuple(int(all_cols[c]) for c in term_cols if row[c]) for row in cols]
    # the main-effects start is not checked (as in SparseMSE): check the final models, and
    # give no estimate where the MLE does not exist (e.g. lists that never overlap)
    sparse, rows = glm.sparse_structure(Y, X, cols)
    codes = glm.check_models(Y, X, cols & ~sparse, rows, cache)
    estimates = Y.sum(axis=1) + unobserved
    estimates[(codes > 0) | ~np.isfinite(estimates)] = np.nan
    return estimates, chosen_terms


def poisson_at_most(k, lam):
    """P(X <= k) for X ~ Poisson(lam)."""
    return pdtr(k, lam)


def poisson_at_least(k, lam):
    """P(X >= k) for X ~ Poisson(lam)."""
    return np.where(k > 0, pdtrc(np.maximum(k - 1, 0), lam), 1.0)


def _reduced(y, X, cols):
    sparse, rows = glm.sparse_structure(y[None], X, cols[None])
    return (cols & ~sparse[0])[None], rows


# ---- intervals --------------------------------------------------------------------------
def bca_interval(boot: np.ndarray, estimate: float, jack: np.ndarray, weights: np.ndarray,
                 level: float = 0.95) -> tuple[float | None, float | None, dict]:
    """BCa interval: bias correction z0 from the bootstrap, acceleration from a jackknife
    over cells weighted by their counts; quantiles of type 8 (as in SparseMSE).

    Replicates without a valid model are left out; with fewer than MIN_REPLICATES left there
    is no interval (None, None).
    """
    boot = boot[np.isfinite(boot)]
    if boot.size < MIN_REPLICATES:
        return None, None, {"replicates": int(boot.size)}
    share = np.mean(boot < estimate)
    clipped = min(max(share, 0.5 / boot.size), 1 - 0.5 / boot.size)
    z0 = ndtri(clipped)
    ok = np.isfinite(jack)
    jack, weights = jack[ok], weights[ok]
    jbar = np.sum(weights * jack) / weights.sum()
    resid = jbar - jack
    denom = 6 * np.sum(weights * resid**2) ** 1.5
    a = float(np.sum(weights * resid**3) / denom) if denom > 0 else 0.0
    za = ndtri(np.array([(1 - level) / 2, (1 + level) / 2]))
    zq = ndtr(z0 + (z0 + za) / (1 - a * (z0 + za)))
    low, high = np.quantile(boot, zq, method="median_unbiased")
    return float(low), float(high), {"z0": float(z0), "acceleration": a,
                                     "share_below": float(share), "replicates": int(boot.size)}


def wald_interval(n: float, beta0: float, se0: float, level: float = 0.95):
    """SparseMSE's model-conditional interval: n + exp(beta0 +- z se)."""
    z = ndtri((1 + level) / 2)
    return n + np.exp(beta0 - z * se0), n + np.exp(beta0 + z * se0)


def profile_interval(y: np.ndarray, k: int, model: tuple[int, ...], level: float = 0.95):
    """Multinomial profile-likelihood interval for N under one model (Cormack 1992).

    For a candidate n0 the model is fitted to the table completed with n0 in the all-zero
    cell; the interval holds the N whose deviance is within the chi-square(1) quantile of the
    best. Returns (low, high, n_hat); high is inf when the likelihood never falls enough.
    """
    from scipy.optimize import brentq, minimize_scalar

    order = max(M.model_order(model), 2)
    X = M.design(k, order, with_unobserved=True)
    mask = M.model_mask([model], k, order)[0]
    n = y.sum()
    ypad = np.concatenate([[0.0], y])

    def loglik(n0):
        n0 = np.atleast_1d(np.asarray(n0, dtype=float))
        Yc = np.repeat(ypad[None], n0.size, axis=0)
        Yc[:, 0] = n0
        # terms observed in nobody stay at minus infinity (their cells are dropped)
        fits = glm.fit(Yc, X, mask[None], check=False)
        total = n + n0
        mu = np.where(fits.mu > 0, fits.mu, 1.0)
        value = (gammaln(total + 1) - gammaln(n0 + 1) - gammaln(y + 1).sum()
                 + (Yc * np.log(mu / total[:, None])).sum(axis=1))
        return value

    start = glm.fit(y[None], M.design(k, order), mask[None], check=False)
    guess = float(start.unobserved[0])
    hi = max(10 * (guess + 1), 10 * n)
    best = minimize_scalar(lambda v: -loglik(v)[0], bounds=(0.0, hi), method="bounded",
                           options={"xatol": 1e-6})
    n0_hat, top = float(best.x), -float(best.fun)
    cut = ndtri((1 + level) / 2) ** 2 / 2          # half the chi-square(1) quantile

    def gap(v):
        return loglik(v)[0] - (top - cut)

    low = 0.0 if gap(0.0) >= 0 else brentq(gap, 0.0, n0_hat, xtol=1e-6)
    high, upper = np.inf, max(2 * n0_hat, 1.0)
    for _ in range(30):
        if gap(upper) < 0:
            high = brentq(gap, n0_hat, upper, xtol=1e-6)
            break
        upper *= 2
    return n + low, n + high, n + n0_hat


# ---- methods ----------------------------------------------------------------------------
def _bootstrap_tables(y: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    n = int(y.sum())
    return rng.multinomial(n, y / n, size=n_boot).astype(float)


def _jackknife_tables(y: np.ndarray):
    cells = np.flatnonzero(y > 0)
    J = np.repeat(y[None], cells.size, axis=0)
    J[np.arange(cells.size), cells] -= 1
    return J, y[cells]


def _model_info(y, k, model, lists, level) -> dict:
    info = {"model": M.model_name(model, k), "terms": M.model_terms_named(model, lists)}
    try:
        low, high, _ = profile_interval(y, k, model, level)
    except (ValueError, RuntimeError, FloatingPointError):
        return {**info, "model_conditional": None}
    return {**info, "model_conditional": {"low": low, "high": None if np.isinf(high) else high,
                                          "method": "profile likelihood"}}


def independence(table: CaptureTable, level: float = 0.95) -> MethodResult:
    """Main effects only: lists assumed independent, every person equally likely recorded."""
    y = table.cell_counts().astype(float)
    k = table.k
    fits = glm.fit(y[None], M.design(k, 2), M.model_mask([()], k, 2))
    if fits.code[0] != 0 or not fits.converged[0]:
        why = CODE_TEXT.get(int(fits.code[0]), "the fit did not converge")
        return MethodResult("independence", None, None, None, {"model": M.model_name((), k)},
                            [f"{why}: the lists overlap too little for any estimate"],
                            {"level": level})
    estimate = float(y.sum() + fits.unobserved[0])
    wlow, whigh = wald_interval(y.sum(), fits.beta[0, 0], fits.se0[0], level)
    warnings = []
    interval = "profile likelihood"
    try:
        low, high, _ = profile_interval(y, k, (), level)
    except (ValueError, RuntimeError, FloatingPointError):
        low, high, interval = float(wlow), float(whigh), "Wald (the profile search failed)"
        warnings.append("the profile likelihood could not be searched; Wald interval shown")
    if np.isinf(high):
        warnings.append("the profile likelihood does not bound the total from above")
    diagnostics = {"model": M.model_name((), k), "interval": interval,
                   "wald_interval": [float(wlow), float(whigh)],
                   "bic": float(fits.bic(y.sum())[0]), "aic": float(fits.aic()[0])}
    return MethodResult("independence", estimate, low, None if np.isinf(high) else high,
                        diagnostics, warnings, {"level": level})


def best_model(table: CaptureTable, criterion: str = "bic", max_order: int | None = None,
               n_boot: int = 1000, ntop: int | None = None, level: float = 0.95,
               seed: int | None = None, progress=None) -> MethodResult:
    """The BIC- (or AIC-) best hierarchical model, with a BCa interval re-selecting among the
    `ntop` best models on every bootstrap resample (MultipleSystemsEstimation's BIC mode)."""
    k = table.k
    max_order = min(M.default_max_order(k) if max_order is None else max_order, k - 1)
    ntop = default_ntop(k) if ntop is None else ntop
    y = table.cell_counts().astype(float)
    name = f"loglinear-{criterion}"
    settings = {"criterion": criterion, "max_order": max_order, "n_boot": n_boot,
                "ntop": ntop, "level": level}
    cache: dict = {}
    try:
        search = search_models(y, k, max_order, criterion, cache)
    except ValueError as error:
        return MethodResult(name, None, None, None, {}, [f"{error}; use the stepwise method"],
                            settings, seed)
    if search.ranking.size == 0:
        return MethodResult(name, None, None, None, {}, ["no model passes the existence and "
                            "identifiability checks"], settings, seed)
    best = int(search.ranking[0])
    estimate = float(search.estimates[best])
    chosen = search.ranking[:ntop]
    top = [search.models[i] for i in chosen]
    start = search.beta[chosen]
    rng = np.random.default_rng(seed)
    picks: list[int] = []
    boot = _in_batches(_bootstrap_tables(y, n_boot, rng),
                       lambda Yb: select_among(Yb, k, max_order, top, criterion, cache, start,
                                               picks), progress)
    J, weights = _jackknife_tables(y)
    jack = select_among(J, k, max_order, top, criterion, cache, start)
    low, high, bca = bca_interval(boot, estimate, jack, weights, level)
    model = search.models[best]
    ranked = [{"model": M.model_name(search.models[i], k), "estimate": float(search.estimates[i]),
               criterion: float(search.criterion[i])} for i in search.ranking[:5]]
    diagnostics = {**_model_info(y, k, model, table.lists, level), "interval": "BCa bootstrap "
                   "with re-selection", "bca": bca, "models_fitted": len(search.models),
                   "models_valid": int(search.ranking.size), "top_models": ranked,
                   "models_failing_checks": int((search.codes > 0).sum())}
    reselected = float(np.mean(np.asarray(picks) == 0))
    diagnostics["reselected_share"] = reselected
    warnings = _selection_warnings(search, criterion, boot, n_boot)
    warnings += _order_warning(model, max_order, k, "--max-order")
    warnings += _reselection_warning(reselected, n_boot, f"{criterion.upper()}-best model")
    warnings += _minus_infinity_warning(model, table, diagnostics)
    high = _bounded_high(high, table.observed, warnings)
    failing = int((search.codes > 0).sum())
    if failing:
        warnings.append(f"{failing} of {len(search.models)} models are not identifiable from this "
                        "table or have no maximum likelihood estimate (zero margins or empty "
                        "cells) and were left out of the choice")
    result = MethodResult(name, estimate, low, high, diagnostics, warnings, settings, seed)
    result.draws = boot
    return result


def _selection_warnings(search: ModelSearch, criterion: str, boot, n_boot) -> list[str]:
    warnings = []
    close = [i for i in search.ranking[1:]
             if search.criterion[i] - search.criterion[search.ranking[0]] < 2]
    if close:
        ests = search.estimates[[search.ranking[0], *close]]
        if ests.max() > 1.2 * ests.min():
            warnings.append(f"{len(close)} other model(s) within 2 {criterion.upper()} units give "
                            f"{ests.min():,.0f} to {ests.max():,.0f}: the choice of model drives "
                            "the estimate")
    return warnings + _bootstrap_warnings(boot, n_boot)


def _minus_infinity_warning(model, table: CaptureTable, diagnostics: dict) -> list[str]:
    """The model's terms over lists that share nobody (extended MLE: minus infinity)."""
    empty = [t for t in model if table.overlap(t) == 0]
    if not empty:
        return []
    named = M.model_terms_named(tuple(empty), table.lists)
    diagnostics["minus_infinity_terms"] = named
    return [f"the model's term(s) {', '.join(named)} join lists that share nobody (a zero "
            "margin): set to minus infinity, they assume those lists can never record the same "
            "person"]


UNBOUNDED = 1000       # an upper limit above this many times the observed is no limit


def _bounded_high(high, observed: int, warnings: list[str]):
    """No upper limit when the resamples' totals run off beyond UNBOUNDED x the observed."""
    if high is not None and high > UNBOUNDED * observed:
        warnings.append(f"the bootstrap's upper limit ({high:,.3g}) is more than {UNBOUNDED:,} "
                        "times the observed: resampled tables admit models with no bound on the "
                        "total, so no upper limit is given")
        return None
    return high


def _order_warning(model, max_order: int, k: int, option: str) -> list[str]:
    """The selection reached the highest order searched where a higher term could enter.

    That is, some interaction of max_order + 1 lists has every sub-interaction in the model,
    so a larger search might have added it (and changed the total).
    """
    if max_order >= k - 1:
        return []
    present = set(model)
    for size in (max_order + 1,):
        for combo in combinations(range(k), size):
            term = sum(1 << b for b in combo)
            if all(term & ~(1 << b) in present for b in combo):
                return [f"the selection stopped at the highest order searched ({option} "
                        f"{max_order}) although the model could take a term of order "
                        f"{max_order + 1}: a larger search might fit better and give another "
                        "total; try a higher order"]
    return []


RESELECTION_SHARE = 0.5


def _reselection_warning(share: float, n_boot: int, what: str) -> list[str]:
    """The bootstrap re-selection chose the point estimate's model in under half the resamples."""
    if n_boot and share < RESELECTION_SHARE:
        return [f"the {what} was chosen again in only {share:.0%} of {n_boot:,} bootstrap "
                "resamples: the point estimate rests on one model among several the data "
                "support equally; the interval (which re-selects) is the better summary"]
    return []


def _bootstrap_warnings(boot, n_boot) -> list[str]:
    finite = int(np.isfinite(boot).sum())
    if finite < MIN_REPLICATES:
        return [f"only {finite} of {n_boot} bootstrap resamples gave an estimate: no interval"]
    if finite < n_boot:
        return [f"{n_boot - finite} bootstrap resamples had no valid model and were left out"]
    return []


def stepwise_method(table: CaptureTable, threshold: float = 0.02, n_boot: int = 1000,
                    level: float = 0.95, seed: int | None = None, progress=None,
                    max_order: int = 2) -> MethodResult:
    """Chan, Silverman & Vincent's stepwise selector with its BCa bootstrap interval.

    `max_order` 2 (two-list terms only) is the published method.
    """
    k = table.k
    y = table.cell_counts().astype(float)
    cache: dict = {}
    settings = {"threshold": threshold, "n_boot": n_boot, "level": level,
                "max_order": max_order}
    est, terms = stepwise(y[None], k, threshold, cache, max_order)
    if not np.isfinite(est[0]):
        return MethodResult("loglinear-stepwise", None, None, None,
                            {"model": M.model_name(tuple(terms[0]), k)},
                            ["the selected model has no maximum likelihood estimate: the lists "
                             "overlap too little for any estimate"], settings, seed)
    estimate = float(est[0])
    rng = np.random.default_rng(seed)
    picks: list[tuple[int, ...]] = []

    def reselect(Yb):
        est_b, terms_b = stepwise(Yb, k, threshold, cache, max_order)
        picks.extend(terms_b)
        return est_b

    boot = _in_batches(_bootstrap_tables(y, n_boot, rng), reselect, progress)
    J, weights = _jackknife_tables(y)
    jack = stepwise(J, k, threshold, cache, max_order)[0]
    low, high, bca = bca_interval(boot, estimate, jack, weights, level)
    model = tuple(terms[0])
    diagnostics = {**_model_info(y, k, model, table.lists, level), "interval": "BCa bootstrap "
                   "with re-selection", "bca": bca}
    reselected = float(np.mean([tuple(p) == model for p in picks])) if picks else 0.0
    diagnostics["reselected_share"] = reselected
    warnings = _bootstrap_warnings(boot, n_boot) + _order_warning(model, max_order, k,
                                                                  "--stepwise-order")
    warnings += _reselection_warning(reselected, n_boot, "stepwise model")
    warnings += _minus_infinity_warning(model, table, diagnostics)
    high = _bounded_high(high, table.observed, warnings)
    result = MethodResult("loglinear-stepwise", estimate, low, high, diagnostics, warnings,
                          settings, seed)
    result.draws = boot
    return result


def _in_batches(Y, func, progress, size: int = 100):
    out = []
    for start in range(0, Y.shape[0], size):
        out.append(func(Y[start: start + size]))
        if progress is not None:
            progress(min(size, Y.shape[0] - start))
    return np.concatenate(out)
