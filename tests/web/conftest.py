"""A small demo store with one user per role, and browsers (test clients) signed in as them.

The store is built once per test session (linking and estimating take seconds) and copied for
each test, so that tests which change it do not see each other's changes.
"""

import shutil

import pytest
from fastapi.testclient import TestClient

from toll.store import Store
from toll.web import create_app
from toll.web.context import csrf_for

from ._web import PASSWORD, USERS


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    from toll.demo import build_demo
    from toll.store.access import add_user
    from toll.store.auth import set_password

    path = tmp_path_factory.mktemp("web") / "demo.db"
    build_demo(path, persons=200)
    store = Store.open(str(path), actor="admin")
    with store.session() as session:
        for name, (role, restricted) in USERS.items():
            add_user(session, name, role, restricted)
            set_password(session, name, PASSWORD)
    store.close()
    return path


@pytest.fixture
def web_store(demo_file, tmp_path):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    store = Store.open(str(copy), actor="tester")
    yield store
    store.close()


@pytest.fixture
def app(web_store):
    return create_app(store=web_store)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the session's CSRF token."""
    client.get("/login")
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf": client.cookies["toll_login_csrf"]},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/", response.text
    return csrf_for(client.cookies["toll_session"])


@pytest.fixture
def browser(app):
    """browser(name): a client signed in as that user, with `.csrf` set."""

    def make(name: str | None = None) -> TestClient:
        client = TestClient(app)
        client.csrf = sign_in(client, name) if name else None
        return client

    return make
