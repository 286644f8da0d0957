"""Kills with SIGKILL at random points: the store stays whole and the next run completes (issue 20).

    .venv/bin/python bench/faults.py [--kills 5] [--persons 400] [--seed 20] [--postgresql URL]
        [--command import --command link ...]

For each command (toll import, link, case sync, remains import, import-events, restore) and each
database (a SQLite file; PostgreSQL when --postgresql is given), a store is prepared with what the
command needs, then, `--kills` times: a copy of it is made, the command starts on the copy and is
killed with SIGKILL at a random moment of its usual run time. After each kill:

1. `toll verify` passes (every original's bytes match its SHA-256);
2. every table holds what it held before the run or what a whole run leaves (nothing in
   between: each source is whole or absent);
3. the same command run again completes and leaves what a whole run leaves.

Prints kills survived / tried per command and database (a run that ended before its kill is
not counted as tried).
"""

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from incidents.event_files import GED_COLUMNS, ged_row, write  # noqa: E402
from toll.store import Store  # noqa: E402

COMMANDS = ("import", "link", "case sync", "remains import", "import-events", "restore")


def toll(*args, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "TOLL_USER": "faults"},
        timeout=timeout,
    )


def must(*args) -> None:
    done = toll(*args)
    if done.returncode:
        raise SystemExit(f"toll {' '.join(map(str, args))} failed: {done.stderr.strip()}")


@dataclass
class Inputs:
    """Files the commands read, written once."""

    lists: list[Path]
    remains: Path
    events: Path
    archive: Path | None = None


def write_inputs(folder: Path, persons: int, seed: int) -> Inputs:
    must("synth", folder / "lists", "--persons", persons, "--lists", 2, "--seed", seed)
    lists = sorted((folder / "lists").glob("list*"))
    rng = random.Random(seed)
    remains = folder / "remains.csv"
    with remains.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Lab ref", "Sex", "Age", "Found", "Place"])
        for i in range(persons):
            out.writerow(
                [f"BK-{i}", rng.choice(["male", "female"]), rng.randint(5, 80), "2019-08-21", "X"]
            )
    rows = [
        ged_row(i, f"Town{i % 50}", f"{1990 + i % 30}-0{1 + i % 9}-1{i % 9}", 5, 2, 9)
        for i in range(1, persons * 5 + 1)
    ]
    events = write(folder / "ged.csv", GED_COLUMNS, rows)
    return Inputs(lists, remains, events)


class Database:
    """Where stores are made: SQLite files in a folder, or databases on a PostgreSQL server."""

    def __init__(self, folder: Path, server: str | None = None):
        self.folder, self.server = folder, server
        self.name = "postgresql" if server else "sqlite"
        self.made: list[str] = []

    def new(self, template: str | None = None) -> str:
        """A URL for a new store: empty, or a copy of `template`."""
        if not self.server:
            path = self.folder / f"{uuid.uuid4().hex[:10]}.db"
            if template:
                shutil.copy(make_url(template).database, path)
            return f"sqlite:///{path}"
        name = f"toll_faults_{uuid.uuid4().hex[:10]}"
        copy = f' TEMPLATE "{make_url(template).database}"' if template else ""
        self._admin(f'CREATE DATABASE "{name}"{copy}')
        self.made.append(name)
        return make_url(self.server).set(database=name).render_as_string(hide_password=False)

    def _admin(self, sql: str) -> None:
        engine = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(sql))
        engine.dispose()

    def drop_all(self) -> None:
        for name in self.made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def contents(url: str) -> dict[str, int] | None:
    """Rows per table (None: no store there yet)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).exists():
        return None
    engine = create_engine(url)
    try:
        names = [n for n in inspect(engine).get_table_names() if n != "alembic_version"]
        if not names:
            return None
        with engine.connect() as connection:
            return {n: connection.scalar(select(func.count()).select_from(table(n))) for n in names}
    finally:
        engine.dispose()


@dataclass
class Command:
    """A command under test: how to prepare its store, its arguments, whether it makes one."""

    name: str
    args: list
    prepare: list = field(default_factory=list)  # commands run once on the prepared store
    into_new: bool = False  # restore: the command writes a new store (--db is its target)


def commands(inputs: Inputs) -> dict[str, Command]:
    lists = [["import", path] for path in inputs.lists]
    return {
        "import": Command("import", ["import", inputs.lists[0]]),
        "link": Command("link", ["link"], lists),
        "case sync": Command("case sync", ["case", "sync"], [*lists, ["link"]]),
        "remains import": Command("remains import", ["remains", "import", inputs.remains]),
        "import-events": Command("import-events", ["import-events", inputs.events]),
        "restore": Command("restore", ["restore", inputs.archive], into_new=True),
    }


def make_archive(inputs: Inputs, database: Database, folder: Path) -> None:
    """A backup of a store holding lists, remains and events."""
    url = database.new()
    for args in (
        *[["import", p] for p in inputs.lists],
        ["remains", "import", inputs.remains],
        ["import-events", inputs.events],
    ):
        must(*args, "--db", url)
    inputs.archive = folder / f"store-{database.name}.zip"
    must("backup", inputs.archive, "--db", url)


@dataclass
class Tally:
    tried: int = 0
    survived: int = 0
    finished_first: int = 0
    failures: list[str] = field(default_factory=list)


def one_kill(command: Command, database: Database, prepared: str | None, rng, tally: Tally):
    """Run the command on a copy, kill it, check the copy; then run it again."""
    target = database.new(None if command.into_new else prepared)
    before = contents(target)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "toll", *map(str, command.args), "--db", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TOLL_USER": "faults"},
    )
    time.sleep(rng.uniform(0.1, 0.75) * command.seconds)
    if process.poll() is not None:
        tally.finished_first += 1
        command.seconds *= 0.7  # a busy machine timed the whole run slower: aim earlier
        return
    process.send_signal(signal.SIGKILL)
    process.wait()
    tally.tried += 1
    problem = check_after_kill(command, target, before, time.monotonic() - started)
    if problem:
        tally.failures.append(problem)
    else:
        tally.survived += 1


def check_after_kill(command: Command, target: str, before, at: float) -> str | None:
    where = f"{command.name} killed after {at:.1f} s"
    left = contents(target)
    if left not in (before, command.whole):
        changed = {k: v for k, v in (left or {}).items() if (before or {}).get(k) != v}
        return f"{where}: partial write {changed}"
    if left is not None:
        verified = toll("verify", "--db", target)
        if verified.returncode:
            return f"{where}: toll verify failed: {verified.stderr.strip()[-300:]}"
    if command.into_new and left is not None:  # restored whole before the kill came
        return None  # (a restore never overwrites a store: there is nothing to run again)
    again = toll(*command.args, "--db", target)
    if again.returncode:
        return f"{where}: the next run failed: {again.stderr.strip()[-300:]}"
    after, whole = contents(target), command.whole
    if left == whole:  # killed after it committed: the next run is a second run, audited too
        after, whole = _without_audit(after), _without_audit(whole)
    if after != whole:
        return f"{where}: the next run left {after}, a whole run {whole}"
    return None


def _without_audit(rows: dict | None) -> dict | None:
    return rows and {name: n for name, n in rows.items() if name != "audit_events"}


def prepare(command: Command, database: Database) -> str | None:
    """The store the command starts from, and what one whole run leaves (`command.whole`)."""
    prepared = None
    if not command.into_new:
        prepared = database.new()
        Store.open(prepared, actor="faults").close()  # an empty store of the current schema
        for args in command.prepare:
            must(*args, "--db", prepared)
    sample = database.new(None if command.into_new else prepared)
    started = time.monotonic()
    must(*command.args, "--db", sample)
    command.seconds = time.monotonic() - started
    command.whole = contents(sample)
    return prepared


def run(
    names: list[str],
    databases: list[Database],
    kills: int,
    persons: int,
    seed: int,
    folder: Path,
    report=print,
) -> dict[tuple[str, str], Tally]:
    rng = random.Random(seed)
    inputs = write_inputs(folder, persons, seed)
    tallies = {}
    for database in databases:
        if "restore" in names:
            make_archive(inputs, database, folder)
        for name in names:
            command = commands(inputs)[name]
            prepared = prepare(command, database)
            tally = tallies[(name, database.name)] = Tally()
            for _ in range(kills):
                one_kill(command, database, prepared, rng, tally)
            report(
                f"{name:15} {database.name:10} {tally.survived}/{tally.tried} kills survived "
                f"(whole run {command.seconds:.1f} s; {tally.finished_first} ended before "
                f"the kill){''.join(chr(10) + '  ' + f for f in tally.failures)}"
            )
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--persons", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--postgresql", help="a server URL, e.g. postgresql+psycopg://...")
    parser.add_argument("--command", action="append", choices=COMMANDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        databases = [Database(Path(folder))]
        if args.postgresql:
            databases.append(Database(Path(folder), args.postgresql))
        try:
            tallies = run(
                args.command or list(COMMANDS),
                databases,
                args.kills,
                args.persons,
                args.seed,
                Path(folder),
            )
        finally:
            for database in databases:
                if database.server:
                    database.drop_all()
    tried = sum(t.tried for t in tallies.values())
    survived = sum(t.survived for t in tallies.values())
    print(f"all: {survived}/{tried} kills survived")
    sys.exit(0 if survived == tried else 1)


if __name__ == "__main__":
    main()
