"""An archive written by an older Toll restores into this one: built at its schema, filled,
then upgraded; and a restore killed earlier leaves nothing in the way of the next one."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select

from filled_store import fill
from toll.backup import backup_store, open_archive, restore_archive
from toll.backup.archive import Archive, ArchiveWriter, table_file
from toll.backup.load import remove_stale
from toll.store import Store
from toll.store.schema import head_revision, migrate_connection

OLD = "0005"


def schema_at(revision: str, folder: Path) -> MetaData:
    """The tables and columns of the store at `revision`, from its migrations."""
    engine = create_engine(f"sqlite:///{folder / f'schema-{revision}.db'}")
    with engine.begin() as connection:
        migrate_connection(connection, revision)
    tables = MetaData()
    tables.reflect(engine)
    engine.dispose()
    tables.remove(tables.tables["alembic_version"])
    return tables


def archive_at(revision: str, archive: Path, folder: Path) -> Path:
    """`archive` as the Toll of `revision` wrote it: only the tables and columns it had."""
    old = schema_at(revision, folder)
    new = Archive(open(archive, "rb"), archive.name)
    new.verify()
    target = folder / f"at-{revision}.zip"
    tables = {}
    with open(target, "wb") as handle:
        writer = ArchiveWriter(handle)
        for name, entry in new.manifest["tables"].items():
            if name not in old.tables:
                # the register's stored tallies are counted again where an old store has none
                assert entry["rows"] == 0 or name in ("identifications", "register_tallies"), name
                continue
            keep = [i for i, c in enumerate(entry["columns"]) if c in old.tables[name].c]
            with writer.file(table_file(name)) as write:
                for line in new.lines(entry["file"]):
                    row = json.loads(line)
                    kept = json.dumps([row[i] for i in keep], ensure_ascii=False)
                    write((kept + "\n").encode())
            columns = [entry["columns"][i] for i in keep]
            tables[name] = {"file": table_file(name), "rows": entry["rows"], "columns": columns}
        for name in new.files:
            if name.startswith("originals/"):
                with writer.file(name) as write:
                    write(new.read(name))
        kept = {k: v for k, v in new.manifest.items() if k not in ("format", "version", "files")}
        writer.close(kept | {"schema": revision, "tables": tables})
    new.close()
    return target


def rows_at(url: str, tables: MetaData) -> dict[str, list[tuple]]:
    """Every row of the old schema's tables, in its columns only."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {}
        for table in tables.sorted_tables:
            names = [c.name for c in table.columns]
            current = MetaData()
            current.reflect(connection, only=[table.name])
            live = current.tables[table.name]
            query = select(*(live.c[n] for n in names)).order_by(*live.primary_key.columns)
            found[table.name] = [tuple(row) for row in connection.execute(query)]
    engine.dispose()
    return found


@pytest.fixture
def filled(tmp_path):
    url = f"sqlite:///{tmp_path / 'source.db'}"
    store = Store.open(url, actor="tester")
    fill(store, tmp_path)
    before = rows_at(url, schema_at(OLD, tmp_path))  # the backup adds its own audit event
    backup_store(store, tmp_path / "now.zip")
    yield store, before
    store.close()


def test_an_archive_of_schema_0005_restores_and_is_upgraded(filled, db_url, tmp_path):
    store, before = filled
    old = archive_at(OLD, tmp_path / "now.zip", tmp_path)
    summary = restore_archive(open_archive(old), db_url)
    assert summary.schema == OLD and summary.upgraded_to == head_revision(store.engine)
    tables = schema_at(OLD, tmp_path)
    assert rows_at(db_url, tables) == before  # every row the archive held
    restored = Store.open(db_url, actor="tester")  # at this Toll's schema: opens, no upgrade
    with restored.session() as session:
        from toll.model import Claim

        assert session.scalars(select(Claim)).first().extractor_version is None
    restored.close()


def test_the_cli_says_the_archive_was_upgraded(filled, tmp_path, toll):
    old = archive_at(OLD, tmp_path / "now.zip", tmp_path)
    result = toll("restore", old, "--db", str(tmp_path / "cli.db"))
    assert result.exit_code == 0, result.stderr
    assert f"upgraded from schema {OLD} to " in " ".join(result.stdout.split())


def test_a_killed_restores_temporary_file_is_removed_by_the_next_restore(filled, tmp_path, toll):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".again.db.restoring-{gone}"
    stale.write_bytes(b"half a store")
    running = tmp_path / ".again.db.restoring-1"  # pid 1 runs: its restore is left alone
    running.write_bytes(b"")
    result = toll("restore", tmp_path / "now.zip", "--db", str(tmp_path / "again.db"))
    assert result.exit_code == 0, result.stderr
    told = " ".join(result.stderr.split())
    assert f"Removed 1 temporary file of a restore killed earlier: {stale.name}." in told
    assert not stale.exists() and running.exists()
    assert remove_stale(tmp_path / "again.db") == []
