"""Fixtures shared by the whole suite.

Tests that use a store run on SQLite by default. With TOLL_TEST_DATABASE_URL set to a
PostgreSQL server URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres), each test
gets a fresh database on that server instead; `.ci/run` runs those tests both ways.
"""

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from toll.store import Store

PG_ENV = "TOLL_TEST_DATABASE_URL"
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED_ARTICLE = CORPUS / "000_fedf56173e1d7ac0.txt"


def pytest_collection_modifyitems(items):
    """Mark every test that uses a database, so that `pytest -m db` runs just those."""
    for item in items:
        if {"db_url", "store", "db"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_configure(config):
    config.addinivalue_line("markers", "db: uses a Toll store (run on SQLite and PostgreSQL)")


@pytest.fixture
def db_url(tmp_path):
    """A URL for an empty store: a SQLite file, or a new PostgreSQL database."""
    server = os.environ.get(PG_ENV)
    if not server:
        yield f"sqlite:///{tmp_path / 'toll.db'}"
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


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_toll(
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    timeout: float = 300,
    input: str | None = None,
) -> Result:
    """Run the real `toll` command in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "TOLL_USER": "tester", **(env or {})},
        timeout=timeout,
        input=input,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def invoke_toll(*args: str, input: str | None = None, env: dict | None = None) -> Result:
    """Run the CLI in this process (fast); a TollError becomes exit 1 with "Error: ..."."""
    from typer.testing import CliRunner

    from toll.cli import app
    from toll.errors import TollError

    result = CliRunner().invoke(
        app, [str(arg) for arg in args], input=input, env={"TOLL_USER": "tester", **(env or {})}
    )
    if isinstance(result.exception, TollError):
        return Result(1, result.stdout, f"Error: {result.exception}\n")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def toll():
    """Call `toll(*args)` to run the CLI in-process; returns exit code, stdout, stderr."""
    return invoke_toll
