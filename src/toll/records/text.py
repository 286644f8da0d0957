"""Folding text for comparison, and the YAML word lists the readers use.

Headers and values in lists are written by hand in several languages and scripts, so they are
compared after folding: lower case, no diacritics (ə→e, ı→i, ş→s, й→и, ё→е), punctuation as
spaces. The folded text is only used to recognise things; what the file says is always kept.
"""

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# Letters that Unicode does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans(
    {"ə": "e", "Ə": "e", "ı": "i", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"}
)
_NON_WORD = re.compile(r"[\W_]+")
VALUE_CACHE = 100_000  # distinct values remembered; lists repeat most of theirs


@lru_cache(maxsize=VALUE_CACHE)
def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics, keeping punctuation and spacing."""
    text = text.translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_SPECIAL_LETTERS)


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return [w for w in _NON_WORD.split(fold(text)) if w]


def folded_words(text: str) -> str:
    """The folded words of `text` joined by single spaces."""
    return " ".join(words(text))


@cache
def load_data(name: str) -> dict[str, Any]:
    """Read one of the YAML files in toll/records/data."""
    path = resources.files("toll.records").joinpath("data").joinpath(name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class WordList:
    """Phrases to look for in a value; a trailing "*" on a word matches any word it starts.

    Phrases made only of symbols ("-", "?", "+") match a value that is exactly that symbol.
    """

    def __init__(self, phrases: list[str]):
        self.symbols: set[str] = set()
        self.phrases: list[tuple[tuple[str, bool], ...]] = []
        for phrase in phrases:
            compiled = self._compile(str(phrase))
            if compiled:
                self.phrases.append(compiled)
            else:
                self.symbols.add(str(phrase).strip())
        self.phrases.sort(key=len, reverse=True)

    @staticmethod
    def _compile(phrase: str) -> tuple[tuple[str, bool], ...]:
        parts: list[tuple[str, bool]] = []
        for raw in phrase.split():
            prefix = raw.endswith("*")
            stems = words(raw.rstrip("*"))
            parts.extend((stem, prefix and i == len(stems) - 1) for i, stem in enumerate(stems))
        return tuple(parts)

    @staticmethod
    def _matches_at(tokens: list[str], start: int, phrase: tuple[tuple[str, bool], ...]) -> bool:
        window = tokens[start : start + len(phrase)]
        return len(window) == len(phrase) and all(
            t.startswith(stem) if prefix else t == stem
            for t, (stem, prefix) in zip(window, phrase, strict=True)
        )

    def matches(self, text: str) -> bool:
        """True when the whole of `text` is one of the phrases."""
        if text.strip() in self.symbols:
            return True
        tokens = words(text)
        return any(len(p) == len(tokens) and self._matches_at(tokens, 0, p) for p in self.phrases)

    def match_at(self, tokens: list[str], start: int) -> int:
        """Number of tokens of the longest phrase found at `start` (0 when none)."""
        for phrase in self.phrases:
            if self._matches_at(tokens, start, phrase):
                return len(phrase)
        return 0

    def find(self, tokens: list[str]) -> int | None:
        """Index of the first token where one of the phrases starts, or None."""
        for i in range(len(tokens)):
            if self.match_at(tokens, i):
                return i
        return None
