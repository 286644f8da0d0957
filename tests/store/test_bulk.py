"""Many rows changed by primary key at once (`toll.store.bulk.update_rows`)."""

from toll.model import Person
from toll.store.bulk import update_rows


def test_update_rows_sets_only_the_rows_and_columns_given(store):
    with store.session() as session:
        persons = [Person(label=f"P-{n:05d}", display_name=f"name {n}") for n in (1, 2, 3)]
        session.add_all(persons)
        session.flush()
        ids = [person.id for person in persons]
        update_rows(session, Person.__table__, [
            {"id": ids[0], "display_name": "Məmmədov Əli"},
            {"id": ids[2], "display_name": "Мамедов Али"},
        ])
        session.expire_all()
        shown = [session.get(Person, id_).display_name for id_ in ids]
        labels = [session.get(Person, id_).label for id_ in ids]
    assert shown == ["Məmmədov Əli", "name 2", "Мамедов Али"]
    assert labels == ["P-00001", "P-00002", "P-00003"]


def test_update_rows_writes_what_the_session_holds_first(store):
    with store.session() as session:
        person = Person(label="P-00001", display_name="before")
        session.add(person)
        session.flush()
        person.label = "P-00009"  # pending in the session, not yet written
        update_rows(session, Person.__table__, [{"id": person.id, "display_name": "after"}])
        session.expire_all()
        again = session.get(Person, person.id)
        assert (again.label, again.display_name) == ("P-00009", "after")


def test_update_rows_with_no_rows_does_nothing(store):
    with store.session() as session:
        update_rows(session, Person.__table__, [])


def test_many_rows_are_staged_and_set_by_one_update(store, monkeypatch):
    """From `STAGED` rows on, the values go through a temporary table and one UPDATE ... FROM:
    the same result, and the temporary table gone (a second call stages again)."""
    from toll.store import bulk

    monkeypatch.setattr(bulk, "STAGED", 2)
    with store.session() as session:
        persons = [Person(label=f"P-{n:05d}", display_name=f"name {n}") for n in range(1, 6)]
        session.add_all(persons)
        session.flush()
        ids = [person.id for person in persons]
        for round_ in ("first", "second"):
            update_rows(session, Person.__table__, [
                {"id": ids[0], "display_name": f"Məmmədov Əli {round_}"},
                {"id": ids[3], "display_name": f"Мамедов Али {round_}"},
                {"id": ids[4], "display_name": None},
            ])
        session.expire_all()
        shown = [session.get(Person, id_).display_name for id_ in ids]
        labels = [session.get(Person, id_).label for id_ in ids]
    assert shown == ["Məmmədov Əli second", "name 2", "name 3", "Мамедов Али second", None]
    assert labels == [f"P-{n:05d}" for n in range(1, 6)]


def test_a_failed_staged_update_raises_its_own_error(store, monkeypatch):
    """A staged update that breaks a constraint raises that error (not the temporary
    table's drop failing after it in an aborted PostgreSQL transaction)."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from toll.store import bulk

    monkeypatch.setattr(bulk, "STAGED", 2)
    with store.session() as session:
        persons = [Person(label=f"P-{n:05d}") for n in (1, 2, 3)]
        session.add_all(persons)
        session.flush()
        with pytest.raises(IntegrityError):
            update_rows(session, Person.__table__, [
                {"id": persons[0].id, "label": "P-00009"},
                {"id": persons[1].id, "label": "P-00009"},
            ])
        session.rollback()
