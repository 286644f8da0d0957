"""Fixtures shared by the whole suite.

Tests that use a store run on SQLite by default. With TOLL_TEST_DATABASE_URL set to a
PostgreSQL server URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres), each test
gets a fresh database on that server instead; `.ci/run` runs those tests both ways.
"""

import os
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from toll.store import Store
from toll_testing import SEED_ARTICLE, invoke_toll

PG_ENV = "TOLL_TEST_DATABASE_URL"


def pytest_collection_modifyitems(items):
    """Mark every test that uses a database, so that `pytest -m db` runs just those."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if {"db_url", "store", "db", "fresh_store", "fresh_db"} & used:
            item.add_marker(pytest.mark.db)


def pytest_configure(config):
    config.addinivalue_line("markers", "db: uses a Toll store (run on SQLite and PostgreSQL)")


@contextmanager
def _new_database(tmp_path, name: str):
    """A URL for an empty store: a SQLite file, or a new PostgreSQL database."""
    server = os.environ.get(PG_ENV)
    if not server:
        yield f"sqlite:///{tmp_path / f'{name}.db'}"
        return
    name = f"toll_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_url(tmp_path):
    """A URL for an empty store: a SQLite file, or a new PostgreSQL database."""
    with _new_database(tmp_path, "toll") as url:
        yield url


@pytest.fixture
def fresh_db(tmp_path):
    """A second empty store's URL (the --db value), beside `db`."""
    with _new_database(tmp_path, "fresh_db") as url:
        yield url


@pytest.fixture
def fresh_store(tmp_path):
    """A second open, empty store on the same database server as `store`."""
    with _new_database(tmp_path, "fresh") as url:
        opened = Store.open(url, actor="tester")
        yield opened
        opened.close()


@pytest.fixture
def db(db_url):
    """The --db value for CLI tests (same as db_url)."""
    return db_url


@pytest.fixture
def store(db_url):
    """An open, empty store."""
    opened = Store.open(db_url, actor="tester")
    yield opened
    opened.close()


@pytest.fixture
def seed_article():
    if not SEED_ARTICLE.exists():
        pytest.skip("../shared/corpus is not present")
    return SEED_ARTICLE


@pytest.fixture
def toll():
    """Call `toll(*args)` to run the CLI in-process; returns exit code, stdout, stderr."""
    return invoke_toll
