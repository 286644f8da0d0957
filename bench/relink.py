"""What a second `toll link` costs after a new list: all records again, or the new ones only.

    .venv/bin/python bench/relink.py [--records 100000 --lists 5 --seed 1]

Writes `toll synth` lists of about --records rows, imports all but the last into a SQLite
store and links them, imports the last list, then links the same store twice from copies of
it: `toll link --incremental` (the new list against the register) and `toll link` (every
record again with a model trained on all of them, the default since issue 19). Each command
runs as a user runs it, in its own process, so the times include starting Toll. Also prints
how many candidate pairs each run stored (a run keeps its own pairs).
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


def second_link(records: int, lists: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        toll("synth", str(here / "lists"), "--records", str(records), "--lists", str(lists),
             "--seed", str(seed), "--json")  # fmt: skip
        files = sorted((here / "lists").glob("list*.csv"))
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
            result[name] = {
                "seconds": round(seconds, 1),
                "linked": summary["linked"],
                "persons": summary["persons"],
                "pairs_stored": stored_pairs(copy, summary["run_id"]),
            }
        return result


def stored_pairs(store: Path, run_id: int) -> int:
    """Candidate pairs the run wrote to the store (each run keeps its own)."""
    with sqlite3.connect(store) as connection:
        query = "SELECT count(*) FROM candidate_pairs WHERE run_id = ?"
        return connection.execute(query, (run_id,)).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    result = second_link(options.records, options.lists, options.seed)
    result["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
