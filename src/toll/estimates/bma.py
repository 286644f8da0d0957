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
    pairs = all_pairs(k)
    graphs = []
    for bits in range(2 ** len(pairs)):
        edges = tuple(p for e, p in enumerate(pairs) if bits >> e & 1)
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


TOP_SHARE = 0.01          # the top 1% of the grid...
CUT_MASS = 1e-4           # ...may hold at most this much of the posterior
GRID_CAP = 1000           # the adaptive grid stops at 1,000 times the observed
MAX_POINTS = 50_000       # grid points, however wide the grid
MAX_CELLS = 20_000_000    # graphs x grid points (memory)


def default_grid(table: CaptureTable, points: int = 1000, upper: float | None = None) -> np.ndarray:
    """n0 from 0 to `upper` (default 10x the observed, at least 100): integers, or `points`
    evenly spaced values when the range is wider."""
    upper = first_upper(table) if upper is None else float(upper)
    if upper + 1 <= points:
        return np.arange(0, int(upper) + 1, dtype=float)
    return np.linspace(0.0, upper, points)


def first_upper(table: CaptureTable) -> float:
    """Where the adaptive grid starts: 10 times the observed, at least 100."""
    return max(100.0, 10.0 * table.observed)


def top_mass(grid: np.ndarray, marginal: np.ndarray, share: float = TOP_SHARE) -> float:
    """Posterior mass in the top `share` of the grid's range."""
    return float(marginal[grid >= grid[-1] - share * (grid[-1] - grid[0])].sum())


def adaptive_posterior(table: CaptureTable, delta, log_prior, grid_points: int = 1000,
                       grid_max: float | None = None):
    """The posterior on a grid wide enough that its top 1% holds under 1e-4 of the mass.

    The posterior is first probed on a log-spaced grid up to GRID_CAP times the observed
    (or `grid_max`, if larger), so that a second mode beyond a valley is found, which a grid
    stopping in the valley would miss. Without `grid_max`, the grid then ends where the probe
    finds a negligible tail (at least 10x the observed) and keeps the spacing of the first
    `grid_points` points (up to a limit on graphs x points); with `grid_max` the grid ends
    there. Returns (grid, weights, graphs, cut) where cut is the mass the grid leaves out:
    the probe's mass beyond the grid's end, or the mass in the grid's top 1% when larger.
    """
    graphs = decomposable_graphs(table.k)
    start = first_upper(table)
    cap = max(GRID_CAP * max(table.observed, 1), grid_max or 0.0)
    probe = np.unique(np.concatenate([np.linspace(0.0, start, 200),
                                      np.geomspace(start, cap, 400)]))
    weights, _ = posterior(table, probe, delta, log_prior, graphs)
    mass = weights.sum(axis=0) * np.gradient(probe)
    tail = np.cumsum(mass[::-1])[::-1] / mass.sum()          # mass at or beyond each probe
    if grid_max is not None:
        upper, points = float(grid_max), grid_points
    else:
        beyond = np.flatnonzero(tail > CUT_MASS * TOP_SHARE)
        upper = start if not beyond.size else max(start, float(probe[min(beyond[-1] + 1,
                                                                           probe.size - 1)]))
        limit = int(min(MAX_POINTS, max(grid_points, MAX_CELLS // len(graphs))))
        points = int(min(limit, max(grid_points, round(grid_points * upper / start))))
    grid = default_grid(table, points, upper)
    weights, graphs = posterior(table, grid, delta, log_prior, graphs)
    after = np.flatnonzero(probe > upper)
    cut = max(top_mass(grid, weights.sum(axis=0)), float(tail[after[0]]) if after.size else 0.0)
    return grid, weights, graphs, cut


def modes(total: np.ndarray, marginal: np.ndarray, min_mass: float = 0.01,
          dip: float = 0.5) -> list[tuple[float, float]]:
    """Separate peaks of the posterior: (total at the peak, posterior mass around it).

    A peak counts when the posterior falls between it and its neighbour to less than `dip`
    of the lower peak, and the mass on its side of that valley is at least `min_mass`.
    """
    density = marginal / np.gradient(total) if total.size > 1 else marginal
    peaks = [i for i in range(density.size)
             if (i == 0 or density[i] > density[i - 1])
             and (i == density.size - 1 or density[i] >= density[i + 1])]
    found = [peaks[0]] if peaks else []
    for peak in peaks[1:]:
        previous = found[-1]
        valley = previous + int(np.argmin(density[previous:peak + 1]))
        if density[valley] < dip * min(density[previous], density[peak]):
            found.append(peak)
        elif density[peak] > density[previous]:
            found[-1] = peak
    if len(found) < 2:
        return [(float(total[i]), 1.0) for i in found]
    cuts = [found[j] + int(np.argmin(density[found[j]:found[j + 1] + 1]))
            for j in range(len(found) - 1)]
    edges = [0, *cuts, density.size]
    out = [(float(total[p]), float(marginal[edges[j]:edges[j + 1]].sum()))
           for j, p in enumerate(found)]
    return [m for m in out if m[1] >= min_mass]


def estimate_bma(table: CaptureTable, delta: float | None = None, grid_max: float | None = None,
                 grid_points: int = 1000, prior: str = "1/N", level: float = 0.95) -> MethodResult:
    """Model-averaged posterior of the total: median and equal-tailed interval.

    The grid of unrecorded counts adapts (see `adaptive_posterior`); when it had to stop
    before the posterior was negligible at its top, the result is kept and a warning says how
    much mass the grid cut off. Warnings also name a posterior with several separate modes, and
    weight on graphs that the data cannot inform (the complete graph; edges between lists that
    share nobody).
    """
    k = table.k
    if k > MAX_LISTS:
        return MethodResult("bma", None, None, None, {}, [f"{k} lists: model averaging over "
                            f"decomposable graphs is limited to {MAX_LISTS} lists; merge lists"],
                            {"delta": delta, "prior": prior})
    grid, weights, graphs, cut = adaptive_posterior(table, delta, _prior(prior), grid_points,
                                                    grid_max)
    was_cut = cut >= CUT_MASS
    marginal = weights.sum(axis=0)
    total = table.observed + grid
    median, low, high = _quantiles(total, marginal, [0.5, (1 - level) / 2, (1 + level) / 2])
    by_graph = weights.sum(axis=1)
    warnings = []
    if was_cut:
        why = ("set by --grid-max" if grid_max is not None
               else f"its cap, {GRID_CAP:,} times the observed")
        warnings.append(f"the grid of unrecorded counts stops at {grid[-1]:,.0f} ({why}) and "
                        f"cuts off {cut:.2%} of the posterior: the estimate and its upper limit "
                        "would be higher on a wider grid"
                        + ("" if grid_max is not None else ", and the data do not bound the "
                           "total"))
    peaks = modes(total, marginal)
    if len(peaks) > 1:
        shown = "; ".join(f"near {at:,.0f} ({mass:.0%})" for at, mass in peaks)
        warnings.append(f"the posterior of the total has {len(peaks)} separate modes ({shown}): "
                        "the median and interval straddle different answers that different "
                        "models give; read the top models and report the modes, not one number")
    complete = sum(float(by_graph[g]) for g, graph in enumerate(graphs)
                   if graph.cliques == (2**k - 1,))
    if complete > COMPLETE_SHARE:
        warnings.append(f"the graph in which all lists depend on each other carries {complete:.0%}"
                        " of the posterior: under it the data say nothing about the unrecorded, "
                        "so that share of the answer is the prior (try other delta values and "
                        "compare with the other methods)")
    empty = [e for e in all_pairs(k) if table.overlap(e) == 0]
    unshared = sum(float(by_graph[g]) for g, graph in enumerate(graphs)
                   if set(graph.edges) & set(empty))
    if unshared > COMPLETE_SHARE:
        names = ", ".join("–".join(table.lists[b] for b in range(k) if e >> b & 1)
                          for e in empty)
        warnings.append(f"graphs with a dependence between lists that share nobody ({names}) "
                        f"carry {unshared:.0%} of the posterior: such a dependence is not "
                        "identified by the table (a zero margin), so that share rests on the "
                        "prior")
    top = np.argsort(-by_graph, kind="stable")[:5]
    expected_inv = (marginal / total).sum()
    bayes = expected_inv / (marginal / total**2).sum()
    diagnostics = {
        "posterior_mean": float((marginal * total).sum()),
        "bayes_estimate": float(bayes),
        "posterior_mode": float(total[np.argmax(marginal)]),
        "modes": [{"total": at, "mass": mass} for at, mass in peaks],
        "top_models": [{"model": graphs[g].name(k), "weight": float(by_graph[g]),
                        "mode": float(total[np.argmax(weights[g])])} for g in top],
        "graphs": len(graphs),
        "grid": {"min": float(grid[0]), "max": float(grid[-1]), "points": int(grid.size),
                 "adaptive": grid_max is None, "cut_mass": cut, "cut": was_cut},
        "complete_graph_weight": complete,
        "unshared_edge_weight": unshared,
    }
    settings = {"delta": 2.0**-k if delta is None else delta, "prior": prior,
                "grid_max": grid_max, "grid_points": grid_points, "level": level}
    result = MethodResult("bma", median, low, high, diagnostics, warnings, settings)
    result.draws = np.column_stack([total, marginal])   # the posterior on the grid
    return result


def all_pairs(k: int) -> list[int]:
    """Every pair of lists, as a mask."""
    return [(1 << i) | (1 << j) for i, j in combinations(range(k), 2)]


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
