"""Split a full name into given name, family name and patronymic.

Lists write names in many orders: "Məmmədov Əli Həsən oğlu", "Мамедов Али Гасанович",
"Ali Mamedov", "MAMEDOV, Ali", "A. H. Mamedov", "Ahmad Mahmoud Hassan". The rules, in
plain words:

1. Text before a comma is the family name.
2. The patronymic is found first: a father's name followed by oğlu/qızı/оглы/кызы (or
   ibn/bin before it), a word ending in -ovich/-ovna/-ivna..., a name in parentheses,
   or the second of two initials (before a word ending like a patronymic: Darwich S. M.).
   Of a name written as one word and initials, the word is the family name.
3. Of the remaining words, the family name is the one that looks most like one: a
   family-name ending (-ov, -yan, -enko...), written in capitals, not a known given
   name, not an initial. On a tie, the order of the conventions decides: family name
   first when a patronymic closes the name (Russian and Azerbaijani official order),
   otherwise family name last.
"""

from __future__ import annotations

import re
from functools import lru_cache

from toll.names.data import load
from toll.names.fold import fold, is_known_name
from toll.names.transliterate import looks_azerbaijani, script_of, to_latin

FAMILY_FIRST = "family_first"
GIVEN_FIRST = "given_first"
_HINT = 0.5  # what the order a header announces weighs against the words' own look
_TOKEN = re.compile(r"\([^)]*\)|[^\s.,()]+\.?")
_SOUTH_SLAVIC_END = ("ić", "ic", "ћ")


def _folded(token: str, azerbaijani: bool) -> str:
    return fold(to_latin(token, azerbaijani))


# A Cyrillic initial in Latin letters: Ya. (Я.), Sh. (Ш.), Kh. (Х.)...
_LATIN_DIGRAPH_INITIAL = re.compile(r"(?i)(ya|yu|ye|yo|ia|iu|sh|ch|zh|kh|ts)\.")


def is_initial(token: str) -> bool:
    """True for one letter, with or without a dot ("A.", "Г"), or a Cyrillic initial
    written in two Latin letters with its dot ("Ya.", "Sh.")."""
    return len(token.rstrip(".")) == 1 or _LATIN_DIGRAPH_INITIAL.fullmatch(token) is not None


@lru_cache(maxsize=1)
def _rules() -> dict:
    return load("rules")


@lru_cache(maxsize=1)
def _patronymic_words() -> dict[str, str]:
    words = _rules()["patronymic_words"]
    table = {fold(word): "f" for word in words["female"]}
    table.update({fold(word): "m" for word in words["male"]})
    return table


@lru_cache(maxsize=100_000)
def patronymic_word_sex(token: str, azerbaijani: bool = False) -> str | None:
    """'m' for oğlu/оглы/ogly..., 'f' for qızı/кызы/kyzy..., else None."""
    return _patronymic_words().get(_folded(token, azerbaijani))


@lru_cache(maxsize=100_000)
def glued_patronymic(token: str, azerbaijani: bool = False) -> tuple[str, str] | None:
    """(father's name as folded, sex) for "Гасан-оглы", "Həsənoğlu", "Hasan-kyzy"."""
    folded = _folded(token, azerbaijani)
    for word, sex in _patronymic_words().items():
        if folded.endswith(word) and len(folded) - len(word) >= 2:
            return folded[: -len(word)], sex
    return None


@lru_cache(maxsize=100_000)
def patronymic_suffix(token: str, azerbaijani: bool = False) -> tuple[str, str] | None:
    """(father's name as folded, sex) for a one-word patronymic (Гасанович, Ivanivna)."""
    if token.lower().endswith(_SOUTH_SLAVIC_END) or is_initial(token):
        return None
    folded = _folded(token, azerbaijani)
    for sex in ("m", "f"):
        for suffix in _rules()["patronymic_suffixes"]["male" if sex == "m" else "female"]:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 2:
                return folded[: -len(suffix)], sex
    return None


@lru_cache(maxsize=100_000)
def family_ending(key: str) -> tuple[str, str, str | None] | None:
    """(stem, canonical ending, sex) when a folded key ends like a family name."""
    for ending, canonical, sex in _rules()["family_suffixes"]:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)], canonical, sex
    return None


@lru_cache(maxsize=100_000)
def _looks_family(token: str, azerbaijani: bool) -> int:
    """+2 for a family-name ending or particle, +1 for an ending many given names have too
    (-in, -ina, -li: Elvin, Marina, Irakli), -2 for a known given name, -3 an initial."""
    if is_initial(token):
        return -3
    folded = _folded(token, azerbaijani)
    markers = tuple(_rules()["family_markers"])
    if _starts_with_particle(token):
        return 2
    if is_known_name(folded):
        return -2
    if folded.endswith(markers):
        return 2
    if ending := family_ending(folded):
        return 1 if ending[1] in _rules()["weak_family_endings"] else 2
    return 0


_ASSIMILATED_ARTICLE = re.compile("[ae](sh|[dnrstz])")


def is_article(word: str, following: str) -> bool:
    """True when `word` is the Arabic article before `following`: al-, el-, аль-, and
    before sun letters ash-Shami, an-Najjar, аз-Зуби."""
    folded = fold(to_latin(word))
    if folded in {"al", "el", "ul"}:
        return True
    assimilated = _ASSIMILATED_ARTICLE.fullmatch(folded)
    return bool(assimilated) and fold(to_latin(following)).startswith(assimilated.group(1))


def _starts_with_particle(token: str) -> bool:
    """al-Khatib, аль-Хатиб, ан-Наджар, ter Petrosyan, van Dijk: in any script."""
    parts = [part for part in re.split(r"[\s\-‐–]+", token) if part]
    if len(parts) < 2:
        return False
    return fold(to_latin(parts[0])) in _rules()["family_particles"] or is_article(*parts[:2])


def _family_score(token: str, azerbaijani: bool, others: list[str]) -> float:
    score = _looks_family(token, azerbaijani)
    if score == -3:
        return score
    upper = token.isupper() and sum(char.isalpha() for char in token) > 1
    if upper and not all(other.isupper() for other in others):
        score += 1
    return score


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    family = set(_rules()["family_particles"]) - {"ibn", "bin", "bint", "ben"}
    return frozenset(family | set(_rules()["given_prefixes"]))


@lru_cache(maxsize=100_000)
def _is_particle(token: str) -> bool:
    return fold(to_latin(token)) in _particles()


def _merge_particles(tokens: list[str]) -> list[str]:
    """Join al-, ter, van..., abdul, abu... to the word they belong to."""
    merged: list[str] = []
    for token in tokens:
        if merged and _is_particle(merged[-1]) and not is_initial(token):
            merged[-1] = f"{merged[-1]} {token}"
        else:
            merged.append(token)
    return merged


@lru_cache(maxsize=100_000)
def _patronymic_kind(token: str, azerbaijani: bool) -> str | None:
    """What a word can be in a patronymic: 'paren', 'word' (oğlu), 'ibn', 'one' (one-word
    patronymic: Гасанович, Гасан-оглы), 'glued' (Həsənoğlu), 'initial', or None."""
    if token.startswith("("):
        return "paren"
    if patronymic_word_sex(token, azerbaijani):
        return "word"
    if token.lower() in {"ibn", "bin", "bint"}:
        return "ibn"
    if is_initial(token):
        return "initial"
    glued = glued_patronymic(token, azerbaijani)
    if (glued and "-" in token) or patronymic_suffix(token, azerbaijani):
        return "one"
    return "glued" if glued else None


def _take_patronymic(tokens: list[str], azerbaijani: bool):
    """Remove the patronymic from tokens; return (patronymic, position, rest)."""
    kinds = [_patronymic_kind(token, azerbaijani) for token in tokens]
    if "paren" in kinds and len(tokens) > 1:
        i = kinds.index("paren")
        return tokens[i].strip("() ") or None, i, tokens[:i] + tokens[i + 1 :]
    for i, kind in enumerate(kinds):
        if kind == "word" and i > 0:
            return f"{tokens[i - 1]} {tokens[i]}", i - 1, tokens[: i - 1] + tokens[i + 1 :]
        if kind == "ibn" and i + 1 < len(tokens):
            return f"{tokens[i]} {tokens[i + 1]}", i, tokens[:i] + tokens[i + 2 :]
    initials = [i for i, kind in enumerate(kinds) if kind == "initial"]
    if len(initials) >= 2 and initials[1] == initials[0] + 1 and len(tokens) > 2:
        i = initials[1]  # "Darwich S. M.": not -ich, the second initial is the father's
        return tokens[i], i, tokens[:i] + tokens[i + 1 :]
    if len(tokens) >= 2 and "one" in kinds:
        i = len(kinds) - 1 - kinds[::-1].index("one")
        return tokens[i], i, tokens[:i] + tokens[i + 1 :]
    if len(tokens) >= 3 and kinds[-1] == "glued" and _looks_family(tokens[0], azerbaijani) > 0:
        return tokens[-1], len(tokens) - 1, tokens[:-1]  # Məmmədov Əli Həsənoğlu
    return None, None, tokens


def _family_first(rest: list[str], azerbaijani: bool, script: str, order: str | None) -> bool:
    """Whether three or more words without a patronymic marker start with the family name.

    The first word must look more like a family name than the last. Not when the words
    are in Arabic script, nor when the first word does not itself look like a family name
    and the middle one is a known given name: Arabic names run given, father, family
    ("Maher Tariq Qasim", where Qasim is also a given name).
    """
    first = _family_score(rest[0], azerbaijani, rest[1:]) + _HINT * (order == FAMILY_FIRST)
    last = _family_score(rest[-1], azerbaijani, rest[:-1]) + _HINT * (order == GIVEN_FIRST)
    if first <= last or script == "arabic":
        return False
    return first > 0 or _looks_family(rest[1], azerbaijani) != -2


def _clean(tokens: list[str]) -> str | None:
    text = " ".join(tokens).strip()
    return text or None


@lru_cache(maxsize=200_000)
def split_full_name(
    full: str | None, order: str | None = None
) -> tuple[str | None, str | None, str | None]:
    """(given, family, patronymic) as written, each None when absent.

    `order` is what the list says of its names' order, when it says it (a column headed
    "Фамилия Имя Отчество" or "Soyadı adı": FAMILY_FIRST; "Name Surname": GIVEN_FIRST).
    It counts as half a point for that reading, so it decides between two words that look
    alike (Orudzhev Elvin: both end like family names) but not against a clear sign.

    >>> split_full_name("Мамедов Али Гасанович")
    ('Али', 'Мамедов', 'Гасанович')
    >>> split_full_name("Ali Mamedov")
    ('Ali', 'Mamedov', None)
    """
    if full is None:
        return None, None, None
    text = " ".join(str(full).split())
    if not text:
        return None, None, None
    azerbaijani = looks_azerbaijani(text)
    family_written = None
    if "," in text:
        before, after = (part.strip() for part in text.split(",", 1))
        if before and after:
            family_written, text = before, after
    tokens = _merge_particles(_TOKEN.findall(text))
    patronymic, position, rest = _take_patronymic(tokens, azerbaijani)
    if family_written is not None:
        if patronymic is None and len(rest) >= 2 and not is_initial(rest[0]):
            return rest[0], family_written, _clean(rest[1:])
        return _clean(rest), family_written, patronymic
    if not rest:
        return None, None, patronymic
    if len(rest) == 1:
        only = rest[0]
        looks_family = _family_score(only, azerbaijani, []) > 0 or patronymic is not None
        return (None, only, patronymic) if looks_family else (only, None, patronymic)
    words = [token for token in rest if not is_initial(token)]
    if len(words) == 1:  # "Гасанов А.", "المصري أ.": initials stand for the given name
        return _clean([token for token in rest if is_initial(token)]), words[0], patronymic
    if patronymic is None and len(rest) >= 3:
        if _family_first(rest, azerbaijani, script_of(text), order):
            return rest[1], rest[0], _clean(rest[2:])
        return rest[0], rest[-1], _clean(rest[1:-1])
    if patronymic is None and script_of(text) == "arabic":
        return _clean(rest[:-1]), rest[-1], None  # Arabic script: the family name is last
    scores = [
        _family_score(token, azerbaijani, rest[:i] + rest[i + 1 :]) for i, token in enumerate(rest)
    ]
    if order is not None:  # the column's header says the order: a point for that word
        scores[0 if order == FAMILY_FIRST else -1] += _HINT
    best = max(scores)
    candidates = [i for i, score in enumerate(scores) if score == best]
    if len(candidates) == 1:
        family_index = candidates[0]
    elif patronymic is not None and position is not None and position >= len(rest):
        family_index = 0
    else:
        family_index = len(rest) - 1
    given = rest[:family_index] + rest[family_index + 1 :]
    return _clean(given), rest[family_index], patronymic
