"""Linkage benchmarks: accuracy on FEBRL4 and multi-script lists, speed and memory at scale.

    .venv/bin/python bench/linkage.py febrl
    .venv/bin/python bench/linkage.py synth [--persons 4000 --lists 4]
    .venv/bin/python bench/linkage.py scale [--records 1000000 --lists 5 --engine duckdb]
    .venv/bin/python bench/linkage.py all

`synth` uses `toll.synth.write_lists` when it exists, else an invented generator
in this file (names in Latin, Azerbaijani and Cyrillic spellings, typos, ages
instead of birth years, duplicates). It reports Toll beside plain splink with
default string comparisons on the raw names. `scale` runs the linkage in a
child process and prints wall time and the child's peak RSS, then (outside the timing)
the blocking recall: the share of true pairs that any blocking rule compares.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toll.persons.evaluation import FEBRL_EXTRA, febrl_records, pairwise_scores
from toll.persons.linkage import link

TARGETS = {"febrl": 0.998, "synth": 0.97, "scale_seconds": 120, "scale_gb": 4.0}


# --------------------------------------------------------------------------- FEBRL4
def bench_febrl() -> dict:
    records = febrl_records()
    start = time.perf_counter()
    result = link(records.drop(columns="entity"), extra_columns=FEBRL_EXTRA)
    seconds = time.perf_counter() - start
    precision, recall, f1 = pairwise_scores(
        result.clusters, records.set_index("record_id")["entity"]
    )
    return _report("febrl4", len(records), seconds, precision, recall, f1, TARGETS["febrl"])


# --------------------------------------------------------------------------- synthetic lists
def synth_lists(persons: int, lists: int, seed: int) -> pd.DataFrame:
    """Records with a `person` truth column, from `toll synth` when available."""
    try:
        from toll.synth import SynthSettings, write_lists
    except ImportError:
        return invented_lists(persons, lists, seed)
    with tempfile.TemporaryDirectory() as folder:
        written = write_lists(folder, SynthSettings(persons=persons, lists=lists, seed=seed))
        return read_synth(written.files, written.truth)


def read_synth(files: list[Path], truth: pd.DataFrame) -> pd.DataFrame:
    """Import synth CSVs with Toll's own importer, as `toll import` would."""
    from toll.persons.register import linkage_row
    from toll.records.importer import read_list

    person = truth.set_index(["file", "row"])["person_id"]
    rows = []
    for path in files:
        if path.name in ("truth.csv", "population.csv"):
            continue
        for record in read_list(path).records:
            row = linkage_row(record, f"{path.name}:{record.row_number}", path.name)
            rows.append(row | {"person": person[(path.name, record.row_number)]})
    frame = pd.DataFrame(rows)
    for column in ("birth_year", "age"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


GIVEN_M = (
    "ali hasan rashid elchin tural vugar samir farid orkhan ilgar nijat kamran murad anar ramin"
)
GIVEN_F = "leyla aysel gunel nigar sevinj aygun lala sabina narmin kamala ulviyya khadija zarina"
SYLLABLES = (
    "ba ka ma na ra sa ta ga da la za ha ja va fa ya be ke me ne re se te gu du lu zu hu".split()
)
FAMILY_ENDINGS = ["ov", "ev", "li", "zade", "yan", "ov", "ov", "ev"]
LAT_TO_AZ = {"kh": "x", "sh": "ş", "ch": "ç", "j": "c", "a": "ə", "g": "q", "u": "ü", "i": "i"}
LAT_TO_CYR = [
    ("kh", "х"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("yu", "ю"),
    ("ya", "я"),
    ("j", "дж"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "г"),
]


def _pool(rng: np.random.Generator, n: int, endings: list[str]) -> list[str]:
    made: set[str] = set()
    while len(made) < n:
        parts = rng.choice(SYLLABLES, size=rng.integers(2, 4))
        made.add("".join(parts) + rng.choice(endings))
    return sorted(made)


def _to_az(name: str, rng_value: float) -> str:
    if rng_value < 0.5:
        return name
    out = name
    for latin, az in LAT_TO_AZ.items():
        if latin in ("a", "u", "i", "g"):
            out = out.replace(latin, az, 1) if rng_value > 0.75 else out
        else:
            out = out.replace(latin, az)
    return out


def _to_cyrillic(name: str) -> str:
    out = name
    for latin, cyr in LAT_TO_CYR:
        out = out.replace(latin, cyr)
    return out


def _typo(rng: np.random.Generator, names: np.ndarray, rate: float) -> np.ndarray:
    out = names.copy()
    for i in np.nonzero(rng.random(len(out)) < rate)[0]:
        word = out[i]
        if len(word) > 3:
            j = int(rng.integers(1, len(word) - 2))
            out[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return out


def invented_lists(persons: int, lists: int, seed: int = 7) -> pd.DataFrame:
    """k overlapping lists of invented people in three writing conventions.

    List styles rotate: Latin "Given Family" full names; Azerbaijani-Latin
    parts with "oğlu/qızı" patronymics; Cyrillic parts with -ович/-овна.
    Coverage depends on the person (some are on most lists, some on one).
    """
    rng = np.random.default_rng(seed)
    n_given = max(60, persons // 150)
    given_m = GIVEN_M.split() + _pool(rng, n_given, ["", "an", "ar", "im"])
    given_f = GIVEN_F.split() + _pool(rng, n_given, ["a", "ya", "ana"])
    family = _pool(rng, max(200, persons // 40), FAMILY_ENDINGS)
    places = _pool(rng, max(50, persons // 2000), ["", "li", "abad", "kend"])
    sex = rng.choice(["male", "female"], size=persons)
    male = sex == "male"
    people = pd.DataFrame(
        {
            "person": [f"p{i}" for i in range(persons)],
            "sex": sex,
            "given": np.where(
                male,
                np.array(given_m, dtype=object)[rng.zipf(1.6, persons) % len(given_m)],
                np.array(given_f, dtype=object)[rng.zipf(1.6, persons) % len(given_f)],
            ),
            "family": np.array(family, dtype=object)[rng.zipf(1.3, persons) % len(family)],
            "father": np.array(given_m, dtype=object)[rng.zipf(1.6, persons) % len(given_m)],
            "birth_year": rng.integers(1925, 1985, persons),
            "place": np.array(places, dtype=object)[rng.integers(0, len(places), persons)],
            "event": pd.to_datetime("1990-01-01")
            + pd.to_timedelta(rng.integers(0, 5 * 365, persons), unit="D"),
            "visibility": rng.beta(2, 2, persons),
        }
    )
    frames = []
    for k in range(lists):
        coverage = np.clip(people["visibility"] * (0.6 + 0.3 * ((k * 7) % 3) / 2), 0, 0.95)
        chosen = people[rng.random(persons) < coverage]
        dupes = chosen.sample(frac=0.03, random_state=seed + k)
        frames.append(_render(pd.concat([chosen, dupes]), k, rng))
    return pd.concat(frames, ignore_index=True)


def _render(people: pd.DataFrame, k: int, rng: np.random.Generator) -> pd.DataFrame:
    style = k % 3
    n = len(people)
    female = (people["sex"] == "female").to_numpy()
    family = people["family"].to_numpy(dtype=object)
    family = np.where(
        female & ~pd.Series(family).str.endswith(("li", "zade")).to_numpy(), family + "a", family
    )
    given = people["given"].to_numpy(dtype=object)
    father = people["father"].to_numpy(dtype=object)
    family = _typo(rng, family, 0.05)
    given = _typo(rng, given, 0.03)
    out = pd.DataFrame({"person": people["person"].to_numpy()})
    out["source_id"] = f"list{k + 1}"
    out["record_id"] = [f"list{k + 1}:{i + 1}" for i in range(n)]
    cap = np.vectorize(lambda s: s[:1].upper() + s[1:], otypes=[object])
    if style == 0:
        out["full_name"] = cap(given) + " " + cap(family)
    elif style == 1:
        az = np.vectorize(_to_az, otypes=[object])
        draws = rng.random(n)
        out["given_name"] = cap(az(given, draws))
        out["family_name"] = cap(az(family, draws))
        out["patronymic"] = cap(az(father, draws)) + np.where(female, " qızı", " oğlu")
    else:
        cyr = np.vectorize(_to_cyrillic, otypes=[object])
        out["family_name"] = cap(cyr(family))
        out["given_name"] = cap(cyr(given))
        out["patronymic"] = cap(cyr(father)) + np.where(female, "овна", "ович")
    out["sex"] = np.where(rng.random(n) < 0.85, people["sex"].to_numpy(), None)
    event = people["event"].dt.strftime("%Y-%m-%d").to_numpy()
    precision = rng.random(n)
    out["event_date"] = np.where(
        precision < 0.7,
        event,
        np.where(precision < 0.9, [e[:7] for e in event], [e[:4] for e in event]),
    )
    by_age = rng.random(n) < 0.5
    year = people["birth_year"].to_numpy()
    event_year = people["event"].dt.year.to_numpy()
    noise = rng.choice([0, 0, 0, 1, -1, 2], n)
    out["birth_year"] = pd.array(np.where(by_age, None, year), dtype="Int64")
    out["age"] = pd.array(np.where(by_age, event_year - year + noise, None), dtype="Int64")
    out["place"] = people["place"].to_numpy()
    if style == 2:
        out["place"] = np.vectorize(_to_cyrillic, otypes=[object])(out["place"].to_numpy())
    missing = rng.random(n) < 0.15
    out.loc[missing, "place"] = None
    return out


def plain_splink(records: pd.DataFrame) -> pd.DataFrame:
    """splink with default string comparisons on the raw names (the baseline)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    raw = pd.DataFrame({"unique_id": records["record_id"].astype(str)})
    full = records.get("full_name", pd.Series(index=records.index, dtype=object))
    tokens = full.fillna("").str.split()
    raw["given"] = records.get("given_name").fillna(tokens.str[0]).str.lower()
    raw["family"] = records.get("family_name").fillna(tokens.str[-1]).str.lower()
    raw["birth_year"] = pd.to_numeric(records.get("birth_year"), errors="coerce").astype("Int64")
    raw["sex"] = records.get("sex")
    raw["place"] = records.get("place").str.lower()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given"),
            cl.NameComparison("family"),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("place"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family"),
            block_on("given", "birth_year"),
        ],
    )
    api = DuckDBAPI()
    linker = Linker(api.register(raw), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        ["l.given = r.given AND l.family = r.family AND l.birth_year = r.birth_year"], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in (block_on("family", "birth_year"), block_on("given", "family")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5, warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9)
    frame = clusters.as_pandas_dataframe()
    return pd.DataFrame({"record_id": frame["unique_id"], "cluster_id": frame["cluster_id"]})


def bench_synth(persons: int, lists: int, seed: int) -> list[dict]:
    records = synth_lists(persons, lists, seed)
    truth = records.set_index("record_id")["person"]
    start = time.perf_counter()
    result = link(records.drop(columns="person"))
    seconds = time.perf_counter() - start
    rows = [
        _report(
            "synth toll",
            len(records),
            seconds,
            *pairwise_scores(result.clusters, truth),
            TARGETS["synth"],
        )
    ]
    start = time.perf_counter()
    baseline = plain_splink(records)
    seconds = time.perf_counter() - start
    rows.append(
        _report(
            "synth plain splink", len(records), seconds, *pairwise_scores(baseline, truth), None
        )
    )
    return rows


# --------------------------------------------------------------------------- scale
def scale_lists(records: int, lists: int, seed: int) -> pd.DataFrame:
    """About `records` rows in `lists` lists, from `toll synth` when available."""
    try:
        from toll.synth import SynthSettings, write_lists
    except ImportError:
        data = invented_lists(int(records / (lists * 0.55)), lists, seed)
        return data.sample(n=min(records, len(data)), random_state=seed)
    with tempfile.TemporaryDirectory() as folder:
        written = write_lists(folder, SynthSettings.for_records(records, lists=lists, seed=seed))
        return read_synth(written.files, written.truth)


def bench_scale(records: int, lists: int, engine: str, seed: int) -> dict:
    data = scale_lists(records, lists, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.parquet"
        clusters_path = Path(folder) / "clusters.parquet"
        data.drop(columns="person").to_parquet(path)
        child = subprocess.run(
            [sys.executable, __file__, "_scale_child", str(path), engine, str(clusters_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            raise SystemExit(child.stderr[-3000:])
        clusters = pd.read_parquet(clusters_path)
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    precision, recall, f1 = pairwise_scores(clusters, data.set_index("record_id")["person"])
    return {
        "bench": f"scale {engine}",
        "records": len(data),
        **figures,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        **blocking_report(data),
    }


def blocking_report(data: pd.DataFrame) -> dict:
    """Blocking recall (share of true pairs some rule compares: the linkage's recall can be
    no higher), the pairs the rules compare and the rules themselves, for the same records."""
    from toll.persons.blocking import compared_pairs, recall, rule_columns
    from toll.persons.features import record_features

    features = record_features(data.drop(columns="person"))
    rules = rule_columns((), features)
    compared = compared_pairs(features, rules)
    share, true_pairs = recall(features, data["person"].to_numpy(), rules)
    return {
        "blocking_recall": round(share, 4),
        "true_pairs": true_pairs,
        "blocked_pairs": compared,
        "rules": [" & ".join(rule) for rule in rules],
    }


def _scale_child(path: str, engine: str, clusters_path: str) -> None:
    """Runs in a fresh process so that its peak RSS is the linkage's own."""
    start = time.perf_counter()
    records = pd.read_parquet(path)
    steps = []

    def progress(step, steps_total, message):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        steps.append((message, round(time.perf_counter() - start, 1), round(peak, 2)))

    result = link(records, engine=engine, progress=progress)
    seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    result.clusters.to_parquet(clusters_path)
    figures = {
        "seconds": round(seconds, 1),
        "peak_rss_gb": round(peak_gb, 2),
        "pairs": len(result.pairs),
        "persons": int(result.clusters["cluster_id"].nunique()),
        "steps": steps,
    }
    print(json.dumps(figures))


def _report(name, n, seconds, precision, recall, f1, target) -> dict:
    return {
        "bench": name,
        "records": n,
        "seconds": round(seconds, 1),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "target_f1": target,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_scale_child":
        _scale_child(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["febrl", "synth", "scale", "all"])
    parser.add_argument("--persons", type=int, default=4000)
    parser.add_argument("--lists", type=int, default=5)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(
        f"# {platform.node()} {os.cpu_count()} cpus, python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    rows = []
    if args.what in ("febrl", "all"):
        rows.append(bench_febrl())
    if args.what in ("synth", "all"):
        rows += bench_synth(args.persons, args.lists, args.seed)
    if args.what in ("scale", "all"):
        rows.append(bench_scale(args.records, args.lists, args.engine, args.seed))
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
