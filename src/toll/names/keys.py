"""Comparison keys for one person's name, whatever script and order it was written in."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toll.names.data import load
from toll.names.fold import (
    canonical,
    fold,
    initial_sound,
    is_known_name,
    phonetic,
    refold,
    token_key,
)
from toll.names.split import (
    _TOKEN,
    _take_patronymic,
    family_ending,
    glued_patronymic,
    is_article,
    is_initial,
    patronymic_suffix,
    patronymic_word_sex,
    split_full_name,
)
from toll.names.transliterate import looks_azerbaijani, to_latin

_MALE_FORM = {"ova": "ov", "ina": "in", "skaya": "sky"}
_ARMENIAN_ENDINGS = {"yan", "yanc"}
_SPLIT_FAMILY = re.compile(r"[\s\-‐–]+")
# The Arabic article written on the word (المصري) is split off like al- in Latin.
_ARABIC_ARTICLE = re.compile("(?:^|(?<=\\s))\u0627\u0644(?=\\S{3})")


@dataclass(frozen=True)
class NameKeys:
    """Keys that make the spellings of one name meet.

    All keys are lower-case ASCII, for comparison only (not for display):

    - given_key, family_key, patronymic_key: the name after transliteration, folding
      rules and the table of known spellings (Мамедов, Məmmədov, Mammadov -> mamadov;
      "Həsən oğlu" and "Гасанович" -> hasan: a patronymic's key is the father's name).
    - family_stem: family_key without its gendered or conventional ending
      (-ov/-ova/-ev/-eva/-in/-ina/-sky/-skaya/-yan/-yants/-li/-zade/-oglu), so that
      Aliyev and Aliyeva can be compared apart from their sex.
    - given_phonetic, family_phonetic, patronymic_phonetic: sound classes of the keys
      (family_phonetic ignores the female ending).
    - given_initial: what the given name's initial is compared by, in lower case
      (`initial_sound`): a consonant by its folded letter (Г. and G. "g", Дж. and J. "j",
      Ш. and Ş. "w"), a vowel by its sound class (Ю. and Yu. "i") but e and o by their
      letter (Э. and E. "e", Ə. and А. "a"); initials meet across scripts through the
      letters a name is written with (`first_sounds`: Гасан and Hasan, "gh");
      given_is_initial: the given name was only an initial.
    - name_tokens_sorted: the given and family keys, sorted and joined by spaces, for
      names whose order was swapped or misread (the patronymic is left out).
    - sex_hint: 'm' or 'f' when the patronymic (oğlu/qızı, -ovich/-ovna) or the family
      ending (-ov/-ova) tells it.
    """

    given_key: str | None = None
    family_key: str | None = None
    patronymic_key: str | None = None
    given_phonetic: str | None = None
    family_phonetic: str | None = None
    patronymic_phonetic: str | None = None
    given_initial: str | None = None
    given_is_initial: bool = False
    family_stem: str | None = None
    name_tokens_sorted: str | None = None
    sex_hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The keys as a plain dict (for JSON, DataFrames, splink)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _present(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        if value != value:  # pandas NA and NaT compare unequal to themselves
            return None
    except TypeError:
        return None
    text = " ".join(str(value).split())
    return text or None


def _token_keys(text: str, azerbaijani: bool) -> list[str]:
    keys = [token_key(token.strip("()."), azerbaijani) for token in _TOKEN.findall(text)]
    return [key for key in keys if key]


def _lookup_stem(stem: str) -> str:
    """The canonical key of a name stem (Mamed- -> mamad, Gadzhi- -> haji)."""
    for candidate in (stem, refold(stem + "i")):
        if is_known_name(candidate):
            return canonical(candidate)
    return stem


@lru_cache(maxsize=200_000)
def family_keys(family: str, azerbaijani: bool) -> tuple[str, str, str, str | None]:
    """(family_key, family_stem, gender-neutral key, sex hint) of a written family name."""
    family = _ARABIC_ARTICLE.sub("\u0627\u0644 ", family.strip())
    parts = [part for part in _SPLIT_FAMILY.split(family) if part]
    while len(parts) > 1 and is_article(parts[0], parts[1]):
        parts = parts[1:]
    folded = fold(to_latin("".join(parts), azerbaijani))
    ending = family_ending(folded)
    if ending is None or is_known_name(folded):
        key = canonical(folded)
        return key, key, key, None
    stem, suffix, sex = ending
    stem = _lookup_stem(refold(stem))
    if suffix in _ARMENIAN_ENDINGS and not is_known_name(stem) and re.match("h[aeiou]", stem):
        stem = stem[1:]  # Russian drops the Armenian initial h: Hovsepyan / Овсепян
    neutral = stem + _MALE_FORM.get(suffix, suffix)
    return stem + suffix, stem, neutral, sex


@lru_cache(maxsize=200_000)
def patronymic_keys(patronymic: str, azerbaijani: bool) -> tuple[str | None, str | None]:
    """(father's name key, sex hint) of a written patronymic."""
    tokens = [token.strip("()") for token in _TOKEN.findall(patronymic)]
    tokens = [token for token in tokens if token.strip(".")]
    if not tokens:
        return None, None
    if len(tokens) >= 2 and tokens[0].lower() in {"ibn", "bin", "bint"}:
        return "".join(_token_keys(" ".join(tokens[1:]), azerbaijani)) or None, None
    if len(tokens) >= 2 and (sex := patronymic_word_sex(tokens[-1], azerbaijani)):
        return "".join(_token_keys(" ".join(tokens[:-1]), azerbaijani)) or None, sex
    if len(tokens) == 1 and not is_initial(tokens[0]):
        found = patronymic_suffix(tokens[0], azerbaijani) or glued_patronymic(
            tokens[0], azerbaijani
        )
        if found:
            father, sex = found
            return _lookup_stem(refold(father)), sex
    key = "".join(_token_keys(patronymic, azerbaijani)) or None
    if key and len(tokens) == 1 and not is_known_name(key) and is_known_name(key[:-1]):
        key = canonical(key[:-1])  # Armenian genitive: Gevorgi = son of Gevorg
    return key, None


def phonetic_or_none(key: str | None) -> str | None:
    """Sound classes of a key, None for no key."""
    return phonetic(key) if key else None


def initial_of(key: str | None) -> str | None:
    """What an initial of the key is compared by, lower case (hasan, h -> "h"; gasan ->
    "g"; elnur, e -> "e"; ali, a -> "a"): `initial_sound`."""
    return initial_sound(key).lower() if key else None


@lru_cache(maxsize=200_000)
def given_keys(given: str, azerbaijani: bool) -> tuple[tuple[str, ...], bool, str | None]:
    """(token keys, only initials?, patronymic written inside it) of a written given name.

    "Əli Həsən oğlu" in a given-name column gives (("ali",), False, "Həsən oğlu").
    """
    tokens = _TOKEN.findall(given)
    found, _, rest = _take_patronymic(tokens, azerbaijani)
    inside = None
    if found and rest and not is_initial(found):
        given, inside = " ".join(rest), found
    initials = bool(tokens) and all(is_initial(token) for token in _TOKEN.findall(given))
    return tuple(_token_keys(_join_prefixes(given), azerbaijani)), initials, inside


def _join_prefixes(given: str) -> str:
    """Write Abdul Rahman as Abdul-Rahman so that it is keyed as one word."""
    prefixes = set(load("rules")["given_prefixes"])
    words = given.split()
    out: list[str] = []
    for word in words:
        if out and fold(to_latin(out[-1])) in prefixes:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return " ".join(out)


def sorted_tokens(given_tokens: str | None, family_key: str | None) -> str | None:
    """Given and family keys, sorted and joined by spaces (given_tokens is space-joined).

    The patronymic stays out: many lists omit it, and it would keep apart the records it
    is meant to bring together.
    """
    parts = (given_tokens or "").split() + ([family_key] if family_key else [])
    return " ".join(sorted(parts)) or None


def name_keys(
    *,
    full: Any = None,
    given: Any = None,
    family: Any = None,
    patronymic: Any = None,
) -> NameKeys:
    """Comparison keys for a name given whole (`full`) or in parts, in any script.

    Parts win over the full name; missing parts are taken from the full name.
    A patronymic written inside the given name ("Əli Həsən oğlu") is taken out of it.

    >>> name_keys(full="Мамедов Али Гасанович").family_key
    'mamadov'
    >>> name_keys(given="Əli", family="Məmmədov", patronymic="Həsən oğlu").patronymic_key
    'hasan'
    """
    full, given, family, patronymic = map(_present, (full, given, family, patronymic))
    if full and not (given and family):
        split_given, split_family, split_patronymic = split_full_name(full)
        given = given or split_given
        family = family or split_family
        patronymic = patronymic or split_patronymic
    return _keys_from_parts(given, family, patronymic)


@lru_cache(maxsize=100_000)
def _keys_from_parts(given: str | None, family: str | None, patronymic: str | None) -> NameKeys:
    azerbaijani = looks_azerbaijani(" ".join(part for part in (given, family, patronymic) if part))
    tokens, initials, inside = given_keys(given, azerbaijani) if given else ((), False, None)
    given_key = "".join(tokens) or None
    family_key, family_stem, neutral, family_sex = (
        family_keys(family, azerbaijani) if family else (None, None, None, None)
    )
    patronymic = patronymic or inside
    patronymic_key, patronymic_sex = (
        patronymic_keys(patronymic, azerbaijani) if patronymic else (None, None)
    )
    return NameKeys(
        given_key=given_key,
        family_key=family_key or None,
        patronymic_key=patronymic_key,
        given_phonetic=phonetic_or_none(given_key),
        family_phonetic=phonetic_or_none(neutral),
        patronymic_phonetic=phonetic_or_none(patronymic_key),
        given_initial=initial_of(given_key),
        given_is_initial=initials,
        family_stem=family_stem or None,
        name_tokens_sorted=sorted_tokens(" ".join(tokens), family_key or None),
        sex_hint=patronymic_sex or family_sex,
    )
