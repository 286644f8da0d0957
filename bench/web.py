"""Speed of the web workspace under concurrent users (issue 14: p95 < 150 ms for the dashboard,
register search and person page with 50 users on 1,000,000 persons).

    .venv/bin/python bench/web.py [--persons 100000] [--users 50] [--seconds 30] [--think 1]
                                  [--db PATH | --build-into URL] [--workers 1]

Builds a SQLite store of N persons (as bench/backup.py does, with the name and place search
keys the importer writes), or inside --build-into (an empty PostgreSQL database's URL), or
uses --db as it is; serves it with `toll serve --workers N` (its own processes) on loopback
only, and lets --users threads request the three pages in turn, signed in with an API token,
arriving over one think time; what they ask for in the first 3 think times (at least 3 s:
users connecting, the server opening its connections to the store) is not counted, then
--seconds are. Each user waits --think seconds on average (0.5 to 1.5 times it) between
pages, as a person reading them does; --think 0 sends the next request at once (a test of
throughput: then the time is mostly waiting in line). Prints the first dashboard's time (the
figures counted, after the server's start) and the time of the first after a change of the
register (the server warm), each page's median, p95 and slowest time, the requests per
second and the server's CPU time per request. Bounded in
time; nothing leaves the machine.
"""

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select, update

import toll.figures  # noqa: F401  (counts the register at each change of it, as toll does)
from toll.model import Person, Record, User
from toll.names import name_keys, place_key
from toll.store import Store
from toll.store.access import add_user
from toll.store.auth import create_token, set_password

sys.path.insert(0, str(Path(__file__).parent))
from backup import FAMILY, GIVEN, PLACES, build  # noqa: E402  (the backup benchmark's store)

# The same store built inside PostgreSQL (generate_series), a million rows in a minute or two.
RECORDS_IN_SQL = """
WITH r AS (
  SELECT i, 1 + floor(random() * 10)::int AS g, 1 + floor(random() * 7)::int AS f,
         1 + floor(random() * 6)::int AS p, 1920 + floor(random() * 96)::int AS born,
         date '1992-02-25' + floor(random() * 901)::int AS day, floor(random() * 3)::int AS s
  FROM generate_series(1, :persons) AS i)
INSERT INTO records (id, source_id, row_number, row_key, original, person_id, full_name,
  given_name, family_name, sex, age, birth_year, event_date, event_date_earliest,
  event_date_latest, event_date_precision, place, status, warnings, name_key, place_key,
  created_at, created_by)
SELECT i, :source, i, i::text,
  json_build_object('Adı', (:given)[g], 'Soyadı', (:family)[f], 'Doğum ili', born::text,
                    'Yer', (:places)[p]),
  i, (:given)[g] || ' ' || (:family)[f], (:given)[g], (:family)[f],
  (ARRAY['male', 'female', NULL])[s + 1], extract(year FROM day)::int - born, born,
  day::text, day, day, 'day', (:places)[p], 'killed', '[]'::json,
  (:name_keys)[(g - 1) * 7 + f], (:place_keys)[p], now(), 'bench'
FROM r
"""

PAGES = {
    "dashboard": lambda rng, n: "/",
    "register search": lambda rng, n: (
        "/register?name=" + rng.choice(["Məmmədov", "Мамедов", "Aliyeva", "Hüseynov"])
    ),
    "person page": lambda rng, n: f"/persons/{rng.randint(1, n)}",
}


def build_in_postgresql(url: str, persons: int) -> Store:
    """bench/backup.py's store of N persons, one record each, written by PostgreSQL itself."""
    from sqlalchemy import text

    from toll.sources import SourceMetadata
    from toll.sources.store import store_original

    store = Store.open(url, actor="bench")
    arrays = {
        "given": GIVEN,
        "family": FAMILY,
        "places": PLACES,
        "name_keys": [
            name_keys(given=g, family=f).name_tokens_sorted for g in GIVEN for f in FAMILY
        ],
        "place_keys": [place_key(p) for p in PLACES],
    }
    with store.session() as session:
        content = f"a list of {persons} persons (stand-in bytes)\n".encode()
        metadata = SourceMetadata(kind="list")
        source = store_original(session, content, "list.csv", "text/csv", None, metadata).source
        session.execute(text("SELECT setseed(0.15)"))
        session.execute(
            text(
                "INSERT INTO persons (id, label, created_at, created_by) SELECT i, "
                "'P-' || lpad(i::text, 7, '0'), now(), 'bench' FROM generate_series(1, :n) i"
            ),
            {"n": persons},
        )
        typed = {k: f"CAST(:{k} AS text[])" for k in arrays}
        sql = RECORDS_IN_SQL
        for key, cast in typed.items():
            sql = sql.replace(f"(:{key})", f"({cast})")
        session.execute(text(sql), {"persons": persons, "source": source.id, **arrays})
        session.execute(
            text(
                "UPDATE persons SET display_name = r.full_name FROM records r "
                "WHERE r.person_id = persons.id"
            )
        )
        for table in ("persons", "records"):
            session.execute(text(f"SELECT setval('{table}_id_seq', :n)"), {"n": persons})
    with store.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    return store


def with_search_keys(store: Store) -> Store:
    """The name and place keys `toll import` writes (Latin ASCII, any script), and each
    person's name, so that a search finds and shows what it would in an imported list."""
    with store.session() as session:
        names = session.execute(select(Record.given_name, Record.family_name).distinct()).all()
        for given, family in names:
            key = name_keys(given=given, family=family).name_tokens_sorted
            session.execute(
                update(Record)
                .where(Record.given_name == given, Record.family_name == family)
                .values(name_key=key)
            )
        named = select(Record.full_name).where(Record.person_id == Person.id).scalar_subquery()
        session.execute(update(Person).values(display_name=named))
        for (place,) in session.execute(select(Record.place).distinct()).all():
            session.execute(
                update(Record).where(Record.place == place).values(place_key=place_key(place))
            )
    return store


def serve(store: Store, workers: int) -> tuple[str, subprocess.Popen]:
    """`toll serve --workers N` on the store, on a free port of loopback, in its own processes
    (so that the users' threads here do not share its interpreter)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = store.engine.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "toll", "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen([*command, "--workers", str(workers)], stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        try:
            if httpx.get(base + "/login", timeout=5).status_code == 200:
                return base, server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"toll serve did not answer on {base} within 120 s")


def warm_up(base: str, token: str, workers: int) -> float:
    """Seconds until each worker has drawn the dashboard's figures (each keeps its own): as
    many dashboards at once as there are workers, until two rounds in a row are quick."""
    started, quick = time.perf_counter(), 0
    headers = {"Authorization": f"Bearer {token}"}
    while quick < 2:
        round_started = time.perf_counter()
        threads = [
            threading.Thread(
                target=httpx.get, args=(base + "/",), kwargs={"headers": headers, "timeout": 600}
            )
            for _ in range(2 * workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        quick = quick + 1 if time.perf_counter() - round_started < 1 else 0
    return time.perf_counter() - started


def after_a_change(store: Store, base: str, token: str) -> tuple[float, float]:
    """Seconds for a change of the register (its commit counts the register's tallies), and
    for the dashboard after it, the server warm: one person's name changed and changed back
    (two audited changes; the figures stay the same, and are counted again)."""
    started = time.perf_counter()
    with store.session() as session:
        person = session.get(Person, 1)
        name = person.display_name
        person.display_name = f"{name} "
        session.flush()
        person.display_name = name
    changed = time.perf_counter()
    httpx.get(base + "/", headers={"Authorization": f"Bearer {token}"}, timeout=600)
    return changed - started, time.perf_counter() - changed


def user(
    base: str, token: str, persons: int, span: tuple[float, float], seed: int, times, think
) -> None:
    """Request the pages in turn until the end of `span`, counting those sent within it."""
    begin, until = span
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        time.sleep(think * rng.uniform(0, 1))  # users arrive over one think time, not at once
        while time.perf_counter() < until:
            page = rng.choice(list(PAGES))
            started = time.perf_counter()
            response = client.get(PAGES[page](rng, persons))
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise SystemExit(f"{page}: {response.status_code} {response.text[:200]}")
            if started >= begin:
                times[page].append(elapsed)
            time.sleep(think * rng.uniform(0.5, 1.5))


WARM_UP = 3  # think times (at least 3 s) before requests are counted


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children so far (Linux /proc)."""
    tick, total, family = os.sysconf("SC_CLK_TCK"), 0.0, {pid}
    stats = {}
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            fields = (folder / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        stats[int(folder.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    for _ in range(3):  # uvicorn, its workers, their helpers
        family |= {child for child, (parent, _) in stats.items() if parent in family}
    for member in family:
        total += stats.get(member, (0, 0))[1] / tick
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between pages")
    parser.add_argument("--db", help="an existing store to serve instead of building one")
    parser.add_argument("--build-into", help="an empty PostgreSQL database to build it in")
    parser.add_argument("--workers", type=int, default=1, help="toll serve --workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.db:
            store = Store.open(args.db, actor="bench")
        else:
            started = time.perf_counter()
            if args.build_into:
                store = build_in_postgresql(args.build_into, args.persons)
            else:
                store = with_search_keys(build(str(Path(folder) / "web.db"), args.persons))
            print(f"built {args.persons:,} persons in {time.perf_counter() - started:.0f} s")
        with store.session() as session:
            if session.scalar(select(User).where(User.name == "bench")) is None:
                add_user(session, "bench", "admin", True)
            set_password(session, "bench", secrets.token_urlsafe(16))  # toll serve needs one
            token = create_token(session, "bench", "bench/web.py")
        base, server = serve(store, args.workers)
        started = time.perf_counter()
        httpx.get(base + "/", headers={"Authorization": f"Bearer {token}"}, timeout=600)
        print(
            f"first dashboard (figures drawn, then kept until the store changes): "
            f"{time.perf_counter() - started:.1f} s"
        )
        change, changed = after_a_change(store, base, token)
        print(f"a change of the register (committed): {change:.1f} s")
        print(f"first dashboard after a change of the register: {changed:.1f} s")
        if args.workers > 1:
            print(f"every worker's first dashboard: {warm_up(base, token, args.workers):.1f} s")
        times: dict[str, list[float]] = defaultdict(list)
        # not counted: the first seconds, while the users connect and the server opens its
        # connections to the store (every user's first request came in the same second)
        begin = time.perf_counter() + WARM_UP * max(args.think, 1)
        span = (begin, begin + args.seconds)
        workers = [
            threading.Thread(
                target=user,
                args=(base, token, args.persons, span, i, times, args.think),
            )
            for i in range(args.users)
        ]
        for worker in workers:
            worker.start()
        time.sleep(max(0.0, begin - time.perf_counter()))
        cpu_before = cpu_seconds(server.pid)
        for worker in workers:
            worker.join()
        cpu = cpu_seconds(server.pid) - cpu_before
        server.terminate()
        server.wait(timeout=60)
        total = sum(len(t) for t in times.values())
        print(
            f"{args.users} users (thinking {args.think:g} s), {args.workers} worker(s), "
            f"for {args.seconds:.0f} s after a warm-up of {WARM_UP * max(args.think, 1):g} s: "
            f"{total:,} requests, "
            f"{total / args.seconds:.1f} per second; the server used {1000 * cpu / total:.1f} ms "
            f"of CPU per request (load average {os.getloadavg()[0]:.1f})"
        )
        for page, taken in times.items():
            ms = sorted(1000 * t for t in taken)
            p95 = ms[int(0.95 * (len(ms) - 1))]
            print(
                f"  {page:16} n={len(ms):5}  median {statistics.median(ms):7.0f} ms  "
                f"p95 {p95:7.0f} ms  slowest {ms[-1]:7.0f} ms"
            )
        store.close()


if __name__ == "__main__":
    main()
