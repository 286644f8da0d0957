"""Time `toll synth` at one million records and `name_keys_frame` over them.

    .venv/bin/python bench/names_frame.py [RECORDS]

Prints seconds for writing the lists and for computing the name keys of every row
(one core), and the number of distinct name combinations keyed.
"""

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from toll.names import name_keys_frame, place_key
from toll.synth import SynthSettings, write_lists

ROLES = {
    "Soyadı": "family", "Adı": "given", "Ata adı": "patronymic", "Yer": "place",
    "Фамилия": "family", "Имя": "given", "Отчество": "patronymic", "Место": "place",
    "Full name": "full", "Place": "place", "ФИО": "full",
    "Surname": "family", "First name": "given", "Father's name": "patronymic",
    "Location": "place",
}


def main(records: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        result = write_lists(folder, SynthSettings.for_records(records, lists=5, seed=7))
        print(f"synth: {result.summary()['records']} records in "
              f"{time.perf_counter() - started:.1f} s")
        frames = [pd.read_csv(path, dtype=str).rename(columns=ROLES)
                  for path in sorted(Path(folder).glob("list*.csv"))]
    table = pd.concat(frames, ignore_index=True)
    started = time.perf_counter()
    keys = name_keys_frame(table, full="full", given="given", family="family",
                           patronymic="patronymic")
    seconds = time.perf_counter() - started
    print(f"name_keys_frame: {len(keys)} rows in {seconds:.1f} s")
    started = time.perf_counter()
    places = table["place"].dropna().unique()
    keyed = {place: place_key(place) for place in places}
    print(f"place_key: {len(keyed)} distinct places in {time.perf_counter() - started:.1f} s "
          "(includes loading the gazetteer)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
