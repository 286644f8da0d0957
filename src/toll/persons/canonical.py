"""Record ids that depend on what records say, not on the order lists were imported in.

The store numbers records as they are imported, so the same lists imported in another
order get other ids. Splink samples records by a hash of their id (to estimate u and for
EM) and clustering breaks ties by id, so ids alone changed the register (139,576 against
139,660 persons for one set of lists). A full link therefore runs on ids made from each
record's content and its list's content (a list is known by its rows, not its number), and
maps the result back to the store's ids.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd


def canonical_ids(records: pd.DataFrame, ignore: tuple[str, ...] = ("record_id",)) -> pd.DataFrame:
    """record_id and source_id (20 digits each) per record, indexed like `records`, that are
    the same whatever the order of the records and whatever ids they and their lists have.

    Two identical rows of one list are told apart by their order within the list.
    """
    content = records.drop(columns=[c for c in (*ignore, "source_id") if c in records])
    text = content.astype("string").fillna("\x00")
    row_hash = pd.util.hash_pandas_object(text, index=False).to_numpy()
    sources = records["source_id"].astype("string").fillna("") if "source_id" in records else None
    if sources is None:
        list_key = np.zeros(len(records), dtype=np.uint64)
    else:
        keys = {
            source: _list_key(row_hash[(sources == source).to_numpy()])
            for source in pd.unique(sources)
        }
        list_key = sources.map(keys).to_numpy(dtype=np.uint64)
    frame = pd.DataFrame({"list": list_key, "row": row_hash})
    frame["occurrence"] = frame.groupby(["list", "row"]).cumcount()
    ids = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return pd.DataFrame(
        {"record_id": _digits(ids), "source_id": _digits(list_key)}, index=records.index
    )


def _digits(values: np.ndarray) -> list[str]:
    return [f"{value:020d}" for value in values.tolist()]


def _list_key(row_hashes: np.ndarray) -> int:
    """A list known by its rows: the hash of its rows' sorted hashes."""
    digest = hashlib.sha1(np.sort(row_hashes).tobytes()).digest()
    return int.from_bytes(digest[:8], "little")
