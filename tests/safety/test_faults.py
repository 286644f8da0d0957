"""Faults: SIGKILL at random points (bench/faults.py, a few kills here), a full disk, a
read-only store. Each leaves the store whole and says one clear line."""

import os
import random
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from lists import write_en
from toll.model import Record, Source

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import faults  # noqa: E402


def kills(names: list[str], db_url: str, folder: Path, count: int = 1) -> dict:
    server = os.environ.get("TOLL_TEST_DATABASE_URL") if db_url.startswith("postgres") else None
    database = faults.Database(folder, server)
    try:
        return faults.run(
            names, [database], count, 60, random.randrange(1000), folder, report=print
        )
    finally:
        if server:
            database.drop_all()


def assert_survived(tallies: dict) -> None:
    for (name, where), tally in tallies.items():
        assert tally.failures == [], (name, where)
        assert tally.survived == tally.tried, (name, where)


def test_killed_imports_and_restore_leave_the_store_whole_and_run_again(db_url, tmp_path):
    assert_survived(
        kills(["import", "remains import", "import-events", "restore"], db_url, tmp_path)
    )


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TOLL_FAULTS"),
    reason="long (linkage): set TOLL_FAULTS=1 or run bench/faults.py",
)
def test_killed_link_and_case_sync_leave_the_store_whole_and_run_again(db_url, tmp_path):
    assert_survived(kills(["link", "case sync"], db_url, tmp_path, count=2))


def toll(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "TOLL_USER": "tester"},
        timeout=300,
    )


def sources_and_records(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        counted = tuple(
            connection.scalar(select(func.count()).select_from(model)) for model in (Source, Record)
        )
    engine.dispose()
    return counted


def one_clear_line(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and words in lines[0], done.stderr


@pytest.fixture
def small_disk(tmp_path):
    """A 600 kB tmpfs (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(folder)])
    if mounted.returncode:
        pytest.skip("this machine does not let tests mount a tmpfs")
    yield folder
    subprocess.run(["umount", "-l", str(folder)])


def test_a_full_disk_is_one_clear_line_and_leaves_the_store_as_it_was(small_disk, tmp_path):
    store = small_disk / "toll.db"
    first = write_en(tmp_path / "first.csv", range(3))
    assert toll("import", first, "--db", store).returncode == 0
    done = toll("synth", tmp_path / "big", "--persons", 3000, "--lists", 1)
    assert done.returncode == 0
    big = next((tmp_path / "big").glob("list1*"))
    one_clear_line(toll("import", big, "--db", store), "the disk is full")
    assert sources_and_records(f"sqlite:///{store}") == (1, 3)
    assert toll("verify", "--db", store).returncode == 0


def test_a_read_only_store_is_one_clear_line_and_still_reads(db_url, tmp_path):
    first, second = (write_en(tmp_path / f"{n}.csv", range(i, i + 3)) for i, n in enumerate("ab"))
    assert toll("import", first, "--db", db_url).returncode == 0
    store = db_url
    if db_url.startswith("postgres"):
        name = make_url(db_url).database
        engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(
                text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
            )
        engine.dispose()
    elif os.geteuid() == 0:  # root writes through file modes: make the file system read-only
        folder = Path(make_url(db_url).database).parent
        moved = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
        moved.mkdir()
        assert subprocess.run(["mount", "--bind", str(folder), str(moved)]).returncode == 0
        assert subprocess.run(["mount", "-o", "remount,ro,bind", str(moved)]).returncode == 0
        db_url = f"sqlite:///{moved / 'toll.db'}"
    else:
        Path(make_url(db_url).database).chmod(0o444)
    try:
        one_clear_line(toll("import", second, "--db", db_url), "it is read-only")
        listed = toll("source", "list", "--db", db_url, "--json")
        assert listed.returncode == 0 and "a.csv" in listed.stdout
    finally:
        if db_url.startswith("sqlite") and "/ro-" in db_url:
            subprocess.run(["umount", "-l", str(Path(make_url(db_url).database).parent)])
    assert sources_and_records(store) == (1, 3)
