"""Tables that fit the terminal (issue 19): at 80 and 60 columns no word is broken in two, and
no column has a blank header."""

import re

import pytest

from documents import STATEMENT
from lists import write_az, write_en, write_ru

# What a table draws around the words: borders, rules and the heads' lines.
FRAME = re.compile(r"[\s│┃┏┓┗┛┡┩┣┫┳┻╇╋━─┼┬┴┌┐└┘├┤╭╮╰╯]+")

LONG = "Office of the Ombudsman of the Autonomous Republic (invented)"
MISSING = """Full name,Sex,Year of birth,Place of death,Status
Rashad Aliyev,male,1970,Northfield,missing
Leyla Karimova,female,1975,Northfield,missing
"""


def words(text: str) -> set[str]:
    return {word for word in FRAME.split(text) if word}


def broken(shown: str, allowed: set[str]) -> set[str]:
    """The words of a rendered table that are not words of its data, headers or title."""
    return words(shown) - allowed


@pytest.fixture
def filled(toll, db, tmp_path):
    statement = tmp_path / "ombudsman_statement_northfield.txt"
    statement.write_text(STATEMENT, encoding="utf-8")
    added = toll("source", "add", statement, "--publisher", LONG, "--db", db)
    assert added.exit_code == 0, added.stderr
    write_az(tmp_path / "families.csv", range(0, 8))
    write_ru(tmp_path / "ministry_of_defence_list.csv", range(2, 10))
    write_en(tmp_path / "ngo.csv", [0, 1, 3, 5])
    (tmp_path / "missing.csv").write_text(MISSING, encoding="utf-8")
    for name in ("families.csv", "ministry_of_defence_list.csv", "ngo.csv", "missing.csv"):
        assert toll("import", tmp_path / name, "--db", db).exit_code == 0
    assert toll("link", "--db", db).exit_code == 0
    assert toll("case", "sync", "--db", db).exit_code == 0
    return db


COMMANDS = [
    ("claims",),
    ("persons",),
    ("source", "list"),
    ("figures",),
    ("case", "list"),
    ("decisions",),
]


@pytest.mark.parametrize("width", [80, 60])
def test_tables_fit_the_terminal_and_break_no_word(toll, filled, width):
    for command in COMMANDS:
        wide = toll(*command, "--db", filled, env={"COLUMNS": "400"})
        assert wide.exit_code == 0, (command, wide.stderr)
        narrow = toll(*command, "--db", filled, env={"COLUMNS": str(width)})
        assert narrow.exit_code == 0, (command, narrow.stderr)
        assert narrow.stdout.strip(), command
        for line in narrow.stdout.splitlines():
            assert len(line.rstrip()) <= width, (command, line)
        # Every word shown narrow is a word of the same table shown on a wide screen.
        assert broken(narrow.stdout, words(wide.stdout)) == set(), command


def test_a_wide_table_keeps_every_word_of_its_data(toll, filled):
    shown = toll("source", "list", "--db", filled, env={"COLUMNS": "60"}).stdout
    assert set(LONG.split()) <= words(shown)
    assert "ombudsman_statement_northfield.txt" in words(shown)


def test_no_table_has_a_blank_header(toll, filled):
    for command in COMMANDS:
        shown = toll(*command, "--db", filled, env={"COLUMNS": "400"}).stdout
        head = next(line for line in shown.splitlines() if line.startswith("┃"))
        assert all(cell.strip() for cell in head.strip("┃").split("┃")), (command, head)


def test_print_table_breaks_no_word_at_any_width(capsys, monkeypatch):
    from toll.cli import output

    rows = [
        (1, "killed", "the Office of the Ombudsman", "extracted", "buildings_damaged"),
        (2, "missing", None, "confirmed", "a rather long note in several words"),
    ]
    columns = ["id", "category", "speaker", "review", "note"]
    allowed = words(" ".join(map(str, (*columns, *(v for row in rows for v in row)))))
    for width in (120, 80, 60, 40, 30):
        monkeypatch.setenv("COLUMNS", str(width))
        output.print_table(rows, columns, title="Claims")
        shown = capsys.readouterr().out
        assert broken(shown, allowed | {"Claims", "–"}) == set(), width
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= width
