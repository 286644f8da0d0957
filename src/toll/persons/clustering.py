"""Group linked records into persons without chaining families together.

Plain connected components join A and C whenever A-B and B-C are links, so a
single bad link can merge two whole families. Here connected components are
only a first cut: inside each component of three or more records, groups are
rebuilt by *average linkage* — two groups merge only while, on average over
all their pairs of records, they are more likely the same person than not.
One strong link between two otherwise different groups no longer suffices.

Reviewers' decisions are constraints: "same" pairs always end in one person
(must-link), "different" pairs never do (cannot-link), whatever the model says.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

MERGE_AVERAGE = 0.5
EXACT_LIMIT = 400


def components(record_ids: Iterable[str], edges: pd.DataFrame) -> pd.Series:
    """Connected components of the graph with `edges` (record_id_l, record_id_r).

    Returns a Series indexed by record_id giving a component number.
    """
    ids = pd.Index(pd.unique(pd.Series(list(record_ids), dtype=object)))
    left = ids.get_indexer(edges["record_id_l"])
    right = ids.get_indexer(edges["record_id_r"])
    keep = (left >= 0) & (right >= 0)
    graph = coo_matrix((np.ones(keep.sum()), (left[keep], right[keep])), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    return pd.Series(labels, index=ids)


def cluster(
    record_ids: Iterable[str],
    pairs: pd.DataFrame,
    *,
    threshold: float = 0.9,
    same: pd.DataFrame | None = None,
    different: pd.DataFrame | None = None,
    fixed: pd.Series | None = None,
    merge_average: float = MERGE_AVERAGE,
) -> pd.DataFrame:
    """Cluster records into persons.

    `pairs` has record_id_l, record_id_r, match_probability; pairs absent from it
    count as probability 0. `same` and `different` hold decided pairs
    (record_id_l, record_id_r). `fixed` maps record_id to a person already
    settled (incremental linking): records of one fixed person stay together and
    two fixed persons are never merged. Returns record_id and cluster_id, where the
    cluster_id is the smallest record_id of the cluster, so the result depends
    only on the input, not on its order.
    """
    same = _empty_pairs() if same is None else same
    different = _empty_pairs() if different is None else different
    fixed = pd.Series(dtype=object) if fixed is None else fixed.dropna()
    same = pd.concat([same[["record_id_l", "record_id_r"]], chains(fixed)], ignore_index=True)
    banned = set(_pair_keys(different))
    links = pairs.loc[pairs["match_probability"] >= threshold, ["record_id_l", "record_id_r"]]
    links = links[[key not in banned for key in _pair_keys(links)]]
    edges = pd.concat([links, same[["record_id_l", "record_id_r"]]], ignore_index=True)
    labels = components(record_ids, edges)
    musts = components(labels.index, same)

    ids = labels.index.to_series()
    cluster_of = ids.groupby(labels).transform("min")
    sizes = labels.map(labels.value_counts())
    settled = labels.index.to_series().map(fixed)
    mixed = settled.groupby(labels).transform("nunique") > 1
    complete = _complete(edges, labels, sizes)
    has_banned = labels.isin(_components_of(different, labels))
    large = labels[((sizes > 2) & ~complete) | mixed | has_banned]
    if len(large):
        scored = _within(pairs, large)
        forbidden = _within(different, large)
        for component, members in ids[large.index].groupby(large):
            groups = _average_linkage(
                sorted(members),
                scored.get(component, _empty_pairs()),
                musts,
                forbidden.get(component, _empty_pairs()),
                settled,
                merge_average,
            )
            for group in groups:
                cluster_of[group] = min(group)
    return pd.DataFrame({"record_id": labels.index, "cluster_id": cluster_of.to_numpy()})


def _complete(edges: pd.DataFrame, labels: pd.Series, sizes: pd.Series) -> pd.Series:
    """True for records whose component has a link between every two of its records.

    Such a component is one person already: no average can fall below the threshold.
    """
    keys = pd.DataFrame(_pair_keys(edges), columns=["a", "b"]).drop_duplicates()
    component = keys["a"].map(labels)
    same = component == keys["b"].map(labels)
    links = component[same].value_counts()
    counted = labels.map(links).fillna(0)
    return counted == sizes * (sizes - 1) / 2


def _components_of(pairs: pd.DataFrame, labels: pd.Series) -> set:
    left = pairs["record_id_l"].map(labels)
    return set(left[left == pairs["record_id_r"].map(labels)].dropna())


def _within(pairs: pd.DataFrame, labels: pd.Series) -> dict[int, pd.DataFrame]:
    """Pairs whose two records lie in the same component, by component."""
    left = pairs["record_id_l"].map(labels)
    right = pairs["record_id_r"].map(labels)
    inside = pairs[left.notna() & (left == right)]
    return dict(tuple(inside.groupby(left[inside.index].astype(int))))


def _average_linkage(
    ids: list[str],
    scored: pd.DataFrame,
    musts: pd.Series,
    forbidden_pairs: pd.DataFrame,
    settled: pd.Series,
    merge_average: float,
) -> list[list[str]]:
    """Agglomerate must-link groups while the best average probability is high enough."""
    if len(ids) > EXACT_LIMIT:
        return _large_average_linkage(ids, scored, musts, forbidden_pairs, settled, merge_average)
    return _average_linkage_exact(ids, scored, musts, forbidden_pairs, settled, merge_average)


def _average_linkage_exact(
    ids: list[str],
    scored: pd.DataFrame,
    musts: pd.Series,
    forbidden_pairs: pd.DataFrame,
    settled: pd.Series,
    merge_average: float,
) -> list[list[str]]:
    """The constrained agglomeration itself, O(n^3): for components of modest size."""
    position = {record_id: i for i, record_id in enumerate(ids)}
    start: dict[int, list[str]] = {}
    for record_id in ids:
        start.setdefault(int(musts[record_id]), []).append(record_id)
    groups = sorted(start.values(), key=min)
    n = len(ids)
    probability = np.zeros((n, n))
    forbidden = np.zeros((n, n), dtype=bool)
    if len(scored):
        left = scored["record_id_l"].map(position).to_numpy()
        right = scored["record_id_r"].map(position).to_numpy()
        p = scored["match_probability"].fillna(0).to_numpy(dtype=float)
        np.maximum.at(probability, (left, right), p)
        probability = np.maximum(probability, probability.T)
    if len(forbidden_pairs):
        left = forbidden_pairs["record_id_l"].map(position).to_numpy()
        right = forbidden_pairs["record_id_r"].map(position).to_numpy()
        forbidden[left, right] = forbidden[right, left] = True

    member = np.zeros((len(groups), n))
    for g, group in enumerate(groups):
        member[g, [position[r] for r in group]] = 1
    total = member @ probability @ member.T
    blocked = (member @ forbidden @ member.T) > 0
    has_person = np.array([settled[group].notna().any() for group in groups])
    blocked |= np.outer(has_person, has_person)
    size = member.sum(axis=1)
    alive = np.ones(len(groups), dtype=bool)
    while alive.sum() > 1:
        average = total / np.outer(size, size)
        average[blocked | ~np.outer(alive, alive)] = -1
        np.fill_diagonal(average, -1)
        a, b = np.unravel_index(np.argmax(average), average.shape)
        if average[a, b] < merge_average:
            break
        a, b = min(a, b), max(a, b)
        groups[a] = groups[a] + groups[b]
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] |= blocked[:, b]
        size[a] += size[b]
        alive[b] = False
    return [sorted(groups[g]) for g in range(len(groups)) if alive[g]]


def chains(fixed: pd.Series | None) -> pd.DataFrame:
    """Must-link pairs holding each fixed person's records together."""
    if fixed is None or fixed.empty:
        return _empty_pairs()[["record_id_l", "record_id_r"]]
    ordered = fixed.astype(str).rename_axis("record_id").reset_index(name="person")
    ordered = ordered.sort_values(["person", "record_id"])
    following = ordered.groupby("person")["record_id"].shift(-1)
    chain = pd.DataFrame({"record_id_l": ordered["record_id"], "record_id_r": following})
    return chain.dropna().reset_index(drop=True)


def _large_average_linkage(
    ids: list[str],
    scored: pd.DataFrame,
    musts: pd.Series,
    forbidden_pairs: pd.DataFrame,
    settled: pd.Series,
    merge_average: float,
) -> list[list[str]]:
    """Average linkage for a big component: scipy's fast version, then constraints.

    scipy cannot honour must-link / cannot-link, so its clusters are checked and
    any that break a constraint are re-clustered with the exact (slower) method.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    position = {record_id: i for i, record_id in enumerate(ids)}
    n = len(ids)
    distance = np.ones((n, n))
    left = scored["record_id_l"].map(position).to_numpy()
    right = scored["record_id_r"].map(position).to_numpy()
    closeness = scored["match_probability"].fillna(0).to_numpy(dtype=float)
    np.minimum.at(distance, (left, right), 1 - closeness)
    distance = np.minimum(distance, distance.T)
    np.fill_diagonal(distance, 0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = pd.Series(fcluster(tree, t=1 - merge_average, criterion="distance"), index=ids)
    if labels.nunique() == 1:  # nothing gained: split exactly, however slow
        return _average_linkage_exact(ids, scored, musts, forbidden_pairs, settled, merge_average)
    inside = _within(scored, labels)
    banned = _within(forbidden_pairs, labels)
    groups: list[list[str]] = []
    for label, members in labels.index.to_series().groupby(labels):
        groups += _average_linkage(
            sorted(members),
            inside.get(label, _empty_pairs()),
            musts,
            banned.get(label, _empty_pairs()),
            settled,
            merge_average,
        )
    return _rejoin_musts(groups, musts)


def _rejoin_musts(groups: list[list[str]], musts: pd.Series) -> list[list[str]]:
    """Put back together must-linked records that scipy's clusters separated."""
    label = {record_id: musts[record_id] for group in groups for record_id in group}
    merged: dict = {}
    for group in groups:
        keys = {label[r] for r in group}
        target = next((merged[k] for k in keys if k in merged), None)
        if target is None:
            target = []
        target.extend(group)
        for k in keys:
            merged[k] = target
    unique = {id(g): g for g in merged.values()}
    return [sorted(set(g)) for g in unique.values()]


def _pair_keys(pairs: pd.DataFrame) -> list[tuple[str, str]]:
    return [
        (min(a, b), max(a, b))
        for a, b in zip(pairs["record_id_l"], pairs["record_id_r"], strict=True)
    ]


def _empty_pairs() -> pd.DataFrame:
    return pd.DataFrame({"record_id_l": [], "record_id_r": [], "match_probability": []}).astype(
        {"record_id_l": object, "record_id_r": object}
    )
