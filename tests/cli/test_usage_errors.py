"""A mistyped command, option or value (issue 19): one line naming the command, the option and
why, with what to do; exit code 2; no box; with --json, JSON."""

import json

import pytest

from toll_testing import run_toll

BOX = set("╭╮╰╯│─")

CASES = [
    (("estimate", "--method", "nonsense"), "--method", "unknown method 'nonsense'"),
    (("persons", "--limit", "abc"), "--limit", "'--limit'"),
    (("import", "list.csv", "--limt", "5"), "--limt", "no such option: --limt"),
    (("import",), "FILE", "missing argument"),
    (("imprt", "list.csv"), None, "no such command 'imprt' (did you mean 'import'?)"),
]


@pytest.mark.parametrize(("args", "where", "why"), CASES)
def test_a_usage_error_is_one_line_with_exit_code_2(tmp_path, args, where, why):
    result = run_toll(*args, "--db", tmp_path / "t.db", cwd=tmp_path)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and not BOX & set(lines[0]), result.stderr
    command = "toll " + args[0] if args[0] != "imprt" else "toll"
    assert lines[0].startswith(f"Error: {command}: "), lines[0]
    assert why in lines[0] and f"see `{command} --help`" in lines[0]
    assert result.stdout == ""
    assert not (tmp_path / "t.db").exists()  # nothing was written


@pytest.mark.parametrize(("args", "where", "why"), CASES[:4])
def test_with_json_a_usage_error_is_json(tmp_path, args, where, why):
    result = run_toll(*args, "--db", tmp_path / "t.db", "--json", cwd=tmp_path)
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["where"] == where and why in error["error"]
    assert result.stderr == ""


def test_help_and_a_group_alone_still_show_help(tmp_path):
    shown = run_toll("--help")
    assert shown.exit_code == 0 and "Usage: toll" in shown.stdout
    group = run_toll("source", "--help")
    assert group.exit_code == 0 and "retract" in group.stdout
