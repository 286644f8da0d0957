"""`toll extract` chooses the language as `toll source add` does and says which it used
(issue 19, item 3); --language still decides."""

import json

RUSSIAN = "По данным министерства, в результате обстрела погибли 12 мирных жителей.\n"
AZERBAIJANI = "Nazirliyin məlumatına görə, 12 nəfər həlak olub.\n"


def test_extract_says_it_read_a_russian_text_as_russian(toll, tmp_path):
    path = tmp_path / "заявление.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    found = toll("extract", path, "--json")
    assert found.exit_code == 0, found.stderr
    assert [(f["value"], f["category"]) for f in json.loads(found.stdout)] == [(12, "killed")]
    assert found.stderr.startswith("language: ru (detected from the text's script")
    table = toll("extract", path)
    assert "language: ru" in table.stderr and "12 мирных жителей" in table.stdout


def test_language_still_overrides_the_detection(toll, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    forced = toll("extract", path, "--language", "en", "--json")
    assert forced.exit_code == 0
    assert forced.stderr.startswith("language: en (--language)")
    assert "мирных жителей" not in " ".join(f["text"] for f in json.loads(forced.stdout))


def test_a_language_without_rules_is_named_and_the_document_still_kept(toll, db, tmp_path):
    path = tmp_path / "bəyanat.txt"
    path.write_text(AZERBAIJANI, encoding="utf-8")
    read = toll("extract", path, "--json")
    assert read.exit_code == 0
    assert "the text reads as az, for which Toll has no extraction rules" in read.stderr
    added = toll("source", "add", path, "--db", db, "--json")
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout)["language"] == "az"
