"""Numbers as people write them: digits with separators, words, scales, ranges, vague amounts.

The grammar of one language comes from its `numbers.yaml` and `qualifiers.yaml`; this module
turns it into one regular expression (`NumberGrammar.pattern`) and reads a matched number back
into a value with bounds and a qualifier (`NumberGrammar.read`).
"""

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its value (None when vague or a range), bounds and qualifier."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str


def words_pattern(words: list[str] | dict) -> str:
    """An alternation of words or phrases, longest first, spaces matching any whitespace."""
    phrases = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


class NumberGrammar:
    """The number grammar of one language, compiled once."""

    def __init__(self, numbers: dict[str, Any], qualifiers: dict[str, Any]):
        self.units = dict(numbers["units"])
        self.teens = dict(numbers["teens"])
        self.tens = dict(numbers["tens"])
        self.hundred = numbers["hundred"]
        self.scales = dict(numbers["scales"])
        self.suffixes = dict(numbers.get("scale_suffixes", {}))
        self.joiner = numbers.get("joiner", "")
        self.articles = list(numbers.get("article", []))
        self.phrases = {k.lower(): v for k, v in numbers.get("phrases", {}).items()}
        self.vague = {" ".join(k.lower().split()): v for k, v in numbers.get("vague", {}).items()}
        self.decimal = numbers.get("decimal_mark", ".")
        self.groups = numbers.get("group_marks", [","])
        self.word_values = {**self.units, **self.teens, **self.tens}
        self.qualifier_of: dict[str, tuple[str, str]] = {}
        for qualifier, by_bound in qualifiers.items():
            if qualifier == "range":
                continue
            for bound, phrases in by_bound.items():
                for phrase in phrases:
                    self.qualifier_of[" ".join(phrase.lower().split())] = (qualifier, bound)
        self.range_words = qualifiers.get("range", {})
        self.pattern = self._pattern()
        self.regex = re.compile(self.pattern, re.IGNORECASE)
        self._range = re.compile(self._range_pattern(), re.IGNORECASE)

    # -- building the pattern -------------------------------------------------------------

    def _digits(self, guard: str = r"(?![\w%‰]|[.,:/]\d|-\w)") -> str:
        group = "|".join(re.escape(g) for g in self.groups if g != self.decimal)
        dec = re.escape(self.decimal)
        scales = words_pattern(list(self.scales))
        suffixes = words_pattern(list(self.suffixes))
        return (
            rf"(?:\d{{1,3}}(?:(?:{group})\d{{3}})+(?!\d)|\d+)(?:{dec}\d+)?"
            rf"(?:\s*(?:{scales})\b|(?:{suffixes})\b)?" + guard
        )

    def _words(self) -> str:
        units, teens, tens = (words_pattern(list(d)) for d in (self.units, self.teens, self.tens))
        small = rf"(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|{units})"
        article = words_pattern(self.articles) or "(?!)"
        hundred = re.escape(self.hundred)
        joiner = rf"(?:{re.escape(self.joiner)}\s+)?" if self.joiner else ""
        hundreds = rf"(?:(?:{small}|{article})\s+{hundred}(?:\s+{joiner}{small})?|{small})"
        scales = words_pattern(list(self.scales))
        return (
            rf"(?:(?:{hundreds}|{article})\s+(?:{scales})"
            rf"(?:\s+{joiner}{hundreds}(?:\s+(?:{scales}))?)*|{hundreds})"
            r"(?![\w-])"
        )

    def single(self, before_dash: bool = False) -> str:
        """One number: phrase, digits or words (`before_dash`: may be followed by a dash)."""
        phrases = words_pattern(list(self.phrases))
        digits = self._digits(r"(?![\w%‰]|[.,:/]\d)") if before_dash else self._digits()
        return rf"(?:(?:{phrases})\b|{digits}|\b{self._words()})"

    def _range_pattern(self) -> str:
        n = self.single()
        between = words_pattern(self.range_words.get("between", []))
        and_ = words_pattern(self.range_words.get("and", []))
        dashes = [d for d in self.range_words.get("dash", []) if not d.isalpha()]
        dash_words = [d for d in self.range_words.get("dash", []) if d.isalpha()]
        dash = "|".join(re.escape(d) for d in dashes)
        alt = rf"\s*(?:{dash})\s*"
        if dash_words:
            alt = rf"(?:{alt}|\s+(?:{words_pattern(dash_words)})\s+)"
        return (
            rf"(?P<r1>\b(?:{between})\s+(?P<a1>{n})\s+(?:{and_})\s+(?P<b1>{n}))"
            rf"|(?P<r2>(?P<a2>{self.single(before_dash=True)}){alt}(?P<b2>{n}))"
        )

    def _pattern(self) -> str:
        vague = words_pattern(list(self.vague))
        quals = words_pattern(list(self.qualifier_of))
        return (
            r"(?<![\w$€£¥₽₼₺₴#№/+\-.,:])"
            rf"(?:(?P<qual>\b(?:{quals}))\s+)?"
            rf"(?P<num>{self._range_pattern()}|\b(?P<vague>{vague})\b|{self.single()})"
        )

    # -- reading a match -----------------------------------------------------------------

    def value_of(self, text: str) -> int | None:
        """The value of one number written in digits, words or a phrase; None if unreadable."""
        t = " ".join(text.lower().split())
        if t in self.phrases:
            return int(self.phrases[t])
        if t[:1].isdigit():
            return self._digit_value(t)
        return self._word_value(t)

    def _digit_value(self, t: str) -> int | None:
        m = re.match(r"([\d.,\s\u00a0\u202f\u2009]*\d)\s*([a-z]*)$", t)
        if not m:
            return None
        digits, scale = m.group(1), m.group(2)
        multiplier = self.scales.get(scale) or self.suffixes.get(scale) or 1
        for g in self.groups:
            if g != self.decimal:
                digits = digits.replace(g, "")
        if scale and multiplier == 1:
            return None
        try:
            number = float(digits.replace(self.decimal, ".")) if self.decimal in digits else int(digits)
        except ValueError:
            return None
        return int(round(number * multiplier))

    def _word_value(self, t: str) -> int | None:
        total, current, seen = 0, 0, False
        for word in re.split(r"[\s,-]+", t):
            if word in self.word_values:
                current += self.word_values[word]
                seen = True
            elif word == self.hundred:
                current = (current or 1) * 100
                seen = True
            elif word in self.scales:
                total += (current or 1) * self.scales[word]
                current, seen = 0, True
            elif word in self.articles or word == self.joiner or not word:
                continue
            else:
                return None
        return total + current if seen else None

    def read(self, match: re.Match) -> Quantity | None:
        """The quantity a match of `regex` states, or None when it is not a number after all."""
        num = match.group("num")
        qual = match.group("qual")
        vague = match.group("vague")
        if vague:
            bounds = self.vague[" ".join(vague.lower().split())]
            return Quantity(None, bounds.get("low"), bounds.get("high"), "vague")
        r = self._range.fullmatch(num)
        if r:
            a = self.value_of(r.group("a1") or r.group("a2"))
            b = self.value_of(r.group("b1") or r.group("b2"))
            if a is None or b is None or a >= b:
                return None
            return Quantity(None, a, b, "range")
        value = self.value_of(num)
        if value is None:
            return None
        if not qual:
            return Quantity(value, None, None, "exact")
        qualifier, bound = self.qualifier_of[" ".join(qual.lower().split())]
        return Quantity(
            value,
            value if bound == "low" else None,
            value if bound == "high" else None,
            qualifier,
        )
