"""`toll link`, `toll review`/`decide`, `toll persons`/`person`, `toll export records`."""

import csv
import io
import json

import pytest

from lists import PERSONS, write_az, write_en, write_ru


def import_lists(toll, db, tmp_path, en=(0, 1, 3, 5, 7, 9, 11)):
    write_az(tmp_path / "families.csv", range(0, 10))
    write_ru(tmp_path / "ministry.csv", range(2, 12))
    for name in ("families.csv", "ministry.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    if en:
        write_en(tmp_path / "ngo.csv", en)
        assert toll("import", tmp_path / "ngo.csv", "--db", db).exit_code == 0


def exported(toll, db) -> list[dict]:
    result = toll("export", "records", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def persons_by_truth(rows) -> dict[tuple[str, int], str]:
    """(file, row) -> person label, from the export."""
    return {(r["source_file"], int(r["row"])): r["person_id"] for r in rows}


def truth_of(file: str, row: int) -> int:
    starts = {
        "families.csv": list(range(0, 10)),
        "ministry.csv": list(range(2, 12)),
        "ngo.csv": [0, 1, 3, 5, 7, 9, 11],
        "late.csv": [4, 6, 10],
    }
    return starts[file][row - 1]


def assert_register_is_right(rows):
    label_of_truth: dict[int, str] = {}
    for row in rows:
        truth = truth_of(row["source_file"], int(row["row"]))
        assert label_of_truth.setdefault(truth, row["person_id"]) == row["person_id"], row
    assert len(set(label_of_truth.values())) == len(label_of_truth)


def test_three_lists_in_three_scripts_become_one_register(toll, db, tmp_path):
    import_lists(toll, db, tmp_path)
    result = toll("link", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["records"] == 27 and summary["persons"] == len(PERSONS)
    rows = exported(toll, db)
    assert {"source_file", "row", "person_id"} <= set(rows[0])
    assert_register_is_right(rows)


def test_person_shows_records_side_by_side_and_why(toll, db, tmp_path):
    import_lists(toll, db, tmp_path)
    toll("link", "--db", db)
    found = json.loads(toll("persons", "--name", "Мамедов Али", "--db", db, "--json").stdout)
    assert len(found) == 1 and found[0]["records"] == 2
    shown = json.loads(toll("person", found[0]["person_id"], "--db", db, "--json").stdout)
    assert {r["source_file"] for r in shown["records"]} == {"families.csv", "ngo.csv"}
    assert shown["links"] and shown["links"][0]["field_weights"]
    short = "p-" + found[0]["person_id"].removeprefix("P-").lstrip("0")  # P-00003 as p-3
    assert json.loads(toll("person", short, "--db", db, "--json").stdout) == shown
    # The same person, searched in Latin with the Azerbaijani letters.
    again = json.loads(toll("persons", "--name", "Məmmədov", "--db", db, "--json").stdout)
    assert [p["person_id"] for p in again] == [found[0]["person_id"]]
    by_place = json.loads(toll("persons", "--place", "Гянджа", "--db", db, "--json").stdout)
    assert len(by_place) == 2


@pytest.mark.parametrize("how", [(), ("--incremental",)], ids=["all again", "incremental"])
def test_a_new_list_joins_the_register_without_changing_labels(toll, db, tmp_path, how):
    import_lists(toll, db, tmp_path, en=())
    toll("link", "--db", db)
    before = persons_by_truth(exported(toll, db))
    write_en(tmp_path / "late.csv", [4, 6, 10])
    toll("import", tmp_path / "late.csv", "--db", db)
    summary = json.loads(toll("link", *how, "--db", db, "--json").stdout)
    assert summary["incremental"] is bool(how) and summary["new_persons"] == 0
    assert summary["linked"] == (3 if how else 23) and summary["new_records"] == 3
    rows = exported(toll, db)
    after = persons_by_truth(rows)
    assert all(after[key] == label for key, label in before.items())
    assert_register_is_right(rows)


def test_decisions_hold_on_every_relink(toll, db, tmp_path):
    import_lists(toll, db, tmp_path)
    toll("link", "--db", db)
    rows = exported(toll, db)
    aliyeva = [r for r in rows if truth_of(r["source_file"], int(r["row"])) == 1]
    first, second = sorted(int(r["record_id"]) for r in aliyeva)
    result = toll("decide", str(first), str(second), "different", "--note", "test", "--db", db)
    assert result.exit_code == 0, result.stderr
    for _ in range(2):
        labels = {r["record_id"]: r["person_id"] for r in exported(toll, db)}
        assert labels[str(first)] != labels[str(second)]
        assert toll("link", "--full", "--db", db).exit_code == 0
    labels = {r["record_id"]: r["person_id"] for r in exported(toll, db)}
    assert labels[str(first)] != labels[str(second)]


def test_linking_an_empty_store_says_what_to_do(toll, db):
    result = toll("link", "--db", db)
    assert result.exit_code == 1 and "toll import" in result.stderr


def test_one_small_list_of_different_people_links(toll, db, tmp_path):
    write_az(tmp_path / "families.csv", range(12))
    toll("import", tmp_path / "families.csv", "--db", db)
    summary = json.loads(toll("link", "--db", db, "--json").stdout)
    assert summary["records"] == summary["persons"] == 12


def test_brothers_killed_together_are_never_silently_one_person(toll, db, tmp_path):
    """Same surname, patronymic, place and day; different given names and birth years."""
    rows = [
        ("Kapanadze", "Giorgi", "Georgievich", 1986),
        ("Kapanadze", "Davit", "Georgievich", 1984),
    ]
    for name in ("a.csv", "b.csv"):
        lines = ["Surname,First name,Father's name,Year of birth,Date of incident,Location"]
        lines += [f"{f},{g},{p},{y},16.08.2008,Tskhinvali" for f, g, p, y in rows]
        lines += [f"Beridze,Nino{i},Levanovna,{1950 + i},1{i}.08.2008,Gori" for i in range(8)]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        toll("import", tmp_path / name, "--db", db)
    toll("link", "--db", db)
    rows_out = exported(toll, db)
    giorgi = {r["person_id"] for r in rows_out if r["given_name"] == "Giorgi"}
    davit = {r["person_id"] for r in rows_out if r["given_name"] == "Davit"}
    queued = json.loads(toll("review", "--db", db, "--json").stdout)
    asked = any(
        {q["name_a"], q["name_b"]} >= {"Kapanadze Giorgi Georgievich"}
        and "Davit" in q["name_a"] + q["name_b"]
        for q in queued
    )
    assert giorgi.isdisjoint(davit) or asked


def three_persons_apart(toll, db, tmp_path) -> list[str]:
    """Three lists of one different person each, linked: records 1, 2, 3; their labels."""
    write_en(tmp_path / "ngo.csv", [0])
    write_az(tmp_path / "families.csv", [5])
    write_ru(tmp_path / "ministry.csv", [7])
    for name in ("ngo.csv", "families.csv", "ministry.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0
    labels = {int(r["record_id"]): r["person_id"] for r in exported(toll, db)}
    assert len(set(labels.values())) == 3, "three different persons"
    return [labels[1], labels[2], labels[3]]


def refused_decision(toll, db, *decision: str) -> str:
    """Run a decision that must be refused: the register stays as it was; its message."""
    before = exported(toll, db)
    refused = toll("decide", *decision, "--db", db)
    assert refused.exit_code == 1
    assert exported(toll, db) == before
    return refused.stderr


def test_a_merge_by_decision_keeps_the_label_of_the_larger_person(toll, db, tmp_path):
    labels = three_persons_apart(toll, db, tmp_path)
    assert toll("decide", "2", "3", "same", "--db", db).exit_code == 0
    # Record 1 is alone; records 2 and 3 are one person: that person's label stays.
    assert toll("decide", "1", "2", "same", "--db", db).exit_code == 0
    after = {r["person_id"] for r in exported(toll, db)}
    assert after == {labels[1]}
    gone = json.loads(toll("person", labels[0], "--db", db, "--json").stdout)
    assert labels[1] in gone["retracted"]["reason"]


def test_a_same_decision_cannot_join_records_decided_apart(toll, db, tmp_path):
    three_persons_apart(toll, db, tmp_path)
    assert toll("decide", "1", "2", "different", "--db", db).exit_code == 0
    assert toll("decide", "2", "3", "same", "--db", db).exit_code == 0
    refused = refused_decision(toll, db, "3", "1", "same")
    assert "decision 1 says records 1 and 2 are different persons" in refused
    assert [d["decision"] for d in json.loads(toll("decisions", "--db", db, "--json").stdout)] == [
        "different",
        "same",
    ]
    # Deciding the pair itself again replaces the earlier decision, as before.
    assert toll("decide", "2", "1", "same", "--db", db).exit_code == 0
    assert len({r["person_id"] for r in exported(toll, db)}) == 1


def test_a_different_decision_cannot_part_records_decided_same(toll, db, tmp_path):
    three_persons_apart(toll, db, tmp_path)
    assert toll("decide", "1", "2", "same", "--db", db).exit_code == 0
    assert toll("decide", "2", "3", "same", "--db", db).exit_code == 0
    refused = refused_decision(toll, db, "1", "3", "different")
    assert "decisions 1, 2 say they are the same person" in refused
    assert len(json.loads(toll("decisions", "--db", db, "--json").stdout)) == 2


def test_a_record_decided_same_follows_its_partner_when_a_person_is_split(toll, db, tmp_path):
    three_persons_apart(toll, db, tmp_path)
    assert toll("decide", "1", "2", "same", "--db", db).exit_code == 0
    assert toll("decide", "2", "3", "same", "--db", db).exit_code == 0
    # Parting 1 from 2 takes 3 along with 2, as decision 2 says, on every link.
    assert toll("decide", "1", "2", "different", "--db", db).exit_code == 0
    for _ in range(2):
        labels = {int(r["record_id"]): r["person_id"] for r in exported(toll, db)}
        assert labels[2] == labels[3] != labels[1]
        assert toll("link", "--full", "--db", db).exit_code == 0


def test_a_pair_settled_through_other_decisions_leaves_the_review_queue(toll, db, tmp_path):
    import_lists(toll, db, tmp_path)
    wide = ("--threshold", "0.9999", "--review-below", "0.0001")  # much to review
    assert toll("link", *wide, "--db", db).exit_code == 0
    queue = json.loads(toll("review", "--db", db, "--json").stdout)
    assert queue, "the lists leave pairs to review"
    a, c = queue[0]["record_a"], queue[0]["record_b"]
    b = next(r for r in range(1, 30) if r not in (a, c))
    for pair in ((a, b), (b, c)):  # a~b and b~c settle a~c
        decided = toll("decide", str(pair[0]), str(pair[1]), "same", "--db", db)
        assert decided.exit_code == 0, decided.stderr
    left = json.loads(toll("review", "--db", db, "--json").stdout)
    assert (a, c) not in {(p["record_a"], p["record_b"]) for p in left}
