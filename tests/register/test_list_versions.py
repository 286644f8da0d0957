"""Lists that change (issue 19): a revised list replaces its first version without changing the
estimate, a near-copy is refused until the user says which it is, and a retracted source's
claims and records leave counts, the register and estimates while history keeps them."""

import json

from sqlalchemy import func, select

from documents import STATEMENT
from lists import write_az, write_en, write_ru
from toll.figures import capture_tables
from toll.model import AuditEvent, Claim, Record, Source
from toll.persons import decide, decisions
from toll.sources import add_statement


def build_register(toll, db, tmp_path) -> None:
    """Three lists: families (persons 0-9), ministry (2-11, source 2), NGO (7 persons)."""
    write_az(tmp_path / "families.csv", range(0, 10))
    write_ru(tmp_path / "ministry.csv", range(2, 12))
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5, 7, 9, 11])
    for name in ("families.csv", "ministry.csv", "ngo.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0


def table(store) -> dict[frozenset, int]:
    """{the lists that record a person (ministry_v2 read as ministry): how many persons}."""
    with store.session() as session:
        found = capture_tables(session)["all"].to_dict()
    names = [name.removesuffix("_v2") for name in found["lists"]]
    return {
        frozenset(n for n, seen in zip(names, cell["pattern"], strict=True) if seen == "1"): (
            cell["count"]
        )
        for cell in found["patterns"]
    }


def lists(store) -> list[str]:
    with store.session() as session:
        return list(capture_tables(session)["all"].lists)


def estimate(toll, db) -> float:
    result = toll("estimate", "-m", "independence", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["methods"][0]["estimate"]


def ministry_record(store, family_name: str, source: int = 2) -> int:
    with store.session() as session:
        query = select(Record.id).where(
            Record.source_id == source,
            Record.family_name == family_name,
            Record.retracted_at.is_(None),
        )
        return session.scalar(query)


def test_a_revised_list_with_replaces_leaves_the_estimate_as_it_was(toll, db, tmp_path, store):
    build_register(toll, db, tmp_path)
    before, estimated = table(store), estimate(toll, db)
    with store.session() as session:  # a reviewer's decision on a row of the first version
        families = session.scalar(select(Record.id).where(Record.family_name == "Quliyev"))
        decide(session, families, ministry_record(store, "Кулиев"), "same", note="one father")
    revised = write_ru(tmp_path / "ministry_v2.csv", reversed(range(2, 12)))  # same rows, reordered

    refused = toll("import", revised, "--db", db)
    assert refused.exit_code == 1
    assert "10 of its 10 rows equal rows of source 2 (ministry.csv)" in refused.stderr
    assert "--replaces 2" in refused.stderr and "--new-list" in refused.stderr
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 3, "nothing written"

    replaced = toll("import", revised, "--replaces", "2", "--db", db)
    assert replaced.exit_code == 0, replaced.stderr
    assert "Replaces source 2: its 10 records retracted; 10 equal rows keep their persons" in (
        replaced.stdout
    )
    assert toll("link", "--db", db).exit_code == 0
    assert table(store) == before, "each list counted once"
    assert lists(store) == ["families", "ngo", "ministry_v2"]
    assert estimate(toll, db) == estimated
    with store.session() as session:
        standing = decisions(session)
        old = session.get(Source, 2)
        kept = session.scalar(select(func.count()).where(Record.source_id == 2))
    assert [(d.record_a, d.record_b, d.note) for d in standing] == [
        (families, ministry_record(store, "Кулиев", source=4), "one father")
    ], "the decision now joins the revised list's row"
    assert old.retraction_reason == "replaced by its revised version, source 4 (ministry_v2.csv)"
    assert kept == 10, "the first version's records are kept, retracted"


def test_a_near_copy_may_be_imported_as_a_new_list(toll, db, tmp_path, store):
    write_az(tmp_path / "families.csv", range(0, 8))
    write_az(tmp_path / "copy.csv", [*range(0, 8), 9])
    assert toll("import", tmp_path / "families.csv", "--db", db).exit_code == 0
    assert toll("import", tmp_path / "copy.csv", "--db", db).exit_code == 1
    assert toll("import", tmp_path / "copy.csv", "--new-list", "--db", db).exit_code == 0
    write_en(tmp_path / "ngo.csv", range(0, 8))
    assert toll("import", tmp_path / "ngo.csv", "--db", db).exit_code == 0, "another list"


def test_a_retracted_source_leaves_counts_and_estimates_and_history_keeps_it(
    toll, db, tmp_path, store
):
    build_register(toll, db, tmp_path)
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        statement = add_statement(session, path).source.id
    done = toll("source", "retract", "3", "--reason", "the NGO withdrew its list", "--db", db)
    assert done.exit_code == 0, done.stderr
    assert "7 records" in done.stdout
    assert lists(store) == ["families", "ministry"]
    said = toll("source", "retract", str(statement), "--reason", "a forged report", "--db", db)
    assert said.exit_code == 0, said.stderr
    with store.session() as session:
        claims = session.scalars(select(Claim).where(Claim.source_id == statement)).all()
        events = session.scalars(
            select(AuditEvent.note).where(
                AuditEvent.entity == "sources", AuditEvent.action == "retract"
            )
        ).all()
    assert claims and all(c.retracted_at is not None for c in claims)
    assert all("a forged report" in c.retraction_reason for c in claims)
    assert "the NGO withdrew its list" in events and "a forged report" in events
    again = toll("source", "retract", "3", "--reason", "again", "--db", db)
    assert again.exit_code == 1 and "retracted already" in again.stderr
