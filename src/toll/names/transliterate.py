"""Any script to lower-case Latin letters, with the conventions names are really written in.

Cyrillic (Russian, Ukrainian, Azerbaijani, Serbian), Armenian, Georgian and Arabic use the
tables in data/scripts.yaml; Azerbaijani and Turkish Latin letters (ə ğ ı ş ç) are spelled
out too. Anything else goes through anyascii. Two things depend on the whole string:
Azerbaijani-looking Latin text reads c as j and x as kh (Cəfər -> jafar), and Ukrainian
Cyrillic (with і ї є ґ) reads и as y and г as h; Serbian Cyrillic (with ђ ј љ њ ћ џ) reads
х as h.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from toll.names.data import load

_AZERBAIJANI_MARKS = re.compile("[əƏğĞıİşŞçÇ]")
_UKRAINIAN_MARKS = set("іїєґІЇЄҐ")
_SERBIAN_MARKS = set("ђјљњћџЂЈЉЊЋЏ")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_WORD = re.compile("[\u0621-\u065f\u0670-\u06d3]+")
_ARABIC_VOWEL_MARKS = {"\u064e": "a", "\u0650": "i", "\u064f": "u"}  # fatha, kasra, damma
_ARABIC_ARTICLE = "\u0627\u0644"  # al-
# Written Arabic leaves short vowels out, but no Arabic word starts with two consonants,
# and a word written with no vowel letter at all does not end with two either: حداد
# (hdad), مصري (msri), حسن (hsn) are read hadad, masri, hasan; عبد stays abd.
_ARABIC_CONSONANT = "[\u0628\u062a-\u0638\u063a\u0641-\u0647\u067e\u0686\u06af]"
_OPENING_CLUSTER = re.compile(f"^({_ARABIC_CONSONANT})(?={_ARABIC_CONSONANT})")
_CLOSING_CLUSTER = re.compile(f"(?<={_ARABIC_CONSONANT})({_ARABIC_CONSONANT})$")
# The pattern faʿil: a long vowel, then two closing consonants: ياسر, ماهر, باسل are
# Yaser, Maher, Basel (a and e are one sound class; عبد and أمل are not of this pattern).
_CLOSING_AFTER_LONG_VOWEL = re.compile(
    f"(?<=[\u0627\u0648\u064a]{_ARABIC_CONSONANT})({_ARABIC_CONSONANT})$"
)
_AYN_BEFORE_VOWEL = re.compile("^\u0639(?=[\u0627\u0648\u064a\u0649])")
_ARABIC_VOWEL_LETTERS = set("\u0627\u0623\u0625\u0622\u0648\u064a\u0649\u0639")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=8)
def _table(
    azerbaijani: bool, ukrainian: bool, serbian: bool = False
) -> tuple[re.Pattern[str], dict[str, str]]:
    tables = load("scripts")
    mapping: dict[str, str] = {}
    for script in ("latin", "cyrillic", "armenian", "georgian", "arabic"):
        mapping.update(tables[script])
    if azerbaijani:
        mapping.update(tables["latin_azerbaijani"])
    if ukrainian:
        mapping.update(tables["cyrillic_ukrainian"])
    if serbian:
        mapping.update(tables["cyrillic_serbian"])
    mapping = {key: "" if value is None else str(value) for key, value in mapping.items()}
    keys = sorted(mapping, key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in keys)), mapping


def looks_azerbaijani(text: str) -> bool:
    """True when the text has a letter only Azerbaijani or Turkish Latin uses (ə ğ ı ş ç)."""
    return _AZERBAIJANI_MARKS.search(text) is not None


def script_of(text: str) -> str:
    """The main script of a text: latin, cyrillic, armenian, georgian, arabic or other."""
    counts = {"latin": 0, "cyrillic": 0, "armenian": 0, "georgian": 0, "arabic": 0}
    for char in text:
        code = ord(char)
        if char.isascii():
            counts["latin"] += char.isalpha()
        elif 0x0400 <= code <= 0x052F:
            counts["cyrillic"] += 1
        elif 0x0530 <= code <= 0x058F:
            counts["armenian"] += 1
        elif 0x10A0 <= code <= 0x10FF or 0x1C90 <= code <= 0x1CBF:
            counts["georgian"] += 1
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or code >= 0xFB50:
            counts["arabic"] += char.isalpha()
        elif char.isalpha():
            counts["latin"] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "other"


@lru_cache(maxsize=200_000)
def to_latin(text: str, azerbaijani: bool | None = None) -> str:
    """Spell a name or place in lower-case Latin letters (spaces and punctuation kept).

    `azerbaijani` says whether bare Latin c and x are read the Azerbaijani way (j, kh);
    by default it is decided from the text itself (see `looks_azerbaijani`).

    >>> to_latin("Məmmədov Cəfər")
    'mammadov jafar'
    >>> to_latin("Гусейн")
    'guseyn'
    """
    text = unicodedata.normalize("NFC", text).replace("İ", "i").replace("I\u0307", "i")
    if _ARABIC_WORD.search(text):
        text = _ARABIC_WORD.sub(lambda match: _arabic_word(match.group(0)), text)
    if azerbaijani is None:
        azerbaijani = looks_azerbaijani(text)
    ukrainian = any(char in _UKRAINIAN_MARKS for char in text)
    serbian = any(char in _SERBIAN_MARKS for char in text)
    text = text.lower()
    pattern, mapping = _table(azerbaijani, ukrainian, serbian)
    text = pattern.sub(lambda match: mapping[match.group(0)], text)
    if not text.isascii():
        text = _NON_ASCII.sub(lambda match: anyascii(match.group(0)), text).lower()
    return text


def _arabic_word(word: str) -> str:
    """One word in Arabic script, in Latin letters with its short vowels guessed.

    The written vowel marks are read when present; otherwise a consonant cluster that
    opens the word (or closes a word without vowel letters) gets an a. The article al-
    stays apart (المصري -> al-masri).
    """
    article = ""
    if word.startswith(_ARABIC_ARTICLE) and len(word) >= 5:
        article, word = "al-", word[2:]
    word = _AYN_BEFORE_VOWEL.sub("", word)  # عودة, عيسى: Odeh, Issa (but سعيد: Said)
    if not any(mark in word for mark in _ARABIC_VOWEL_MARKS):
        fatha = "\u064e"
        if not _ARABIC_VOWEL_LETTERS & set(word):
            word = _CLOSING_CLUSTER.sub(fatha + r"\1", word)
        elif len(word) >= 4:
            word = _CLOSING_AFTER_LONG_VOWEL.sub(fatha + r"\1", word)
        word = _OPENING_CLUSTER.sub(r"\1" + fatha, word)
    word = "".join(_ARABIC_VOWEL_MARKS.get(char, char) for char in word)
    pattern, mapping = _table(False, False)
    return article + pattern.sub(lambda match: mapping[match.group(0)], _ARABIC_MARKS.sub("", word))
