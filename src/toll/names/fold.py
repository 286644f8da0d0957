"""From one written name token to comparison keys.

`token_key` spells the token in Latin letters, applies the folding rules of
data/rules.yaml (so that transliteration conventions meet) and, when the result is a
known spelling of a name in data/names.yaml, replaces it with that name's canonical key.
`phonetic` reduces a key to sound classes for looser comparison and blocking.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toll.names.data import load
from toll.names.transliterate import looks_azerbaijani, to_latin


@lru_cache(maxsize=1)
def _fold_rules() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), replacement) for pattern, replacement in load("rules")["fold"]]


@lru_cache(maxsize=1)
def _phonetic_rule() -> tuple[re.Pattern[str], dict[str, str]]:
    classes = load("rules")["phonetic"]
    keys = sorted(classes, key=len, reverse=True)
    return re.compile("|".join(keys)), classes


@lru_cache(maxsize=400_000)
def fold(latin: str) -> str:
    """Fold a token already in lower-case Latin letters (Dzhafar, Djafar -> jafar)."""
    for pattern, replacement in _fold_rules():
        latin = pattern.sub(replacement, latin)
    return latin


@lru_cache(maxsize=200_000)
def refold(key: str) -> str:
    """Fold again a key that was already folded, once cut (a stem, a father's name).

    The same rules, except that x is left as it is: in a folded key x comes from kh
    (Сабухи -> sabuxi), and reading it as ks between vowels, as in Alexander, would
    make the key of a cut word differ from that of the whole one.
    """
    for pattern, replacement in _fold_rules():
        if replacement != "ks":
            key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Folded spelling -> canonical key, from data/names.yaml.

    Each spelling is registered as read both ways (Azerbaijani c = j, x = kh, and not),
    and an Azerbaijani spelling also as typed on a keyboard without its letters
    (Cəfər -> Cefer), so that "Cavid" or "Ceferov" still find Javid and Jafarov. The
    spellings written in the table come first: a derived form never overrides them.
    """
    table: dict[str, str] = {}
    derived: list[tuple[str, str]] = []
    for spellings in load("names")["names"]:
        group = [str(spelling) for spelling in spellings]
        canonical = fold(to_latin(group[0], looks_azerbaijani(" ".join(group))))
        for spelling in group:
            table.setdefault(fold(to_latin(spelling)), canonical)
            derived.append((spelling, canonical))
    for spelling, canonical in derived:
        for form in {spelling, plain_letters(spelling)}:
            for azerbaijani in (False, True):
                table.setdefault(fold(to_latin(form, azerbaijani)), canonical)
    return table


_PLAIN = str.maketrans("əƏşŞçÇğĞıİöÖüÜ", "eEsScCgGiIoOuU")


def plain_letters(text: str) -> str:
    """Azerbaijani and Turkish letters typed as plain Latin ones (Məmmədov -> Memmedov)."""
    return text.translate(_PLAIN)


@lru_cache(maxsize=1)
def _first_sounds() -> dict[str, str]:
    """Canonical key -> the initials of all its listed spellings (aleksandr -> "AO":
    Aleksandr, Oleksandr; hovhanes -> "HO": Hovhannes, Ованес)."""
    sounds: dict[str, set[str]] = {}
    for spellings in load("names")["names"]:
        group = [str(spelling) for spelling in spellings]
        key = fold(to_latin(group[0], looks_azerbaijani(" ".join(group))))
        for spelling in group:
            letters = re.sub("[^a-z]", "", to_latin(spelling).lower())
            if letters:  # its sound, and its first letter in Latin (Шота: W, and S. for Sh)
                found = sounds.setdefault(key, set())
                # the letter folded as a name's would be (Qurban's q is G, not the code Q
                # of Ч; Walid's w is V, not the code W of Ш)
                found.update({initial_sound(letters), initial_sound(fold(letters[:1]))})
    return {key: _with_latin_letter("".join(sorted(found))) for key, found in sounds.items()}


# Vowels an initial keeps apart although the sound classes join them (a, e and ə are all
# A; o and u are U): Э. and E. are Elnur or Emin, never Əli (А. in Russian lists), and
# О. is not У.
_DISTINCT_VOWELS = {"e": "E", "o": "O"}
# Consonants written with two Latin letters, each coded by one letter no folded key
# begins with (an initial is one letter; w and q are folded to v and g): Ш, Ş -> W; Ч, Ç -> Q.
_DIGRAPHS = {"sh": "W", "ch": "Q"}
# Other letters the same initial is written with in another script or language: H is Г
# in Russian (Гасан, Гусейн) or Х (Хусейн), Г is H in Ukrainian and Belarusian (Hryhoriy),
# Azerbaijani C is J (Cavid, Javid). The sound classes join more (g, k and h; t and d),
# but Г. is not Kamal: only these, and the spellings in data/names.yaml, meet.
_WRITTEN_ALSO = {"H": "GX", "G": "H", "X": "H", "C": "J", "J": "C"}
# The first letter of a digraph's Latin spelling: a list in Latin letters cuts Shalala,
# Khagani, Chingiz (Şəlalə, Хагани, Çingiz) to S., K., C. The codes W, X and Q are also
# written so; the plain letters do not stand for them in turn (Ш. is not Samir).
_LATIN_LETTER = {"W": "S", "X": "K", "Q": "C"}


def initial_sound(key: str) -> str:
    """What an initial of this (transliterated) name is compared by, upper case: a
    consonant by its folded letter (Гасан, Gasan -> G; Hasan -> H; Ш., Ş. -> W; Дж., J.
    -> J; Q. -> G), a vowel by its sound class, but e and o by their letter (Elnur,
    Эльнур -> E; Əli, Али -> A; Юсиф, Yusif -> I)."""
    first = key[:1]
    if first in "aeiouy":
        return _DISTINCT_VOWELS.get(first) or phonetic(first)
    if len(key) == 1:  # an initial's code (W for Ш)
        return first.upper()
    folded = refold(key) or key
    return _DIGRAPHS.get(folded[:2]) or folded[:1].upper()


def _with_latin_letter(sounds: str) -> str:
    return "".join(sorted(set(sounds).union(*(_LATIN_LETTER.get(s, "") for s in sounds))))


def _with_written_also(sounds: str) -> str:
    found = set(sounds)
    for sound in sounds:
        found.update(_WRITTEN_ALSO.get(sound, ""))
    return _with_latin_letter("".join(found))


def first_sounds(key: str) -> str:
    """Every initial a name may be written with, as its spellings in data/names.yaml begin:
    "AO" for Aleksandr (А. in Russian, О. in Ukrainian lists), "GHX" for Hüseyn (Гусейн,
    Хусейн), "GK" for Qasım (Гасым, Kasum); for a name not in the table, or an initial's
    code, its first letter (`initial_sound`) and the letters that one is also written
    with (`_WRITTEN_ALSO`: "GHX" for Həmid, "GH" for Г.). A digraph's code comes with
    the Latin letter it begins with (`_LATIN_LETTER`: "SW" for Shalala and for Ş.,
    "HKX" for Xaqani and Х.); a listed name, with the first Latin letter of each spelling
    (Джамал: D, as Д.)."""
    listed = _first_sounds().get(key)
    return listed or _with_written_also(initial_sound(key))


def canonical(key: str) -> str:
    """The canonical key of a folded spelling, or the key itself when not listed."""
    return _variants().get(key, key)


def is_known_name(key: str) -> bool:
    """True when a folded spelling is listed in data/names.yaml."""
    return key in _variants()


@lru_cache(maxsize=400_000)
def token_key(token: str, azerbaijani: bool | None = None) -> str:
    """Comparison key of one name token in any script ('' when it has no letters)."""
    return canonical(fold(to_latin(token, azerbaijani)))


@lru_cache(maxsize=400_000)
def phonetic(key: str) -> str:
    """Sound classes of a key: Гасан, Hasan, Həsən -> KASAN; Hüseyn -> KUSAIN."""
    pattern, classes = _phonetic_rule()
    coded = pattern.sub(lambda match: classes[match.group(0)], key)
    return re.sub(r"(.)\1+", r"\1", coded)
