"""Group linked records into persons without chaining families together.

Plain connected components join A and C whenever A-B and B-C are links, so a
single bad link can merge two whole families. Here connected components are
only a first cut: inside each component of three or more records, groups are
rebuilt by *average linkage* — two groups merge only while, on average over
all their pairs of records, they are clearly more likely the same person than
not (an average probability of at least 0.6: a merge on a coin toss joins
namesakes as often as it joins one person's records).
One strong link between two otherwise different groups no longer suffices.

Reviewers' decisions are constraints: "same" pairs always end in one person
(must-link), "different" pairs never do (cannot-link), whatever the model says.

Last, each person is checked for facts one person cannot hold twice (`toll.persons.
consistency`: birth years too far apart, two sexes). A person that holds such records is
clustered again with every contradicting pair as a cannot-link, so that a record with few
facts no longer bridges two namesakes; a reviewer's "same" decision keeps them together.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from toll.persons import consistency

MERGE_AVERAGE = 0.6
EXACT_LIMIT = 400
HUGE_LIMIT = 5000


def components(record_ids: Iterable[str], edges: pd.DataFrame) -> pd.Series:
    """Connected components of the graph with `edges` (record_id_l, record_id_r).

    Returns a Series indexed by record_id giving a component number.
    """
    ids = pd.Index(pd.unique(pd.Series(list(record_ids), dtype=object)))
    left = ids.get_indexer(edges["record_id_l"])
    right = ids.get_indexer(edges["record_id_r"])
    keep = (left >= 0) & (right >= 0)
    graph = coo_matrix((np.ones(keep.sum()), (left[keep], right[keep])), shape=(len(ids), len(ids)))
    return pd.Series(connected_components(graph, directed=False)[1], index=ids)


def cluster(
    record_ids: Iterable[str],
    pairs: pd.DataFrame,
    *,
    threshold: float = 0.9,
    same: pd.DataFrame | None = None,
    different: pd.DataFrame | None = None,
    fixed: pd.Series | None = None,
    merge_average: float = MERGE_AVERAGE,
    facts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cluster records into persons.

    `pairs` has record_id_l, record_id_r, match_probability; pairs absent from it
    count as probability 0. `same` and `different` hold decided pairs
    (record_id_l, record_id_r). `fixed` maps record_id to a person already
    settled (incremental linking): records of one fixed person stay together and
    two fixed persons are never merged. `facts` (`consistency.facts`) are the
    birth years and sexes checked in every person. Returns record_id, cluster_id
    and split (the facts that disagreed, e.g. "birth year", for the records of a
    person split for them; else None), where the cluster_id is the smallest
    record_id of the cluster, so the result depends only on the input, not on its order.
    """
    ids = pd.Index(sorted(pd.unique(pd.Series(list(record_ids), dtype=object))))
    graph = _Graph(ids, pairs, same, different, fixed)
    labels = graph.components(graph.link_edges(threshold))
    musts = graph.components(graph.same)
    group = labels.copy()
    for members in graph.to_rebuild(labels, threshold):
        for part in _average_linkage(members, graph, musts, merge_average):
            group[part] = part[0] + len(ids)  # a fresh label per part
    split = np.full(len(ids), None, dtype=object)
    origin = np.full(len(ids), -1)
    if facts is not None:
        checked = facts.reindex(ids)
        _split_inconsistent(group, split, origin, graph, musts, merge_average, checked, threshold)
    # name each cluster by its smallest record (ids are sorted, so the first member)
    first = pd.Series(np.arange(len(ids))).groupby(group).transform("min").to_numpy()
    split_from = np.where(origin >= 0, ids[np.maximum(origin, 0)], None)
    return pd.DataFrame(
        {"record_id": ids, "cluster_id": ids[first], "split": split, "split_from": split_from}
    )


def _split_inconsistent(
    group, split, origin, graph, musts, merge_average, facts, threshold
) -> None:
    """Re-cluster each group holding contradicting records, contradictions as cannot-links.

    A contradiction counts only between two records that are not themselves linked
    (probability below `threshold`): a pair whose other facts agree so strongly that the
    model links it despite the years (an identifier, a full date with one digit wrong) is a
    typo, not two persons; two namesakes joined only through a third record are. Records
    a reviewer joined ("same", or one person kept from an earlier run) stay together:
    their contradictions are the reviewer's to settle. Works in place on
    `group` (labels), `split` (the reasons) and `origin` (the group's first record), per record.
    """
    years = facts["birth_year"].to_numpy(dtype=float)
    estimated = facts["estimated"].fillna(False).to_numpy(dtype=bool)
    sexes = facts["sex"].astype(object).where(facts["sex"].notna(), None).to_numpy()
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.diff(group[order])) + 1
    for members in np.split(order, bounds):
        if len(members) < 2 or len(members) > EXACT_LIMIT:
            continue
        members = np.sort(members)
        if not consistency.may_conflict(years[members], sexes[members]):
            continue
        clash = consistency.conflicts(years[members], estimated[members], sexes[members])
        clash &= musts[members][:, None] != musts[members][None, :]
        clash &= _local_probability(members, graph) < max(threshold, consistency.EXEMPT)
        if not clash.any():
            continue
        why = consistency.reasons(years[members], estimated[members], sexes[members])
        for part in _average_linkage_exact(members, graph, musts, merge_average, clash):
            group[part] = part[0] + 2 * graph.n  # a fresh label per part
        split[members] = ", ".join(why)
        origin[members] = members[0]


class _Graph:
    """Pairs, decisions and fixed persons as integer arrays over sorted record ids."""

    def __init__(self, ids, pairs, same, different, fixed):
        self.ids = ids
        self.n = len(ids)
        self.left, self.right = self._codes(pairs)
        self.probability = pairs["match_probability"].fillna(0).to_numpy(dtype=float)
        self.same = np.stack(self._codes(same)) if same is not None else np.zeros((2, 0), int)
        banned = self._codes(different) if different is not None else (np.array([], int),) * 2
        self.banned = np.stack(banned)
        self.person = np.full(self.n, -1)
        if fixed is not None and len(fixed.dropna()):
            fixed = fixed.dropna()
            codes, _ = pd.factorize(fixed.astype(str))
            where = ids.get_indexer(fixed.index)
            self.person[where[where >= 0]] = codes[where >= 0]
            self.same = np.concatenate([self.same, self._person_chains()], axis=1)

    def _codes(self, frame):
        left = self.ids.get_indexer(frame["record_id_l"])
        right = self.ids.get_indexer(frame["record_id_r"])
        keep = (left >= 0) & (right >= 0)
        return np.minimum(left, right)[keep], np.maximum(left, right)[keep]

    def _person_chains(self):
        settled = np.flatnonzero(self.person >= 0)
        order = settled[np.argsort(self.person[settled], kind="stable")]
        same_person = self.person[order[1:]] == self.person[order[:-1]]
        return np.stack([order[:-1][same_person], order[1:][same_person]])

    def link_edges(self, threshold):
        strong = self.probability >= threshold
        edges = np.stack([self.left[strong], self.right[strong]])
        if self.banned.shape[1]:
            banned = set(zip(self.banned[0].tolist(), self.banned[1].tolist(), strict=True))
            keep = [(a, b) not in banned for a, b in zip(edges[0], edges[1], strict=True)]
            edges = edges[:, np.array(keep, dtype=bool)]
        return np.concatenate([edges, self.same], axis=1)

    def components(self, edges) -> np.ndarray:
        graph = coo_matrix((np.ones(edges.shape[1]), (edges[0], edges[1])), shape=(self.n, self.n))
        return connected_components(graph, directed=False)[1]

    def to_rebuild(self, labels, threshold):
        """Components that are not simply one person: yield their sorted member codes.

        A component is one person as it stands when it has no more than two
        records, or a link between every two of its records, and no decision or
        fixed person says otherwise.
        """
        sizes = np.bincount(labels)
        edges = self.link_edges(threshold)
        inside = labels[edges[0]] == labels[edges[1]]
        unique = np.unique(edges[:, inside], axis=1)
        links = np.bincount(labels[unique[0]], minlength=len(sizes))
        suspect = (sizes > 2) & (links < sizes * (sizes - 1) // 2)
        if self.banned.shape[1]:
            inner = labels[self.banned[0]] == labels[self.banned[1]]
            suspect[labels[self.banned[0][inner]]] = True
        settled = self.person >= 0
        if settled.any():
            persons = pd.Series(self.person[settled]).groupby(labels[settled]).nunique()
            suspect[persons.index[persons.to_numpy() > 1]] = True
        chosen = np.flatnonzero(suspect)
        order = np.argsort(labels, kind="stable")
        starts = np.searchsorted(labels[order], chosen)
        for label, start in zip(chosen, starts, strict=True):
            yield order[start : start + sizes[label]]

    def pair_index(self) -> dict[int, np.ndarray]:
        """Positions of the pairs by their left record (built once)."""
        if not hasattr(self, "_index"):
            order = np.argsort(self.left, kind="stable")
            lefts = self.left[order]
            bounds = np.flatnonzero(np.diff(lefts)) + 1
            starts = np.concatenate([[0], bounds])
            ends = np.concatenate([bounds, [len(lefts)]])
            self._index = {
                int(lefts[a]): order[a:b] for a, b in zip(starts, ends, strict=True) if b > a
            }
        return self._index

    def within(self, members: np.ndarray, left, right, values=None):
        """Local indices (and values) of the pairs with both ends in `members`."""
        local_left = np.searchsorted(members, left)
        local_right = np.searchsorted(members, right)
        local_left[local_left >= len(members)] = 0
        local_right[local_right >= len(members)] = 0
        keep = (members[local_left] == left) & (members[local_right] == right)
        chosen = None if values is None else values[keep]
        return local_left[keep], local_right[keep], chosen


def _average_linkage(members, graph, musts, merge_average) -> list[np.ndarray]:
    """Split one component: constrained average linkage on its records."""
    if len(members) > HUGE_LIMIT:
        return _split_huge(members, graph, musts, merge_average)
    if len(members) > EXACT_LIMIT:
        return _large_average_linkage(members, graph, musts, merge_average)
    return _average_linkage_exact(members, graph, musts, merge_average)


def _pair_slices(members, graph):
    """Pairs touching `members` (pre-filter with a mask over all pairs)."""
    mask = np.isin(graph.left, members)
    return graph.left[mask], graph.right[mask], graph.probability[mask]


def _average_linkage_exact(
    members, graph, musts, merge_average, clash: np.ndarray | None = None
) -> list[np.ndarray]:
    """Merge must-link groups while the best average probability reaches `merge_average`,
    never joining decided-different pairs nor the pairs marked in `clash` (n x n)."""
    n = len(members)
    left, right, p = _pair_slices(members, graph) if n > 50 else _local_pairs(members, graph)
    i, j, p = graph.within(members, left, right, p)
    probability = np.zeros((n, n))
    np.maximum.at(probability, (i, j), p)
    probability = np.maximum(probability, probability.T)
    forbidden = np.zeros((n, n), dtype=bool)
    bi, bj, _ = graph.within(members, graph.banned[0], graph.banned[1])
    forbidden[bi, bj] = forbidden[bj, bi] = True
    if clash is not None:
        forbidden |= clash

    start_labels, start = np.unique(musts[members], return_inverse=True)
    member = np.zeros((len(start_labels), n))
    member[start, np.arange(n)] = 1
    total = member @ probability @ member.T
    blocked = (member @ forbidden @ member.T) > 0
    has_person = (member @ (graph.person[members] >= 0)) > 0
    blocked |= np.outer(has_person, has_person)
    size = member.sum(axis=1)
    alive = np.ones(len(size), dtype=bool)
    while alive.sum() > 1:
        average = total / np.outer(size, size)
        average[blocked | ~np.outer(alive, alive)] = -1
        np.fill_diagonal(average, -1)
        a, b = np.unravel_index(np.argmax(average), average.shape)
        if average[a, b] < merge_average:
            break
        a, b = min(a, b), max(a, b)
        member[a] += member[b]
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] |= blocked[:, b]
        size[a] += size[b]
        alive[b] = False
    return [members[member[g] > 0] for g in np.flatnonzero(alive)]


def _local_probability(members, graph) -> np.ndarray:
    """The members' pairwise probabilities as a symmetric matrix (0 where not scored)."""
    left, right, p = _local_pairs(members, graph)
    i, j, p = graph.within(members, left, right, p)
    probability = np.zeros((len(members), len(members)))
    np.maximum.at(probability, (i, j), p)
    return np.maximum(probability, probability.T)


def _local_pairs(members, graph):
    """Pairs among a small component, found through a per-record index."""
    index = graph.pair_index()
    rows = np.concatenate([index.get(m, _EMPTY) for m in members.tolist()])
    return graph.left[rows], graph.right[rows], graph.probability[rows]


_EMPTY = np.array([], dtype=np.int64)


def _large_average_linkage(members, graph, musts, merge_average) -> list[np.ndarray]:
    """Average linkage for a big component: scipy's fast version, then constraints.

    scipy cannot honour must-link / cannot-link, so each of its clusters is
    re-clustered with the exact method, and must-linked records it separated
    are put back together.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(members)
    left, right, p = _pair_slices(members, graph)
    i, j, p = graph.within(members, left, right, p)
    distance = np.ones((n, n))
    np.minimum.at(distance, (i, j), 1 - p)
    distance = np.minimum(distance, distance.T)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1 - merge_average, criterion="distance")
    if len(np.unique(labels)) == 1:
        return _average_linkage_exact(members, graph, musts, merge_average)
    parts: list[np.ndarray] = []
    for label in np.unique(labels):
        parts += _average_linkage(members[labels == label], graph, musts, merge_average)
    return _rejoin_musts(parts, musts)


def _split_huge(members, graph, musts, merge_average, strict=0.99) -> list[np.ndarray]:
    """A component too big for average linkage (bad links chaining thousands of
    records): cut it into the components of its strongest links first."""
    left, right, p = _pair_slices(members, graph)
    i, j, p = graph.within(members, left, right, p)
    strong = p >= strict
    edges = coo_matrix(
        (np.ones(strong.sum()), (i[strong], j[strong])), shape=(len(members), len(members))
    )
    labels = connected_components(edges, directed=False)[1]
    if len(np.unique(labels)) == 1 and strict >= 0.9999:
        return [members]  # cannot be split further: keep as one group
    parts: list[np.ndarray] = []
    for label in np.unique(labels):
        part = members[labels == label]
        if len(part) > HUGE_LIMIT:
            parts += _split_huge(part, graph, musts, merge_average, 1 - (1 - strict) / 10)
        elif len(part) > 2:
            parts += _average_linkage(part, graph, musts, merge_average)
        else:
            parts.append(part)
    return _rejoin_musts(parts, musts)


def _rejoin_musts(parts: list[np.ndarray], musts: np.ndarray) -> list[np.ndarray]:
    """Put back together must-linked records that scipy's clusters separated."""
    owner: dict[int, int] = {}
    merged: list[set[int]] = []
    for part in parts:
        keys = set(musts[part].tolist())
        target = next((owner[k] for k in keys if k in owner), None)
        if target is None:
            target = len(merged)
            merged.append(set())
        merged[target].update(part.tolist())
        for key in keys:
            owner[key] = target
    return [np.array(sorted(m)) for m in merged if m]


def chains(fixed: pd.Series | None) -> pd.DataFrame:
    """Must-link pairs holding each fixed person's records together."""
    if fixed is None or fixed.empty:
        return pd.DataFrame({"record_id_l": [], "record_id_r": []}, dtype=object)
    ordered = fixed.dropna().astype(str).rename_axis("record_id").reset_index(name="person")
    ordered = ordered.sort_values(["person", "record_id"])
    following = ordered.groupby("person")["record_id"].shift(-1)
    chain = pd.DataFrame({"record_id_l": ordered["record_id"], "record_id_r": following})
    return chain.dropna().reset_index(drop=True)
