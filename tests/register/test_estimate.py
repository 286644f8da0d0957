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
    monkeypatch.chdir(tmp_path)  # where a plot would land, were one written
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
    assert report["plot"] is None and report["estimate_id"] == stored.id
    assert not list(tmp_path.glob("*.png")), "no file is written unless --plot asks for one"
    assert stored.table["all"]["lists"] == ["families", "ministry", "ngo"]
    again = json.loads(toll("estimates", "reproduce", str(stored.id), "--db", db, "--json").stdout)
    assert again["identical"] is True
    listed = json.loads(toll("estimates", "--db", db, "--json").stdout)
    assert listed[0]["methods"]["independence"] == report["methods"][0]["estimate"]


def test_estimate_without_a_register_says_what_to_do(toll, db, store):
    result = toll("estimate", "--db", db)
    assert result.exit_code == 1 and "toll link" in result.stderr


def test_the_estimates_api_stores_lists_shows_and_reproduces(toll, db, tmp_path, store):
    from toll.estimates.store import (
        estimate_register,
        list_estimates,
        reproduce_estimate,
        show_estimate,
    )

    build_register(toll, db, tmp_path)
    with store.session() as session:
        done = estimate_register(session, ["sex"], ["independence"], 3, {"n_boot": 50},
                                 label="by sex")
    assert done.estimate_id is not None and set(done.run.tables) == {"sex=female", "sex=male"}
    with store.session() as session:
        listed = list_estimates(session)
        shown = show_estimate(session, done.estimate_id)
        again = reproduce_estimate(session, done.estimate_id)
    assert [e["label"] for e in listed] == ["by sex"] and listed[0]["strata"] == ["sex"]
    assert shown["result"]["strata"].keys() == {"sex=female", "sex=male"}
    assert shown["settings"]["seed"] == 3 and shown["settings"]["methods"] == ["independence"]
    assert again["identical"] is True and again["differ"] == []


def test_estimate_by_stratum_shows_each_stratum_table_and_result(toll, db, tmp_path):
    build_register(toll, db, tmp_path)
    result = toll("estimate", "--by", "sex", "-m", "independence", "--n-boot", "50", "--db", db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for stratum in ("sex=female", "sex=male"):
        assert f"Stratum {stratum}" in out
    assert out.count("Capture table (families, ministry, ngo)") == 2
    assert "sum of the strata each method could estimate" in out


def test_lists_that_share_no_one_are_refused_and_nothing_is_stored(toll, db, tmp_path, store):
    write_az(tmp_path / "families.csv", range(0, 4))
    write_ru(tmp_path / "ministry.csv", range(4, 8))
    write_en(tmp_path / "ngo.csv", range(8, 12))
    for name in ("families.csv", "ministry.csv", "ngo.csv"):
        toll("import", tmp_path / name, "--db", db)
    toll("link", "--db", db)
    result = toll("estimate", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no estimate: no two lists share anyone")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "[" not in result.stdout                  # no interval printed
    as_json = toll("estimate", "--db", db, "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["methods"] == []
    from toll.estimates.store import estimate_register

    with store.session() as session:
        refused = estimate_register(session, methods=["independence"])
        assert refused.estimate_id is None and refused.run.report.methods == []
        assert "no two lists share anyone" in refused.run.refused
    with store.session() as session:
        assert session.scalars(select(Estimate)).all() == []


def test_a_plot_only_when_asked_and_estimates_list(toll, db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_register(toll, db, tmp_path)
    assert toll("estimate", "-m", "independence", "--db", db).exit_code == 0
    assert not list(tmp_path.glob("*.png"))
    plot = tmp_path / "est.png"
    assert toll("estimate", "-m", "independence", "--plot", plot, "--db", db).exit_code == 0
    assert plot.stat().st_size > 1000
    listed = toll("estimates", "list", "--db", db, "--json")
    assert listed.exit_code == 0 and [e["id"] for e in json.loads(listed.stdout)] == [1, 2]
    shown = toll("estimates", "show", "1", "--db", db)
    assert shown.exit_code == 0 and "independence" in shown.stdout


def test_a_plot_that_cannot_be_written_is_refused_before_anything_is_estimated(
    toll, db, tmp_path, store
):
    build_register(toll, db, tmp_path)
    for plot, why in ((tmp_path / "est.doc", "must end in .png"),
                      (tmp_path / "no" / "est.png", "does not exist")):
        result = toll("estimate", "-m", "independence", "--plot", plot, "--db", db)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: --plot {plot}")
        assert why in result.stderr and "Traceback" not in result.stderr
    with store.session() as session:
        assert session.scalars(select(Estimate)).all() == [], "nothing stored"
