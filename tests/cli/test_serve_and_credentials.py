"""`toll serve` refuses a store nobody can sign in to; passwords and tokens from the CLI."""

import json

from fastapi.testclient import TestClient

from toll.store import Store
from toll.web import create_app

AMINA = {"TOLL_USER": "amina"}


def test_serve_refuses_a_store_where_nobody_has_a_password(toll, db):
    assert toll("user", "add", "amina", "--role", "admin", "--db", db).exit_code == 0
    result = toll("serve", "--db", db)
    assert result.exit_code == 1
    assert "no user of this store has a password" in result.stderr
    assert "toll user password" in result.stderr


def test_a_token_made_on_the_command_line_opens_the_api(toll, db):
    assert (
        toll("user", "add", "amina", "--role", "admin", "--restricted", "--db", db).exit_code == 0
    )
    made = toll("user", "token", "amina", "--purpose", "tests", "--db", db, "--json", env=AMINA)
    assert made.exit_code == 0, made.stderr
    secret = json.loads(made.stdout)["token"]
    store = Store.open(db)
    client = TestClient(create_app(store=store))
    assert client.get("/api/me").status_code == 401
    me = client.get("/api/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json() == {"name": "amina", "role": "admin", "restricted": True}
    listed = json.loads(toll("user", "tokens", "amina", "--db", db, "--json", env=AMINA).stdout)
    assert [t["purpose"] for t in listed] == ["tests"]
    assert toll("user", "revoke-token", str(listed[0]["id"]), "--db", db, env=AMINA).exit_code == 0
    assert client.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    store.close()


def test_a_password_can_be_set_from_standard_input(toll, db):
    toll("user", "add", "amina", "--role", "admin", "--db", db)
    short = toll("user", "password", "amina", "--stdin", "--db", db, input="short\n", env=AMINA)
    assert short.exit_code == 1 and "at least 10 characters" in short.stderr
    done = toll(
        "user", "password", "amina", "--stdin", "--db", db, input="a long enough one\n", env=AMINA
    )
    assert done.exit_code == 0 and "new password" in done.stdout
