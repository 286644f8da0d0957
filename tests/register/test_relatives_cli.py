"""Siblings killed together stay apart, and the reviewer is told why their pair waits."""

import csv
import itertools
import json


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_siblings_stay_apart_and_their_pairs_say_relatives(toll, db, tmp_path):
    out = tmp_path / "lists"
    assert toll("synth", out, "--persons", "800", "--lists", "3", "--seed", "4").exit_code == 0
    for path in sorted(out.glob("list*.csv")):
        assert toll("import", path, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0
    exported = json.loads(toll("export", "records", "--format", "json", "--db", db).stdout)
    person_of = {(r["source_file"], int(r["row"])): r["person_id"] for r in exported}
    family = {r["person_id"]: r["family"] for r in _read(out / "population.csv")}
    listed = [(r["file"], int(r["row"]), r["person_id"]) for r in _read(out / "truth.csv")]
    sibling_pairs = joined = 0
    for a, b in itertools.combinations(listed, 2):
        if a[2] != b[2] and family[a[2]] == family[b[2]]:
            sibling_pairs += 1
            joined += person_of[a[:2]] == person_of[b[:2]]
    assert sibling_pairs >= 20
    assert joined / sibling_pairs < 0.1, (joined, sibling_pairs)
    queue = json.loads(toll("review", "--limit", "5000", "--db", db, "--json").stdout)
    relatives = [p for p in queue if "relatives" in (p["why"] or "")]
    assert relatives and all(not p["joined"] for p in relatives)
    assert all(p["field_weights"]["relatives"] < 0 for p in relatives)
