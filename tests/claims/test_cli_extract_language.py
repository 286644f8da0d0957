"""`toll extract` reads the language from the text's script, as `toll source add` does
(issue 19, item 3): a Russian statement needs no --language."""

import json


def test_a_russian_text_is_read_as_russian_without_language(toll, tmp_path):
    path = tmp_path / "заявление.txt"
    path.write_text("В результате обстрела погибли 12 мирных жителей.\n", encoding="utf-8")
    result = toll("extract", path, "--json")
    assert result.exit_code == 0, result.stderr
    assert [(f["value"], f["category"]) for f in json.loads(result.stdout)] == [(12, "killed")]
