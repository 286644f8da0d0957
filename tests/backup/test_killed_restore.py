"""A restore killed half-way (SIGKILL, no clean-up) leaves the target as it was."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, insert, inspect

from toll.backup import backup_store, open_archive, restore_archive
from toll.model import Person, Record
from toll.sources import SourceMetadata
from toll.sources.store import store_original
from toll.store import Store

PERSONS = 60_000


def big_archive(folder: Path) -> Path:
    store = Store.open(str(folder / "big.db"), actor="tester")
    with store.session() as session:
        source = store_original(
            session, b"a list\n" * 100, "list.csv", "text/csv", None, SourceMetadata()
        ).source
        ids = range(1, PERSONS + 1)
        session.execute(insert(Person), [{"id": i, "label": f"P-{i:06d}"} for i in ids])
        session.execute(
            insert(Record),
            [
                {
                    "source_id": source.id,
                    "row_number": i,
                    "original": {"Name": f"Şəxs {i}"},
                    "person_id": i,
                    "full_name": f"Şəxs {i}",
                    "warnings": [],
                }
                for i in ids
            ],
        )
    archive = folder / "big.zip"
    backup_store(store, archive)
    store.close()
    return archive


def restore_and_kill(archive: Path, target: str, ready) -> int:
    process = subprocess.Popen(
        [sys.executable, "-m", "toll", "restore", str(archive), "--db", target, "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TOLL_USER": "tester"},
    )
    deadline = time.monotonic() + 120
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # well into the loading of rows
    process.send_signal(signal.SIGKILL)
    return process.wait()


def test_a_killed_restore_leaves_the_target_untouched(db_url, tmp_path):
    archive = big_archive(tmp_path)
    if db_url.startswith("sqlite"):
        target = tmp_path / "restored.db"
        started = time.monotonic()
        code = restore_and_kill(
            archive, str(target), lambda: any(tmp_path.glob(".restored.db.restoring-*"))
        )
        assert code == -signal.SIGKILL, (
            f"the restore ended by itself after {time.monotonic() - started:.1f} s"
        )
        assert not target.exists()
        left = list(tmp_path.glob(".restored.db.restoring-*"))  # what SIGKILL leaves behind
        summary = restore_archive(open_archive(archive), str(target))  # removed by the next one
        assert summary.stale == [f.name for f in left] and left
        assert not any(tmp_path.glob(".restored.db.restoring-*")) and target.exists()
        return
    started = time.monotonic()
    code = restore_and_kill(archive, db_url, lambda: time.monotonic() - started > 4)
    assert code == -signal.SIGKILL, "the restore ended before it was killed"
    engine = create_engine(db_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()
