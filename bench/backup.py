"""Speed of `toll backup` and `toll restore` on a large store (issue 15: < 5 minutes each).

    .venv/bin/python bench/backup.py [--persons 1000000] [--pg URL] [--folder DIR]

Builds a SQLite store with N persons, one record each (names, dates, places, the row as read)
from one list, times a backup, a restore into a new SQLite file and, with --pg (a server URL;
a fresh database is created on it and dropped afterwards), a restore into PostgreSQL. Prints
the figures; the restored stores are checked to hold every row.
"""

import argparse
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from toll.backup import backup_store, open_archive, restore_archive
from toll.model import Person, Record
from toll.sources import SourceMetadata
from toll.sources.store import store_original
from toll.store import Store

GIVEN = ["Ali", "Leyla", "Rauf", "Aygün", "Fərid", "Nərmin", "Орхан", "Сабина", "Tural", "Günay"]
FAMILY = ["Məmmədov", "Əliyeva", "Hüseynov", "Кулиев", "Nasirova", "Babayev", "Rzayev"]
PLACES = ["Xocalı", "Şuşa", "Ходжалы", "Ağdam", "Tərtər", "Barda"]
BATCH = 20_000
TARGET = 300.0


def build(path: Path, persons: int) -> Store:
    store = Store.open(str(path), actor="bench")
    rng = random.Random(15)
    with store.session() as session:
        content = f"a list of {persons} persons (stand-in bytes)\n".encode() * 1000
        source = store_original(
            session, content, "list.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        source_id = source.id
    for start in range(0, persons, BATCH):
        with store.session() as session:
            ids = range(start + 1, min(start + BATCH, persons) + 1)
            session.execute(
                insert(Person),
                [{"id": i, "label": f"P-{i:07d}", "display_name": None} for i in ids],
            )
            session.execute(insert(Record), [_record(i, source_id, rng) for i in ids])
    return store


def _record(i: int, source_id: int, rng: random.Random) -> dict:
    given, family, place = rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(PLACES)
    born = rng.randint(1920, 2015)
    day = date(1992, 2, 25) + timedelta(days=rng.randint(0, 900))
    return {
        "id": i,
        "source_id": source_id,
        "row_number": i,
        "row_key": str(i),
        "original": {"Adı": given, "Soyadı": family, "Doğum ili": str(born), "Yer": place},
        "person_id": i,
        "full_name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
        "sex": rng.choice(["male", "female", None]),
        "age": day.year - born,
        "birth_year": born,
        "event_date": day.isoformat(),
        "event_date_earliest": day,
        "event_date_latest": day,
        "event_date_precision": "day",
        "place": place,
        "status": "killed",
        "warnings": [],
        "name_key": f"{family.lower()} {given.lower()}",
        "place_key": place.lower(),
    }


def timed(label: str, work) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    verdict = "OK" if seconds < TARGET else "OVER TARGET"
    print(f"  {label:<44} {seconds:8.1f} s  (target < {TARGET:.0f} s)  {verdict}", flush=True)
    return seconds


def count_rows(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(Record.__table__))
    engine.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--pg", help="a PostgreSQL server URL to restore into as well")
    parser.add_argument("--folder", type=Path, help="where to build (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        folder = Path(folder)
        start = time.perf_counter()
        store = build(folder / "big.db", args.persons)
        print(
            f"store of {args.persons:,} persons and records built in "
            f"{time.perf_counter() - start:.0f} s",
            flush=True,
        )
        archive = folder / "big.zip"
        timed("backup", lambda: backup_store(store, archive))
        store.close()
        print(f"  archive: {archive.stat().st_size / 1e6:,.0f} MB", flush=True)
        target = f"sqlite:///{folder / 'restored.db'}"
        timed(
            "restore into SQLite (verifies every hash)",
            lambda: restore_archive(open_archive(archive), target),
        )
        assert count_rows(target) == args.persons
        if args.pg:
            restore_into_postgresql(archive, args.pg, args.persons)


def restore_into_postgresql(archive: Path, server: str, persons: int) -> None:
    name = f"toll_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        timed(
            "restore into PostgreSQL (verifies every hash)",
            lambda: restore_archive(open_archive(archive), url),
        )
        assert count_rows(url) == persons
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
