"""`toll claim history` as a table a reviewer reads, and `toll db compact` (issue 19)."""

import json

from documents import STATEMENT
from toll.model import Claim


def test_claim_history_is_a_table_of_changes_not_python_dicts(toll, db, tmp_path, store):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    assert toll("source", "add", path, "--db", db).exit_code == 0
    with store.session() as session:
        claim = session.query(Claim).filter(Claim.category == "killed").first().id
    assert toll("claim", "correct", claim, "--value", "42", "--db", db).exit_code == 0
    shown = toll("claim", "history", claim, "--db", db, env={"COLUMNS": "160"})
    assert shown.exit_code == 0
    assert "value 41 → 42" in shown.stdout and "review_state extracted → corrected" in shown.stdout
    assert "{" not in shown.stdout, "no raw dicts"
    as_json = json.loads(toll("claim", "history", claim, "--db", db, "--json").stdout)
    assert as_json[-1]["after"]["value"] == 42


def test_db_compact_gives_back_space_and_keeps_everything(toll, tmp_path, store, db):
    if not db.startswith("sqlite"):
        return  # sizes are checked on SQLite; PostgreSQL runs VACUUM FULL the same way
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT * 200, encoding="utf-8")
    assert toll("source", "add", path, "--db", db).exit_code == 0
    with store.engine.begin() as connection:  # space freed inside the file, as retractions leave
        connection.exec_driver_sql("CREATE TABLE scratch AS SELECT * FROM originals")
        connection.exec_driver_sql("DROP TABLE scratch")
    with store.session() as session:
        claims = session.query(Claim).count()
    result = toll("db", "compact", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    sizes = json.loads(result.stdout)
    assert sizes["after"] < sizes["before"]
    with store.session() as session:
        assert session.query(Claim).count() == claims
    said = toll("db", "compact", "--db", db)
    assert said.exit_code == 0 and "given back" in said.stdout
