"""Reading the other values of a list: ages, sex, status, civilian status, relation to head.

Each parser takes the cell text and returns what it understood plus `problem`, a short reason when
it could not (or could only partly) understand it. The text itself is always kept by the caller.
The words come from data/values.yaml, in English, Russian and Azerbaijani. Dates: see dates.py.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from toll.records.text import VALUE_CACHE, fold, words
from toll.records.vocabulary import TOKEN, is_unknown, strip_approximate, word_lists

MAX_AGE = 120


@dataclass(frozen=True)
class AgeValue:
    """An age in whole years: exact (`age`) and/or bounds (`low`, `high`; None = open)."""

    age: int | None = None
    low: int | None = None
    high: int | None = None
    problem: str | None = None


# --- Ages ------------------------------------------------------------------------------------

_AGE_NUMBER = r"(\d{1,3})(?:[.,]\d+)?"
_AGE_RANGE = re.compile(rf"^{_AGE_NUMBER}\s*(?:-|–|—|to|/|до|\.\.|…)\s*{_AGE_NUMBER}$")
_OVER = re.compile(
    rf"^(?:over|older than|above|at least|старше|более|больше|свыше|от)\s*{_AGE_NUMBER}$"
    rf"|^{_AGE_NUMBER}\s*(?:\+|and over|and older|и старше|den yuxari|dan yuxari|den cox)$"
)
_UNDER = re.compile(
    rf"^(?:under|younger than|below|less than|младше|моложе|до|менее|меньше)\s*{_AGE_NUMBER}$"
    rf"|^{_AGE_NUMBER}\s*(?:den asagi|dan asagi|den kicik)$"
)


@lru_cache(maxsize=VALUE_CACHE)
def parse_age(text: str) -> AgeValue:
    """Read an age: "45", "45 лет", "~45 years", "40-45", "about 45", "child", "6 months"."""
    raw = text.strip()
    if not raw or is_unknown(raw):
        return AgeValue()
    cleaned, approximate = strip_approximate(fold(raw))
    lists = word_lists()
    for _name, (low, high, wordlist) in lists["age_words"].items():
        if wordlist.matches(cleaned):
            return AgeValue(None, low, high)
    tokens = TOKEN.findall(cleaned)
    if (
        tokens
        and tokens[0].isdigit()
        and len(tokens) > 1
        and lists["month_age_words"].match_at(tokens, 1)
    ):
        return AgeValue(0, 0, 0) if int(tokens[0]) < 24 else AgeValue(problem="not an age")
    body = _without_year_words(cleaned)
    value = _age_from_numbers(body, approximate)
    numbers = re.findall(r"\d+", cleaned)
    if value.problem and len(numbers) == 1 and int(numbers[0]) <= MAX_AGE:
        within = _age_from_numbers(numbers[0], approximate)  # "45 (according to relatives)"
        return AgeValue(within.age, within.low, within.high, f'read as "{numbers[0]}"')
    return value


def _without_year_words(text: str) -> str:
    year_words = word_lists()["year_words"]
    parts = re.split(r"(\s+|(?<=\d)(?=[^\W\d_]))", text)
    kept = [
        p for p in parts if not (p.strip() and not p.strip().isdigit() and year_words.matches(p))
    ]
    return "".join(kept).strip(" .,;-")


def _age_from_numbers(body: str, approximate: bool) -> AgeValue:
    if match := re.fullmatch(_AGE_NUMBER, body):
        age = int(match.group(1))
        if age > MAX_AGE:
            return AgeValue(problem=f"age above {MAX_AGE}")
        if approximate:
            return AgeValue(age, max(age - 2, 0), age + 2)
        return AgeValue(age, age, age)
    if match := _AGE_RANGE.fullmatch(body):
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high <= MAX_AGE:
            return AgeValue(None, low, high)
        return AgeValue(problem="not an age range")
    if match := _OVER.fullmatch(body):
        return AgeValue(None, int(match.group(1) or match.group(2)), None)
    if match := _UNDER.fullmatch(body):
        limit = int(match.group(1) or match.group(2))
        return AgeValue(None, 0, max(limit - 1, 0))
    return AgeValue(problem="not an age")


# --- Sex, status, civilian status ------------------------------------------------------------


@lru_cache(maxsize=VALUE_CACHE)
def parse_sex(text: str, turkish_codes: bool = False) -> tuple[str | None, str | None]:
    """("male"|"female"|None, problem).

    With `turkish_codes`, E = erkek (male) and K = kadın (female).
    """
    raw = text.strip()
    if not raw or is_unknown(raw):
        return None, None
    lists = word_lists()
    if turkish_codes and fold(raw) in lists["turkish"].values():
        return ("male" if fold(raw) == lists["turkish"]["male"] else "female"), None
    for sex, wordlist in lists["sex"].items():
        if wordlist.matches(raw):
            return sex, None
    tokens = words(raw)  # "мужской пол", "female (girl)"
    found = {sex for sex, wordlist in lists["sex"].items() if wordlist.find(tokens) is not None}
    if len(found) == 1:
        return found.pop(), None
    return None, "not a known sex"


def uses_turkish_sex_codes(values: list[str]) -> bool:
    """True when a sex column uses E/K (Turkish) rather than K/Q (Azerbaijani) one-letter codes."""
    letters = {fold(v.strip()) for v in values if len(v.strip()) == 1}
    return "e" in letters and "k" in letters and "q" not in letters


@lru_cache(maxsize=VALUE_CACHE)
def parse_status(text: str) -> tuple[str | None, str | None]:
    """(status, problem): killed, injured, missing, captured, released, remains_found,
    identified or alive. When several are named, the later state in the file's order of events
    wins (see values.yaml)."""
    raw = text.strip()
    if not raw or is_unknown(raw):
        return None, None
    tokens = words(raw)
    if any(_NEGATIVE_VERB.search(t) for t in tokens):
        return None, "a negative phrase; kept as text"
    for status, wordlist in word_lists()["status"].items():
        index = wordlist.find(tokens)
        if index is not None:
            if index > 0 and tokens[index - 1] in _NEGATIONS:
                return None, "a negative phrase; kept as text"
            return status, None
    return None, "not a known status"


# "не опознан", "not identified"; Azerbaijani negates inside the verb: tapılmayıb, edilməyib.
_NEGATIONS = {"не", "not", "never", "ні", "nie"}
_NEGATIVE_VERB = re.compile(r"m[ae](y[iu]b|d[iu]|m[iu]s)$")


@lru_cache(maxsize=VALUE_CACHE)
def parse_relation(text: str) -> tuple[str | None, str | None]:
    """(relation to the head of the household, problem): head, spouse, son, daughter, child,
    father, mother, brother, sister, grandchild or other ("жена" is spouse, "oğlu" son)."""
    raw = text.strip()
    if not raw or is_unknown(raw):
        return None, None
    for relation, wordlist in word_lists()["relation"].items():
        if wordlist.matches(raw):
            return relation, None
    return None, "not a known relation to the head of the household"


@lru_cache(maxsize=VALUE_CACHE)
def parse_civilian(text: str, yes_means: str | None = None) -> tuple[str | None, str | None]:
    """(civilian|combatant|unknown|None, problem). `yes_means` is set for yes/no columns."""
    raw = text.strip()
    if not raw:
        return None, None
    lists = word_lists()
    if yes_means:
        if lists["yes"].matches(raw):
            return yes_means, None
        if lists["no"].matches(raw):
            return ("combatant" if yes_means == "civilian" else "civilian"), None
    if is_unknown(raw):
        return "unknown", None
    tokens = words(raw)
    for status, wordlist in lists["civilian"].items():
        if wordlist.find(tokens) is not None:
            return status, None
    return None, "civilian or combatant not clear; kept as reported"
