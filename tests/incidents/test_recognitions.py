"""`toll recognitions`: a claimed count beside the acts recorded one by one."""

import json

import pytest

from toll.errors import TollError
from toll.incidents import add_recognition, extract_characterisations, list_recognitions
from toll.sources import SourceMetadata
from toll.sources.statements import add_statement

STATEMENT = (
    "On the night of 3 to 4 April 2021, 120 people were killed in Marlow, the ombudsman said. "
    "The ombudsman called the shelling a massacre. Legislative bodies in 4 countries have "
    "passed resolutions recognising the Marlow massacre. On 2 May 2022 the Senate of Ostland "
    "adopted resolution No. 7 condemning the massacre."
)


def test_the_claimed_count_stands_beside_the_recorded_acts(marlow, tmp_path):
    store, incident_id = marlow
    path = tmp_path / "recognitions.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        source = add_statement(
            session, path, SourceMetadata(publisher="Ombudsman", speaker="the ombudsman")
        ).source
        rows = extract_characterisations(session, source.id)
        assert {row.incident_id for row in rows} == {incident_id}
        assert extract_characterisations(session, source.id) == rows  # once per source
        add_recognition(
            session,
            "Marlow",
            body="Parliament of Westmark",
            act="resolution",
            jurisdiction="Westmark",
            date="2023-01-10",
            document="R-2023/4",
        )
        (item,) = list_recognitions(session, incident_id)
    assert [(c["count"], c["words"]) for c in item.claimed] == [
        (4, "Legislative bodies in 4 countries")
    ]
    assert [r["jurisdiction"] for r in item.recorded] == ["Ostland", "Westmark"]
    assert item.jurisdictions == 2
    assert {r["body"] for r in item.characterisations["massacre"]} == {"the ombudsman"}


def test_a_recognition_needs_its_body_and_act(marlow):
    store, incident_id = marlow
    with pytest.raises(TollError, match="needs the body"), store.session() as session:
        add_recognition(session, incident_id, body=" ", act="resolution")


def test_cli_recognitions_json(toll, marlow):
    store, incident_id = marlow
    added = toll(
        "recognition",
        "add",
        "Marlow",
        "--body",
        "Court of Ostland",
        "--act",
        "judgment",
        "--date",
        "2024",
        "--db",
        store.url,
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    (item,) = json.loads(toll("recognitions", "--db", store.url, "--json").stdout)
    assert item["recorded"][0]["body"] == "Court of Ostland" and item["claimed"] == []
    shown = toll("recognitions", "--db", store.url)
    assert "recorded: 1 acts" in shown.stdout
