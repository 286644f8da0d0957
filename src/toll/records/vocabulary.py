"""The words values are read from (data/values.yaml), and what dates and ages share.

Values say "not known" in many ways ("неизвестно", "naməlum", "-"); dates and ages are made
approximate the same ways ("~", "около", "təxminən", "(approx.)").
"""

import re
from functools import cache, lru_cache

from toll.records.text import VALUE_CACHE, WordList, load_data, words

_APPROX_SIGNS = re.compile(r"^\s*(~|≈|±|\+/-|c\.|ca\.)\s*|\s*(\?|\(\?\)|\(approx\.?\))\s*$")
TOKEN = re.compile(r"\d+|[^\W\d_]+")
_TRAILING_REMARK = re.compile(r"\(([^()]*)\)\s*$")


@cache
def word_lists() -> dict[str, object]:
    """The word lists of values.yaml, compiled once."""
    data = load_data("values.yaml")
    return {
        "unknown": WordList(data["unknown"]),
        "sex": {k: WordList(v) for k, v in data["sex"].items()},
        "turkish": data["sex_turkish_codes"],
        "status": {k: WordList(v) for k, v in data["status"].items()},
        "civilian": {k: WordList(v) for k, v in data["civilian_status"].items()},
        "relation": {k: WordList(v) for k, v in data["relation_to_head"].items()},
        "yes": WordList(data["yes"]),
        "no": WordList(data["no"]),
        "months": {int(k): WordList(v) for k, v in data["months"].items()},
        "spans": [
            (precision, span["start"], span["months"], WordList(span["words"]))
            for precision, section in (("season", "seasons"), ("part_of_year", "year_parts"))
            for span in data[section].values()
        ],
        "approximate": WordList(data["approximate"]),
        "year_words": WordList(data["year_words"]),
        "month_age_words": WordList(data["month_age_words"]),
        "age_words": {
            k: (v["low"], v["high"], WordList(v["words"])) for k, v in data["age_words"].items()
        },
    }


@lru_cache(maxsize=VALUE_CACHE)
def is_unknown(text: str) -> bool:
    """True for values that say the fact is not known: "unknown", "неизвестно", "naməlum", "-"."""
    return word_lists()["unknown"].matches(text)


def strip_approximate(text: str) -> tuple[str, bool]:
    """Text without its marks of approximation ("~", "c.", "около", "(təxminən)"), and whether
    there were any."""
    approximate = False
    stripped = _APPROX_SIGNS.sub("", text)
    if stripped != text:
        approximate, text = True, stripped
    remark = _TRAILING_REMARK.search(text)
    if remark and word_lists()["approximate"].matches(remark.group(1)):
        approximate, text = True, text[: remark.start()]
    tokens = text.split()
    approx_words = word_lists()["approximate"]
    while tokens:
        n = approx_words.match_at([_bare(t) for t in tokens], 0)
        if not n:
            break
        approximate, tokens = True, tokens[n:]
    return " ".join(tokens).strip(" ,;"), approximate


def _bare(token: str) -> str:
    return " ".join(words(token)) or token
