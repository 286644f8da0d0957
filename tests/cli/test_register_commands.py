"""The register's commands as a demanding user meets them: errors, roles, review, search."""

import csv
import io
import json

from lists import write_az, write_en, write_ru
from toll_testing import run_toll

# An NGO's list with dates of death and birth years but no ages (as most lists are).
DATED = """Full name,Sex,Year of birth,Date of death,Place of death,Status
Ali Mamedov,m,1961,26.02.1992,Khojaly,killed
Sabina Aliyeva,f,1975,26.02.1992,Khojaly,missing
Tural Hasanov,m,1995,02.04.2016,Tartar,killed
"""


def linked_store(toll, db, tmp_path) -> None:
    write_az(tmp_path / "families.csv", range(0, 8))
    write_ru(tmp_path / "ministry.csv", range(2, 10))
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5])
    for name in ("families.csv", "ministry.csv", "ngo.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0


def add_viewer(toll, db) -> None:
    admin = {"TOLL_USER": "amina"}
    assert toll("user", "add", "amina", "--role", "admin", "--db", db, env=admin).exit_code == 0
    assert toll("user", "add", "viktor", "--role", "viewer", "--db", db, env=admin).exit_code == 0


def test_an_import_error_is_one_line_and_no_progress_bar(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_toll("import", empty, "--db", tmp_path / "toll.db")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("Error: empty.csv")


def test_users_without_the_grant_see_restricted_not_a_blank(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    add_viewer(toll, db)
    shown = toll("persons", "--db", db, env={"TOLL_USER": "viktor"})
    assert shown.exit_code == 0, shown.stderr
    assert "[restricted]" in shown.stdout


def test_review_hides_names_from_users_without_the_grant(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    # A wide band, so that these small lists leave pairs to review.
    toll("link", "--full", "--threshold", "0.9999", "--review-below", "0.0001", "--db", db)
    pairs = json.loads(toll("review", "--db", db, "--json").stdout)
    assert pairs, "the lists should leave at least one pair to review"
    assert {"source_a", "row_a", "joined", "age_a", "age_b"} <= set(pairs[0])
    assert not any(str(p["born_a"]).startswith("age") for p in pairs), "born is a year, not an age"
    add_viewer(toll, db)
    seen = json.loads(toll("review", "--db", db, "--json", env={"TOLL_USER": "viktor"}).stdout)
    assert seen and {p["name_a"] for p in seen} | {p["name_b"] for p in seen} == {"[restricted]"}
    assert all(p["born_a"] is None and p["place_b"] is None for p in seen)


def test_linking_again_with_nothing_new_changes_nothing_and_is_no_error(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    before = toll("export", "records", "--db", db).stdout
    again = toll("link", "--db", db)
    assert again.exit_code == 0, again.stderr
    assert "Nothing new to link" in again.stdout
    summary = json.loads(toll("link", "--db", db, "--json").stdout)
    assert summary["linked"] == 0 and summary["new_persons"] == 0
    assert toll("export", "records", "--db", db).stdout == before


def test_decisions_name_their_persons_and_stay_in_history(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    rows = list(csv.DictReader(io.StringIO(toll("export", "records", "--db", db).stdout)))
    mamedov = sorted(int(r["record_id"]) for r in rows if r["person_id"] == rows[0]["person_id"])
    first, second = mamedov[:2]
    said = toll("decide", first, second, "different", "--note", "other father", "--db", db)
    assert said.stdout.strip() == f"Decided: records {first} and {second} are different persons."
    listed = json.loads(toll("persons", "--db", db, "--json").stdout)
    assert all(p["name"] for p in listed), "a person split off by a decision needs a name"
    said = toll("decide", first, second, "same", "--db", db)
    assert said.stdout.strip() == f"Decided: records {first} and {second} are the same person."
    history = json.loads(toll("decisions", "--all", "--db", db, "--json").stdout)
    assert [d["decision"] for d in history] == ["different", "same"]
    assert history[0]["note"] == "other father" and history[0]["replaced_at"]
    standing = json.loads(toll("decisions", "--db", db, "--json").stdout)
    assert [d["decision"] for d in standing] == ["same"]
    label = next(r["person_id"] for r in rows if int(r["record_id"]) == first)
    shown = json.loads(toll("person", label, "--db", db, "--json").stdout)
    assert [d["decision"] for d in shown["decisions"]] == ["same"]
    assert "Decision" in toll("person", label, "--db", db).stdout


def test_a_wrong_record_id_says_where_to_find_ids(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    result = toll("decide", "99999", "1", "same", "--db", db)
    assert result.exit_code == 1 and "99999" in result.stderr and "toll review" in result.stderr


def test_dry_run_previews_rows_and_says_when_the_file_is_already_in(toll, db, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    first = toll("import", path, "--dry-run", "--db", db)
    assert "Aliyeva" in first.stdout and "already imported" not in first.stdout
    assert toll("import", path, "--db", db).exit_code == 0
    again = toll("import", path, "--dry-run", "--db", db)
    assert "already imported as source 1" in again.stdout
    data = json.loads(toll("import", path, "--dry-run", "--db", db, "--json").stdout)
    assert data["already_imported_as_source"] == 1
    assert [r["row"] for r in data["preview"]] == [1, 2, 3]


def test_a_dry_run_does_not_create_a_store(toll, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    assert toll("import", path, "--dry-run", "--db", tmp_path / "new.db").exit_code == 0
    assert not (tmp_path / "new.db").exists()


def test_persons_filter_by_words_of_any_language_and_age_at_the_event(toll, db, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    toll("import", path, "--db", db)
    toll("link", "--db", db)

    def names(*args) -> set[str]:
        result = toll("persons", *args, "--db", db, "--json")
        assert result.exit_code == 0, result.stderr
        return {p["name"] for p in json.loads(result.stdout)}

    assert names("--sex", "ж") == names("--sex", "female") == {"Sabina Aliyeva"}
    assert names("--status", "погиб") == {"Ali Mamedov", "Tural Hasanov"}
    assert names("--age-min", "20", "--age-max", "25") == {"Tural Hasanov"}
    assert names("--age-min", "30") == {"Ali Mamedov"}
    wrong = toll("persons", "--status", "kiled", "--db", db)
    assert wrong.exit_code == 1 and "killed" in wrong.stderr


def test_the_export_keeps_what_could_not_be_read(toll, db, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Full name,Age,Sex\nAli Mamedov,forty,xyz\n", encoding="utf-8")
    toll("import", path, "--db", db)
    row = json.loads(toll("export", "records", "--json", "--db", db).stdout)[0]
    assert row["age"] is None and row["sex"] is None and row["sex_raw"] == "xyz"
    assert any("forty" in warning for warning in row["warnings"])
    text = toll("export", "records", "--format", "csv", "--db", db).stdout
    assert "forty" in next(csv.DictReader(io.StringIO(text)))["warnings"]


def test_a_person_merged_away_says_where_its_records_went(toll, db, tmp_path):
    write_az(tmp_path / "families.csv", range(0, 4))
    toll("import", tmp_path / "families.csv", "--db", db)
    toll("link", "--db", db)
    rows = list(csv.DictReader(io.StringIO(toll("export", "records", "--db", db).stdout)))
    (a, label_a), (b, label_b) = [(r["record_id"], r["person_id"]) for r in rows[:2]]
    assert label_a != label_b
    toll("decide", a, b, "same", "--db", db)
    shown = toll("person", label_b, "--db", db)
    assert shown.exit_code == 0
    assert f"no longer in the register: merged into {label_a}" in " ".join(shown.stdout.split())
    data = json.loads(toll("person", label_b, "--db", db, "--json").stdout)
    assert data["retracted"]["reason"].startswith(f"merged into {label_a}")


def test_interactive_review_shows_a_dash_for_what_a_record_does_not_say(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    (tmp_path / "late.csv").write_text("Full name,Place of death\nAli Mamedov,\n", "utf-8")
    toll("import", tmp_path / "late.csv", "--db", db)
    toll("link", "--full", "--threshold", "0.9999", "--review-below", "0.0001", "--db", db)
    queue = json.loads(toll("review", "--db", db, "--json").stdout)
    assert any(None in (p["born_a"], p["born_b"]) for p in queue)
    shown = toll("review", "-i", "--db", db, input="d\n" + "k\n" * len(queue) + "q\n")
    assert shown.exit_code == 0, shown.stderr
    assert "None" not in shown.stdout and " · – · " in shown.stdout
    decided = json.loads(toll("decisions", "--db", db, "--json").stdout)
    assert [d["decision"] for d in decided] == ["different"]


def test_persons_says_what_it_does_not_show(toll, db, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    toll("import", path, "--db", db)
    before = toll("persons", "--db", db)
    assert "3 records are not linked into persons yet" in before.stderr
    toll("link", "--db", db)
    cut = toll("persons", "--limit", "2", "--db", db)
    assert "2 of 3 persons shown" in cut.stderr and "not linked" not in cut.stderr
    wrong = toll("persons", "--source", "99", "--db", db)
    assert wrong.exit_code == 1 and "no source with id 99" in wrong.stderr


def test_link_refuses_probabilities_that_make_no_sense(toll, db, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    toll("import", path, "--db", db)
    too_high = toll("link", "--threshold", "1.5", "--db", db)
    assert too_high.exit_code == 2
    upside_down = toll("link", "--threshold", "0.5", "--review-below", "0.9", "--db", db)
    assert upside_down.exit_code == 1 and "--review-below" in upside_down.stderr
    assert "3 records are not linked" in toll("persons", "--db", db).stderr


def test_export_to_a_path_that_cannot_be_written_is_one_line(toll, db, tmp_path):
    path = tmp_path / "ngo.csv"
    path.write_text(DATED, encoding="utf-8")
    toll("import", path, "--db", db)
    for target in (tmp_path / "no" / "such" / "folder.csv", tmp_path):
        result = toll("export", "records", "--output", target, "--db", db)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: cannot write {target}")


def test_tables_wrap_long_values_and_never_cut_them_off(toll, db, tmp_path):
    path = tmp_path / "a_rather_long_file_name_from_the_ministry_of_the_interior.csv"
    path.write_text(
        "Full name,Place of death\nAbdurrahmanoglu-Garabaghli Ali,Khojaly\n", encoding="utf-8"
    )
    toll("import", path, "--db", db)
    toll("link", "--db", db)
    for command in (["persons"], ["person", "P-00001"]):
        shown = toll(*command, "--db", db)
        assert shown.exit_code == 0 and "…" not in shown.stdout, shown.stdout


def test_views_of_personal_data_are_in_the_audit_trail(toll, db, tmp_path, store):
    from sqlalchemy import select

    from toll.model import AuditEvent

    linked_store(toll, db, tmp_path)
    toll("person", "P-00001", "--db", db)
    toll("export", "records", "--db", db)
    toll("link", "--full", "--threshold", "0.9999", "--review-below", "0.0001", "--db", db)
    toll("review", "--db", db)
    with store.session() as session:
        viewed = AuditEvent.action.in_(["view", "export"])
        events = session.scalars(select(AuditEvent).where(viewed))
        seen = {(e.action, e.entity, e.actor) for e in events}
    assert seen == {
        ("view", "persons", "tester"),
        ("export", "records", "tester"),
        ("view", "candidate_pairs", "tester"),
    }


def test_different_takes_along_the_records_that_match_the_second_better(toll, db, tmp_path):
    families = write_az(tmp_path / "families.csv", range(0, 8))
    # The families' Məmmədov has no birth year: the NGO's two records match each other better.
    families.write_text(families.read_text("utf-8").replace(",1961,", ",,", 1), "utf-8")
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5])
    write_en(tmp_path / "ngo2.csv", [0, 1])  # the NGO's records again, spelled the same
    for name in ("families.csv", "ngo.csv"):
        toll("import", tmp_path / name, "--db", db)
    toll("import", tmp_path / "ngo2.csv", "--new-list", "--db", db)  # its rows equal ngo.csv's
    # So few records say little (a name shared by two of twelve persons counts for less):
    # a lower threshold joins the three records as one person to begin with.
    toll("link", "--threshold", "0.7", "--review-below", "0.5", "--db", db)
    rows = list(csv.DictReader(io.StringIO(toll("export", "records", "--db", db).stdout)))
    first = {r["source_file"]: r for r in rows if r["row"] == "1"}
    assert len({r["person_id"] for r in first.values()}) == 1, "one person to begin with"
    az, en, en_again = (first[f]["record_id"] for f in ("families.csv", "ngo.csv", "ngo2.csv"))
    toll("decide", az, en, "different", "--db", db)
    after = {
        r["record_id"]: r["person_id"]
        for r in csv.DictReader(io.StringIO(toll("export", "records", "--db", db).stdout))
    }
    assert after[en_again] == after[en] != after[az]


def test_name_search_finds_words_and_close_spellings_in_any_script(toll, db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "Фамилия,Имя,Год рождения\n"
        "Лордкипанидзе,Марине,1932\nПетросян,Анаит,1970\nХалилов,Рауф,1980\nАлиев,Вугар,1975\n",
        encoding="utf-8",
    )
    toll("import", path, "--db", db)
    toll("link", "--db", db)

    def names(query: str) -> set[str]:
        result = toll("persons", "--name", query, "--db", db, "--json")
        return {p["name"] for p in json.loads(result.stdout)}

    assert names("Ali") == {"Алиев Вугар"}, "a word of the name, not any letters inside it"
    assert names("ლორთქიფანიძე") == {"Лордкипанидзе Марине"}
    assert names("პეტროსიანი") == {"Петросян Анаит"}
    shown = toll("persons", "--name", "Petrosiani", "--db", db)
    assert "similar spellings" in shown.stderr
    assert names("Zakharov") == set()


def test_a_mistyped_store_is_an_error_not_a_new_empty_store(toll, tmp_path):
    typo = tmp_path / "registr.db"
    for command in (
        ("persons",),
        ("persons", "--json"),
        ("person", "P-00001"),
        ("review",),
        ("decisions",),
        ("decide", "1", "2", "same"),
        ("export", "records"),
        ("link",),
        ("db", "info"),
        ("claims",),
        ("claim", "history", "1"),
        ("figures",),
        ("source", "list"),
        ("source", "show", "1"),
        ("estimates",),
        ("estimate",),
        ("user", "list"),
    ):
        result = toll(*command, "--db", typo)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(f"Error: no store at {typo}"), (command, result.stderr)
        assert not typo.exists(), f"toll {' '.join(command)} created a store"


def test_a_store_that_cannot_be_opened_is_one_line(toll, tmp_path):
    not_a_store = tmp_path / "list.csv"
    not_a_store.write_text(DATED, encoding="utf-8")
    cases = {
        str(not_a_store): "not a Toll store",
        str(tmp_path): "it is a folder",
        "bogus://somewhere/toll": "does not know the kind of database 'bogus'",
        "postgresql+psycopg://nobody@127.0.0.1:1/toll": "database server is running",
    }
    for db, reason in cases.items():
        result = toll("persons", "--db", db)
        assert result.exit_code == 1, db
        assert result.stderr.startswith("Error: cannot open database") and reason in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_review_table_names_each_records_file_and_row(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    toll("link", "--full", "--threshold", "0.9999", "--review-below", "0.0001", "--db", db)
    pairs = json.loads(toll("review", "--db", db, "--json").stdout)
    assert pairs
    shown = run_toll("review", "--db", db, env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.stderr
    for pair in pairs:
        for side in "ab":
            assert f"{pair[f'record_{side}']}: " in shown.stdout
            assert f"{pair[f'source_{side}']} row {pair[f'row_{side}']}" in shown.stdout


def test_the_progress_bar_of_a_second_link_ends_at_100_percent(toll, db, tmp_path):
    write_az(tmp_path / "families.csv", range(0, 8))
    write_ru(tmp_path / "ministry.csv", range(2, 10))
    for name in ("families.csv", "ministry.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5])
    assert toll("import", tmp_path / "ngo.csv", "--db", db).exit_code == 0
    for how in (("--incremental",), ("--full",)):  # new records alone; then all of them
        linked = run_toll("link", *how, "--db", db)
        assert linked.exit_code == 0, linked.stderr
        last = linked.stderr.strip().splitlines()[-1]
        assert "Linking: done" in last and "100%" in last, linked.stderr


def test_a_search_that_finds_nobody_says_so(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    result = run_toll("persons", "--name", "Zzzyxqw", "--place", "Atlantis", "--db", db)
    assert result.exit_code == 0
    assert "No person matches these conditions." in result.stderr
    assert json.loads(toll("persons", "--name", "Zzzyxqw", "--db", db, "--json").stdout) == []


def test_a_copy_under_another_name_says_which_file_it_repeats(toll, db, tmp_path):
    original = tmp_path / "ngo.csv"
    original.write_text(DATED, encoding="utf-8")
    copy = tmp_path / "ngo (final).csv"
    copy.write_bytes(original.read_bytes())
    assert toll("import", original, "--db", db).exit_code == 0
    again = toll("import", copy, "--db", db)
    assert again.exit_code == 0
    assert " ".join(again.stdout.split()) == (
        "ngo (final).csv (the same bytes as ngo.csv) was already imported as source 1 "
        "(3 records); nothing changed."
    )
    assert toll("import", original, "--db", db).stdout.startswith("ngo.csv was already imported")


def test_link_counts_read_as_english_for_one_record(toll, db, tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("Full name,Sex\nAli Mamedov,m\n", encoding="utf-8")
    assert toll("import", path, "--db", db).exit_code == 0
    first = " ".join(toll("link", "--db", db).stdout.split())
    assert first.startswith("1 record → 1 person (1 new); 0 pairs to review"), first
    again = " ".join(toll("link", "--db", db).stdout.split())
    assert again.startswith("Nothing new to link: 1 record in the register (1 person;"), again


def test_interactive_review_goes_on_after_a_refused_decision(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    toll("link", "--full", "--threshold", "0.9999", "--review-below", "0.0001", "--db", db)
    queue = json.loads(toll("review", "--db", db, "--json").stdout)
    first = queue[0]
    a, b = first["record_a"], first["record_b"]
    third = next(r for p in queue for r in (p["record_a"], p["record_b"]) if r not in (a, b))
    # a is the third record's person, b is not: "same" for the pair is refused.
    assert toll("decide", a, third, "same", "--db", db).exit_code == 0
    assert toll("decide", third, b, "different", "--db", db).exit_code == 0
    queue = json.loads(toll("review", "--db", db, "--json").stdout)
    position = next(i for i, p in enumerate(queue) if {p["record_a"], p["record_b"]} == {a, b})
    shown = toll("review", "-i", "--db", db, input="k\n" * position + "s\nq\n")
    assert shown.exit_code == 0, shown.stderr
    assert "Not decided:" in shown.stderr and "cannot be one person" in shown.stderr
    # The review goes on to the next pair (if any) after the refusal.
    assert shown.stdout.count("quit (q)") == min(position + 2, len(queue))


def test_ages_that_cannot_be_are_errors_not_empty_results(toll, db, tmp_path):
    linked_store(toll, db, tmp_path)
    upside_down = toll("persons", "--age-min", "50", "--age-max", "10", "--db", db)
    assert upside_down.exit_code == 1 and "--age-min 50 is above --age-max 10" in upside_down.stderr
    assert toll("persons", "--age-min", "-5", "--db", db).exit_code == 2


def test_an_empty_file_reads_the_same_in_a_dry_run_and_an_import(toll, db, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b" \n")
    expected = "Error: empty.csv: the file is empty; there is no list to import\n"
    assert toll("import", empty, "--dry-run", "--db", db).stderr == expected
    assert toll("import", empty, "--db", db).stderr == expected
