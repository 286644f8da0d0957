"""The register's rules at its Python API: grants, audit of views, decisions.

These call `toll.persons` as the web workspace and reports will, with no CLI in between.
"""

import pytest
from sqlalchemy import select

from lists import write_az, write_en, write_ru
from toll.errors import TollError
from toll.model import AuditEvent
from toll.persons import (
    RESTRICTED,
    PersonFilter,
    decide,
    decisions,
    link_register,
    person_view,
    review_pairs,
    search_persons,
)
from toll.records.store import import_list
from toll.sources import SourceMetadata
from toll.store.access import add_user


@pytest.fixture
def register(store, tmp_path):
    """Three lists of the same invented persons, linked; users amina (admin), erik (editor with
    the personal-data grant) and viktor (viewer without it)."""
    files = [
        write_az(tmp_path / "families.csv", range(0, 8)),
        write_ru(tmp_path / "ministry.csv", range(2, 10)),
        write_en(tmp_path / "ngo.csv", [0, 1, 3, 5]),
    ]
    with store.session() as session:
        for file in files:
            import_list(session, file, SourceMetadata())
        link_register(session)
        add_user(session, "amina", "admin", restricted=False)
    with store.session("amina") as session:
        add_user(session, "erik", "editor", restricted=True)
        add_user(session, "viktor", "viewer", restricted=False)
    return store


def views(store) -> list[tuple[str, str, str]]:
    with store.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "view"))
        return [(e.actor, e.entity, e.note or "") for e in events]


def guliyev(session) -> str:
    """Rauf Guliyev, on all three lists: families row 4, ministry row 2, NGO row 3."""
    return search_persons(session, PersonFilter(name="Кулиев Рауф")).persons[0].person_id


def widen_review(store) -> None:
    """Link again with a wide review band, so that these small lists leave pairs to review."""
    with store.session("erik") as session:
        link_register(session, threshold=0.9999, review_low=0.0001, full=True)


def test_a_person_view_gives_each_record_with_its_file_and_row_and_is_audited(register):
    with register.session("erik") as session:
        shown = person_view(session, guliyev(session))
    assert [(r.source_file, r.row) for r in shown.records] == [
        ("families.csv", 4),
        ("ministry.csv", 2),
        ("ngo.csv", 3),
    ]
    assert [r.name for r in shown.records] == [
        "Quliyev Rauf Kamal oğlu",
        "Кулиев Рауф Камалович",
        "Rauf Guliyev",
    ]
    assert all(r.values["birth_year"] == 1980 for r in shown.records)
    assert all(link.field_weights for link in shown.links), "why joined: weight per field"
    assert ("erik", "persons", "") in views(register)


def test_without_the_grant_a_person_view_is_refused_and_not_audited(register):
    with register.session("erik") as session:
        label = guliyev(session)
    before = views(register)
    with (
        pytest.raises(TollError, match="may not see personal data"),
        register.session("viktor") as session,
    ):
        person_view(session, label)
    assert views(register) == before


def test_search_hides_names_without_the_grant_and_audits_named_views(register):
    with register.session("viktor") as session:
        found = search_persons(session, PersonFilter())
        assert found.persons and {p.name for p in found.persons} == {RESTRICTED}
        with pytest.raises(TollError, match="personal data"):
            search_persons(session, PersonFilter(name="Ali"))
    assert not [v for v in views(register) if v[0] == "viktor"], "nothing personal was seen"
    with register.session("erik") as session:
        named = search_persons(session, PersonFilter(status="killed"))
    assert RESTRICTED not in {p.name for p in named.persons}
    assert ("erik", "persons", f"search: {len(named.persons)} persons") in views(register)


def test_search_refuses_an_upside_down_age_range(register):
    with register.session() as session, pytest.raises(TollError, match="--age-min 50 is above"):
        search_persons(session, PersonFilter(age_min=50, age_max=10))


def test_the_review_queue_hides_names_without_the_grant_and_audits_named_views(register):
    widen_review(register)
    with register.session("viktor") as session:
        hidden = review_pairs(session, limit=5)
    assert hidden and {p.a.name for p in hidden} | {p.b.name for p in hidden} == {RESTRICTED}
    assert all(p.a.born is None and p.b.place is None and p.a.source for p in hidden)
    assert not [v for v in views(register) if v[0] == "viktor"]
    with register.session("erik") as session:
        named = review_pairs(session, limit=5)
    assert RESTRICTED not in {p.a.name for p in named}
    assert ("erik", "candidate_pairs", f"review: {len(named)} pairs") in views(register)


def test_a_decision_needs_the_reviewer_role_and_changes_the_register_at_once(register):
    with register.session("erik") as session:
        shown = person_view(session, guliyev(session))
    first, second = sorted(r.record_id for r in shown.records)[:2]
    with pytest.raises(TollError, match="role viewer"), register.session("viktor") as session:
        decide(session, first, second, "different")
    with register.session("erik") as session:
        made = decide(session, first, second, "different", note="another father")
        assert (made.decision, made.by, made.note) == ("different", "erik", "another father")
        apart = {r.record_id: r for r in person_view(session, guliyev(session)).records}
    assert not {first, second} <= set(apart), "the two records are two persons now"
    with register.session("erik") as session:
        again = decide(session, first, second, "same", note="checked the families' file")
        standing = decisions(session)
        history = decisions(session, include_replaced=True)
    assert [d.id for d in standing] == [again.id]
    assert [(d.decision, d.replaced_why) for d in history] == [
        ("different", "replaced by a new decision: same"),
        ("same", None),
    ]


def test_a_decision_that_contradicts_standing_ones_is_refused(register):
    with register.session("erik") as session:
        ids = sorted(r.record_id for r in person_view(session, guliyev(session)).records)
        decide(session, ids[0], ids[1], "same")
        decide(session, ids[1], ids[2], "same")
    with pytest.raises(TollError, match="decisions .* say they are the same person"):
        with register.session("erik") as session:
            decide(session, ids[0], ids[2], "different")
    with register.session("erik") as session:
        assert [d.decision for d in decisions(session)] == ["same", "same"]


def test_decide_refuses_what_is_not_a_decision(register):
    with register.session("erik") as session:
        with pytest.raises(TollError, match="decision must be one of same, different"):
            decide(session, 1, 2, "maybe")
        with pytest.raises(TollError, match="no record with id 999999"):
            decide(session, 1, 999999, "same")
        with pytest.raises(TollError, match="the same person as itself"):
            decide(session, 1, 1, "same")


def test_linking_refuses_a_review_band_upside_down(register):
    with register.session("erik") as session, pytest.raises(TollError, match="above --threshold"):
        link_register(session, threshold=0.5, review_low=0.9)
