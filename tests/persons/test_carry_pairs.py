"""A re-link after decisions alone carries the last run's scored pairs over to the new run,
and only when they are that run's very pairs (`toll.persons.register._carry_pairs`)."""

import pandas as pd
import pytest
from sqlalchemy import func, select

from lists import write_az, write_ru
from toll.model import CandidatePair, LinkageRun
from toll.persons.linkage import LinkResult
from toll.persons.register import _carry_pairs, link_register, scored_pairs
from toll.records.store import import_list
from toll.sources import SourceMetadata

REVIEW_COLUMNS = ["record_id_l", "record_id_r", "reason"]


@pytest.fixture
def linked(store, tmp_path):
    with store.session() as session:
        for file in (write_az(tmp_path / "a.csv", range(0, 8)),
                     write_ru(tmp_path / "r.csv", range(2, 10))):  # fmt: skip
            import_list(session, file, SourceMetadata())
        link_register(session)
    return store


def next_run(session) -> tuple[int, int]:
    last = session.scalar(select(LinkageRun).order_by(LinkageRun.id.desc()).limit(1))
    run = LinkageRun(engine=last.engine, threshold=last.threshold, review_low=last.review_low,
                     incremental=False, model=last.model)  # fmt: skip
    session.add(run)
    session.flush()
    return last.id, run.id


def pairs_of(session, run_id: int) -> int:
    return session.scalar(select(func.count()).where(CandidatePair.run_id == run_id))


def result_with(pairs: pd.DataFrame, review: pd.DataFrame) -> LinkResult:
    weights = [c for c in pairs.columns if c.startswith("mw_")]
    return LinkResult(pairs.assign(rescored=False), pd.DataFrame(), review, None, weights)


def test_the_last_runs_pairs_are_moved_with_this_runs_review_flags(linked):
    with linked.session() as session:
        last, run = next_run(session)
        pairs = scored_pairs(session, last)
        assert len(pairs) >= 2
        first = pairs.iloc[0]
        review = pd.DataFrame(
            [[first["record_id_l"], first["record_id_r"], "in the review band"]],
            columns=REVIEW_COLUMNS,
        )
        assert _carry_pairs(session, last, run, result_with(pairs, review)) is True
        assert pairs_of(session, last) == 0 and pairs_of(session, run) == len(pairs)
        waiting = session.execute(
            select(CandidatePair.record_a_id, CandidatePair.record_b_id,
                   CandidatePair.review_reason)  # fmt: skip
            .where(CandidatePair.run_id == run, CandidatePair.needs_review)
        ).all()
        assert [(str(a), str(b), why) for a, b, why in waiting] == [
            (first["record_id_l"], first["record_id_r"], "in the review band")
        ]


def test_pairs_no_longer_kept_are_dropped_and_the_rest_carried(linked):
    with linked.session() as session:
        last, run = next_run(session)
        pairs = scored_pairs(session, last)
        fewer = pairs.iloc[1:]  # a pair the last run kept is no longer kept
        empty = pd.DataFrame(columns=REVIEW_COLUMNS)
        assert _carry_pairs(session, last, run, result_with(fewer, empty)) is True
        assert pairs_of(session, run) == len(fewer) and pairs_of(session, last) == 0
        gone = pairs.iloc[0]
        moved = session.execute(
            select(CandidatePair.record_a_id, CandidatePair.record_b_id)
            .where(CandidatePair.run_id == run)
        ).all()
        assert (int(gone["record_id_l"]), int(gone["record_id_r"])) not in set(moved)


def test_pairs_that_are_not_the_last_runs_are_not_carried(linked):
    with linked.session() as session:
        last, run = next_run(session)
        before = pairs_of(session, last)
        pairs = scored_pairs(session, last)
        first = pairs.iloc[0]
        other = first.copy()  # a pair the last run never stored
        other["record_id_l"], other["record_id_r"] = first["record_id_r"], first["record_id_l"]
        more = pd.concat([pairs, other.to_frame().T], ignore_index=True)
        empty = pd.DataFrame(columns=REVIEW_COLUMNS)
        assert _carry_pairs(session, last, run, result_with(more, empty)) is False
        assert pairs_of(session, run) == 0, "nothing moved: the run writes its pairs itself"
        assert pairs_of(session, last) == before
