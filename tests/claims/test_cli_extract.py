"""`toll extract`: JSON with the issue's keys, a readable table, stdin, clear errors."""

import json

from toll.claims.figure import KEYS


def test_json_output_offsets_point_into_the_file(toll, tmp_path):
    text = "\ufeffThe strike killed 613 people, including 106 women.\n"
    path = tmp_path / "statement.txt"
    path.write_text(text, encoding="utf-8")
    result = toll("extract", path, "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    decoded = text.lstrip("\ufeff")
    assert [tuple(f) for f in figures] == [KEYS, KEYS]
    assert [decoded[f["start"]:f["end"]] for f in figures] == ["613 people", "106 women"]
    assert figures[1]["part_of"] == 0


def test_table_and_stdin(toll):
    result = toll("extract", "-", "--speaker", "Ministry", input="Shelling killed 7 civilians.")
    assert result.exit_code == 0
    assert "7 civilians" in result.stdout and "killed" in result.stdout


def test_unknown_language_is_a_clear_error(toll, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("killed 5 people", encoding="utf-8")
    result = toll("extract", path, "--language", "xx")
    assert result.exit_code == 1 and "language 'xx'" in result.stderr


def test_missing_file_is_a_clear_error(toll, tmp_path):
    result = toll("extract", tmp_path / "nope.txt")
    assert result.exit_code == 1 and "no such file" in result.stderr
