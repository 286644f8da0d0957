"""`toll figures`: claims side by side across sources, conflicts marked, checks shown."""

import json


def add(toll, db, tmp_path, name, text, *options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = toll("source", "add", path, "--db", db, "--json", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_conflicting_sources_stand_side_by_side(toll, db, tmp_path):
    add(
        toll,
        db,
        tmp_path,
        "a.txt",
        "The strike on Eastbridge on 3 May 2022 killed 57 civilians.",
        "--publisher",
        "Agency A",
    )
    add(
        toll,
        db,
        tmp_path,
        "b.txt",
        "Officials said 12 people were killed in Eastbridge in May 2022.",
        "--publisher",
        "Ministry B",
    )
    data = json.loads(toll("figures", "--db", db, "--json").stdout)
    killed = [g for g in data["groups"] if g["category"] == "killed" and not g["subgroup"]]
    assert len(killed) == 1 and killed[0]["year"] == "2022" and killed[0]["conflict"] is True
    assert sorted(c["value"] for c in killed[0]["claims"]) == [12, 57]
    assert {c["source"] for c in killed[0]["claims"]} == {"Agency A", "Ministry B"}


def test_agreeing_ranges_are_not_a_conflict(toll, db, tmp_path):
    add(toll, db, tmp_path, "a.txt", "In 2021 the floods of fighting killed at least 40 people.")
    add(toll, db, tmp_path, "b.txt", "In 2021 the fighting killed about 45 people, officials said.")
    data = json.loads(toll("figures", "--db", db, "--json").stdout)
    killed = [g for g in data["groups"] if g["category"] == "killed"]
    assert len(killed) == 1 and killed[0]["conflict"] is False


def test_parts_exceeding_their_whole_are_flagged_when_added(toll, db, tmp_path):
    text = "The blast killed 40 people, including 30 women and 25 children."
    added = add(toll, db, tmp_path, "c.txt", text)
    assert added["figures"] == 3 and len(added["checks"]) == 1
    assert "more than their whole" in added["checks"][0]
    data = json.loads(toll("figures", "--db", db, "--json").stdout)
    assert data["checks"] and "more than their whole" in data["checks"][0]


def test_claim_show_leads_from_a_figure_to_its_words_and_its_corrections(toll, db, tmp_path):
    added = add(
        toll,
        db,
        tmp_path,
        "a.txt",
        "The strike on Eastbridge on 3 May 2022 killed 57 civilians. Rescue went on for days.",
        "--publisher",
        "Agency A",
    )
    assert toll("claim", "correct", "1", "--value", "58", "--db", db).exit_code == 0
    shown = toll("claim", "show", "1", "--db", db)
    assert shown.exit_code == 0, shown.stderr
    assert "'57 civilians'" in shown.stdout and "Agency A" in shown.stdout
    assert "Rescue" not in shown.stdout, "the sentence holding the words, not the whole text"
    assert "value 57 → 58" in shown.stdout, "whole counts read as whole numbers"
    data = json.loads(toll("claim", "show", "1", "--db", db, "--json").stdout)
    assert data["source"]["sha256"] == added["sha256"] and data["figure"]["value"] == 58
    missing = toll("claim", "show", "99", "--db", db)
    assert missing.exit_code == 1 and "no claim with id 99" in missing.stderr
