"""Many hands on one store: one `toll link` at a time, reviewers deciding one pair, eight writers.

The concurrency tests need a server that lets writers work side by side: they run in .ci/run's
PostgreSQL pass (TOLL_TEST_DATABASE_URL) and are skipped on SQLite, where one writer at a time
holds the file anyway.
"""

import sys
import threading
import time
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lists import write_en
from toll.cases.cases import CaseDetails, open_case, transition_case
from toll.errors import TollError
from toll.model import Case, CaseTransition, MatchDecision, Person, Record, Source
from toll.persons import decide, decisions, replaced_for
from toll.records.store import import_list
from toll.sources.store import SourceMetadata, add_document
from toll.store import Store
from toll.store.locks import one_at_a_time
from toll_testing import invoke_toll

sys.path.insert(0, str(Path(__file__).parents[1] / "cases"))
from _register import add_list, add_person  # noqa: E402


@pytest.fixture
def toll():
    """The CLI in this process, as (exit code, stdout, stderr)."""
    return lambda *args, **options: astuple(invoke_toll(*args, **options))


def postgresql_only(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("concurrent writers need PostgreSQL (TOLL_TEST_DATABASE_URL)")


def twins(store: Store, count: int) -> list[tuple[int, int]]:
    """`count` persons of two records each (one per list); their record ids."""
    pairs = []
    with store.session() as session:
        first, second = add_list(session, "first.csv"), add_list(session, "second.csv")
        for i in range(count):
            person = add_person(
                session,
                f"P-{i + 1:05d}",
                f"Person Number{i}",
                [{"source": first, "sex": "male"}, {"source": second, "sex": "male"}],
            )
            ids = session.scalars(select(Record.id).where(Record.person_id == person.id))
            pairs.append(tuple(sorted(ids)))
    return pairs


def test_a_second_link_refuses_with_one_line_while_the_first_runs(store, db, tmp_path, toll):
    write_en(tmp_path / "list.csv", range(6))
    assert toll("import", str(tmp_path / "list.csv"), "--db", db)[0] == 0
    with store.session() as first:
        one_at_a_time(first, "link")  # as a running `toll link` holds it
        code, out, err = toll("link", "--db", db)
        assert code == 1, out + err
        assert "another `toll link` is working on this store" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(Person)) == 0
    code, out, err = toll("link", "--db", db)  # the first ended: the lock went with it
    assert code == 0, out + err
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) > 0


def test_a_killed_link_leaves_no_lock_behind(db_url, db, tmp_path, toll):
    """The lock dies with its holder: a process killed while holding it does not block the next."""
    import subprocess

    write_en(tmp_path / "list.csv", range(4))
    assert toll("import", str(tmp_path / "list.csv"), "--db", db)[0] == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from toll.store import Store; from toll.store.locks import "
            "one_at_a_time\nwith Store.open(sys.argv[1]).session() as s:\n"
            "    one_at_a_time(s, 'link'); print('held', flush=True); time.sleep(60)",
            db_url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert "another `toll link`" in toll("link", "--db", db)[2]
    holder.kill()
    holder.wait()
    code, out, err = toll("link", "--db", db)
    assert code == 0, out + err


def test_the_later_reviewer_stands_both_kept_and_the_earlier_told(store):
    ((a, b),) = twins(store, 1)
    with store.session(actor="alice") as session:
        decide(session, a, b, "same", note="same father")
    with store.session(actor="bob") as session:
        made = decide(session, a, b, "different", note="born ten years apart")
    assert made.replaces == ["decision 1 (same) by alice"]
    with store.session() as session:
        history = decisions(session, include_replaced=True)
        standing = decisions(session)
        told = replaced_for(session, "alice")
        assert replaced_for(session, "bob") == []
    assert [(d.by, d.decision) for d in history] == [("alice", "same"), ("bob", "different")]
    assert [(d.by, d.decision) for d in standing] == [("bob", "different")]
    assert [(d.id, d.replaced_by) for d in told] == [(1, "bob")]


def test_the_earlier_author_reads_it_in_toll_review(store, db, toll):
    ((a, b),) = twins(store, 1)
    assert toll("decide", str(a), str(b), "same", "--db", db, env={"TOLL_USER": "alice"})[0] == 0
    code, out, _ = toll("decide", str(a), str(b), "different", "--db", db, env={"TOLL_USER": "bob"})
    assert code == 0 and "This replaces decision 1 (same) by alice" in out
    code, out, err = toll("review", "--db", db, env={"TOLL_USER": "alice"})
    assert code == 0
    assert "your decision 1 (same, records" in err and "by bob" in err


def test_two_reviewers_at_once_take_turns(db_url):
    """Bob decides while Alice's decision on the same pair is not committed: he waits for her,
    then replaces it — one standing decision, both in history."""
    postgresql_only(db_url)
    store = Store.open(db_url, actor="setup")
    ((a, b),) = twins(store, 1)
    alice, bob = Store.open(db_url, actor="alice"), Store.open(db_url, actor="bob")
    decided, errors = threading.Event(), []

    def bob_decides():
        try:
            with bob.session() as session:
                decide(session, a, b, "different")
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        decided.set()

    with alice.session() as session:
        decide(session, a, b, "same")
        thread = threading.Thread(target=bob_decides)
        thread.start()
        assert not decided.wait(1.5), "bob did not wait for alice's transaction"
    thread.join(30)
    assert errors == []
    with store.session() as session:
        rows = session.scalars(select(MatchDecision).order_by(MatchDecision.id)).all()
    assert [(d.created_by, d.decision, d.retracted_at is None) for d in rows] == [
        ("alice", "same", False),
        ("bob", "different", True),
    ]
    for opened in (store, alice, bob):
        opened.close()


def test_eight_writers_at_once_lose_nothing(db_url, tmp_path, toll):
    """Imports (one file twice), statements, two reviewers on the same pairs, cases opened and
    one case moved by two writers at once: every write is there once, labels never repeat."""
    postgresql_only(db_url)
    setup = Store.open(db_url, actor="setup")
    pairs = twins(setup, 12)
    with setup.session() as session:
        statement = add_list(session, "statement.txt")
        first = open_case(session, "P-00012", CaseDetails(reported_on=date(2024, 1, 2)))
        statement_id = statement.id
        first_id = session.scalar(select(Case.id).where(Case.label == first.case_id))
    lists = [write_en(tmp_path / f"list{i}.csv", range(i * 4, i * 4 + 4)) for i in range(2)]
    notes = []
    for i in range(5):
        (tmp_path / f"note{i}.txt").write_text(f"Note {i}: 3 people were wounded in village {i}.")
        notes.append(tmp_path / f"note{i}.txt")
    start = threading.Barrier(8)
    outcomes: dict[str, list] = {}

    def writer(name, work):
        opened = Store.open(db_url, actor=name)
        start.wait()
        done = []
        try:
            for step in work:
                try:
                    with opened.session() as session:
                        done.append(step(session))
                except Exception as failed:  # noqa: BLE001 - the test reports every one
                    done.append(failed)
        finally:
            outcomes[name] = done
            opened.close()

    def importing(path):
        return lambda s: import_list(s, path, SourceMetadata()).created

    def deciding(pair, word):
        return lambda s: decide(s, *pair, word).id

    def opening(label):
        return lambda s: open_case(s, label, CaseDetails(reported_on=date(2024, 1, 3))).case_id

    def moving(s):
        on = date(2024, 2, 1)
        return transition_case(s, first.case_id, "fate_unknown", on=on, source_id=statement_id)

    works = {
        "import-a": [importing(lists[0])],
        "import-b": [importing(lists[1])],
        "import-a-again": [importing(lists[0])],
        "statements": [lambda s, p=p: add_document(s, p, SourceMetadata()).created for p in notes],
        "reviewer-1": [deciding(pair, "different") for pair in pairs[:6]],
        "reviewer-2": [deciding(pair, "same") for pair in pairs[:6]],
        "cases-1": [opening(f"P-{i:05d}") for i in range(1, 6)] + [moving],
        "cases-2": [opening(f"P-{i:05d}") for i in range(6, 11)] + [moving],
    }
    threads = [threading.Thread(target=writer, args=item) for item in works.items()]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert time.monotonic() - began < 120 and len(outcomes) == 8
    unexpected = {
        name: [o for o in done if isinstance(o, Exception) and name not in ("cases-1", "cases-2")]
        for name, done in outcomes.items()
    }
    assert not any(unexpected.values()), unexpected
    assert sorted([outcomes["import-a"][0], outcomes["import-a-again"][0]]) == [False, True]
    moved = [outcomes[name][-1] for name in ("cases-1", "cases-2")]
    assert sum(isinstance(o, TollError) for o in moved) == 1  # the second finds it moved
    with setup.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 3 + 2 + 5
        assert session.scalar(select(func.count()).select_from(Record)) == 24 + 8
        cases = session.scalars(select(Case.label)).all()
        assert len(cases) == 11 and len(set(cases)) == 11
        labels = session.scalars(select(Person.label)).all()
        assert len(labels) == len(set(labels))
        steps = session.scalars(
            select(CaseTransition.to_status).where(CaseTransition.case_id == first_id)
        ).all()
        assert sorted(steps) == ["fate_unknown", "reported"]
        for a, b in pairs[:6]:
            made = session.scalars(
                select(MatchDecision).where(
                    MatchDecision.record_a_id == a, MatchDecision.record_b_id == b
                )
            ).all()
            assert len(made) == 2 and sum(d.retracted_at is None for d in made) == 1
    setup.close()
    code, out, err = toll("verify", "--db", db_url)
    assert code == 0, out + err
