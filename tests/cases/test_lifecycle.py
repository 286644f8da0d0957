"""Every transition of a case, allowed and refused; reopening; nothing written when refused."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from toll.cases import CaseDetails, Reporter, open_case, show_case, transition_case
from toll.cases.lifecycle import FORWARD, TransitionRefused, allowed_next
from toll.model import AuditEvent, CaseTransition
from toll.model.case import CASE_STATUSES
from toll.store.access import RESTRICTED

PATH = {
    "reported": [],
    "fate_unknown": ["fate_unknown"],
    "located_alive": ["fate_unknown", "located_alive"],
    "released": ["fate_unknown", "released"],
    "remains_recovered": ["fate_unknown", "remains_recovered"],
    "identified": ["fate_unknown", "remains_recovered", "identified"],
    "closed": ["fate_unknown", "located_alive", "closed"],
}
ALLOWED = [(a, b) for a in CASE_STATUSES for b in allowed_next(a)]
REFUSED = {a: [b for b in CASE_STATUSES if b not in allowed_next(a)] for a in CASE_STATUSES}


def case_in(session, status: str) -> str:
    view = open_case(
        session, "P-00001", CaseDetails(reported_on=date(1993, 3, 2), last_seen="26.02.1992")
    )
    for step, wanted in enumerate(PATH[status]):
        transition_case(session, view.case_id, wanted, on=date(1994, 1, 1 + step), source_id=2)
    return view.case_id


def test_the_lifecycle_is_the_one_the_issue_names():
    assert FORWARD["reported"] == ("fate_unknown",)
    assert set(FORWARD["fate_unknown"]) == {"located_alive", "released", "remains_recovered"}
    assert FORWARD["remains_recovered"] == ("identified",)
    assert FORWARD["identified"] == FORWARD["located_alive"] == FORWARD["released"] == ("closed",)
    assert len(ALLOWED) == 13 and sum(map(len, REFUSED.values())) == 49 - 13


@pytest.mark.parametrize(("before", "after"), ALLOWED)
def test_every_allowed_transition_is_appended_dated_sourced_and_named(register, before, after):
    with register.session() as session:
        label = case_in(session, before)
        view = transition_case(
            session, label, after, on=date(2001, 5, 6), source_id=3, note="field visit"
        )
    assert view.status == after
    last = view.transitions[-1]
    assert (last.from_status, last.to_status, last.on, last.source_id, last.by) == (
        before,
        after,
        date(2001, 5, 6),
        3,
        "tester",
    )
    assert [t.to_status for t in view.transitions] == ["reported", *PATH[before], after]
    assert last.reopened == (after == "fate_unknown" and before not in ("reported",))


@pytest.mark.parametrize("before", CASE_STATUSES)
def test_every_impossible_transition_is_refused_naming_the_allowed_ones(register, before):
    with register.session() as session:
        label = case_in(session, before)
    for after in REFUSED[before]:
        with register.session() as session:
            with pytest.raises(TransitionRefused) as refused:
                transition_case(session, label, after, on=date(2001, 5, 6), source_id=3)
        message = str(refused.value)
        assert f"cannot move to {after}" in message
        for allowed in allowed_next(before):
            assert allowed in message
        with register.session() as session:
            view = show_case(session, label)
            assert view.status == before
            assert len(view.transitions) == 1 + len(PATH[before])


def test_a_refused_transition_exits_2_and_writes_nothing(register, db, toll):
    with register.session() as session:
        label = case_in(session, "reported")
    with register.session() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
        steps = session.scalar(select(func.count()).select_from(CaseTransition))
    result = toll("case", "transition", label, "closed", "--source", "2", "--db", db)
    assert result.exit_code == 2
    assert "from reported it can move to fate_unknown" in result.stderr
    assert "outcome" in result.stderr
    with register.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert session.scalar(select(func.count()).select_from(CaseTransition)) == steps


def test_reopening_is_kept_in_the_history(register, db, toll):
    with register.session() as session:
        label = case_in(session, "closed")
    result = toll(
        "case",
        "transition",
        label,
        "fate_unknown",
        "--on",
        "2010-01-02",
        "--source",
        "3",
        "--note",
        "seen abroad",
        "--db",
        db,
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["to_status"] for t in data["transitions"]] == [
        "reported",
        "fate_unknown",
        "located_alive",
        "closed",
        "fate_unknown",
    ]
    assert data["transitions"][-1]["reopened"] is True
    assert data["transitions"][-1]["note"] == "reopened: seen abroad"


def test_a_transition_needs_a_source_and_a_date_in_order(register):
    from toll.errors import TollError

    with register.session() as session:
        label = case_in(session, "reported")
        with pytest.raises(TollError, match="needs its source"):
            transition_case(session, label, "fate_unknown", on=date(1994, 1, 1), source_id=None)
        with pytest.raises(TollError, match="no source with id 99"):
            transition_case(session, label, "fate_unknown", on=date(1994, 1, 1), source_id=99)
        with pytest.raises(TollError, match="before the case's last change"):
            transition_case(session, label, "fate_unknown", on=date(1990, 1, 1), source_id=2)


def test_an_unknown_person_is_a_clear_error_and_changes_nothing(register, db, toll):
    with register.session() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    result = toll("case", "open", "P-00999", "--db", db)
    assert result.exit_code == 1
    assert "no person P-00999" in result.stderr
    assert json.loads(toll("case", "list", "--db", db, "--json").stdout) == []
    with register.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_person_has_one_case_at_a_time(register):
    from toll.errors import TollError

    with register.session() as session:
        label = case_in(session, "fate_unknown")
        with pytest.raises(TollError, match=f"already has case {label}"):
            open_case(session, "P-00001", CaseDetails())


def test_the_reporter_is_restricted_and_views_are_audited(register, db, toll):
    with register.session() as session:
        view = open_case(
            session,
            "P-00002",
            CaseDetails(reported_on=date(1993, 3, 2), source_id=1),
            Reporter(
                "Nigar Aliyeva", "+994 50 000 00 00", "sister", "ICRC and national commission"
            ),
        )
    assert view.reporters[0].contact == "+994 50 000 00 00"
    assert toll("user", "add", "tester", "--role", "admin", "--db", db).exit_code == 0
    assert toll("user", "add", "clerk", "--role", "viewer", "--db", db).exit_code == 0
    shown = toll("case", "show", view.case_id, "--db", db, "--json", env={"TOLL_USER": "clerk"})
    data = json.loads(shown.stdout)
    assert data["name"] == RESTRICTED
    assert data["reporters"][0]["name"] == data["reporters"][0]["contact"] == RESTRICTED
    assert data["reporters"][0]["consent"] == "ICRC and national commission"
    toll("case", "show", view.case_id, "--db", db)
    with register.session() as session:
        views = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "view", AuditEvent.entity == "cases")
        ).all()
    assert [v.actor for v in views] == ["tester", "tester"]  # the open, then the show
