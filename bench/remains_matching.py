"""Speed of remains matching (issue 12: 1,000 remains against 100,000 open cases in < 30 s).

    .venv/bin/python bench/remains_matching.py [--cases 100000] [--remains 1000] [--db PATH]

Builds a SQLite store with N persons, one record each (sex, birth year, date and place of
disappearance), an open case each (through `toll.cases.sync_cases`, some with marks and
effects) and M remains; then times loading the open cases and ranking every remains' top 10
(`toll.remains.load_candidates` and `rank`, what `toll remains match` runs). Prints the figures
and how often the true case is ranked first (remains are made from a case's person, with noise).
"""

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from toll.cases import sync_cases
from toll.model import Case, Person, Record, Remains
from toll.names import place_key
from toll.remains import load_candidates, rank
from toll.sources import SourceMetadata
from toll.sources.store import store_original
from toll.store import Store

PLACES = ["Xocalı", "Şuşa", "Ağdam", "Tərtər", "Bərdə", "Füzuli", "Laçın", "Kəlbəcər", "Zəngilan"]
MARKS = [
    "scar",
    "tattoo",
    "anchor",
    "burn",
    "mole",
    "missing",
    "finger",
    "forearm",
    "knee",
    "gold",
    "tooth",
    "crown",
    "fracture",
    "healed",
    "shoulder",
    "eyebrow",
    "birthmark",
]
EFFECTS = ["sweater", "boots", "watch", "ring", "belt", "jacket", "scarf", "rosary", "wallet"]
BATCH = 20_000
TARGET = 30.0


def words(rng: random.Random, pool: list[str], most: int) -> str | None:
    chosen = rng.sample(pool, rng.randint(0, most))
    return " ".join(chosen) or None


def build(path: Path, cases: int, remains: int) -> tuple[Store, dict[int, int]]:
    store = Store.open(str(path), actor="bench")
    rng = random.Random(12)
    truth: dict[int, int] = {}
    with store.session() as session:
        source = store_original(
            session, b"bench list", "bench.csv", "text/csv", None, SourceMetadata(kind="list")
        ).source
        people = []
        for start in range(0, cases, BATCH):
            n = min(BATCH, cases - start)
            session.execute(
                insert(Person),
                [
                    {"label": f"P-{start + i + 1:06d}", "display_name": f"Person {start + i}"}
                    for i in range(n)
                ],
            )
        ids = list(session.scalars(select(Person.id).order_by(Person.id)))
        rows = []
        for number, pid in enumerate(ids, start=1):
            seen = date(1992, 1, 1) + timedelta(days=rng.randint(0, 900))
            place = rng.choice(PLACES)
            person = {
                "source_id": source.id,
                "row_number": number,
                "original": {},
                "person_id": pid,
                "full_name": f"Person {number}",
                "sex": rng.choice(["male", "male", "female"]),
                "birth_year": seen.year - rng.randint(1, 85),
                "event_date": seen.isoformat(),
                "event_date_earliest": seen,
                "event_date_latest": seen,
                "place": place,
                "place_key": place_key(place),
                "status": "missing",
                "warnings": [],
            }
            rows.append(person)
            people.append(person)
        for start in range(0, len(rows), BATCH):
            session.execute(insert(Record), rows[start : start + BATCH])
        sync_cases(session)
        case_ids = dict(session.execute(select(Case.person_id, Case.id)).all())
        for case in session.scalars(select(Case)):
            if rng.random() < 0.5:
                case.marks, case.effects = words(rng, MARKS, 3), words(rng, EFFECTS, 2)
            if rng.random() < 0.4:
                case.stature = rng.randint(150, 190)
        session.flush()
        marks = dict(session.execute(select(Case.id, Case.marks)).all())
        effects = dict(session.execute(select(Case.id, Case.effects)).all())
        stature = dict(session.execute(select(Case.id, Case.stature)).all())
        found = []
        for number, person in enumerate(rng.sample(people, remains), start=1):
            case_id = case_ids[person["person_id"]]
            age = person["event_date_earliest"].year - person["birth_year"]
            height = stature[case_id] or rng.randint(150, 190)
            found.append(
                {
                    "label": f"R-{number:05d}",
                    "lab_reference": f"BK-{number}",
                    "found_on": "2019",
                    "found_earliest": date(2019, 1, 1),
                    "found_place": person["place"],
                    "place_key": person["place_key"],
                    "sex": person["sex"],
                    "age_low": max(age - rng.randint(2, 6), 0),
                    "age_high": age + rng.randint(2, 6),
                    "stature_low": height - 4,
                    "stature_high": height + 4,
                    "marks": marks[case_id],
                    "effects": effects[case_id],
                    "warnings": [],
                }
            )
            truth[number] = case_id
        session.execute(insert(Remains), found)
    return store, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--remains", type=int, default=1_000)
    parser.add_argument("--db", type=Path, help="Where to build the store (default: a temp dir).")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = options.db or folder / "remains.db"
    started = time.perf_counter()
    store, truth = build(path, options.cases, options.remains)
    print(
        f"built {options.cases:,} open cases and {options.remains:,} remains in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    with store.session() as session:
        candidates = load_candidates(session)
        loaded = time.perf_counter() - started
        remains = list(session.scalars(select(Remains).order_by(Remains.id)))
        first = 0
        for number, one in enumerate(remains, start=1):
            best = rank(candidates, one, 10)
            first += candidates.cases[best[0][0]].id == truth[number]
    total = time.perf_counter() - started
    print(
        f"loaded the open cases in {loaded:.1f} s; matched {len(remains):,} remains "
        f"(top 10 each) in {total:.1f} s in all (target < {TARGET:.0f} s: "
        f"{'met' if total < TARGET else 'NOT met'})"
    )
    print(f"true case ranked first for {first / len(remains):.1%} of the remains")


if __name__ == "__main__":
    main()
