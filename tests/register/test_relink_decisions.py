"""After a decision alone, `toll link` clusters the last run's scored pairs again (issue 16):
no retraining, the same persons as linking everything again with --full, and only the
latest full run's pairs are kept."""

import json

from sqlalchemy import create_engine, text

from .test_link_order import COMMISSION, MINISTRY, NGO, persons, register, write_lists

BIRTH_YEARS = "one person records whose birth year disagree"
KEPT_APART = "kept apart: joining them would give"  # the consistency check's reason


def linked(toll, db, *options) -> dict:
    result = toll("link", *options, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def review(toll, db) -> list[dict]:
    result = toll("review", "--limit", "500", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def decide_same(toll, db, pair: tuple[tuple[str, int], tuple[str, int]]) -> None:
    record = {(r["source_file"], int(r["row"])): r["record_id"] for r in register(toll, db)}
    a, b = pair
    made = toll("decide", record[a], record[b], "same", "--db", db)
    assert made.exit_code == 0, made.stderr


def rows_of(toll, db, pair: dict) -> tuple[tuple[str, int], tuple[str, int]]:
    where = {r["record_id"]: (r["source_file"], int(r["row"])) for r in register(toll, db)}
    a, b = sorted((where[str(pair["record_a"])], where[str(pair["record_b"])]))
    return a, b


def waiting(toll, db) -> set[tuple]:
    """The review queue by the pairs' rows, with why and how likely each pair is."""
    where = {r["record_id"]: (r["source_file"], int(r["row"])) for r in register(toll, db)}
    return {
        (frozenset({where[str(p["record_a"])], where[str(p["record_b"])]}), p["why"],
         p["probability"])
        for p in review(toll, db)
    }


def pair_runs(db) -> set[int]:
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    with engine.connect() as connection:
        runs = connection.execute(text("SELECT DISTINCT run_id FROM candidate_pairs"))
        found = {row[0] for row in runs}
    engine.dispose()
    return found


def test_a_decision_is_clustered_again_without_retraining_as_a_full_link_would(
    toll, db, fresh_db, tmp_path
):
    made = toll("synth", tmp_path, "--persons", "800", "--lists", "3", "--seed", "9",
                "--households", "--json")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    for store in (db, fresh_db):
        for name in (MINISTRY, COMMISSION, NGO):
            assert toll("import", tmp_path / name, "--db", store).exit_code == 0
        first = linked(toll, store)
    assert first["split"].get("birth year"), "households give a would-be person split"
    # a pair the consistency check kept apart: deciding it the same overrides the split
    chosen = next(p for p in review(toll, db) if p["why"] == f"{KEPT_APART} {BIRTH_YEARS}")
    pair = rows_of(toll, db, chosen)
    for store in (db, fresh_db):
        decide_same(toll, store, pair)
    quick = linked(toll, db)
    assert quick["reclustered"] is True and quick["run_id"] == first["run_id"] + 1
    full = linked(toll, fresh_db, "--full")
    assert full["reclustered"] is False
    assert persons(register(toll, db)) == persons(register(toll, fresh_db))
    person = {(r["source_file"], int(r["row"])): r["person_id"] for r in register(toll, db)}
    assert person[pair[0]] == person[pair[1]], "the decision holds over the consistency split"
    # the decision makes one person of the pair; the count is the full link's and not more
    # than before (one fewer until the rival discount over both lists, b09e6e4; the same here
    # since, the full link agreeing)
    assert quick["persons"] == full["persons"] and quick["persons"] <= first["persons"]
    assert quick["to_review"] == full["to_review"]
    assert waiting(toll, db) == waiting(toll, fresh_db), "the carried pairs wait as if rewritten"
    assert pair_runs(db) == {quick["run_id"]}, "older runs' pairs are pruned"
    # undoing it comes back to the persons of the first link, again without retraining
    undone = toll("decision", "undo", "1", "--db", db, "--reason", "test")
    assert undone.exit_code == 0, undone.stderr
    again = linked(toll, db)
    assert again["reclustered"] is True
    assert again["persons"] == first["persons"]


def test_new_records_or_thresholds_are_not_clustered_again(toll, db, tmp_path):
    write_lists(toll, tmp_path)
    for name in (MINISTRY, COMMISSION):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    linked(toll, db)
    assert linked(toll, db, "--threshold", "0.95")["reclustered"] is False
    assert toll("import", tmp_path / NGO, "--db", db).exit_code == 0
    assert linked(toll, db, "--threshold", "0.95")["reclustered"] is False
