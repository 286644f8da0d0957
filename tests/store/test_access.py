"""Roles and personal data: single-user until the first user is added, then enforced."""

import json

from documents import STATEMENT
from lists import write_az, write_ru
from toll_testing import invoke_toll


def as_user(toll, name):
    """Run toll as another user (TOLL_USER)."""
    return lambda *args: invoke_toll(*args, env={"TOLL_USER": name})


def test_a_store_without_users_is_single_user(toll, db, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(STATEMENT)
    assert toll("source", "add", path, "--db", db).exit_code == 0


def test_roles_are_enforced_once_users_exist(toll, db, tmp_path):
    admin, viewer, outsider = as_user(toll, "amina"), as_user(toll, "viktor"), as_user(toll, "zed")
    assert admin("user", "add", "amina", "--role", "admin", "--db", db).exit_code == 0
    assert admin("user", "add", "viktor", "--role", "viewer", "--db", db).exit_code == 0
    path = tmp_path / "s.txt"
    path.write_text(STATEMENT)
    refused = viewer("source", "add", path, "--db", db)
    assert refused.exit_code == 1 and "role viewer" in refused.stderr
    assert viewer("source", "list", "--db", db).exit_code == 0
    stranger = outsider("source", "list", "--db", db)
    assert stranger.exit_code == 1 and "not a user of this store" in stranger.stderr
    assert viewer("user", "add", "viktor", "--role", "admin", "--db", db).exit_code == 1
    users = json.loads(admin("user", "list", "--db", db, "--json").stdout)
    assert [(u["name"], u["role"]) for u in users] == [("amina", "admin"), ("viktor", "viewer")]


def test_personal_data_needs_a_grant(toll, db, tmp_path):
    admin, editor = as_user(toll, "amina"), as_user(toll, "erik")
    admin("user", "add", "amina", "--role", "admin", "--db", db)
    admin("user", "add", "erik", "--role", "editor", "--db", db)
    assert editor("import", write_az(tmp_path / "l.csv", range(12)), "--db", db).exit_code == 0
    assert editor("import", write_ru(tmp_path / "r.csv", range(12)), "--db", db).exit_code == 0
    assert editor("link", "--db", db).exit_code == 0
    listed = json.loads(editor("persons", "--db", db, "--json").stdout)
    assert listed and {p["name"] for p in listed} == {"[restricted]"}
    assert editor("persons", "--name", "Əli", "--db", db).exit_code == 1
    refused = editor("export", "records", "--db", db)
    assert refused.exit_code == 1 and "personal data" in refused.stderr
    admin("user", "add", "erik", "--role", "editor", "--restricted", "--db", db)
    assert editor("export", "records", "--db", db).exit_code == 0
