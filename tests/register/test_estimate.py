"""`toll estimate` on the register: capture tables from linked lists, stored and reproducible."""

import json

from sqlalchemy import select

from lists import write_az, write_en, write_ru
from toll.figures import capture_tables
from toll.model import Estimate


def build_register(toll, db, tmp_path):
    write_az(tmp_path / "families.csv", range(0, 10))
    write_ru(tmp_path / "ministry.csv", range(2, 12))
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5, 7, 9, 11])
    for name in ("families.csv", "ministry.csv", "ngo.csv"):
        toll("import", tmp_path / name, "--db", db)
    assert toll("link", "--db", db).exit_code == 0


def test_capture_table_counts_which_lists_record_each_person(toll, db, tmp_path, store):
    build_register(toll, db, tmp_path)
    with store.session() as session:
        table = capture_tables(session)["all"]
        by_sex = capture_tables(session, ["sex"])
    counts = {cell["pattern"]: cell["count"] for cell in table.to_dict()["patterns"]}
    assert table.lists == ("families", "ministry", "ngo")
    # Persons 0,1 on families+ngo; 2..9 on families+ministry (3,5,7,9 also ngo); 10 ministry only;
    # 11 ministry+ngo.
    assert counts == {"100": 0, "010": 1, "110": 4, "001": 0, "101": 2, "011": 1, "111": 4}
    assert sorted(by_sex) == ["sex=female", "sex=male"]
    assert sum(t.observed for t in by_sex.values()) == 12


def test_estimates_from_the_register_are_stored_and_reproduced(
    toll, db, tmp_path, store, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # a server store puts its plot in the current folder
    build_register(toll, db, tmp_path)
    result = toll(
        "estimate", "-m", "independence", "-m", "bma", "--label", "test", "--db", db, "--json"
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["observed"] == 12 and [m["name"] for m in report["methods"]] == [
        "independence",
        "bma",
    ]
    with store.session() as session:
        stored = session.scalars(select(Estimate)).one()
    assert stored.label == "test" and stored.settings["methods"] == ["independence", "bma"]
    plot = report["plot"]
    assert plot.endswith(f"estimate-{stored.id}.png")
    assert (tmp_path / f"estimate-{stored.id}.png").stat().st_size > 1000
    assert stored.table["all"]["lists"] == ["families", "ministry", "ngo"]
    again = json.loads(toll("estimates", "reproduce", str(stored.id), "--db", db, "--json").stdout)
    assert again["identical"] is True
    listed = json.loads(toll("estimates", "--db", db, "--json").stdout)
    assert listed[0]["methods"]["independence"] == report["methods"][0]["estimate"]


def test_estimate_without_a_register_says_what_to_do(toll, db, store):
    result = toll("estimate", "--db", db)
    assert result.exit_code == 1 and "toll link" in result.stderr
