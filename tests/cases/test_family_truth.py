"""On a synthetic register with households, the family figures are exactly the true ones after
linking two lists that number their households each their own way."""

import json

import pytest
from sqlalchemy import select

from toll.model import Person, Record, Source
from toll.synth import SynthSettings, write_lists

SETTINGS = SynthSettings(persons=300, lists=2, seed=5, households=True, missing_rate=0.0)


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    folder = tmp_path_factory.mktemp("households")
    return folder, write_lists(folder, SETTINGS)


def test_the_truth_file_holds_the_family_figures(lists):
    folder, result = lists
    truth = json.loads((folder / "families.json").read_text(encoding="utf-8"))
    assert truth == json.loads(json.dumps(result.families))
    assert truth["families_wiped_out"]["count"] > 3
    assert truth["children_lost_one_parent"]["count"] > 3
    assert truth["children_lost_both_parents"]["count"] > 0
    # each list numbers its households its own way: no household number is shared
    numbers = [set(frame.iloc[:, -2]) for frame in result.lists.values()]
    assert not numbers[0] & numbers[1]


def test_family_figures_are_exactly_right_after_linkage(lists, store, db, toll):
    folder, result = lists
    for frame_name in result.lists:
        imported = toll("import", folder / f"{frame_name}.csv", "--db", db)
        assert imported.exit_code == 0, imported.stderr
    assert toll("link", "--db", db).exit_code == 0
    shown = toll("figures", "families", "--db", db, "--json")
    assert shown.exit_code == 0, shown.stderr
    found = json.loads(shown.stdout)
    true = result.families
    who = true_persons(store, result.truth)
    for figure in ("children_lost_one_parent", "children_lost_both_parents"):
        assert found[figure]["count"] == true[figure]["count"], figure
        assert sorted(who[p["person_id"]] for p in found[figure]["persons"]) == sorted(
            true[figure]["persons"]
        )
    assert found["families_wiped_out"]["count"] == true["families_wiped_out"]["count"]
    wiped = sorted(
        sorted(who[m["person_id"]] for m in f["members"])
        for f in found["families_wiped_out"]["families"]
    )
    assert wiped == sorted(true["families_wiped_out"]["families"])
    assert found["families"] == true["families"]


def true_persons(store, truth) -> dict[str, int]:
    """Toll's person label -> the synthetic person its records are (truth.csv)."""
    rows = zip(truth["file"], truth["row"], truth["person_id"], strict=True)
    true = {(f, int(r)): int(p) for f, r, p in rows}
    with store.session() as session:
        rows = session.execute(
            select(Person.label, Source.file_name, Record.row_number)
            .join(Record, Record.person_id == Person.id)
            .join(Source, Source.id == Record.source_id)
        ).all()
    return {label: true[(file, row)] for label, file, row in rows}
