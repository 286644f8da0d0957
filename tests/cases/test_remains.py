"""Remains: import with the list importer's rules, matching explained per field, identification."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from toll.cases import CaseDetails, open_case, show_case, transition_case
from toll.errors import TollError
from toll.model import AuditEvent, Person, Remains, Source
from toll.remains import identify, import_remains, match_remains
from toll.sources.store import SourceMetadata

REMAINS = (
    "Lab reference,Date found,Place found,Sex,Estimated age,Stature,Distinguishing marks,"
    "Personal effects\n"
    "BK-771,21.08.2019,Xocalı,male,12-16,150-160,scar left forearm,blue sweater\n"
    "BK-772,22.08.2019,Ağdam,female,60-75,,,wedding ring\n"
    "BK-773,23.08.2019,Xocalı,male,30-40,175,,\n"
)


@pytest.fixture
def cases(register):
    """Open cases for P-00001 (a boy of 14), P-00002 (a woman of 34), P-00004 (70)."""
    with register.session() as session:
        for person, place, marks in (
            ("P-00001", "Xocalı", "scar on the left forearm"),
            ("P-00002", "Xocalı", None),
            ("P-00004", "Ağdam", None),
        ):
            view = open_case(
                session,
                person,
                CaseDetails(
                    reported_on=date(1993, 3, 2),
                    last_seen="26.02.1992",
                    last_seen_place=place,
                    marks=marks,
                ),
            )
            transition_case(
                session, view.case_id, "fate_unknown", on=date(1994, 5, 10), source_id=2
            )
    return register


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_remains_are_imported_once_and_kept_as_a_source(cases, tmp_path):
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    with cases.session() as session:
        first = import_remains(session, path, SourceMetadata(publisher="Forensic institute"))
    with cases.session() as session:
        again = import_remains(session, path, SourceMetadata())
        stored = session.scalars(select(Remains).order_by(Remains.id)).all()
        assert session.get(Source, first.source_id).kind == "remains"
    assert (first.created, first.remains, again.created) == (True, 3, False)
    assert [(r.label, r.lab_reference, r.sex, r.age_low, r.age_high) for r in stored] == [
        ("R-00001", "BK-771", "male", 12, 16),
        ("R-00002", "BK-772", "female", 60, 75),
        ("R-00003", "BK-773", "male", 30, 40),
    ]
    assert (stored[0].stature_low, stored[0].stature_high) == (150, 160)
    assert stored[0].found_earliest == date(2019, 8, 21)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Colour,Weight\nred,12\n", "no column of lab references among the headers 'Colour'"),
        ("Lab ref,Sex\nBK-1,male\nBK-1,female\n", 'rows 1 and 2: the same lab reference "BK-1"'),
        ("Lab ref,Sex\nBK-1,male\n,female\n", 'row 2, column "Lab ref": no lab reference'),
        ("Lab ref,Sex\n", "only a header row"),
        ("", "the file is empty"),
    ],
)
def test_a_malformed_remains_file_is_refused_and_changes_nothing(
    cases, tmp_path, db, toll, content, message
):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with cases.session() as session:
        before = (count(session, Remains), count(session, Source), count(session, AuditEvent))
    result = toll("remains", "import", path, "--db", db)
    assert result.exit_code == 1
    assert message in result.stderr and "bad.csv" in result.stderr
    with cases.session() as session:
        after = (count(session, Remains), count(session, Source), count(session, AuditEvent))
    assert after == before


def test_a_value_not_understood_is_kept_with_a_warning(cases, tmp_path):
    path = tmp_path / "pm.csv"
    path.write_text("Lab ref,Stature,Sex\nBK-9,tall,?x\n", encoding="utf-8")
    with cases.session() as session:
        result = import_remains(session, path, SourceMetadata())
    assert any(
        'row 1, column "Stature": "tall" not read as a stature' in w for w in result.warnings
    )
    assert any('column "Sex"' in w for w in result.warnings)


def test_matching_ranks_the_right_case_first_and_explains_each_field(cases, tmp_path, db, toll):
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    assert toll("remains", "import", path, "--db", db).exit_code == 0
    with cases.session() as session:
        boy = match_remains(session, "BK-771")
        woman = match_remains(session, "R-2")
    assert [c.case_id for c in boy["candidates"]][0] == "C-00001"
    fields = {f["field"]: f for f in boy["candidates"][0].fields}
    assert fields["sex"]["weight"] > 0 and fields["age"]["weight"] > 0
    assert fields["age"]["case"] == 14 and fields["age"]["remains"] == "12–16"
    assert fields["place"]["weight"] == 4.0
    assert fields["marks"]["weight"] > 0
    assert fields["shared words"]["marks"] == ["forearm", "left", "scar"]
    scores = [c.score for c in boy["candidates"]]
    assert scores == sorted(scores, reverse=True)
    assert woman["candidates"][0].case_id == "C-00003"  # the woman of 70 last seen in Ağdam
    shown = json.loads(
        toll("remains", "match", "BK-771", "--top", "2", "--db", db, "--json").stdout
    )
    assert len(shown["candidates"]) == 2 and shown["open_cases"] == 3


def test_identification_moves_the_case_records_the_fate_and_keeps_both_in_history(
    cases, tmp_path, db, toll
):
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    toll("remains", "import", path, "--db", db)
    result = toll(
        "remains",
        "identify",
        "BK-771",
        "C-00001",
        "--source",
        "3",
        "--on",
        "2019-10-01",
        "--db",
        db,
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    assert [(t["to_status"], t["on"], t["remains"]) for t in view["transitions"][-2:]] == [
        ("remains_recovered", "2019-08-21", "R-00001"),
        ("identified", "2019-10-01", "R-00001"),
    ]
    assert "BK-771" in view["outcome"]
    with cases.session() as session:
        person = session.scalar(select(Person).where(Person.label == "P-00001"))
        assert person.fate == "dead"
        fate_change = session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity == "persons",
                AuditEvent.entity_id == person.id,
                AuditEvent.action == "update",
            )
        ).all()
        assert fate_change[-1].after == {"fate": "dead"}
        assert session.scalar(select(Remains).where(Remains.lab_reference == "BK-771")).case_id
        # identified cases are no longer open: they leave the matching
        assert "C-00001" not in [c.case_id for c in match_remains(session, "BK-773")["candidates"]]
        with pytest.raises(TollError, match="already identified") as refused:
            identify(session, "BK-771", "C-00002", source_id=3)
        assert "`toll remains unidentify R-00001 --reason" in str(refused.value)


def test_identifying_a_case_not_yet_searched_is_refused_with_exit_2(cases, tmp_path, db, toll):
    with cases.session() as session:
        open_case(session, "P-00003", CaseDetails(reported_on=date(1993, 3, 2)))
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    toll("remains", "import", path, "--db", db)
    result = toll("remains", "identify", "BK-773", "C-00004", "--source", "3", "--db", db)
    assert result.exit_code == 2
    assert "move it to fate_unknown first" in result.stderr
    with cases.session() as session:
        assert show_case(session, "C-00004").status == "reported"
        assert (
            session.scalar(select(Remains).where(Remains.lab_reference == "BK-773")).case_id is None
        )


def test_remains_added_by_hand(cases, db, toll):
    result = toll(
        "remains",
        "add",
        "--lab-ref",
        "BK-800",
        "--sex",
        "f",
        "--age",
        "30-40",
        "--found",
        "2020",
        "--db",
        db,
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["remains_id"] == "R-00001"
    bad = toll("remains", "add", "--lab-ref", "BK-801", "--stature", "tall", "--db", db)
    assert bad.exit_code == 1 and "--stature 'tall'" in bad.stderr
    again = toll("remains", "add", "--lab-ref", "BK-800", "--db", db)
    assert again.exit_code == 1 and "already in the store" in again.stderr


def test_a_mistaken_identification_is_retracted_with_its_reason_nothing_deleted(
    cases, tmp_path, db, toll
):
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    toll("remains", "import", path, "--db", db)
    toll(
        "remains",
        "identify",
        "BK-771",
        "C-00001",
        "--source",
        "3",
        "--on",
        "2019-10-01",
        "--db",
        db,
    )
    result = toll(
        "remains",
        "unidentify",
        "R-00001",
        "--reason",
        "DNA re-test excluded him",
        "--on",
        "2020-01-15",
        "--db",
        db,
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    assert view["status"] == "fate_unknown" and view["outcome"] is None
    assert [(t["to_status"], t["on"]) for t in view["transitions"][-3:]] == [
        ("remains_recovered", "2019-08-21"),
        ("identified", "2019-10-01"),
        ("fate_unknown", "2020-01-15"),
    ]
    last = view["transitions"][-1]
    assert last["reopened"] and "DNA re-test excluded him" in last["note"]
    assert last["remains"] == "R-00001" and last["by"] == "tester"
    with cases.session() as session:
        from toll.model import Identification

        person = session.scalar(select(Person).where(Person.label == "P-00001"))
        assert person.fate is None
        [row] = session.scalars(select(Identification)).all()
        assert row.retracted_by == "tester" and row.retracted_at is not None
        assert row.retraction_reason == "DNA re-test excluded him" and row.source_id == 3
        assert session.scalar(select(Remains).where(Remains.label == "R-00001")).case_id is None
        # the case is open again: matched again, and the remains may be identified anew
        assert "C-00001" in [c.case_id for c in match_remains(session, "BK-771")["candidates"]]
        with pytest.raises(TollError, match="are not identified"):
            from toll.remains import unidentify

            unidentify(session, "R-00001", reason="again")
    again = toll("remains", "identify", "BK-771", "C-00002", "--source", "3", "--db", db)
    assert again.exit_code == 0, again.stderr


def test_retracting_an_identification_needs_a_reason(cases, tmp_path, db, toll):
    path = tmp_path / "exhumation.csv"
    path.write_text(REMAINS, encoding="utf-8")
    toll("remains", "import", path, "--db", db)
    toll("remains", "identify", "BK-771", "C-00001", "--source", "3", "--db", db)
    result = toll("remains", "unidentify", "R-00001", "--reason", " ", "--db", db)
    assert result.exit_code == 1 and "needs its reason" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with cases.session() as session:
        assert show_case(session, "C-00001").status == "identified"
