"""What encryption costs: unlocking a store (argon2id), and importing, linking and verifying on
an encrypted SQLite store (SQLCipher) beside a plain one.

    .venv/bin/python bench/encryption.py [--persons 5000]

Prints seconds per step for each store, and the unlock time alone.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toll.store import crypto

PASSPHRASE = "a passphrase for the benchmark"


def toll(*args) -> float:
    env = {**os.environ, "TOLL_USER": "bench", "TOLL_PASSPHRASE": PASSPHRASE}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)], capture_output=True, text=True, env=env
    )
    if done.returncode:
        raise SystemExit(f"toll {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return time.monotonic() - started


def unlock_seconds() -> float:
    started = time.monotonic()
    crypto.derive(PASSPHRASE, os.urandom(16), crypto.KDF)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=5000)
    args = parser.parse_args()
    print(f"argon2id unlock {crypto.KDF}: {unlock_seconds():.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        toll("synth", folder / "lists", "--persons", args.persons, "--lists", 3, "--seed", 20)
        lists = sorted((folder / "lists").glob("list*"))
        for kind in ("plain", "encrypted"):
            db = folder / f"{kind}.db"
            toll("init", "--db", db, *(["--encrypt"] if kind == "encrypted" else []))
            steps = {"import": sum(toll("import", path, "--db", db) for path in lists)}
            steps["link"] = toll("link", "--db", db)
            steps["verify"] = toll("verify", "--db", db)
            steps["db info"] = toll("db", "info", "--db", db)
            size = db.stat().st_size / 1e6
            shown = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in steps.items())
            print(f"{kind:9} ({size:.1f} MB): {shown}")


if __name__ == "__main__":
    main()
