"""The register's tallies are stored under its version: counted after `toll link` (all again
and incremental) and `toll import` (and in the workspace after a decision); after any other
change (a decision from the CLI, an edit: the change itself waits for no count) a read counts
them without writing; the stored ones are those a fresh count gives, and a read never gets the
ones of another version."""

import json

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from lists import write_az, write_en, write_ru
from toll.figures.breakdown import (
    STORED,
    count_tallies,
    keep_register_tallies,
    register_breakdowns,
    register_version,
    tallies,
)
from toll.model import Record, RegisterTally
from toll.store import Store


def _linked(toll, db, tmp_path) -> None:
    write_az(tmp_path / "families.csv", range(0, 10))
    write_ru(tmp_path / "ministry.csv", range(2, 12))
    for name in ("families.csv", "ministry.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0


def _stored(session: Session) -> dict | None:
    query = select(RegisterTally.counts).where(RegisterTally.version == register_version(session))
    return session.scalar(query)


def _counts(found) -> tuple:
    return found.persons, {by: b.counts for by, b in found.by.items()}


def assert_stored_as_counted(db: str) -> None:
    store = Store.open(db, actor="tester")
    try:
        with store.session() as session:
            assert _stored(session) is not None  # stored at the change: reading is a lookup
            assert _counts(tallies(session, STORED)) == _counts(count_tallies(session, STORED))
            assert session.scalar(select(func.count()).select_from(RegisterTally)) == 1
    finally:
        store.close()


@pytest.mark.parametrize("how", [("--full",), ("--incremental",)], ids=["full", "incremental"])
def test_link_stores_the_tallies_it_leaves(toll, db, tmp_path, how):
    _linked(toll, db, tmp_path)
    assert_stored_as_counted(db)
    write_en(tmp_path / "late.csv", [4, 6, 10, 11])
    assert toll("import", tmp_path / "late.csv", "--db", db).exit_code == 0
    assert_stored_as_counted(db)  # an import changes the register too (unlinked records)
    result = toll("link", *how, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["new_records"] == 4
    assert_stored_as_counted(db)


def test_after_a_decision_or_an_edit_a_read_counts_and_keeping_stores(toll, db, tmp_path):
    _linked(toll, db, tmp_path)
    store = Store.open(db, actor="tester")
    try:
        with store.session() as session:
            before = _counts(tallies(session, STORED))
            first, second = session.scalars(
                select(Record.id).where(Record.person_id.isnot(None)).order_by(Record.id).limit(2)
            )
        # two records of different persons decided the same: one person fewer
        assert toll("decide", str(first), str(second), "same", "--db", db).exit_code == 0
        with store.session() as session:
            assert _stored(session) is None  # the decision did not wait for a count
            after = _counts(tallies(session, STORED))
            assert after[0] == before[0] - 1
            assert _stored(session) is None  # a read never writes
        keep_register_tallies(store)
        assert_stored_as_counted(db)
        with store.session() as session:
            session.get(Record, first).sex = "female"
            session.get(Record, second).status = "missing"
        with store.session() as session:
            assert _stored(session) is None
            assert "missing" in register_breakdowns(session).persons_by_status
        keep_register_tallies(store)
        assert_stored_as_counted(db)
    finally:
        store.close()


def test_a_wrong_tally_of_an_older_version_is_never_served(toll, db, tmp_path):
    _linked(toll, db, tmp_path)
    store = Store.open(db, actor="tester")
    try:
        with store.session() as session:
            old = register_version(session)
            session.get(Record, 1).status = "missing"
        with store.session() as session:
            assert register_version(session) > old and _stored(session) is None
            session.execute(
                insert(RegisterTally).values(
                    version=old - 1, counts={"persons": 0, "by": []}, counted_at=func.now()
                )
            )
            found = tallies(session, (None,))
            assert _counts(found) == _counts(count_tallies(session, (None,)))
            assert found.persons_by_status.get("missing") == 1
            assert _stored(session) is None
        assert_stored_as_counted_or_older(store)
    finally:
        store.close()


def assert_stored_as_counted_or_older(store: Store) -> None:
    with store.session() as session:
        assert _counts(tallies(session, STORED)) == _counts(count_tallies(session, STORED))
