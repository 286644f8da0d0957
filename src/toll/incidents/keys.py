"""Comparison keys of incident names, so that a name in any script finds the incident.

Each word of a name is keyed as `toll.names` keys places (Khojaly, Xocalı and Ходжалы all give
"khojaly"); words that only say what kind of event it was ("massacre", "трагедия",
"soyqırımı") and small words are left out, so "the Khojaly massacre" and "Ходжалы" meet.
Pure: no store.
"""

import re
from functools import lru_cache

from toll.names import place_key, to_latin

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# Words naming the kind of event, or linking words: not what tells one incident from another.
GENERIC_WORDS = frozenset(
    """
    massacre massacres tragedy genocide attack attacks shelling shellings bombing bombings
    bombardment siege killings killing events event strike strikes airstrike air raid raids
    offensive battle assault storming occupation incident crisis slaughter atrocity atrocities
    war conflict
    the of in at on a an and by near
    резня резни трагедия трагедии геноцид геноцида бойня обстрел обстрелы нападение нападения
    события событие штурм осада бомбардировка массовое убийство убийства теракт война в на и у
    под
    soyqırımı soyqırım faciəsi faciə qırğını qırğın hadisələri hücum hücumu işğalı müharibə və
    """.split()
)


def words(text: str) -> list[str]:
    """The distinctive words of a name, lower case, as written."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in GENERIC_WORDS]


@lru_cache(maxsize=50_000)
def word_key(word: str) -> str | None:
    """The key of one word: a year as written, else its place key (gazetteer or sound)."""
    if word.isdigit():
        return word
    return place_key(word) or to_latin(word).lower() or None


def name_keys(text: str) -> list[str]:
    """The keys of a name's distinctive words, in order, without repeats."""
    return list(dict.fromkeys(k for w in words(text) if (k := word_key(w))))


@lru_cache(maxsize=50_000)
def stored_key(text: str) -> str:
    """A name's keys as stored: between spaces, so that a search can look for " key "."""
    return " " + " ".join(name_keys(text)) + " "
