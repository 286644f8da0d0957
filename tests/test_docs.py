"""The documentation stays true: every command it lists exists and explains itself."""

import re
import shlex

import pytest

from toll_testing import REPO, invoke_toll

CLI_REFERENCE = REPO / "docs" / "reference" / "cli.md"


def documented_commands() -> list[list[str]]:
    commands = []
    for line in CLI_REFERENCE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `toll ([a-z ]+?)(?: [A-Z].*?)?` \|", line)
        if match:
            commands.append(match.group(1).split())
    return commands


def test_the_reference_lists_commands():
    assert len(documented_commands()) > 20


@pytest.mark.parametrize("command", documented_commands(), ids=" ".join)
def test_every_documented_command_has_help(command):
    result = invoke_toll(*command, "--help")
    assert result.exit_code == 0, f"toll {' '.join(command)}: {result.stderr}"
    assert "Usage" in result.stdout


def test_readme_starts_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(.*?)\n```", readme, flags=re.S)
    assert "toll demo" in blocks[0] and "pytest" in blocks[1]


def help_paragraphs(text: str) -> list[list[str]]:
    """The description in `--help`: lines between "Usage" and the first panel, by paragraph."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Usage:" in line) + 1
    body = []
    for line in lines[start:]:
        if line.lstrip().startswith("╭"):
            break
        body.append(line.strip())
    paragraphs, current = [], []
    for line in body + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    return paragraphs


@pytest.mark.parametrize("command", documented_commands(), ids=" ".join)
def test_help_paragraphs_flow_as_text(command):
    """A docstring's line breaks must not show as ragged lines in `--help`."""
    result = invoke_toll(*command, "--help")
    for paragraph in help_paragraphs(result.stdout):
        for line in paragraph[:-1]:
            assert len(line) > 50, f"toll {' '.join(command)} --help: short line {line!r}"


@pytest.mark.parametrize("command", documented_commands(), ids=" ".join)
def test_every_documented_command_takes_json(command):
    assert "--json" in invoke_toll(*command, "--help").stdout


def session_commands() -> list[list[str]]:
    """The lines of the example session in cli.md, as argument lists."""
    text = CLI_REFERENCE.read_text(encoding="utf-8").split("## A session with lists", 1)[1]
    block = re.search(r"```\n(.*?)\n```", text, flags=re.S).group(1)
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def test_the_session_in_the_cli_reference_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOLL_DATABASE_URL", raising=False)
    outputs = {}
    for command in session_commands():
        assert command[0] == "toll"
        result = invoke_toll(*command[1:])
        assert result.exit_code == 0, f"{' '.join(command)}: {result.stderr}"
        outputs.setdefault(" ".join(command), []).append(result.stdout)
    assert "already imported as source 1" in outputs["toll import lists/list1_ministry.csv"][0]
    assert "Nothing new to link" in outputs["toll link"][1]
    assert (tmp_path / "register.csv").exists()


def test_the_python_api_example_runs_as_written(tmp_path, monkeypatch, capsys):
    """docs/reference/python-api.md: every stage used from Python, as a notebook user would."""
    text = (REPO / "docs" / "reference" / "python-api.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)\n```", text, flags=re.S)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tempfile.mkdtemp", lambda: str(tmp_path))
    exec(compile(code, "python-api.md", "exec"), {})
    shown = capsys.readouterr().out
    assert "'41 civilians' in ombudsman.txt" in shown
    assert "history: ['create', 'update']" in shown
    assert "{'[restricted]'}" in shown
    assert "row" in shown and "list1" in shown
    assert "stored as estimate 1" in shown
