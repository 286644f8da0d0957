"""The store: created at the newest schema, history for every change, nothing deleted."""

import pytest
from sqlalchemy import create_engine, select, text

from toll.errors import TollError
from toll.model import AuditEvent, Incident
from toll.store import Store, database_url
from toll.store.history import retract
from toll.store.schema import current_revision, head_revision


def test_new_store_is_at_the_newest_schema(store):
    assert current_revision(store.engine) == head_revision(store.engine)


def test_reopening_changes_nothing(db_url):
    Store.open(db_url).close()
    again = Store.open(db_url)
    assert current_revision(again.engine) == head_revision(again.engine)
    again.close()


def test_database_url_from_path_env_and_url(monkeypatch, tmp_path):
    monkeypatch.delenv("TOLL_DATABASE_URL", raising=False)
    assert database_url(None) == "sqlite:///toll.db"
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("TOLL_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url(None) == "postgresql+psycopg://u@h/db"


def test_a_database_of_another_application_is_refused(tmp_path):
    path = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER)"))
    with pytest.raises(TollError, match="not a Toll store"):
        Store.open(str(path))


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(TollError, match="does not exist"):
        Store.open(str(tmp_path / "nowhere" / "toll.db"))


def test_every_change_appends_an_audit_event(store):
    with store.session() as session:
        incident = Incident(title="Shelling of Northfield", place="Northfield")
        session.add(incident)
    with store.session() as session:
        incident = session.get(Incident, incident.id)
        incident.date_text = "12 January 2021"
    with store.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.entity, e.actor) for e in events] == [
        ("create", "incidents", "tester"),
        ("update", "incidents", "tester"),
    ]
    assert events[1].before == {"date_text": None}
    assert events[1].after == {"date_text": "12 January 2021"}


def test_rows_are_retracted_with_a_reason_never_deleted(store):
    with store.session() as session:
        incident = Incident(title="Duplicate entry")
        session.add(incident)
    with pytest.raises(TollError, match="never deleted"):
        with store.session() as session:
            session.delete(session.get(Incident, incident.id))
    with pytest.raises(TollError, match="needs a reason"):
        with store.session() as session:
            retract(session, session.get(Incident, incident.id), "  ")
    with store.session() as session:
        retract(session, session.get(Incident, incident.id), "entered twice")
    with store.session() as session:
        kept = session.get(Incident, incident.id)
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert kept.is_retracted and kept.retraction_reason == "entered twice"
    assert last.action == "retract" and last.after["retraction_reason"] == "entered twice"


def test_a_failed_transaction_leaves_the_store_as_it_was(store):
    with pytest.raises(RuntimeError):
        with store.session() as session:
            session.add(Incident(title="half-done"))
            session.flush()
            raise RuntimeError("interrupted")
    with store.session() as session:
        assert session.scalars(select(Incident)).all() == []
        assert session.scalars(select(AuditEvent)).all() == []
