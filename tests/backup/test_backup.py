"""Backup → restore is lossless, verified and all or nothing, on SQLite and PostgreSQL."""

import zipfile
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import create_engine, inspect, select

from filled_store import fill
from toll.backup import backup_store, open_archive, restore_archive
from toll.errors import TollError
from toll.model import Base, Person
from toll.store import Store


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }
    engine.dispose()
    return tables


def assert_same(expected: dict, url: str) -> None:
    actual = snapshot(url)
    for name, rows in expected.items():
        assert actual[name] == rows, f"table {name} differs after restore"


@pytest.fixture
def filled(tmp_path):
    url = f"sqlite:///{tmp_path / 'source.db'}"
    store = Store.open(url, actor="tester")
    fill(store, tmp_path)
    yield store, snapshot(url)
    store.close()


def test_sqlite_to_the_test_database_and_back_loses_nothing(filled, db_url, tmp_path):
    store, expected = filled
    assert expected["originals"] and expected["audit_events"] and expected["persons"]
    first = backup_store(store, tmp_path / "first.zip")
    assert first.tables["records"] == 12 and first.originals == 3
    restore_archive(open_archive(tmp_path / "first.zip"), db_url)
    assert_same(expected, db_url)  # SQLite → the test database (PostgreSQL in CI)

    middle = Store.open(db_url, actor="tester")
    backup_store(middle, tmp_path / "second.zip")
    middle.close()
    back = f"sqlite:///{tmp_path / 'back.db'}"
    restore_archive(open_archive(tmp_path / "second.zip"), back)
    assert_same(expected, back)  # … and back to SQLite


def test_every_original_byte_comes_back(filled, tmp_path):
    store, expected = filled
    backup_store(store, tmp_path / "b.zip")
    archive = open_archive(tmp_path / "b.zip")
    for sha256, size, content in expected["originals"]:
        assert archive.read(f"originals/{sha256}") == content and len(content) == size


def test_a_restored_store_takes_new_rows_after_the_old(filled, db_url, tmp_path):
    store, expected = filled
    backup_store(store, tmp_path / "b.zip")
    restore_archive(open_archive(tmp_path / "b.zip"), db_url)
    restored = Store.open(db_url, actor="tester")
    with restored.session() as session:
        person = Person(label="P-99999")
        session.add(person)
        session.flush()
        assert person.id == max(row[0] for row in expected["persons"]) + 1
    restored.close()


def _flip(path: Path, member: str) -> None:
    """Flip one byte in the middle of one file's data inside the archive."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    header = 30 + len(info.filename.encode()) + len(info.extra)
    data[info.header_offset + header + info.compress_size // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("member", ["tables/records.jsonl", "tables/audit_events.jsonl"])
def test_a_flipped_byte_is_caught_and_nothing_is_written(filled, tmp_path, member):
    store, _ = filled
    path = tmp_path / "b.zip"
    backup_store(store, path)
    _flip(path, member)
    target = tmp_path / "restored.db"
    with pytest.raises(TollError, match=member.replace(".", r"\.")):
        restore_archive(open_archive(path), str(target))
    assert not target.exists() and list(tmp_path.glob(".restored.db*")) == []


def test_a_changed_original_is_caught(filled, tmp_path):
    store, expected = filled
    path = tmp_path / "b.zip"
    backup_store(store, path)
    sha256 = expected["originals"][0][0]
    _flip(path, f"originals/{sha256}")
    with pytest.raises(TollError, match=f"originals/{sha256}"):
        restore_archive(open_archive(path), str(tmp_path / "r.db"))


def test_a_file_rewritten_with_a_valid_zip_is_caught(filled, tmp_path):
    store, _ = filled
    path, tampered = tmp_path / "b.zip", tmp_path / "t.zip"
    backup_store(store, path)
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(tampered, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == "tables/claims.jsonl":
                data = data.replace(b"4242", b"4243")
            copy.writestr(info.filename, data)
    with pytest.raises(TollError, match=r"tables/claims\.jsonl differs from its SHA-256"):
        restore_archive(open_archive(tampered), str(tmp_path / "r.db"))


def test_a_restore_that_fails_half_way_leaves_the_target_untouched(
    filled, db_url, tmp_path, monkeypatch
):
    """The data are all in when the final upgrade fails: nothing of them may remain."""
    import toll.backup.load as load

    store, _ = filled
    backup_store(store, tmp_path / "b.zip")
    real = load.migrate_connection

    def fail_at_the_end(connection, revision="head"):
        if revision == "head":
            raise RuntimeError("killed")
        real(connection, revision)

    monkeypatch.setattr(load, "migrate_connection", fail_at_the_end)
    with pytest.raises(RuntimeError):
        restore_archive(open_archive(tmp_path / "b.zip"), db_url)
    engine = create_engine(db_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()
    assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []


def test_restore_never_overwrites_a_store(filled, tmp_path):
    store, _ = filled
    backup_store(store, tmp_path / "b.zip")
    with pytest.raises(TollError, match="already exists"):
        restore_archive(open_archive(tmp_path / "b.zip"), str(tmp_path / "source.db"))


def test_backup_never_writes_over_an_archive_unless_told(filled, tmp_path, toll):
    store, _ = filled
    path = tmp_path / "b.zip"
    backup_store(store, path)
    before = path.read_bytes()
    with pytest.raises(TollError, match="already exists.*--replace"):
        backup_store(store, path)
    assert path.read_bytes() == before
    source = store.url.removeprefix("sqlite:///")
    result = toll("backup", path, "--db", source)
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert toll("backup", path, "--replace", "--db", source).exit_code == 0


def test_passphrase_encryption_round_trips_and_refuses_a_wrong_one(filled, tmp_path):
    store, expected = filled
    path = tmp_path / "b.age"
    backup_store(store, path, passphrase="correct horse", encrypted=True)
    assert b"tester" not in path.read_bytes() and path.read_bytes().startswith(b"age-")
    with pytest.raises(TollError, match="cannot be decrypted"):
        open_archive(path, passphrase="wrong")
    with pytest.raises(TollError, match="is encrypted"):
        open_archive(path)
    restore_archive(open_archive(path, passphrase="correct horse"), str(tmp_path / "r.db"))
    assert_same(expected, f"sqlite:///{tmp_path / 'r.db'}")


def test_age_recipient_encryption_round_trips_and_catches_a_flipped_byte(filled, tmp_path):
    store, expected = filled
    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "key.txt"
    key.write_text(f"# a test key\n{identity}\n")
    path = tmp_path / "b.age"
    backup_store(store, path, recipients=[str(identity.to_public())], encrypted=True)
    restore_archive(open_archive(path, identity=key), str(tmp_path / "r.db"))
    assert_same(expected, f"sqlite:///{tmp_path / 'r.db'}")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(TollError, match="b.age cannot be decrypted"):
        open_archive(path, identity=key)


def test_cli_backup_and_restore(filled, tmp_path, toll):
    store, expected = filled
    source = store.url.removeprefix("sqlite:///")
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("a long passphrase\n")
    archive = tmp_path / "cli.age"
    result = toll("backup", archive, "--encrypt", "--passphrase-file", passphrase, "--db", source)
    assert result.exit_code == 0, result.stderr
    assert "encrypted backup of" in " ".join(result.stdout.split())
    target = tmp_path / "cli.db"
    result = toll("restore", archive, "--db", target, "--passphrase-file", passphrase, "--json")
    assert result.exit_code == 0, result.stderr
    assert '"records": 12' in result.stdout
    assert_same(expected, f"sqlite:///{target}")
    result = toll("restore", tmp_path / "nothing.zip", "--db", tmp_path / "x.db")
    assert result.exit_code == 1 and "cannot read" in result.stderr
