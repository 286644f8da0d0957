"""`toll demo` on a fresh store: it builds, says what it holds, and its suggestions work."""

import json


def test_demo_explains_itself_and_its_suggestions_work(toll, tmp_path):
    db = tmp_path / "demo.db"
    result = toll("demo", "--db", db, "--persons", "200")
    assert result.exit_code == 0, result.stderr
    assert "persons after linking (truth:" in result.stdout
    assert "Victims in all, listed or not (truth: 200)" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"], "the build leaves no litter"
    suggested = [line.split() for line in result.stdout.splitlines() if "  toll " in line]
    assert len(suggested) >= 4
    for command in suggested:
        run = toll(*command[1:], "--json")
        assert run.exit_code == 0, f"{' '.join(command)}: {run.stderr}"
    found = json.loads(toll("persons", "--name", "Мамедов", "--db", db, "--json").stdout)
    assert found, "the demo's example search finds someone"
