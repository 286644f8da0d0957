"""The same lists imported in any order give the same persons."""

import pandas as pd
from _lists import synth_records

from toll.persons.canonical import canonical_ids
from toll.persons.linkage import link
from toll.synth import SynthSettings
from toll.synth.lists import make_lists


def _as_imported(records: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The records as a store numbers them when the lists come in `order`: ids 1, 2, ..."""
    frame = pd.concat([records[records["source_id"] == name] for name in order])
    numbers = {name: str(i) for i, name in enumerate(order, 1)}
    return frame.assign(
        original=frame["record_id"],
        record_id=[str(i) for i in range(1, len(frame) + 1)],
        source_id=frame["source_id"].map(numbers),
    ).reset_index(drop=True)


def _persons(frame: pd.DataFrame, decisions=None) -> set[frozenset[str]]:
    result = link(frame.drop(columns="original"), decisions=decisions)
    original = frame.set_index("record_id")["original"]
    groups = result.clusters.groupby("cluster_id")["record_id"].apply(list)
    return {frozenset(original[ids]) for ids in groups}


def test_the_same_lists_in_another_order_give_the_same_persons():
    lists = make_lists(SynthSettings(persons=1200, lists=4, seed=3, sibling_rate=0.2))
    records = synth_records(lists).drop(columns="person")
    names = list(dict.fromkeys(records["source_id"]))
    first = _as_imported(records, names)
    second = _as_imported(records, [names[2], names[0], names[3], names[1]])
    assert _persons(first) == _persons(second)


def test_canonical_ids_ignore_order_and_numbering():
    records = pd.DataFrame(
        {
            "record_id": ["1", "2", "3", "4"],
            "source_id": ["1", "1", "2", "2"],
            "family_name": ["Aliyev", "Aliyev", "Aliyev", "Guliyev"],
            "given_name": ["Ali", "Ali", "Ali", "Rauf"],
        }
    )
    renumbered = records.iloc[::-1].assign(
        record_id=["9", "8", "7", "6"], source_id=["5", "5", "3", "3"]
    )
    first = canonical_ids(records)["record_id"].tolist()
    second = canonical_ids(renumbered)["record_id"].tolist()[::-1]
    # two identical rows in one list are told apart; the same row in another list too
    assert len(set(first)) == 4
    assert sorted(first) == sorted(second)


def test_duckdb_trains_on_one_thread_and_gives_its_threads_back():
    from toll.persons.engines import open_engine

    with open_engine("duckdb") as engine:
        con = engine.api.duckdb_con
        con.execute("SET threads = 2")  # threads add sums in any order; one thread in one

        def threads() -> int:
            return int(con.execute("SELECT current_setting('threads')").fetchone()[0])

        with engine.in_one_order():
            assert threads() == 1
        assert threads() == 2
