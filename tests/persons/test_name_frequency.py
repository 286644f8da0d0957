"""Namesakes: agreeing on a common name is weaker evidence than agreeing on a rare one."""

import random

import pandas as pd

from toll.persons.linkage import link

GIVEN = ["Əli", "Həsən", "Rauf", "Elnur", "Tural", "Anar", "Kamran", "Ramil", "Namiq", "Fuad"]


def _records() -> pd.DataFrame:
    """Two lists; 'Məmmədov' in a third of the records, 'Zeynalov' in one person's two."""
    rng = random.Random(4)
    rows = []
    rare = ("Zeynalov", "Elnur", 1971, "Ağdam")
    people = [rare] + [
        (
            "Məmmədov" if i % 3 == 0 else f"Soyad{i:03d}ov",
            rng.choice(GIVEN),
            rng.randint(1930, 1990),
            rng.choice(["Ağdam", "Xocalı", "Şuşa", "Füzuli"]),
        )
        for i in range(240)
    ]
    for source in ("1", "2"):
        for number, (family, given, year, place) in enumerate(people):
            if source == "2" and number % 4 == 3:
                continue
            rows.append(
                {
                    "record_id": f"{source}-{number:03d}",
                    "source_id": source,
                    "family_name": family,
                    "given_name": given,
                    "birth_year": year,
                    "place": place,
                    "event_date": "1992-02-26",
                }
            )
    return pd.DataFrame(rows)


def test_term_frequency_weights_differ_for_a_common_and_a_rare_name():
    result = link(_records())
    pairs = result.pairs
    assert "mw_surname" in pairs
    ids = _records().set_index("record_id")["family_name"]
    left, right = pairs["record_id_l"].map(ids), pairs["record_id_r"].map(ids)
    rare = pairs[(left == "Zeynalov") & (right == "Zeynalov")]["mw_surname"]
    common = pairs[(left == "Məmmədov") & (right == "Məmmədov")]["mw_surname"]
    assert len(rare) == 1 and len(common) > 10
    # the rare surname's agreement counts for clearly more than the common one's
    assert rare.iloc[0] > common.max() + 2, (rare.iloc[0], common.max())
