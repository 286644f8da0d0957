"""An encrypted SQLite store (SQLCipher): unreadable without its key, opened with the passphrase
or the recovery key, re-keyed by `toll key rotate`, backed up and restored encrypted."""

import json
import os
import sqlite3

import pytest
from sqlalchemy import select

from toll.errors import TollError
from toll.model import AuditEvent, Original, Source
from toll.sources.store import SourceMetadata, store_original
from toll.store import Store, crypto, encrypted_sqlite
from toll_testing import run_toll

PASSPHRASE = "seven words under the old bridge"
NEW_PASSPHRASE = "another seven words, after the border"
SECRET_BYTES = b"Witness W-17 saw the convoy at the Northfield checkpoint."


@pytest.fixture(autouse=True)
def no_secret_given(monkeypatch):
    for name in (
        crypto.PASSPHRASE_ENV,
        crypto.PASSPHRASE_FILE_ENV,
        crypto.IDENTITY_ENV,
        "TOLL_NEW_PASSPHRASE",
    ):
        monkeypatch.delenv(name, raising=False)
    crypto.forget()
    yield
    crypto.forget()


def open_with(path, secret: str) -> Store:
    crypto.forget()
    crypto.give_secret(secret)
    return Store.open(str(path), actor="tester")


def encrypted_store(tmp_path, toll) -> tuple:
    """A new encrypted store holding one original; its path and recovery key."""
    path = tmp_path / "toll.db"
    made = toll("init", "--encrypt", "--db", path, "--json", env={"TOLL_PASSPHRASE": PASSPHRASE})
    assert made.exit_code == 0, made.stderr
    recovery = json.loads(made.stdout)["recovery_key"]
    store = open_with(path, PASSPHRASE)
    with store.session() as session:
        store_original(session, SECRET_BYTES, "w17.txt", "text/plain", None, SourceMetadata())
    store.close()
    return path, recovery


def held_content(store: Store) -> bytes:
    with store.session() as session:
        return session.scalar(select(Original.content))


def test_an_encrypted_store_cannot_be_read_without_its_key(tmp_path, toll):
    path, _ = encrypted_store(tmp_path, toll)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("select * from sqlite_master").fetchall()
    for file in tmp_path.iterdir():  # the store, its journal, its key header
        assert SECRET_BYTES[:20] not in file.read_bytes(), file.name
    assert json.loads(encrypted_sqlite.key_file(path).read_text())["kdf"]["name"] == "argon2id"
    assert oct(encrypted_sqlite.key_file(path).stat().st_mode & 0o777) == "0o600"


def test_it_opens_with_the_passphrase_or_the_recovery_key(tmp_path, toll):
    path, recovery = encrypted_store(tmp_path, toll)
    for secret in (PASSPHRASE, recovery, recovery.lower().replace("-", " ")):
        store = open_with(path, secret)
        assert held_content(store) == SECRET_BYTES
        store.close()
    with pytest.raises(crypto.Locked, match="wrong passphrase"):
        open_with(path, "not the passphrase")


def test_the_recovery_key_opens_it_when_the_key_header_is_lost(tmp_path, toll):
    path, recovery = encrypted_store(tmp_path, toll)
    encrypted_sqlite.key_file(path).unlink()
    store = open_with(path, recovery)
    assert held_content(store) == SECRET_BYTES
    store.close()
    for wrong in (PASSPHRASE, crypto.recovery_key(os.urandom(32))):
        with pytest.raises(TollError, match="no key header toll.db.key|wrong passphrase"):
            open_with(path, wrong)
    crypto.forget()
    with pytest.raises(TollError, match="no key header toll.db.key .* recovery key"):
        Store.open(str(path))


def test_a_wrong_or_missing_passphrase_is_one_line_and_exit_2(tmp_path, toll):
    path, _ = encrypted_store(tmp_path, toll)
    wrong = run_toll("db", "info", "--db", path, env={"TOLL_PASSPHRASE": "guessing at it"})
    none = run_toll("db", "info", "--db", path)
    assert wrong.exit_code == none.exit_code == 2
    assert wrong.stderr.count("\n") == none.stderr.count("\n") == 1
    assert "wrong passphrase or recovery key; nothing was opened" in wrong.stderr
    assert "it needs its passphrase" in none.stderr and "Traceback" not in none.stderr
    (tmp_path / "pass").write_text(PASSPHRASE + "\n")
    right = run_toll(
        "db", "info", "--db", path, "--json", env={"TOLL_PASSPHRASE_FILE": str(tmp_path / "pass")}
    )
    assert right.exit_code == 0 and json.loads(right.stdout)["encrypted"] is True


def test_init_refuses_to_encrypt_an_existing_plain_store(tmp_path, toll):
    path = tmp_path / "plain.db"
    Store.open(str(path)).close()
    refused = toll("init", "--encrypt", "--db", path, env={"TOLL_PASSPHRASE": PASSPHRASE})
    assert refused.exit_code == 1 and "is not encrypted" in refused.stderr
    assert not encrypted_sqlite.key_file(path).exists()
    short = toll("init", "--encrypt", "--db", tmp_path / "new.db", env={"TOLL_PASSPHRASE": "abc"})
    assert short.exit_code == 1 and "too short" in short.stderr
    assert not (tmp_path / "new.db").exists()


def test_key_rotate_gives_a_new_key_the_old_passphrase_and_recovery_key_fail(tmp_path, toll):
    path, old_recovery = encrypted_store(tmp_path, toll)
    (tmp_path / "new").write_text(NEW_PASSPHRASE + "\n")
    crypto.forget()
    rotated = toll(
        "key",
        "rotate",
        "--db",
        path,
        "--new-passphrase-file",
        tmp_path / "new",
        "--json",
        env={"TOLL_PASSPHRASE": PASSPHRASE},
    )
    assert rotated.exit_code == 0, rotated.stderr
    new_recovery = json.loads(rotated.stdout)["recovery_key"]
    assert new_recovery != old_recovery
    for old in (PASSPHRASE, old_recovery):
        with pytest.raises(crypto.Locked):
            open_with(path, old)
    for new in (NEW_PASSPHRASE, new_recovery):
        store = open_with(path, new)
        assert held_content(store) == SECRET_BYTES
        with store.session() as session:
            events = session.scalars(select(AuditEvent.action).where(AuditEvent.entity == "store"))
            assert list(events) == ["rotate"]
        store.close()
    assert not encrypted_sqlite.rotating_file(path).exists()


def test_a_rotation_killed_after_the_rekey_finishes_with_the_new_passphrase(tmp_path, toll):
    path, _ = encrypted_store(tmp_path, toll)
    old = encrypted_sqlite.data_key(path)
    new = os.urandom(32)
    header = crypto.new_header(new, NEW_PASSPHRASE)
    encrypted_sqlite.write_header(encrypted_sqlite.rotating_file(path), header)
    connection = encrypted_sqlite.connect(path, old, isolation_level=None)
    connection.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    connection.close()  # killed here: the store re-keyed, the new header not yet in place
    with pytest.raises(crypto.Locked):
        open_with(path, PASSPHRASE)
    store = open_with(path, NEW_PASSPHRASE)
    assert held_content(store) == SECRET_BYTES
    store.close()
    assert not encrypted_sqlite.rotating_file(path).exists()
    assert crypto.KeyHeader.from_json(encrypted_sqlite.key_file(path).read_text(), "").key_id == (
        header.key_id
    )


def test_a_rotation_killed_before_the_rekey_leaves_the_old_passphrase(tmp_path, toll):
    path, _ = encrypted_store(tmp_path, toll)
    header = crypto.new_header(os.urandom(32), NEW_PASSPHRASE)
    encrypted_sqlite.write_header(encrypted_sqlite.rotating_file(path), header)
    store = open_with(path, PASSPHRASE)
    assert held_content(store) == SECRET_BYTES
    store.close()
    assert not encrypted_sqlite.rotating_file(path).exists()


def test_a_file_that_is_no_store_is_not_taken_for_an_encrypted_one(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,age\nRauf Aliyev,14\n")
    with pytest.raises(TollError, match="cannot open database .*list.csv: not a Toll store"):
        Store.open(str(path))


def test_an_encrypted_store_is_backed_up_encrypted_and_restored_encrypted(tmp_path, toll):
    path, _ = encrypted_store(tmp_path, toll)
    env = {"TOLL_PASSPHRASE": PASSPHRASE}
    refused = toll("backup", tmp_path / "plain.zip", "--db", path, env=env)
    assert refused.exit_code == 1 and "its backup must be too" in refused.stderr
    assert not (tmp_path / "plain.zip").exists()
    (tmp_path / "archive-pass").write_text("the archive's own passphrase\n")
    archive = tmp_path / "backup.zip"
    made = toll(
        "backup", archive, "--db", path, "--passphrase-file", tmp_path / "archive-pass", env=env
    )
    assert made.exit_code == 0, made.stderr
    assert SECRET_BYTES[:20] not in archive.read_bytes()
    crypto.forget()
    restored = tmp_path / "restored.db"
    done = toll(
        "restore",
        archive,
        "--db",
        restored,
        "--passphrase-file",
        tmp_path / "archive-pass",
        "--encrypt",
        "--json",
        env={"TOLL_PASSPHRASE": NEW_PASSPHRASE},
    )
    assert done.exit_code == 0, done.stderr
    recovery = json.loads(done.stdout)["recovery_key"]
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(restored).execute("select * from sqlite_master").fetchall()
    assert not list(tmp_path.glob(".restored.db.*"))
    for secret in (NEW_PASSPHRASE, recovery):
        store = open_with(restored, secret)
        assert held_content(store) == SECRET_BYTES
        with store.session() as session:
            assert session.scalar(select(Source.file_name)) == "w17.txt"
        store.close()


def test_an_age_identity_opens_a_store_made_for_its_public_key(tmp_path, toll, monkeypatch):
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "me.age").write_text(f"# my key\n{identity}\n")
    path = tmp_path / "toll.db"
    made = toll(
        "init",
        "--encrypt",
        "--db",
        path,
        "--recipient",
        str(identity.to_public()),
        env={"TOLL_PASSPHRASE": PASSPHRASE},
    )
    assert made.exit_code == 0, made.stderr
    crypto.forget()
    monkeypatch.setenv(crypto.IDENTITY_ENV, str(tmp_path / "me.age"))
    Store.open(str(path)).close()
    other = pyrage.x25519.Identity.generate()
    (tmp_path / "other.age").write_text(f"{other}\n")
    monkeypatch.setenv(crypto.IDENTITY_ENV, str(tmp_path / "other.age"))
    with pytest.raises(crypto.Locked, match="wrong identity"):
        Store.open(str(path))


def test_the_demo_is_built_encrypted_with_its_key_header_beside_it(tmp_path, toll):
    path = tmp_path / "demo.db"
    built = toll(
        "demo",
        "--db",
        path,
        "--persons",
        "60",
        "--encrypt",
        "--json",
        env={"TOLL_PASSPHRASE": PASSPHRASE},
    )
    assert built.exit_code == 0, built.stderr
    recovery = json.loads(built.stdout)["recovery_key"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "demo.db.key"]
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("select * from sqlite_master").fetchall()
    store = open_with(path, recovery)
    with store.session() as session:
        assert session.query(Source).count() > 3
    store.close()
