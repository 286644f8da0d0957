"""How well the name keys bring records of one person together on `toll synth` lists.

    .venv/bin/python bench/names_blocking.py [PERSONS]

For candidate blocking keys, prints the share of true cross-record pairs that share the
key (recall) and the number of record pairs the key would compare, beside the same
figures for the names as written. Figures for choosing splink blocking rules.
"""

import sys
import time

import pandas as pd

from toll.names import name_keys_frame
from toll.synth import SynthSettings, make_lists

ROLES = {
    "Soyadı": "family", "Adı": "given", "Ata adı": "patronymic",
    "Фамилия": "family", "Имя": "given", "Отчество": "patronymic",
    "Full name": "full", "ФИО": "full",
    "Surname": "family", "First name": "given", "Father's name": "patronymic",
}


def _records(persons: int) -> pd.DataFrame:
    result = make_lists(SynthSettings(persons=persons, lists=5, seed=21))
    frames = []
    for name, frame in result.lists.items():
        frame = frame.rename(columns=ROLES)
        frame["file"] = f"{name}.csv"
        frame["row"] = range(1, len(frame) + 1)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True).merge(result.truth, on=["file", "row"])
    table["raw_name"] = table["full"].fillna(
        table["family"].fillna("") + " " + table["given"].fillna(""))
    return table


def _pairs(table: pd.DataFrame, columns: list[str]) -> set[tuple[int, int]]:
    keyed = table.dropna(subset=columns).reset_index()
    merged = keyed.merge(keyed, on=columns)
    merged = merged[merged["index_x"] < merged["index_y"]]
    return set(zip(merged["index_x"], merged["index_y"], strict=True))


def main(persons: int) -> None:
    table = _records(persons)
    started = time.perf_counter()
    keys = name_keys_frame(table, full="full", given="given", family="family",
                           patronymic="patronymic")
    table = pd.concat([table, keys], axis=1)
    print(f"{len(table)} records, keys in {time.perf_counter() - started:.2f} s")
    truth = _pairs(table, ["person_id"])
    rules = {
        "raw name as written": ["raw_name"],
        "family_key + given_key": ["family_key", "given_key"],
        "family_phonetic + given_phonetic": ["family_phonetic", "given_phonetic"],
        "family_stem + given_initial": ["family_stem", "given_initial"],
        "name_tokens_sorted": ["name_tokens_sorted"],
        "family_phonetic + patronymic_key": ["family_phonetic", "patronymic_key"],
    }
    union: set[tuple[int, int]] = set()
    print(f"{'rule':38} {'recall':>7} {'pairs':>10}")
    for label, columns in rules.items():
        pairs = _pairs(table, columns)
        if label != "raw name as written":
            union |= pairs
        print(f"{label:38} {len(pairs & truth) / len(truth):7.3f} {len(pairs):10d}")
    print(f"{'any of the key rules':38} {len(union & truth) / len(truth):7.3f} {len(union):10d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
