"""`toll reconcile`: every source's figure per incident, the spread, register and estimate."""

import json

import pytest
from sqlalchemy import select

from toll.errors import TollError
from toll.figures import reconcile
from toll.incidents import attach
from toll.model import Claim, Estimate, Person, Record
from toll.sources import SourceMetadata
from toll.sources.store import store_original

from .conftest import add_statements


def _group(account, category, subgroup=None):
    return next(g for g in account.groups if (g.category, g.subgroup) == (category, subgroup))


def test_every_sources_figure_side_by_side_with_the_spread_and_the_claims_behind_it(marlow):
    store, incident_id = marlow
    with store.session() as session:
        (account,) = reconcile(session, "Марлоу")
        killed = _group(account, "killed")
        ids = {f.value: f.claim_id for f in killed.figures}
    assert sorted(ids) == [85, 120, 150] and killed.sources == 3
    assert (killed.low.value, killed.low.claims) == (85, [ids[85]])
    assert (killed.high.value, killed.high.claims) == (150, [ids[150]])
    assert (killed.median.value, killed.median.claims) == (120, [ids[120]])
    assert {f.qualifier for f in killed.figures} == {"exact", "at_least"}
    assert any(f.speaker == "the ombudsman" for f in killed.figures)
    assert any("count civilians only" in note for note in killed.notes)
    assert any("lower bounds" in note for note in killed.notes)
    assert _group(account, "killed", "women").figures[0].value == 30


def _persons(session, rows):
    """Records attached by hand, each its own person: (sex, age, status)."""
    source = store_original(
        session, b"register rows", "register.csv", "text/csv", None, SourceMetadata(kind="list")
    ).source
    ids = []
    for number, (sex, age, status) in enumerate(rows, start=1):
        person = Person(label=f"P-{number:05d}")
        session.add(person)
        session.flush()
        record = Record(
            source_id=source.id,
            row_number=number,
            original={},
            sex=sex,
            age=age,
            status=status,
            person_id=person.id,
        )
        session.add(record)
        session.flush()
        ids.append(record.id)
    return ids


def test_the_register_count_names_its_persons_and_the_estimate_its_interval(marlow):
    store, incident_id = marlow
    with store.session() as session:
        records = _persons(
            session,
            [
                ("female", 34, "killed"),
                ("male", 8, "killed"),
                ("male", 50, "killed"),
                ("female", 60, "missing"),
            ],
        )
        attach(session, incident_id, records=records)
        estimate = Estimate(
            label="Marlow lists",
            stratum={"by": []},
            table={},
            settings={},
            toll_version="test",
            result={
                "observed": 3,
                "methods": [
                    {"name": "loglinear-bic", "estimate": 141.0, "low": 120.0, "high": 190.0}
                ],
            },
        )
        session.add(estimate)
        session.flush()
        with pytest.raises(TollError, match="--category"):
            attach(session, incident_id, estimate=estimate.id)
        attach(session, incident_id, estimate=estimate.id, category="killed")
        (account,) = reconcile(session, incident_id)
    killed = _group(account, "killed")
    assert killed.register == {"count": 3, "persons": ["P-00001", "P-00002", "P-00003"]}
    assert _group(account, "killed", "women").register == {"count": 1, "persons": ["P-00001"]}
    assert _group(account, "killed", "children").register["persons"] == ["P-00002"]
    assert _group(account, "missing").register["count"] == 1
    assert killed.estimate["estimate_id"] == estimate.id
    assert killed.estimate["methods"] == [
        {"name": "loglinear-bic", "estimate": 141.0, "low": 120.0, "high": 190.0}
    ]
    assert _group(account, "killed", "women").estimate is None


def test_a_speakers_later_figure_supersedes_the_earlier_one(store, tmp_path):
    from toll.incidents import add_incident, attach_automatically

    with store.session() as session:
        add_statements(session, tmp_path, ["ombudsman.txt"])
        path = tmp_path / "earlier.txt"
        path.write_text(
            "On 4 April 2021, 60 people were killed in Marlow, the ombudsman said.",
            encoding="utf-8",
        )
        from toll.sources.statements import add_statement

        add_statement(
            session,
            path,
            SourceMetadata(publisher="Ombudsman", speaker="the ombudsman", published="2021-04-05"),
        )
        add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        attach_automatically(session)
        (account,) = reconcile(session, "Marlow")
        killed = _group(account, "killed")
        old = next(f.claim_id for f in killed.figures if f.value == 60)
        new = next(f.claim_id for f in killed.figures if f.value == 120)
    assert killed.superseded == {old: new}
    assert killed.low.value == killed.high.value == 120  # the earlier figure is shown, not counted
    assert any(note.startswith("superseded: claim") for note in killed.notes)


def test_a_figure_part_of_another_in_the_same_group_is_left_out_of_the_spread(marlow):
    store, incident_id = marlow
    with store.session() as session:
        whole = session.scalar(select(Claim).where(Claim.value == 150))
        part = session.scalar(select(Claim).where(Claim.value == 85))
        part.part_of_id = whole.id
        (account,) = reconcile(session, incident_id)
    killed = _group(account, "killed")
    assert killed.low.value == 120
    assert any(f"claim {part.id} (85) is part of claim {whole.id}" in n for n in killed.notes)


def test_cli_reconcile_json_and_table(toll, marlow):
    store, incident_id = marlow
    db = store.url
    result = toll("reconcile", "--incident", "Marlow", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    (account,) = json.loads(result.stdout)
    killed = next(g for g in account["groups"] if g["category"] == "killed" and not g["subgroup"])
    assert killed["low"]["value"] == 85 and len(killed["low"]["claims"]) == 1
    table = toll("reconcile", "--db", db)
    assert table.exit_code == 0 and "across sources: low 85 · median 120 · high 150" in table.stdout


def test_soldiers_are_counted_apart_and_an_open_figure_leaves_the_high_open(store, tmp_path):
    from toll.incidents import add_incident, attach_automatically
    from toll.sources.statements import add_statement

    path = tmp_path / "wire.txt"
    path.write_text(
        "On 4 April 2021 more than 300 people were injured in Marlow and 2 soldiers were "
        "killed in Marlow, officials said.",
        encoding="utf-8",
    )
    with store.session() as session:
        add_statements(session, tmp_path, ["monitor.txt"])
        add_statement(session, path, SourceMetadata(publisher="Wire", published="2021-04-05"))
        add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        attach_automatically(session)
        (account,) = reconcile(session, "Marlow")
    assert [f.value for f in _group(account, "killed").figures] == [85]
    assert [f.value for f in _group(account, "killed", "combatants").figures] == [2]
    injured = _group(account, "injured")
    assert (injured.high.value, injured.high.open) == (300, True)
