"""Sealed restricted fields (PostgreSQL's encryption at rest): reporters' names and contacts are
encrypted by Toll, so the database and a dump of it do not reveal them."""

import json
import shutil
import subprocess

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from toll.model import Case, CaseReporter, Person
from toll.model.sealed import PREFIX
from toll.store import Store, crypto
from toll.store.fields import rotate_fields, seal_fields

PASSPHRASE = "seven words under the old bridge"
NEW_PASSPHRASE = "another seven words, after the border"
NAME, CONTACT = "Nargiz Karimova", "+994 55 123 45 67"


@pytest.fixture(autouse=True)
def no_secret_given(monkeypatch):
    for name in (crypto.PASSPHRASE_ENV, crypto.PASSPHRASE_FILE_ENV, crypto.IDENTITY_ENV):
        monkeypatch.delenv(name, raising=False)
    crypto.forget()
    yield
    crypto.forget()


def add_reporter(store: Store, name: str, contact: str) -> None:
    with store.session() as session:
        person = session.query(Person).first()
        if person is None:
            person = Person(label="P-00001", display_name="Rauf Aliyev")
            session.add(person)
            session.flush()
            session.add(Case(label="C-00001", person_id=person.id, status="reported"))
            session.flush()
        case = session.query(Case).first()
        session.add(CaseReporter(case_id=case.id, name=name, contact=contact))


def raw(db_url: str, query: str) -> list:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return rows


def reopen(db_url: str, secret: str | None) -> Store:
    crypto.forget()
    if secret:
        crypto.give_secret(secret)
    return Store.open(db_url, actor="tester")


def reporters(store: Store) -> list[tuple]:
    with store.session() as session:
        rows = session.query(CaseReporter).order_by(CaseReporter.id)
        return [(row.name, row.contact) for row in rows]


def test_sealed_fields_are_not_in_the_database_in_the_clear(store, db_url):
    add_reporter(store, NAME, CONTACT)  # written before the store was sealed
    with store.session() as session:
        recovery = seal_fields(session, PASSPHRASE)
    add_reporter(store, "Elnur Mammadov", "elnur@example.org")  # and after
    stored = raw(db_url, "SELECT name, contact FROM case_reporters")
    assert stored and all(value.startswith(PREFIX) for row in stored for value in row)
    history = json.dumps(raw(db_url, "SELECT before, after FROM audit_events"), default=str)
    assert "Karimova" not in history and "elnur@" not in history and "123 45" not in history
    store.close()
    with pytest.raises(crypto.Locked, match="it needs its passphrase"):
        reopen(db_url, None)
    with pytest.raises(crypto.Locked, match="wrong passphrase"):
        reopen(db_url, "not the passphrase")
    for secret in (PASSPHRASE, recovery):
        opened = reopen(db_url, secret)
        assert reporters(opened) == [(NAME, CONTACT), ("Elnur Mammadov", "elnur@example.org")]
        opened.close()


def test_rotating_the_field_key_reseals_every_field(store, db_url):
    add_reporter(store, NAME, CONTACT)
    with store.session() as session:
        old_recovery = seal_fields(session, PASSPHRASE)
    before = raw(db_url, "SELECT name FROM case_reporters")
    with store.session() as session:
        new_recovery = rotate_fields(session, NEW_PASSPHRASE)
    assert raw(db_url, "SELECT name FROM case_reporters") != before
    store.close()
    for old in (PASSPHRASE, old_recovery):
        with pytest.raises(crypto.Locked):
            reopen(db_url, old)
    for new in (NEW_PASSPHRASE, new_recovery):
        opened = reopen(db_url, new)
        assert reporters(opened) == [(NAME, CONTACT)]
        opened.close()


def test_init_encrypt_encrypts_the_store_on_either_database(db, toll):
    made = toll("init", "--encrypt", "--db", db, "--json", env={"TOLL_PASSPHRASE": PASSPHRASE})
    assert made.exit_code == 0, made.stderr
    assert json.loads(made.stdout)["encrypted"] is True
    crypto.forget()
    info = toll("db", "info", "--db", db, "--json", env={"TOLL_PASSPHRASE": PASSPHRASE})
    assert info.exit_code == 0 and json.loads(info.stdout)["encrypted"] is True
    crypto.forget()
    refused = toll("db", "info", "--db", db, env={"TOLL_PASSPHRASE": "not the passphrase"})
    assert refused.exit_code == 1 and "wrong passphrase" in refused.stderr


def test_a_pg_dump_does_not_reveal_the_sealed_fields(store, db_url):
    if store.engine.dialect.name != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("PostgreSQL with pg_dump only")
    add_reporter(store, NAME, CONTACT)
    with store.session() as session:
        seal_fields(session, PASSPHRASE)
    url = make_url(db_url)
    dumped = subprocess.run(
        ["pg_dump", "-h", url.host, "-p", str(url.port or 5432), "-U", url.username, url.database],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "case_reporters" in dumped and PREFIX in dumped
    assert "Karimova" not in dumped and "123 45 67" not in dumped
