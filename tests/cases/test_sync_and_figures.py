"""Cases from lists (`toll case sync`) and the status figures of the missing."""

import json
from datetime import date

from toll.cases import missing_figures, show_case, sync_cases, transition_case


def test_sync_opens_one_case_per_person_reported_missing_or_captive(register, db, toll):
    result = toll("case", "sync", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    # P-00001 (two lists) and P-00002 (captive); P-00003 was killed, P-00004 was released
    assert summary["persons"] == 3
    assert summary["opened"] == 2
    assert summary["reporters_merged"] == 1
    assert summary["fate_known"] == 1
    cases = json.loads(toll("case", "list", "--db", db, "--json").stdout)
    assert [(c["person_id"], c["status"], c["reporters"]) for c in cases] == [
        ("P-00001", "reported", 2),
        ("P-00002", "reported", 1),
    ]
    shown = json.loads(toll("case", "show", cases[0]["case_id"], "--db", db, "--json").stdout)
    assert [r["name"] for r in shown["reporters"]] == [
        "Families' association",
        "National commission",
    ]
    assert shown["last_seen"] == "26.02.1992" and shown["last_seen_place"] == "Xocalı"
    assert shown["reported_on"] == "1993-03-02"
    assert shown["age_at_disappearance"] == 14
    assert shown["transitions"][0]["source_id"] == 1


def test_a_second_sync_opens_nothing(register):
    with register.session() as session:
        sync_cases(session)
    with register.session() as session:
        again = sync_cases(session)
    assert (again.opened, again.reporters_added, again.already) == (0, 0, 2)


def test_status_figures_count_cases_by_status_subgroup_and_month(register, db, toll):
    with register.session() as session:
        sync_cases(session)
        transition_case(session, "C-1", "fate_unknown", on=date(1994, 5, 10), source_id=2)
        transition_case(session, "C-1", "remains_recovered", on=date(2019, 8, 21), source_id=3)
        transition_case(session, "C-1", "identified", on=date(2019, 9, 1), source_id=3)
        figures = missing_figures(session, ("sex", "age"))
        assert show_case(session, "C-00001").status == "identified"
    assert figures["total"] == 2
    assert figures["by_status"] == {
        "reported": {"count": 1, "cases": ["C-00002"]},
        "identified": {"count": 1, "cases": ["C-00001"]},
    }
    assert figures["subgroups"]["children"] == {"identified": {"count": 1, "cases": ["C-00001"]}}
    assert figures["subgroups"]["women"] == {"reported": {"count": 1, "cases": ["C-00002"]}}
    assert figures["subgroups"]["elderly"] == {}
    assert {(g["sex"], g["age"], g["status"], g["count"]) for g in figures["groups"]} == {
        ("male", "child", "identified", 1),
        ("female", "adult", "reported", 1),
    }
    months = {m["month"]: (m["opened"], m["resolved"]) for m in figures["per_month"]}
    assert months == {"1993-03": (1, 0), "1994-05": (1, 0), "2019-09": (0, 1)}
    shown = json.loads(toll("figures", "missing", "--by", "sex,age", "--db", db, "--json").stdout)
    assert shown["by_status"]["identified"]["count"] == 1
    assert toll("figures", "missing", "--by", "colour", "--db", db).exit_code == 1


def test_public_missing_figures_suppress_counts_under_5_and_list_no_case(register, db, toll):
    with register.session() as session:
        sync_cases(session)
    result = toll("figures", "missing", "--by", "sex,age", "--public", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["total"] is None  # 2 cases: fewer than 5
    assert shown["by_status"] == {"reported": {"count": None}}
    assert shown["subgroups"]["women"] == {"reported": {"count": None}}
    assert {g["count"] for g in shown["groups"]} == {None}
    assert {m["opened"] for m in shown["per_month"]} == {None}
    assert "C-0" not in result.stdout and "P-0" not in result.stdout
    assert "under 5" in shown["suppressed"] and "children" in shown["definitions"]
    text = toll("figures", "missing", "--public", "--db", db)
    assert text.exit_code == 0 and "fewer than 5 cases" in text.stdout
