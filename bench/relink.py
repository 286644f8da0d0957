"""What a second `toll link` costs after a new list or after one reviewer's decision.

    .venv/bin/python bench/relink.py [--records 100000 --lists 5 --seed 1] [--after decision|order]

Writes `toll synth` lists of about --records rows, imports all but the last into a SQLite
store and links them, imports the last list, then links the same store twice from copies of
it: `toll link --incremental` (the new list against the register) and `toll link` (every
record again with a model trained on all of them, the default since issue 19). Each command
runs as a user runs it, in its own process, so the times include starting Toll. Also prints
how many candidate pairs the store holds after each run (older runs' pairs are pruned).

With `--after decision`, imports every list and links, decides the likeliest pair waiting for
review `same`, then links copies of the store with `toll link` (only decisions changed: the
last run's pairs clustered again, no retraining) and `toll link --full` (trained and scored
again), and says whether both give the same persons.

With `--after order`, imports the lists into one store in their order and into another in
the reverse order, links both with `toll link`, links the first again with `toll link --full`,
and counts the persons (each the set of its records' file and row) that differ between the
two orders and between the two runs on one store: 0 and 0 when linking is deterministic.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def toll(*args: str) -> tuple[float, str]:
    """Run `toll ARGS`; its wall time and stdout."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "toll", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"toll {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - start, done.stdout


def synth_lists(here: Path, records: int, lists: int, seed: int) -> list[Path]:
    """`toll synth`'s lists in `here / "lists"`, in their order."""
    toll("synth", str(here / "lists"), "--records", str(records), "--lists", str(lists),
         "--seed", str(seed), "--json")  # fmt: skip
    return sorted((here / "lists").glob("list*.csv"))


def second_link(records: int, lists: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        files = synth_lists(here, records, lists, seed)
        store = here / "store.db"
        for path in files[:-1]:
            toll("import", str(path), "--db", str(store), "--json")
        first, _ = toll("link", "--db", str(store), "--json")
        toll("import", str(files[-1]), "--db", str(store), "--json")
        result = {"records": None, "first_link_s": round(first, 1)}
        for name, how in (("incremental", ["--incremental"]), ("all_again", [])):
            copy = here / f"{name}.db"
            shutil.copy(store, copy)
            seconds, out = toll("link", *how, "--db", str(copy), "--json")
            summary = json.loads(out)
            result["records"] = summary["records"]
            result[name] = timed(seconds, summary, copy)
        return result


def after_decision(records: int, lists: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        store = here / "store.db"
        for path in synth_lists(here, records, lists, seed):
            toll("import", str(path), "--db", str(store), "--json")
        first, out = toll("link", "--db", str(store), "--json")
        result = {"records": json.loads(out)["records"], "first_link_s": round(first, 1)}
        _, out = toll("review", "--limit", "1", "--db", str(store), "--json")
        pair = json.loads(out)[0]
        toll("decide", str(pair["record_a"]), str(pair["record_b"]), "same", "--db", str(store))
        ways = (("after_decision", []), ("full", ["--full"]), ("full_again", ["--full"]))
        for name, how in ways:
            copy = here / f"{name}.db"
            shutil.copy(store, copy)
            seconds, out = toll("link", *how, "--db", str(copy), "--json")
            result[name] = timed(seconds, json.loads(out), copy)
        fast, full, again = (persons(here / f"{name}.db") for name, _ in ways)
        # persons found by one way and not the other; two --full runs show whether the full
        # link itself gives the same persons twice
        result["persons_differing"] = {
            "fast_vs_full": len(fast ^ full),
            "full_vs_full": len(full ^ again),
        }
        return result


def two_orders(records: int, lists: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        files = synth_lists(here, records, lists, seed)
        result: dict = {"records": None}
        for name, order in (("in_order", files), ("reversed", files[::-1])):
            store = here / f"{name}.db"
            for path in order:
                toll("import", str(path), "--db", str(store), "--json")
            seconds, out = toll("link", "--db", str(store), "--json")
            result["records"] = json.loads(out)["records"]
            result[name] = timed(seconds, json.loads(out), store)
        shutil.copy(here / "in_order.db", here / "again.db")
        seconds, out = toll("link", "--full", "--db", str(here / "again.db"), "--json")
        result["in_order_full_again"] = timed(seconds, json.loads(out), here / "again.db")
        first, other, again = (persons(here / f"{n}.db") for n in ("in_order", "reversed", "again"))
        result["persons_differing"] = {
            "in_order_vs_reversed": len(first ^ other),
            "full_vs_full": len(first ^ again),
        }
        return result


def timed(seconds: float, summary: dict, store: Path) -> dict:
    return {
        "seconds": round(seconds, 1),
        "linked": summary["linked"],
        "persons": summary["persons"],
        "reclustered": summary.get("reclustered"),
        "pairs_stored": stored_pairs(store),
    }


def stored_pairs(store: Path) -> int:
    """Candidate pairs the store holds (the latest full run's and any incremental run's)."""
    with sqlite3.connect(store) as connection:
        return connection.execute("SELECT count(*) FROM candidate_pairs").fetchone()[0]


def persons(store: Path) -> set[frozenset[tuple[str, int]]]:
    """Each person as the set of its records' file and row (the same in any store)."""
    with sqlite3.connect(store) as connection:
        rows = connection.execute(
            "SELECT r.person_id, s.file_name, r.row_number FROM records r"
            " JOIN sources s ON s.id = r.source_id WHERE r.retracted_at IS NULL"
        ).fetchall()
    groups: dict[int, set[tuple[str, int]]] = {}
    for person, file, row in rows:
        groups.setdefault(person, set()).add((file, row))
    return {frozenset(group) for group in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--after", choices=["list", "decision", "order"], default="list")
    options = parser.parse_args()
    how = {"list": second_link, "decision": after_decision, "order": two_orders}[options.after]
    result = how(options.records, options.lists, options.seed)
    result["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
