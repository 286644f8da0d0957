"""Where `link()` spends its time and memory, step by step, and a digest of what it gives.

    .venv/bin/python bench/linkage_steps.py --records 300000     # lists as `linkage.py scale`

Samples the process's resident memory every 50 ms while `link()` runs and prints, for each
progress step and for the main passes inside it (scoring's read-back, the rival discount,
the clear best, ...), the wall time and the most memory held. The digest (of every record's
cluster, every pair with its weights, every pair to review) tells whether a change left the
result as it was. Run it under `/usr/bin/time -v` for CPU time and peak RSS.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import resource
import sys
import threading
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from linkage import scale_lists  # noqa: E402

from toll.persons import linkage  # noqa: E402

# looked up in toll.persons.linkage, which imports the rival discount and clear best by name
PASSES = ["record_features", "_train", "_narrow", "_pairs_frame", "_clear_best"]
PASSES += ["discount_rivals", "lift_clear_best", "_rescore_components", "_finish"]


def _resident_gb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1024**3


def _timed(module, name: str, passes: list) -> None:
    original = getattr(module, name)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        result = original(*args, **kwargs)
        passes.append((start, time.perf_counter(), name))
        return result

    setattr(module, name, timed)


def digest(frame: pd.DataFrame) -> str:
    rows = pd.util.hash_pandas_object(frame.round(9).astype(str), index=False)
    return hashlib.sha256(rows.to_numpy().tobytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    records = scale_lists(args.records, args.lists, args.seed).drop(columns="person")
    passes: list = []
    for name in PASSES:
        _timed(linkage, name, passes)
    samples: list = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append((time.perf_counter(), _resident_gb()))
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    marks = [(time.perf_counter(), "start")]
    cpu = time.process_time()
    result = linkage.link(records, progress=lambda d, s, m: marks.append((time.perf_counter(), m)))
    marks.append((time.perf_counter(), "end"))
    done.set()
    start = marks[0][0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"link() {marks[-1][0] - start:.1f} s, CPU {time.process_time() - cpu:.1f} s, "
        f"peak {peak:.2f} GB"
    )

    def most(a: float, b: float) -> float:
        return max((gb for t, gb in samples if a <= t <= b), default=0.0)

    for (a, name), (b, _) in zip(marks, marks[1:], strict=False):
        print(f"{name:32s} {b - a:7.1f} s  most {most(a, b):.2f} GB")
    for a, b, name in sorted(passes):
        print(f"  {name:22s} {a - start:7.1f} - {b - start:7.1f} s  most {most(a, b):.2f} GB")
    clusters = result.clusters.sort_values("record_id").reset_index(drop=True)
    order = ["record_id_l", "record_id_r"]
    pairs = result.pairs.sort_values(order).reset_index(drop=True)
    review = result.review_pairs.sort_values(order).reset_index(drop=True)
    print(f"persons {clusters['cluster_id'].nunique()}, pairs {len(pairs)}, review {len(review)}")
    print(f"digest clusters {digest(clusters)} pairs {digest(pairs)} review {digest(review)}")


if __name__ == "__main__":
    main()
