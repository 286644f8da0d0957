"""Small overlapping lists of invented people, written in several scripts."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from toll.persons.register import linkage_row
from toll.records.importer import read_list
from toll.synth import SynthLists

# (Latin, Azerbaijani Latin, Cyrillic) spellings of invented-name parts.
GIVEN_MALE = [
    ("Ali", "Əli", "Али"),
    ("Hasan", "Həsən", "Гасан"),
    ("Rashid", "Rəşid", "Рашид"),
    ("Elchin", "Elçin", "Эльчин"),
    ("Tural", "Tural", "Турал"),
    ("Vugar", "Vüqar", "Вугар"),
    ("Samir", "Samir", "Самир"),
    ("Farid", "Fərid", "Фарид"),
    ("Orkhan", "Orxan", "Орхан"),
    ("Ilgar", "İlqar", "Ильгар"),
    ("Nijat", "Nicat", "Ниджат"),
    ("Kamran", "Kamran", "Камран"),
]
GIVEN_FEMALE = [
    ("Leyla", "Leyla", "Лейла"),
    ("Aysel", "Aysel", "Айсель"),
    ("Gunel", "Günel", "Гюнель"),
    ("Nigar", "Nigar", "Нигяр"),
    ("Sevinj", "Sevinc", "Севиндж"),
    ("Aygun", "Aygün", "Айгюн"),
]
FAMILY = [
    ("Mammadov", "Məmmədov", "Мамедов"),
    ("Aliyev", "Əliyev", "Алиев"),
    ("Hasanov", "Həsənov", "Гасанов"),
    ("Huseynov", "Hüseynov", "Гусейнов"),
    ("Guliyev", "Quliyev", "Кулиев"),
    ("Ismayilov", "İsmayılov", "Исмаилов"),
    ("Abbasov", "Abbasov", "Аббасов"),
    ("Jafarov", "Cəfərov", "Джафаров"),
    ("Rahimov", "Rəhimov", "Рагимов"),
    ("Karimov", "Kərimov", "Керимов"),
    ("Babayev", "Babayev", "Бабаев"),
    ("Najafov", "Nəcəfov", "Наджафов"),
    ("Safarov", "Səfərov", "Сафаров"),
    ("Valiyev", "Vəliyev", "Велиев"),
]
PLACES = [
    ("Ganja", "Gəncə", "Гянджа"),
    ("Shusha", "Şuşa", "Шуша"),
    ("Barda", "Bərdə", "Барда"),
    ("Tartar", "Tərtər", "Тертер"),
    ("Aghdam", "Ağdam", "Агдам"),
]


def people(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sex = rng.choice(["male", "female"])
        given = rng.choice(GIVEN_MALE if sex == "male" else GIVEN_FEMALE)
        out.append(
            {
                "person": f"p{i}",
                "sex": sex,
                "given": given,
                "family": rng.choice(FAMILY),
                "father": rng.choice(GIVEN_MALE),
                "birth_year": rng.randint(1940, 2005),
                "place": rng.choice(PLACES),
                "event_date": f"1992-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
        )
    return out


def _female(surname: str, script: int) -> str:
    return surname + ("а" if script == 2 else "a")


def write_list(
    persons: list[dict],
    source: str,
    script: int,
    seed: int,
    coverage: float = 0.7,
    duplicates: float = 0.05,
) -> pd.DataFrame:
    """One list: script 0 = Latin, 1 = Azerbaijani, 2 = Cyrillic; some people missing."""
    rng = random.Random(seed)
    rows = []
    for person in persons:
        if rng.random() > coverage:
            continue
        copies = 2 if rng.random() < duplicates else 1
        for _ in range(copies):
            rows.append(_row(person, source, script, rng, len(rows)))
    return pd.DataFrame(rows)


def _row(person: dict, source: str, script: int, rng: random.Random, n: int) -> dict:
    family = person["family"][script]
    if person["sex"] == "female":
        family = _female(family, script)
    given = person["given"][script]
    father = person["father"][script]
    if script == 2:
        patronymic = father + ("ович" if person["sex"] == "male" else "овна")
    elif script == 1:
        patronymic = father + (" oğlu" if person["sex"] == "male" else " qızı")
    else:
        patronymic = None
    if rng.random() < 0.1 and len(family) > 4:  # a typo
        i = rng.randrange(1, len(family) - 1)
        family = family[:i] + family[i + 1] + family[i] + family[i + 2 :]
    row = {
        "record_id": f"{source}-{n}",
        "source_id": source,
        "person": person["person"],
        "sex": person["sex"] if rng.random() < 0.8 else None,
        "place": person["place"][script],
        "event_date": person["event_date"],
    }
    if script == 0:
        row["full_name"] = f"{given} {family}"
    else:
        row.update(given_name=given, family_name=family, patronymic=patronymic)
    if rng.random() < 0.5:
        row["birth_year"] = person["birth_year"]
    else:
        row["age"] = 1992 - person["birth_year"] - rng.choice([0, 0, 1])
    return row


def three_lists(n: int = 400, seed: int = 1) -> pd.DataFrame:
    persons = people(n, seed)
    return pd.concat(
        [
            write_list(persons, "A", 0, seed + 1),
            write_list(persons, "B", 1, seed + 2),
            write_list(persons, "C", 2, seed + 3),
        ],
        ignore_index=True,
    )


def synth_records(
    lists: SynthLists, rewrite: Callable[[str, pd.DataFrame], pd.DataFrame] | None = None
) -> pd.DataFrame:
    """`toll synth` lists as linkage reads them after `toll import`, with a `person` column.

    `rewrite(name, frame)` may change a list as written before it is read.
    """
    rows = []
    for name, frame in lists.lists.items():
        persons = lists.truth.loc[lists.truth["file"] == f"{name}.csv", "person_id"].to_numpy()
        written = rewrite(name, frame) if rewrite else frame
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.csv"
            written.to_csv(path, index=False)
            records = read_list(path).records
        read = [linkage_row(r, f"{name}:{r.row_number}", name) for r in records]
        rows.append(pd.DataFrame(read).assign(person=persons))
    return pd.concat(rows, ignore_index=True)
