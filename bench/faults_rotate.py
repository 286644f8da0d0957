"""Kills `toll key rotate` with SIGKILL at random points: the encrypted store stays whole.

    .venv/bin/python bench/faults_rotate.py [--kills 10] [--persons 2000] [--postgresql URL]

An encrypted store (SQLite: SQLCipher; PostgreSQL: sealed fields) is filled with two synthetic
lists, linked, and given its cases (their reporters are the sealed fields). Then, `--kills`
times, a copy of it is re-keyed with `toll key rotate` and killed at a random moment of the
rotation's usual run time (every second kill on SQLite: within 80 ms of the new key
header appearing, while SQLCipher re-encrypts the pages). After each kill:

1. the store opens with the old passphrase or the new one (one of them, never neither), holds
   the rows it held, and `toll verify` passes;
2. a second `toll key rotate` (with whichever passphrase opens it) completes, and the store then
   opens with its new passphrase only.

Prints kills survived / tried per database, and how many kills came after the new key header
was written (the re-encryption under way or done).
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faults import Database  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

OLD, NEW, NEWER = "old passphrase, seven words", "new passphrase, after", "the third one, at last"


def toll(*args, passphrase: str, new: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TOLL_USER": "faults", "TOLL_PASSPHRASE": passphrase}
    if new:
        env["TOLL_NEW_PASSPHRASE"] = new
    return subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)], capture_output=True, text=True, env=env
    )


def must(*args, passphrase: str = OLD) -> subprocess.CompletedProcess:
    done = toll(*args, passphrase=passphrase)
    if done.returncode:
        raise SystemExit(f"toll {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return done


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" else None


def copy_store(database: Database, prepared: str) -> str:
    """A copy of the prepared store (with its key header, for SQLite)."""
    target = database.new(prepared)
    path, source = sqlite_path(target), sqlite_path(prepared)
    if path is not None:
        shutil.copy(f"{source}.key", f"{path}.key")
    return target


def counts(url: str) -> tuple[str | None, dict | None]:
    """Which passphrase opens the store (None: neither), and its rows per table."""
    for passphrase in (OLD, NEW):
        info = toll("db", "info", "--db", url, "--json", passphrase=passphrase)
        if info.returncode == 0:
            return passphrase, json.loads(info.stdout)["tables"]
    return None, None


def prepare(database: Database, folder: Path, persons: int) -> str:
    url = database.new()
    must("init", "--encrypt", "--db", url)
    must("synth", folder / "lists", "--persons", persons, "--lists", 2, "--seed", 20)
    for path in sorted((folder / "lists").glob("list*")):
        must("import", path, "--db", url)
    must("link", "--db", url)
    must("case", "sync", "--db", url)
    return url


def one_kill(database, prepared: str, whole: dict, timing: dict, rng, tally: dict, aimed: bool):
    """Kill a rotation at a random moment of its run, or (`aimed`, SQLite) a random moment
    of the 80 ms after its new key header appears: while SQLCipher re-encrypts."""
    target = copy_store(database, prepared)
    env = {**os.environ, "TOLL_USER": "faults", "TOLL_PASSPHRASE": OLD, "TOLL_NEW_PASSPHRASE": NEW}
    process = subprocess.Popen(
        [sys.executable, "-m", "toll", "key", "rotate", "--db", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    path = sqlite_path(target)
    if aimed and path is not None:
        pending = Path(f"{path}.key.new")
        while not pending.exists() and process.poll() is None:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.08))  # the re-encryption of a few MB takes tens of ms
    else:
        time.sleep(rng.uniform(0.3, 1.0) * timing["seconds"])
    if process.poll() is not None:
        tally["finished first"] += 1
        timing["seconds"] *= 0.7  # a busy machine timed the whole run slower: aim earlier
        return
    process.send_signal(signal.SIGKILL)
    process.wait()
    tally["tried"] += 1
    if path is not None and Path(f"{path}.key.new").exists():
        tally["after the new header"] += 1
    problem = check(target, whole, tally)
    if problem:
        tally["failures"].append(problem)
    else:
        tally["survived"] += 1


def check(target: str, whole: dict, tally: dict) -> str | None:
    opened_with, rows = counts(target)
    if opened_with is None:
        return "opens with neither the old passphrase nor the new one"
    tally["opened with the new"] += opened_with == NEW
    audited = rows["audit_events"] - whole["audit_events"]  # the rotation's own event
    if opened_with == NEW and audited in (0, 1):  # killed after the re-key, before or after it
        whole = {**whole, "audit_events": rows["audit_events"]}
    if rows != whole:
        return f"holds {rows}, not {whole}"
    if toll("verify", "--db", target, passphrase=opened_with).returncode:
        return "toll verify failed"
    again = toll("key", "rotate", "--db", target, passphrase=opened_with, new=NEWER)
    if again.returncode:
        return f"the next rotation failed: {again.stderr.strip()[-200:]}"
    if toll("db", "info", "--db", target, passphrase=NEWER).returncode:
        return "the next rotation's passphrase does not open it"
    if toll("db", "info", "--db", target, passphrase=opened_with).returncode != 2:
        return "the passphrase before the next rotation still opens it"
    return None


def run(database: Database, folder: Path, kills: int, persons: int, seed: int) -> dict:
    rng = random.Random(seed)
    prepared = prepare(database, folder / database.name, persons)
    _, whole = counts(prepared)
    sample = copy_store(database, prepared)
    started = time.monotonic()
    done = toll("key", "rotate", "--db", sample, passphrase=OLD, new=NEW)
    seconds = time.monotonic() - started
    if done.returncode:
        raise SystemExit(f"toll key rotate failed: {done.stderr.strip()}")
    tally = {"tried": 0, "survived": 0, "finished first": 0, "after the new header": 0}
    tally["opened with the new"] = 0
    tally["failures"] = []
    timing = {"seconds": seconds}
    for kill in range(kills):
        one_kill(database, prepared, whole, timing, rng, tally, aimed=kill % 2 == 1)
    sealed = whole.get("case_reporters", 0)
    print(
        f"key rotate {database.name:10} {tally['survived']}/{tally['tried']} kills survived "
        f"(whole run {seconds:.1f} s, {sum(whole.values()):,} rows, {sealed:,} reporters; "
        f"{tally['after the new header']} kills with the new key header written but not yet in "
        f"place, {tally['opened with the new']} stores left opening with the new passphrase; "
        f"{tally['finished first']} ended before the kill)"
        + "".join(f"\n  {failure}" for failure in tally["failures"])
    )
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--persons", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--postgresql", help="a server URL, e.g. postgresql+psycopg://...")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        databases = [Database(Path(folder))]
        if args.postgresql:
            databases.append(Database(Path(folder), args.postgresql))
        try:
            for database in databases:
                (Path(folder) / database.name).mkdir()
                failed |= bool(
                    run(database, Path(folder), args.kills, args.persons, args.seed)["failures"]
                )
        finally:
            for database in databases:
                if database.server:
                    database.drop_all()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
