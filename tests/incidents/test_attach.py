"""Attaching claims and records to incidents: by hand, by hints, by place and date; review."""

import pytest
from sqlalchemy import select

from toll.errors import TollError
from toll.incidents import (
    add_incident,
    attach,
    attach_automatically,
    decide,
    detach,
    review_queue,
    show_incident,
)
from toll.model import Claim, IncidentLink, Record, Source

from .conftest import add_statements


def _claims(session, incident_id):
    return sorted(session.scalars(select(Claim.value).where(Claim.incident_id == incident_id)))


def test_claims_whose_hint_names_the_incident_and_its_dates_are_attached(marlow):
    store, incident_id = marlow
    with store.session() as session:
        assert _claims(session, incident_id) == [14, 30, 85, 120, 150]
        assert show_incident(session, incident_id).attached["claims"] == 5
        links = session.scalars(select(IncidentLink).where(IncidentLink.claim_id.isnot(None)))
        assert {link.method for link in links} == {"hint"}


def test_a_hint_without_a_date_waits_for_review_and_a_decision_settles_it(store, tmp_path):
    with store.session() as session:
        add_statements(session, tmp_path, ["ministry.txt"])
        incident = add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        source = session.scalar(select(Source))
        claim = session.scalar(select(Claim).where(Claim.source_id == source.id))
        claim.incident = "Marlow"  # a hint that names the place only
        result = attach_automatically(session)
        assert (result.claims_attached, result.claims_review) == (0, 1)
        waiting = review_queue(session)
        assert waiting[0]["reason"].endswith("no date to check")
        decide(session, waiting[0]["link"], accept=True)
        assert claim.incident_id == incident.id and review_queue(session) == []
        again = attach_automatically(session)
        assert (again.claims_attached, again.claims_review) == (0, 0)


def test_a_rejected_proposal_is_not_proposed_again(store, tmp_path):
    with store.session() as session:
        add_statements(session, tmp_path, ["ministry.txt"])
        add_incident(session, "Marlow shelling", place="Marlow", when="2019")
        result = attach_automatically(session)
        assert result.claims_review == 1  # the hint says April 2021: outside 2019
        assert "falls outside" in review_queue(session)[0]["reason"]
        decide(session, review_queue(session)[0]["link"], accept=False)
        assert attach_automatically(session).claims_review == 0


def test_a_hint_naming_a_child_attaches_to_the_child_not_the_war(store, tmp_path):
    with store.session() as session:
        war = add_incident(session, "War in the Marlow valley", place="Marlow", when="2021")
        attack = add_incident(
            session, "Marlow shelling", place="Marlow", when="3-4 April 2021", parent=war.id
        )
        add_statements(session, tmp_path, ["monitor.txt"])
        attach_automatically(session)
        assert _claims(session, attack.id) == [85] and _claims(session, war.id) == []


def test_attaching_by_hand_moves_a_claim_and_keeps_the_old_link_retracted(marlow):
    store, incident_id = marlow
    with store.session() as session:
        other = add_incident(session, "Marlow aftermath", when="May 2021")
        claim_id = session.scalar(select(Claim.id).where(Claim.value == 150))
        done = attach(session, other.id, claims=[claim_id], note="the ministry's count is later")
        assert done.moved == [{"kind": "claim", "id": claim_id, "from": incident_id}]
        links = list(session.scalars(select(IncidentLink).where(IncidentLink.claim_id == claim_id)))
        assert len(links) == 2 and links[0].retracted_at is not None
        assert session.get(Claim, claim_id).incident_id == other.id
        detach(session, other.id, "claim", claim_id, reason="attached in error")
        assert session.get(Claim, claim_id).incident_id is None


def test_attaching_what_does_not_exist_is_refused(marlow):
    store, incident_id = marlow
    with pytest.raises(TollError, match="no claim with id 999"), store.session() as session:
        attach(session, incident_id, claims=[999])


def _records(session, source_id, rows):
    for number, (place, day) in enumerate(rows, start=1):
        session.add(
            Record(
                source_id=source_id,
                row_number=number,
                original={},
                full_name=f"P {number}",
                place=place,
                place_key=place_key(place),
                event_date=day,
                event_date_earliest=_day(day),
                event_date_latest=_day(day),
                status="killed",
            )
        )
    session.flush()


def place_key(place):
    from toll.names import place_key as key

    return key(place)


def _day(text):
    from datetime import date

    return date.fromisoformat(text) if text else None


def test_records_are_attached_by_place_and_date_of_event(store, tmp_path):
    from toll.sources import SourceMetadata
    from toll.sources.store import store_original

    with store.session() as session:
        source = store_original(
            session, b"a list", "list.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        _records(
            session,
            source.id,
            [
                ("Xocalı", "1992-02-26"),
                ("Ходжалы", None),
                ("Khojaly", "1993-05-01"),
                ("Ganja", "1992-02-26"),
            ],
        )
        incident = add_incident(
            session, "Khojaly massacre", place="Khojaly", when="25-26 February 1992"
        )
        result = attach_automatically(session)
        assert (result.records_attached, result.records_review) == (1, 1)
        waiting = review_queue(session, incident.id)
        assert waiting[0]["kind"] == "record" and "no date of event" in waiting[0]["reason"]


def test_cli_attach_review_decide(toll, db, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Officials said 40 people were killed in Marlow.", encoding="utf-8")
    assert toll("source", "add", path, "--db", db).exit_code == 0
    assert (
        toll(
            "incident", "add", "Marlow shelling", "--place", "Marlow", "--date", "2021", "--db", db
        ).exit_code
        == 0
    )
    auto = toll("incident", "attach", "--auto", "--db", db, "--json")
    assert auto.exit_code == 0, auto.stderr
    import json

    assert json.loads(auto.stdout)["claims_review"] == 1
    queue = json.loads(toll("incident", "review", "--db", db, "--json").stdout)
    decided = toll("incident", "decide", str(queue[0]["link"]), "yes", "--db", db, "--json")
    assert json.loads(decided.stdout)["state"] == "attached"
    nothing = toll("incident", "attach", "Marlow", "--db", db)
    assert nothing.exit_code == 1 and "nothing to attach" in nothing.stderr


def test_a_hint_with_only_a_date_is_read_with_its_sources_title(store, tmp_path):
    from toll.sources import SourceMetadata
    from toll.sources.statements import add_statement

    path = tmp_path / "report.txt"
    path.write_text("On 4 April 2021, 64 people were killed.", encoding="utf-8")
    with store.session() as session:
        incident = add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        add_statement(session, path, SourceMetadata(title="Report on the shelling of Marlow"))
        assert attach_automatically(session).claims_attached == 1
        assert _claims(session, incident.id) == [64]
        link = session.scalar(select(IncidentLink).where(IncidentLink.claim_id.isnot(None)))
        assert "its source's title" in link.reason


def test_a_hint_without_the_place_is_read_with_the_sentence_of_its_figure(store, tmp_path):
    from toll.sources.statements import add_statement

    path = tmp_path / "statement.txt"
    path.write_text("The shelling of Marlow on 4 April 2021 killed 33 civilians.", encoding="utf-8")
    with store.session() as session:
        incident = add_incident(session, "Marlow shelling", place="Marlow", when="3-4 April 2021")
        add_statement(session, path)
        attach_automatically(session)
        assert _claims(session, incident.id) == [33]
