"""Name and place tables for synthetic persons, read from data/pools.yaml.

Every name has an Azerbaijani Latin, a Russian Cyrillic and one or more English
spellings; the tables here hold them as numpy arrays so that a million records can be
spelled by indexing, without a Python loop per record.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from toll.names.transliterate import to_latin

SCRIPTS = ("az", "ru", "en")


@dataclass(frozen=True)
class Table:
    """Spellings of a set of names: az, ru (1-D) and en (2-D, one column per variant)."""

    az: np.ndarray
    ru: np.ndarray
    en: np.ndarray
    en_count: np.ndarray

    def spell(self, ids: np.ndarray, script: str, rng: np.random.Generator) -> np.ndarray:
        """Spell the names `ids` in a script; English picks one of its variants at random."""
        if script == "en":
            variant = (rng.random(len(ids)) * self.en_count[ids]).astype(np.int64)
            return self.en[ids, variant]
        return (self.az if script == "az" else self.ru)[ids]


def _table(entries: list[tuple[str, str, list[str]]]) -> Table:
    width = max(len(en) for _, _, en in entries)
    en = np.empty((len(entries), width), dtype=object)
    for i, (_, _, variants) in enumerate(entries):
        en[i, :] = [variants[j % len(variants)] for j in range(width)]
    return Table(
        az=np.array([az for az, _, _ in entries], dtype=object),
        ru=np.array([ru for _, ru, _ in entries], dtype=object),
        en=en,
        en_count=np.array([len(variants) for _, _, variants in entries]),
    )


def _parse(entry: str) -> tuple[str, str, list[str]]:
    az, ru, en = (part.strip() for part in entry.split("|"))
    return az, ru, [variant.strip() for variant in en.split(",")]


Entry = tuple[str, str, list[str]]
_VOWELS = "aeəıioöuü"
_HARMONY = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}  # else i


def _suffixed(entry: Entry, rule: dict) -> Entry | None:
    """A surname made from a given name by one `family_from_male` rule (None if it does not
    apply): Həsən -> Həsənov/Гасанов/Hasanov, Petro -> Petrenko, Aram -> Aramyan."""
    az, ru, en = entry
    last = az[-1].lower()
    vowel = last in _VOWELS
    if rule.get("ending") == "consonant" and (vowel or last == "y"):
        return None
    if rule.get("ending") == "vowel" and not vowel:
        return None
    drop = int(rule.get("drop", 0))
    stems = [name[: len(name) - drop] for name in (az, ru.rstrip("ьй"), *en)]
    add_az, add_ru, add_en = _parse(rule["add"])
    add_en = add_en[0]
    if rule.get("harmony"):
        vowels = [c for c in stems[0].lower() if c in _VOWELS]
        harmonic = _HARMONY.get(vowels[-1] if vowels else "", "i")
        add_az = add_az[:-1] + harmonic
        add_ru = add_ru[:-1] + ("ы" if harmonic in "ıu" else "и")
        add_en = add_en[:-1] + ("u" if harmonic in "uü" else "i")
    variants = list(dict.fromkeys(stem + add_en for stem in stems[2:]))
    return stems[0] + add_az, stems[1] + add_ru, variants


def _families(spec: dict, male: list[Entry]) -> list[Entry]:
    """The group's surnames: its own list, then those its rules make from male names."""
    families = [_parse(entry) for entry in spec["family"]]
    seen = {name.lower() for az, ru, _ in families for name in (az, ru)}
    for rule in spec.get("family_from_male", []):
        for entry in male:
            made = _suffixed(entry, rule)
            if made and made[0].lower() not in seen and made[1].lower() not in seen:
                families.append(made)
                seen.update((made[0].lower(), made[1].lower()))
    return families


def _unique(entries: list[Entry]) -> list[Entry]:
    """Drop repeated names (same Azerbaijani spelling), keeping the first (most common)."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if entry[0].lower() not in seen:
            seen.add(entry[0].lower())
            kept.append(entry)
    return kept


def _feminine(entry: tuple[str, str, list[str]]) -> tuple[str, str, list[str]]:
    az, ru, en = entry

    def latin(name: str) -> str:
        return name + "a" if name.endswith(("ov", "ev", "in", "yov")) else name

    cyrillic = ru + "а" if ru.endswith(("ов", "ев", "ёв", "ин")) else ru
    return latin(az), cyrillic, [latin(name) for name in en]


def _russian_patronymic(name: str, sex: str) -> str:
    """Иван -> Иванович/Ивановна, Сергей -> Сергеевич, Али -> Алиевич, Игорь -> Игоревич."""
    male, female = ("вич", "вна")
    end = male if sex == "m" else female
    if name.endswith("ий"):
        return name[:-2] + "ие" + end
    if name.endswith(("ей", "ай", "ой")):
        return name[:-1] + "е" + end
    if name.endswith("ь"):
        return name[:-1] + "е" + end
    if name.endswith(("а", "я")):
        return name + "е" + end
    if name.endswith(("и", "е", "о", "у")):
        return name + "е" + end
    return name + "о" + end


def _capitalised(text: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


@dataclass(frozen=True)
class Patronymics:
    """Spellings of 'child of' a male name, by convention and sex ('m'/'f' rows)."""

    turkic_az: np.ndarray  # "Həsən oğlu" / "Həsən qızı"
    turkic_ru: np.ndarray  # "Гасан оглы" / "Гасан кызы"
    turkic_en: np.ndarray  # "Hasan oglu" / "Hasan kyzy"
    slavic_ru: np.ndarray  # "Гасанович" / "Гасановна"
    slavic_en: np.ndarray  # "Gasanovich" / "Gasanovna"


def _patronymics(entries: list[tuple[str, str, list[str]]]) -> Patronymics:
    def pair(male, female):
        return np.array([[male(e) for e in entries], [female(e) for e in entries]], dtype=object)

    return Patronymics(
        turkic_az=pair(lambda e: f"{e[0]} oğlu", lambda e: f"{e[0]} qızı"),
        turkic_ru=pair(lambda e: f"{e[1]} оглы", lambda e: f"{e[1]} кызы"),
        turkic_en=pair(lambda e: f"{e[2][0]} oglu", lambda e: f"{e[2][0]} kyzy"),
        slavic_ru=pair(
            lambda e: _russian_patronymic(e[1], "m"), lambda e: _russian_patronymic(e[1], "f")
        ),
        slavic_en=pair(
            lambda e: _capitalised(to_latin(_russian_patronymic(e[1], "m"))),
            lambda e: _capitalised(to_latin(_russian_patronymic(e[1], "f"))),
        ),
    )


@dataclass(frozen=True)
class Pools:
    """All tables, with the range of ids each group of persons draws from."""

    groups: list[str]
    weights: np.ndarray
    male: Table
    female: Table
    family_m: Table
    family_f: Table
    places: Table
    patronymics: Patronymics
    ranges: dict[str, dict[str, tuple[int, int]]]
    events: dict[str, list[tuple[np.datetime64, np.datetime64]]]


@cache
def load_pools() -> Pools:
    """Read data/pools.yaml into numpy tables (once)."""
    text = resources.files("toll.synth").joinpath("data/pools.yaml").read_text("utf-8")
    data = yaml.safe_load(text)["groups"]
    lists: dict[str, list] = {"male": [], "female": [], "family": [], "places": []}
    feminine: list[tuple[str, str, list[str]]] = []
    ranges: dict[str, dict[str, tuple[int, int]]] = {}
    events = {}
    for group, spec in data.items():
        ranges[group] = {}
        entries = {kind: _unique([_parse(entry) for entry in spec[kind]]) for kind in lists}
        entries["family"] = _families(spec, entries["male"])
        for kind in lists:
            start = len(lists[kind])
            lists[kind].extend(entries[kind])
            ranges[group][kind] = (start, len(lists[kind]))
        families = entries["family"]
        feminine += [_feminine(e) for e in families] if spec.get("gendered_family") else families
        events[group] = [(np.datetime64(str(a)), np.datetime64(str(b))) for a, b in spec["events"]]
    weights = np.array([float(spec["weight"]) for spec in data.values()])
    return Pools(
        groups=list(data),
        weights=weights / weights.sum(),
        male=_table(lists["male"]),
        female=_table(lists["female"]),
        family_m=_table(lists["family"]),
        family_f=_table(feminine),
        places=_table(lists["places"]),
        patronymics=_patronymics(lists["male"]),
        ranges=ranges,
        events=events,
    )
