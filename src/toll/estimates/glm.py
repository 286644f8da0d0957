"""Poisson log-linear fits, many at once, with the existence and identifiability checks.

Every fit uses one shared design matrix X (cells x terms). A batch of B fits gives, for each
fit b, its counts y[b], the terms it uses (cols[b]) and the cells it keeps (rows[b]): a model
term observed in nobody (zero overlap) has the extended-MLE value minus infinity, so the cells
containing it are dropped and the term removed (Chan, Silverman & Vincent 2021). Fits are
iteratively reweighted least squares, vectorised over the batch.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

try:  # small matrices: one BLAS thread is faster than several (optional dependency)
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover
    ThreadpoolController = None
_controller = None

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
        """Estimated number nobody recorded, exp(intercept) (inf for diverging fits, which
        fail the existence check)."""
        with np.errstate(over="ignore"):
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


def fit(y, X, cols, check: bool = True, tol: float = 1e-10, max_iter: int = 100,
        cache: dict | None = None, start: np.ndarray | None = None) -> Fits:
    """Fit Poisson log-linear models for a batch: y (B, C) counts, cols (B, P) terms used.

    `start` (B, P) coefficients to start from (e.g. the fit to the original table when
    fitting bootstrap resamples); the answer does not depend on it, only the speed.
    """
    y = np.atleast_2d(np.asarray(y, dtype=float))
    cols = np.atleast_2d(np.asarray(cols, dtype=bool))
    if cols.shape[0] == 1 and y.shape[0] > 1:
        cols = np.repeat(cols, y.shape[0], axis=0)
    if y.shape[0] == 1 and cols.shape[0] > 1:
        y = np.repeat(y, cols.shape[0], axis=0)
    n_terms = cols.sum(axis=1)
    sparse, rows = sparse_structure(y, X, cols)
    used = cols & ~sparse
    if start is not None:
        start = np.broadcast_to(start, cols.shape) * used
    with single_thread():
        parts = [_irls(y[s], X, used[s], rows[s], tol, max_iter,
                       None if start is None else start[s]) for s in _chunks(y.shape[0])]
    beta, mu, loglik, se0, conv = (np.concatenate(p) for p in zip(*parts, strict=True))
    code = np.zeros(y.shape[0], dtype=int)
    if check:
        code = check_models(y, X, used, rows, cache)
    return Fits(beta, mu, loglik, se0, conv, n_terms, code)


def single_thread():
    """Run BLAS on one thread: these many small products lose time to threading."""
    global _controller
    if ThreadpoolController is None:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")


def _chunks(size: int):
    for start in range(0, size, CHUNK):
        yield slice(start, min(size, start + CHUNK))


def _irls(y, X, cols, rows, tol, max_iter, start=None):
    """Iteratively reweighted least squares for log-link Poisson, batched.

    Unused terms get a unit diagonal so that their coefficient stays at zero; dropped cells get
    weight zero and fitted value zero. Converged fits leave the working set once a tenth of
    it has converged, so that copies stay rare.
    """
    B, C = y.shape
    P = X.shape[1]
    XX = (X[:, :, None] * X[:, None, :]).reshape(C, P * P)
    pair_mask = (cols[:, :, None] & cols[:, None, :]).reshape(B, P * P)
    fill = (~cols).astype(float)              # unit diagonal for unused terms
    diagonal = np.arange(P) * (P + 1)
    if start is None:
        mu = np.where(rows, y + 0.1, 1.0)
        eta = np.log(mu)
    else:
        eta = np.clip(start @ X.T, -700, 700)
        mu = np.exp(eta)
    beta = np.zeros((B, P))
    dev_old = np.full(B, np.inf)
    converged = np.zeros(B, dtype=bool)
    work = np.arange(B)                       # rows iterated (a superset of the unconverged)
    ya, ra, pm, fa, ca = y, rows, pair_mask, fill, cols
    ma, ea = mu, eta
    for _ in range(max_iter):
        w = ma * ra
        z = ea + (ya - ma) / ma
        A = w @ XX
        np.multiply(A, pm, out=A)
        A[:, diagonal] += fa
        A = A.reshape(-1, P, P)
        b = ((w * z) @ X) * ca
        try:
            new_beta = np.linalg.solve(A, b[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            new_beta = _solve_each(A, b)
        ea = np.clip(new_beta @ X.T, -700, 700)
        ma = np.exp(ea)
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(ya > 0, ya * np.log(ya / ma), 0.0) - (ya - ma)
        dev = 2 * (term * ra).sum(axis=1)
        done = np.abs(dev - dev_old[work]) <= tol * (np.abs(dev) + 0.1)
        dev_old[work] = dev
        open_rows = ~converged[work]
        beta[work[open_rows]] = new_beta[open_rows]
        mu[work[open_rows]] = ma[open_rows]
        converged[work[done]] = True
        keep = ~converged[work]
        if not keep.any():
            break
        if keep.sum() < 0.9 * keep.size:
            work = work[keep]
            ya, ra, pm, fa, ca = y[work], rows[work], pair_mask[work], fill[work], cols[work]
            ma, ea = ma[keep], ea[keep]
    mu = mu * rows
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = (np.where(rows & (y > 0), y * np.log(np.where(mu > 0, mu, 1.0)), 0.0)
                  - mu - gammaln(y + 1) * rows).sum(axis=1)
    se0 = _intercept_se(mu, XX, pair_mask, fill, diagonal, P)
    return beta, mu, loglik, se0, converged


def _solve_each(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve fit by fit when the batch fails: least squares for a singular system, NaN (a fit
    that did not converge, left out by the checks) for one that overflowed."""
    out = np.full(b.shape, np.nan)
    for i in range(A.shape[0]):
        if np.isfinite(A[i]).all() and np.isfinite(b[i]).all():
            try:
                out[i] = np.linalg.lstsq(A[i], b[i], rcond=None)[0]
            except np.linalg.LinAlgError:
                pass
    return out


def _intercept_se(mu, XX, pair_mask, fill, diagonal, P):
    A = mu @ XX
    np.multiply(A, pair_mask, out=A)
    A[:, diagonal] += fill
    A = A.reshape(-1, P, P)
    e0 = np.zeros((A.shape[0], P))
    e0[:, 0] = 1.0
    try:
        var = np.linalg.solve(A, e0[:, :, None])[:, 0, 0]
    except np.linalg.LinAlgError:
        var = _solve_each(A, e0)[:, 0]
    return np.sqrt(np.maximum(var, 0.0))


def check_models(y, X, used, rows, cache: dict | None = None) -> np.ndarray:
    """Existence (Fienberg-Rinaldo linear programme) and identifiability (rank) of each fit.

    Fits keeping every cell with every kept cell positive pass both without computation: the
    MLE exists when all counts are positive, and on all 2^k - 1 observable cells the design of
    any unsaturated hierarchical model has full rank. Otherwise both checks depend only on
    which cells are positive, so results are cached by model and support.
    """
    cache = {} if cache is None else cache
    codes = np.zeros(y.shape[0], dtype=int)
    saturated = used.sum(axis=1) >= X.shape[0] + 1
    easy = rows.all(axis=1) & (y > 0).all(axis=1) & ~saturated
    for b in np.flatnonzero(~easy):
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
    from scipy.optimize import linprog

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
