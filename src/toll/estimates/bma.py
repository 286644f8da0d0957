"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997; R dga).

Each model is an undirected graph on the lists whose edges are allowed dependences; only
decomposable (chordal) graphs are used, because for them the marginal likelihood under a
hyper-Dirichlet prior has a closed form built from the cliques and separators. For every graph
and every candidate number of unrecorded people n0 on a grid, the posterior probability is
computed exactly (no simulation); the posterior of the total averages over graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
from scipy.special import gammaln

from toll.estimates.report import MethodResult
from toll.estimates.table import CaptureTable, popcount

MAX_LISTS = 6     # 18,154 graphs; 7 lists would need 2 million graphs enumerated
COMPLETE_SHARE = 0.1


@dataclass(frozen=True)
class Graph:
    """A decomposable graph: edges as pair masks, cliques and separators as list masks."""

    edges: tuple[int, ...]
    cliques: tuple[int, ...]
    separators: tuple[int, ...]

    def name(self, k: int) -> str:
        return "".join("[" + "".join(str(b + 1) for b in range(k) if c >> b & 1) + "]"
                       for c in sorted(self.cliques, key=lambda c: [b for b in range(k)
                                                                    if c >> b & 1]))


@lru_cache(maxsize=8)
def decomposable_graphs(k: int) -> tuple[Graph, ...]:
    """All decomposable graphs on k lists: 8 / 61 / 822 / 18,154 for k = 3 / 4 / 5 / 6."""
    all_pairs = [(1 << i) | (1 << j) for i, j in combinations(range(k), 2)]
    graphs = []
    for bits in range(2 ** len(all_pairs)):
        edges = tuple(p for e, p in enumerate(all_pairs) if bits >> e & 1)
        cliques = _chordal_cliques(k, _adjacency(k, edges))
        if cliques is not None:
            graphs.append(Graph(edges, cliques, _separators(cliques)))
    return tuple(graphs)


def _adjacency(k, edges):
    adj = [0] * k
    for e in edges:
        i, j = [b for b in range(k) if e >> b & 1]
        adj[i] |= 1 << j
        adj[j] |= 1 << i
    return adj


def _chordal_cliques(k, adj) -> tuple[int, ...] | None:
    """Maximal cliques of a chordal graph, or None when the graph is not chordal.

    Maximum cardinality search orders the vertices; the graph is chordal iff, for every
    vertex, its earlier neighbours other than the latest one are all adjacent to that latest
    one (a perfect elimination order). Each vertex with its earlier neighbours is then a
    clique, and the maximal ones are all the maximal cliques.
    """
    order, numbered = [], 0
    weight = [0] * k
    for _ in range(k):
        v = max((u for u in range(k) if not numbered >> u & 1), key=lambda u: (weight[u], -u))
        order.append(v)
        numbered |= 1 << v
        for u in range(k):
            if adj[v] >> u & 1 and not numbered >> u & 1:
                weight[u] += 1
    candidates = []
    before = 0
    for v in order:
        earlier = adj[v] & before
        if earlier:
            latest = next(u for u in reversed(order) if earlier >> u & 1)
            if (earlier & ~(1 << latest)) & ~adj[latest]:
                return None
        candidates.append(earlier | (1 << v))
        before |= 1 << v
    return tuple(sorted(c for c in set(candidates)
                        if not any(o != c and o & c == c for o in candidates)))


def _separators(cliques) -> tuple[int, ...]:
    """Separators of a junction tree: a maximum-weight spanning tree of the clique graph."""
    edges = sorted(((popcount(a & b), i, j) for (i, a), (j, b)
                    in combinations(enumerate(cliques), 2)), key=lambda e: -e[0])
    parent = list(range(len(cliques)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seps = []
    for _, i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
            seps.append(cliques[i] & cliques[j])
    return tuple(seps)


def log_prior_reciprocal(total: np.ndarray) -> np.ndarray:
    """p(N) proportional to 1/N (dga's default)."""
    return -np.log(total)


def log_prior_negbin(a: float, b: float):
    """Negative-binomial prior on N with shape a and scale b (mean a*b), as in dga's example."""
    def prior(total):
        return (total * np.log(b) - (total + a) * np.log1p(b) + gammaln(total + a)
                - gammaln(total + 1) - gammaln(a))
    return prior


def posterior(table: CaptureTable, n0_grid: np.ndarray, delta: float | None = None,
              log_prior=log_prior_reciprocal, graphs: tuple[Graph, ...] | None = None):
    """Posterior weights (graphs x grid), normalised to sum to 1, and the graphs.

    delta is the hyper-Dirichlet parameter per full-table cell (default 2^-k); a marginal over
    |S| lists gets delta * 2^(k-|S|) per cell.
    """
    k = table.k
    delta = 2.0**-k if delta is None else delta
    graphs = decomposable_graphs(k) if graphs is None else graphs
    n0 = np.asarray(n0_grid, dtype=float)
    n = table.observed
    total = n + n0
    log_comp = np.zeros((2**k, n0.size))          # one row per subset of lists
    masks = np.arange(2**k)
    alpha_total = delta * 2**k
    for subset in range(1, 2**k):
        s = popcount(subset)
        ds = delta * 2 ** (k - s)
        marginal = np.bincount(masks & subset, weights=table.counts, minlength=2**k)
        cells = marginal[[m for m in range(2**k) if m & ~subset == 0]]
        d0, rest = cells[0], cells[1:]
        log_comp[subset] = (gammaln(n0 + d0 + ds) + gammaln(rest + ds).sum() - 2**s * gammaln(ds)
                            + gammaln(alpha_total) - gammaln(total + alpha_total))
    # the terms shared by every graph ride along as one more "subset" with coefficient 1
    shared = (gammaln(total + 1) - gammaln(n0 + 1) - gammaln(table.counts + 1).sum()
              + log_prior(total))
    weights = _coefficients(graphs, k) @ np.vstack([log_comp, shared])
    np.subtract(weights, weights.max(), out=weights)
    np.exp(weights, out=weights)
    weights /= weights.sum()
    return weights, graphs


@lru_cache(maxsize=16)
def _coefficients(graphs: tuple[Graph, ...], k: int) -> np.ndarray:
    """+1 per clique, -1 per separator (and 1 for the shared terms): a graph's log posterior is
    this row times the log marginal likelihoods of the list subsets."""
    coef = np.zeros((len(graphs), 2**k + 1))
    coef[:, -1] = 1.0
    for g, graph in enumerate(graphs):
        for c in graph.cliques:
            coef[g, c] += 1
        for s in graph.separators:
            coef[g, s] -= 1
    coef.setflags(write=False)
    return coef


def default_grid(table: CaptureTable, points: int = 1000, upper: float | None = None) -> np.ndarray:
    """n0 from 0 to `upper` (default 10x the observed, at least 100): integers, or `points`
    evenly spaced values when the range is wider."""
    upper = max(100.0, 10.0 * table.observed) if upper is None else float(upper)
    if upper + 1 <= points:
        return np.arange(0, int(upper) + 1, dtype=float)
    return np.linspace(0.0, upper, points)


def estimate_bma(table: CaptureTable, delta: float | None = None, grid_max: float | None = None,
                 grid_points: int = 1000, prior: str = "1/N", level: float = 0.95,
                 edge_share: float = 0.01, auto_extend: bool = True) -> MethodResult:
    """Model-averaged posterior of the total: median and equal-tailed interval.

    When more than `edge_share` of the posterior sits in the top tenth of the grid, the grid
    is doubled (up to 4 times); a warning remains if the mass is still at the edge.
    """
    k = table.k
    if k > MAX_LISTS:
        return MethodResult("bma", None, None, None, {}, [f"{k} lists: model averaging over "
                            f"decomposable graphs is limited to {MAX_LISTS} lists; merge lists"],
                            {"delta": delta, "prior": prior})
    log_prior = _prior(prior)
    upper = max(100.0, 10.0 * table.observed) if grid_max is None else float(grid_max)
    warnings = []
    for attempt in range(5):
        grid = default_grid(table, grid_points, upper)
        weights, graphs = posterior(table, grid, delta, log_prior)
        marginal = weights.sum(axis=0)
        edge = marginal[grid >= grid[-1] - 0.1 * (grid[-1] - grid[0])].sum()
        if edge <= edge_share or not auto_extend or attempt == 4:
            break
        upper *= 2
    if edge > edge_share:
        warnings.append(f"posterior has {edge:.1%} of its mass in the top tenth of the grid "
                        f"(n0 up to {grid[-1]:,.0f}): the upper limit depends on where the grid "
                        "ends; the data do not bound the total")
    total = table.observed + grid
    median, low, high = _quantiles(total, marginal, [0.5, (1 - level) / 2, (1 + level) / 2])
    by_graph = weights.sum(axis=1)
    complete = sum(float(by_graph[g]) for g, graph in enumerate(graphs)
                   if graph.cliques == (2**k - 1,))
    if complete > COMPLETE_SHARE:
        warnings.append(f"the graph in which all lists depend on each other carries {complete:.0%}"
                        " of the posterior: under it the data say nothing about the unrecorded, "
                        "so that share of the answer is the prior (try other delta values and "
                        "compare with the other methods)")
    top = np.argsort(-by_graph, kind="stable")[:5]
    expected_inv = (marginal / total).sum()
    bayes = expected_inv / (marginal / total**2).sum()
    diagnostics = {
        "posterior_mean": float((marginal * total).sum()),
        "bayes_estimate": float(bayes),
        "posterior_mode": float(total[np.argmax(marginal)]),
        "top_models": [{"model": graphs[g].name(k), "weight": float(by_graph[g]),
                        "mode": float(total[np.argmax(weights[g])])} for g in top],
        "graphs": len(graphs),
        "grid": {"min": float(grid[0]), "max": float(grid[-1]), "points": int(grid.size)},
        "edge_mass": float(edge),
        "complete_graph_weight": complete,
    }
    settings = {"delta": 2.0**-k if delta is None else delta, "prior": prior,
                "grid_max": float(grid[-1]), "grid_points": int(grid.size), "level": level}
    result = MethodResult("bma", median, low, high, diagnostics, warnings, settings)
    result.draws = np.column_stack([total, marginal])   # the posterior on the grid
    return result


def _prior(prior: str):
    if prior in ("1/N", "reciprocal"):
        return log_prior_reciprocal
    if prior in ("uniform", "flat"):
        return lambda total: np.zeros_like(total)
    if prior.startswith("negbin:"):
        a, b = (float(x) for x in prior.split(":", 1)[1].split(","))
        return log_prior_negbin(a, b)
    raise ValueError(f"unknown prior {prior!r}: use 1/N, uniform or negbin:a,b")


def _quantiles(values, weights, probs):
    cdf = np.cumsum(weights) / weights.sum()
    return [float(values[min(np.searchsorted(cdf, p), values.size - 1)]) for p in probs]
