"""Speed of `toll import-events` on a large UCDP GED export (issue 13: 100,000 rows < 60 s).

    .venv/bin/python bench/events.py [--rows 100000] [--db PATH]

Writes an invented GED export with the real column names (N rows, a few hundred places, one
event per row), imports it into a new SQLite store and prints the time, the rows, incidents
and claims stored, and that a second import of the same file changes nothing.
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from incidents.event_files import GED_COLUMNS, ged_row, write  # noqa: E402
from toll.incidents import import_events  # noqa: E402
from toll.model import Claim, Incident  # noqa: E402
from toll.store import Store  # noqa: E402

TARGET = 60.0
PLACES = [
    f"{prefix}{suffix}"
    for prefix in ("Mar", "Dun", "East", "Red", "Ash", "Kel", "Tor", "Vel", "Bram", "Ost")
    for suffix in (
        "low",
        "more",
        "brook",
        "ford",
        "ton",
        "field",
        "ham",
        "wick",
        "dale",
        "by",
        "mouth",
        "stead",
        "gate",
        "holm",
        "wood",
        "ley",
        "cliff",
        "moor",
        "bridge",
        "port",
    )
]


def ged_file(folder: Path, rows: int) -> Path:
    rng = random.Random(13)
    first = date(1989, 1, 1)
    events = []
    for event_id in range(1, rows + 1):
        low = rng.randint(0, 40)
        best = low + rng.randint(0, 20)
        day = (first + timedelta(days=rng.randint(0, 12000))).isoformat()
        events.append(
            ged_row(
                event_id,
                rng.choice(PLACES),
                day,
                best,
                low,
                best + rng.randint(0, 30),
                civilians=rng.randint(0, best),
            )
        )
    return write(folder / "ged_bench.csv", GED_COLUMNS, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = ged_file(Path(folder), args.rows)
        store = Store.open(str(Path(folder) / "bench.db"), actor="bench")
        started = time.perf_counter()
        with store.session() as session:
            import_events(session, path)
        seconds = time.perf_counter() - started
        with store.session() as session:
            incidents = session.scalar(select(func.count()).select_from(Incident))
            claims = session.scalar(select(func.count()).select_from(Claim))
            again = time.perf_counter()
            unchanged = not import_events(session, path).created
            again = time.perf_counter() - again
        size = path.stat().st_size / 1e6
    verdict = "✓" if seconds < TARGET else "✗"
    print(
        f"{args.rows:,} GED rows ({size:.0f} MB): {seconds:.1f} s (target < {TARGET:.0f} s "
        f"{verdict}); {incidents:,} incidents, {claims:,} claims stored; same file again: "
        f"{'nothing changed' if unchanged else 'CHANGED'} in {again:.1f} s"
    )


if __name__ == "__main__":
    main()
