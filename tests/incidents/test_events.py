"""`toll import-events`: UCDP GED and ACLED exports as sources, each row an incident."""

import json

import pytest
from sqlalchemy import func, select

from toll.errors import TollError
from toll.figures import reconcile
from toll.incidents import add_incident, find_incidents, import_events
from toll.model import Claim, Incident, Original, Source

from .event_files import ACLED_COLUMNS, GED_COLUMNS, acled_row, ged_row, write


def _ged(tmp_path, name="ged.csv", rows=None):
    rows = rows or [
        ged_row(9001, "Marlow", "2021-04-04", 110, 96, 131, civilians=90),
        ged_row(9002, "Dunmore", "2021-04-10", 3, 3, 3),
    ]
    return write(tmp_path / name, GED_COLUMNS, rows)


def test_each_ged_row_becomes_an_incident_with_its_figures_and_provenance(store, tmp_path):
    path = _ged(tmp_path)
    with store.session() as session:
        result = import_events(session, path)
    assert (result.format, result.rows, result.incidents_created, result.claims) == (
        "ucdp-ged",
        2,
        2,
        3,
    )
    with store.session() as session:
        (marlow,) = find_incidents(session, "Marlow")
        assert marlow.source == {"source_id": result.source_id, "row": 1, "event_id": "9001"}
        assert marlow.latitude == 48.1 and marlow.date_earliest.isoformat() == "2021-04-04"
        (account,) = reconcile(session, marlow.id)
        figure, civilians = account.groups[0].figures
        assert (figure.value, figure.low, figure.high, figure.qualifier) == (110, 96, 131, "range")
        assert (civilians.value, civilians.part_of) == (90, figure.claim_id)
        assert figure.provenance == {
            "file": "ged.csv",
            "sha256": result.sha256,
            "row": 1,
            "event_id": "9001",
        }
        assert account.groups[0].low.value == 96 and account.groups[0].high.value == 131
        assert any("part of claim" in note for note in account.groups[0].notes)
        original = session.get(Original, result.sha256)
        assert original.content == path.read_bytes()


def test_a_row_attaches_to_the_incident_already_there(store, tmp_path):
    with store.session() as session:
        mine = add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        result = import_events(session, _ged(tmp_path))
        assert (result.incidents_created, result.incidents_matched) == (1, 1)
        assert (
            session.scalar(
                select(func.count()).select_from(Claim).where(Claim.incident_id == mine.id)
            )
            == 2
        )


def test_the_same_file_twice_changes_nothing_and_a_new_version_keeps_its_incidents(store, tmp_path):
    with store.session() as session:
        import_events(session, _ged(tmp_path))
        again = import_events(session, _ged(tmp_path))
        assert not again.created and again.claims == 3 and again.rows == 2
        newer = _ged(tmp_path, "ged_v2.csv", [ged_row(9001, "Marlow", "2021-04-04", 115, 96, 140)])
        updated = import_events(session, newer)
        assert (updated.incidents_created, updated.incidents_matched) == (0, 1)
        assert session.scalar(select(func.count()).select_from(Incident)) == 2


def test_acled_rows_are_read_with_their_fatalities_as_a_conservative_count(store, tmp_path):
    path = write(
        tmp_path / "acled.csv",
        ACLED_COLUMNS,
        [
            acled_row("VAL1001", "Marlow", "2021-04-04", 87),
            acled_row("VAL1002", "Dunmore", "12 April 2021", 0),
        ],
    )
    with store.session() as session:
        result = import_events(session, path)
        assert (result.format, result.incidents_created, result.claims) == ("acled", 2, 2)
        claim = session.scalar(select(Claim).where(Claim.value == 87))
        assert claim.qualifier == "at_least" and claim.speaker.startswith("Armed Conflict")
        (dunmore,) = find_incidents(session, "Dunmore")
        assert dunmore.date_earliest.isoformat() == "2021-04-12"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"best": "many"}, "row 2, column 'best': 'many' is not a number"),
        ({"best": "500"}, "row 2, column 'best': '500' is not between low (3) and high (3)"),
        ({"date_start": "2021-13-40"}, "row 2, column 'date_start'"),
        ({"latitude": "123"}, "row 2, column 'latitude': '123' is outside -90 to 90"),
        ({"id": "9001"}, "rows 1 and 2: the same event id '9001' twice"),
    ],
)
def test_a_broken_row_is_named_and_nothing_is_imported(store, tmp_path, change, message):
    rows = [
        ged_row(9001, "Marlow", "2021-04-04", 110, 96, 131),
        ged_row(9002, "Dunmore", "2021-04-10", 3, 3, 3),
    ]
    rows[1].update(change)
    path = _ged(tmp_path, rows=rows)
    with (
        pytest.raises(
            TollError, match="ged.csv, " + message.replace("(", r"\(").replace(")", r"\)")
        ),
        store.session() as session,
    ):
        import_events(session, path)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Source)) == 0
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_cli_detects_the_format_or_is_told_it(toll, db, tmp_path):
    path = _ged(tmp_path)
    result = toll("import-events", path, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["format"] == "ucdp-ged"
    other = _ged(tmp_path, "other.csv", [ged_row(9100, "Eastbrook", "2021-05-01", 2, 2, 2)])
    wrong = toll("import-events", other, "--format", "acled", "--db", db)
    assert wrong.exit_code == 1 and "needs the columns event_id_cnty" in wrong.stderr
    text = tmp_path / "notes.csv"
    text.write_text("name,age\nAli,30\n", encoding="utf-8")
    refused = toll("import-events", text, "--db", db)
    assert refused.exit_code == 1 and "not a UCDP GED or ACLED export" in refused.stderr


def test_a_figure_from_a_row_leads_back_to_its_row_and_event(store, tmp_path):
    from toll.figures import claim_provenance

    with store.session() as session:
        import_events(session, _ged(tmp_path))
        claim = session.scalars(select(Claim).where(Claim.value == 110)).one()
        shown = claim_provenance(session, claim.id)
    assert shown.words == "best 110 (low 96, high 131)"
    assert shown.sentence.startswith("row 1, event 9001: best 110") and "Marlow" in shown.sentence
