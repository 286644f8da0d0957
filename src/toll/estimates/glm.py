"""Poisson log-linear fits, many at once, with the existence and identifiability checks.

Every fit uses one shared design matrix X (cells x terms). A batch of B fits gives, for each
fit b, its counts y[b], the terms it uses (cols[b]) and the cells it keeps (rows[b]): a model
term observed in nobody (zero overlap) has the extended-MLE value minus infinity, so the cells
containing it are dropped and the term removed (Chan, Silverman & Vincent 2021). Fits are
iteratively reweighted least squares, vectorised over the batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.special import gammaln

# Check codes, as in SparseMSE::checkident.
OK, NOT_EXIST, NOT_IDENTIFIABLE = 0, 1, 2
CHUNK = 8192


@dataclass
class Fits:
    """A batch of fits: coefficients, fitted means, log-likelihoods, estimates."""

    beta: np.ndarray        # (B, P), 0 for unused terms
    mu: np.ndarray          # (B, C), 0 for dropped cells
    loglik: np.ndarray      # (B,)
    se0: np.ndarray         # (B,) standard error of the intercept
    converged: np.ndarray   # (B,) bool
    n_terms: np.ndarray     # (B,) parameters in the model, -inf terms included
    code: np.ndarray        # (B,) OK / NOT_EXIST / NOT_IDENTIFIABLE (sums when both)

    @property
    def unobserved(self) -> np.ndarray:
        """Estimated number nobody recorded, exp(intercept)."""
        return np.exp(self.beta[:, 0])

    def bic(self, n: np.ndarray) -> np.ndarray:
        """BIC with the number of people observed as sample size (bicRcap in the R packages)."""
        return self.n_terms * np.log(n) - 2 * self.loglik

    def aic(self) -> np.ndarray:
        return 2 * self.n_terms - 2 * self.loglik


def sparse_structure(y: np.ndarray, X: np.ndarray, cols: np.ndarray):
    """Terms observed in nobody (set to minus infinity) and the cells kept for each fit."""
    nstar = y @ X                                  # (B, P): people on all lists of each term
    sparse = cols & (nstar == 0)
    sparse[:, 0] = False                           # the intercept is never sparse
    rows = (sparse.astype(float) @ X.T) == 0       # a cell containing a sparse term is dropped
    return sparse, rows


def fit(y, X, cols, check: bool = True, tol: float = 1e-11, max_iter: int = 100,
        cache: dict | None = None) -> Fits:
    """Fit Poisson log-linear models for a batch: y (B, C) counts, cols (B, P) terms used."""
    y = np.atleast_2d(np.asarray(y, dtype=float))
    cols = np.atleast_2d(np.asarray(cols, dtype=bool))
    if cols.shape[0] == 1 and y.shape[0] > 1:
        cols = np.repeat(cols, y.shape[0], axis=0)
    if y.shape[0] == 1 and cols.shape[0] > 1:
        y = np.repeat(y, cols.shape[0], axis=0)
    n_terms = cols.sum(axis=1)
    sparse, rows = sparse_structure(y, X, cols)
    used = cols & ~sparse
    parts = [_irls(y[s], X, used[s], rows[s], tol, max_iter)
             for s in _chunks(y.shape[0])]
    beta, mu, loglik, se0, conv = (np.concatenate(p) for p in zip(*parts, strict=True))
    code = np.zeros(y.shape[0], dtype=int)
    if check:
        code = check_models(y, X, used, rows, cache)
    return Fits(beta, mu, loglik, se0, conv, n_terms, code)


def _chunks(size: int):
    for start in range(0, size, CHUNK):
        yield slice(start, min(size, start + CHUNK))


def _irls(y, X, cols, rows, tol, max_iter):
    """Iteratively reweighted least squares for log-link Poisson, batched.

    Unused terms get a unit diagonal so that their coefficient stays at zero; dropped cells get
    weight zero and fitted value zero.
    """
    B, C = y.shape
    P = X.shape[1]
    XX = (X[:, :, None] * X[:, None, :]).reshape(C, P * P)
    pair_mask = (cols[:, :, None] & cols[:, None, :]).reshape(B, P * P)
    fill = np.zeros((B, P, P))
    idx = np.arange(P)
    fill[:, idx, idx] = ~cols
    mu = np.where(rows, y + 0.1, 1.0)
    eta = np.log(mu)
    beta = np.zeros((B, P))
    dev_old = np.full(B, np.inf)
    converged = np.zeros(B, dtype=bool)
    active = np.arange(B)
    for _ in range(max_iter):
        ya, ra, ma, ea = y[active], rows[active], mu[active], eta[active]
        w = ma * ra
        z = ea + (ya - ma) / ma
        A = ((w @ XX) * pair_mask[active]).reshape(-1, P, P) + fill[active]
        b = ((w * z) @ X) * cols[active]
        try:
            new_beta = np.linalg.solve(A, b[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            new_beta = np.einsum("bij,bj->bi", np.linalg.pinv(A), b)
        beta[active] = new_beta
        new_eta = np.clip(new_beta @ X.T, -700, 700)
        new_mu = np.exp(new_eta)
        eta[active], mu[active] = new_eta, new_mu
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(ya > 0, ya * np.log(ya / new_mu), 0.0) - (ya - new_mu)
        dev = 2 * (term * ra).sum(axis=1)
        done = np.abs(dev - dev_old[active]) <= tol * (np.abs(dev) + 0.1)
        dev_old[active] = dev
        converged[active[done]] = True
        active = active[~done]
        if active.size == 0:
            break
    mu = mu * rows
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = (np.where(rows & (y > 0), y * np.log(np.where(mu > 0, mu, 1.0)), 0.0)
                  - mu - gammaln(y + 1) * rows).sum(axis=1)
    se0 = _intercept_se(mu, XX, pair_mask, fill, P)
    return beta, mu, loglik, se0, converged


def _intercept_se(mu, XX, pair_mask, fill, P):
    A = ((mu @ XX) * pair_mask).reshape(-1, P, P) + fill
    e0 = np.zeros((A.shape[0], P, 1))
    e0[:, 0, 0] = 1.0
    try:
        var = np.linalg.solve(A, e0)[:, 0, 0]
    except np.linalg.LinAlgError:
        var = np.linalg.pinv(A)[:, 0, 0]
    return np.sqrt(np.maximum(var, 0.0))


def check_models(y, X, used, rows, cache: dict | None = None) -> np.ndarray:
    """Existence (Fienberg-Rinaldo linear programme) and identifiability (rank) of each fit.

    Both depend only on which cells are positive, so results are cached by model and support.
    """
    cache = {} if cache is None else cache
    codes = np.zeros(y.shape[0], dtype=int)
    for b in range(y.shape[0]):
        key = (used[b].tobytes(), (y[b] > 0).tobytes())
        code = cache.get(key)
        if code is None:
            code = _check_one(y[b], X, used[b], rows[b])
            cache[key] = code
        codes[b] = code
    return codes


def _check_one(y, X, used, rows) -> int:
    A = X[rows][:, used]
    yk = y[rows]
    code = 0
    if A.shape[0] == 0 or np.linalg.matrix_rank(A) < A.shape[1]:
        code += NOT_IDENTIFIABLE
    if A.shape[0] == 0 or (yk <= 0).any():
        if not mle_exists(A, yk):
            code += NOT_EXIST
    return code


def mle_exists(A: np.ndarray, y: np.ndarray) -> bool:
    """Fienberg & Rinaldo's linear programme: max s with A'v = A'y, v >= s >= 0; exists iff s > 0.

    When every cell is positive, v = y already shows s > 0.
    """
    if y.size and (y > 0).all():
        return True
    C, P = A.shape
    if C == 0 or y.sum() <= 0:
        return False
    c = np.zeros(C + 1)
    c[-1] = -1.0
    a_eq = np.hstack([A.T, np.zeros((P, 1))])
    b_eq = A.T @ y
    a_ub = np.hstack([-np.eye(C), np.ones((C, 1))])
    result = linprog(c, A_ub=a_ub, b_ub=np.zeros(C), A_eq=a_eq, b_eq=b_eq,
                     bounds=[(0, None)] * (C + 1), method="highs")
    return bool(result.status == 0 and -result.fun > 1e-8 * max(1.0, y.sum()))
