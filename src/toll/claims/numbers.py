"""Numbers as people write them: digits with separators, words, scales, ranges, vague amounts.

The grammar of one language comes from its `numbers.yaml` and `qualifiers.yaml`; this module
turns it into one regular expression (`NumberGrammar.pattern`) and reads a matched number back
into a value with bounds and a qualifier (`NumberGrammar.read`).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from toll.claims.firstchar import guarded

_NOT_BEFORE = set("$€£¥₽₼₺₴#№/+-.,:_") | set("0123456789")
_DASH_WORD = re.compile(r"-\w")
_DIGIT_AFTER = re.compile(r"\s*\d")
# Digits, a scale or suffix, and the rest after a thousand written as a word: «2 тысячи 192».
_DIGITS_SCALE_REST = re.compile(
    r"([\d.,\s\u00a0\u202f\u2009]*\d)\s*([^\W\d_]*)\.?(?:\s+(\d{1,3}))?$")


def _spaced(phrase: str) -> str:
    """A phrase as a pattern with any spacing between its words ("or so")."""
    return r"\s+".join(re.escape(w) for w in phrase.split())
_WORD = re.compile(r"[^\s(\[“\"‘']+")
_AFTER_ARTICLE = re.compile(r"\s+(?:dozen|few|couple|hundred|thousand|million|billion)\b",
                            re.IGNORECASE)


@dataclass
class _Before:
    qual: str | None = None
    qual_start: int = 0
    between: str | None = None
    between_start: int = 0

_CHANGE = re.compile(r"\b(?:rose|risen|rising|rises|increased|climbed|jumped|grew|grown|up|down|"
                     r"fell|dropped|revised)\s+(?:from\s+)?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number as stated: its value (None when vague or a range), bounds and qualifier."""

    value: int | None
    low: int | None
    high: int | None
    qualifier: str


@dataclass(frozen=True)
class NumberMatch:
    """Where a number is: `start` (its qualifier included), `num_start`, `end`; its words."""

    start: int
    num_start: int
    end: int
    num: str
    qual: str | None
    quantity: Quantity


def first_letter_pattern(words: set[str]) -> str:
    """An alternation of words, lower-case, capitalised or upper-case, grouped by first letter
    (much faster to scan for than a flat alternation)."""
    forms = {form for w in words for form in (w, w.capitalize(), w.upper())}
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[0], []).append(form[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in
                                         sorted(rests, key=len, reverse=True)) + ")"
        for first, rests in sorted(groups.items()))


def words_pattern(words: list[str] | dict) -> str:
    """An alternation of words or phrases, longest first, spaces matching any whitespace."""
    return "|".join(words_alternatives(words))


def words_alternatives(words: list[str] | dict) -> list[str]:
    """The alternatives of `words_pattern(words)`, in its order."""
    phrases = sorted(words, key=len, reverse=True)
    return [re.escape(p).replace(r"\ ", r"\s+") for p in phrases]


class NumberGrammar:
    """The number grammar of one language, compiled once."""

    def __init__(self, numbers: dict[str, Any], qualifiers: dict[str, Any], months: str = "(?!)"):
        """`months`: a pattern of the language's month names (its non_figures.yaml)."""
        # The rest after a thousand written as a word: «2 тысячи 192 человека» is 2,192; not a
        # day of a month («5 тысяч 12 июня»).
        self._rest = rf"(?:\s+\d{{1,3}}(?![\d.,:/%‰-]|\s*(?:{months})\b))"
        self.units = dict(numbers["units"])
        self.teens = dict(numbers["teens"])
        self.tens = dict(numbers["tens"])
        self.hundred = numbers.get("hundred")
        self.hundred_words = dict(numbers.get("hundreds", {}))
        self.round_scales = {w.lower() for w in numbers.get("round_scales") or {}}
        self.scales = {**numbers["scales"], **(numbers.get("round_scales") or {})}
        self._big_scales = [w for w, v in self.scales.items() if v >= 1000]
        self.suffixes = dict(numbers.get("scale_suffixes", {}))
        self.abbreviations = list(numbers.get("scale_abbreviations", []))
        self.joiner = numbers.get("joiner", "")
        self.articles = list(numbers.get("article", []))
        self.phrases = {k.lower(): v for k, v in numbers.get("phrases", {}).items()}
        self.vague = {" ".join(k.lower().split()): v for k, v in numbers.get("vague", {}).items()}
        self.decimal = numbers.get("decimal_mark", ".")
        self.groups = numbers.get("group_marks", [","])
        self.word_values = {**self.units, **self.teens, **self.tens, **self.hundred_words}
        self.qualifier_of: dict[str, tuple[str, str]] = {}
        for qualifier, by_bound in qualifiers.items():
            if qualifier in ("range", "change_words", "after_number", "particle_after",
                             "prepositions"):
                continue
            for bound, phrases in by_bound.items():
                for phrase in phrases:
                    self.qualifier_of[" ".join(phrase.lower().split())] = (qualifier, bound)
        self.range_words = qualifiers.get("range", {})
        after = qualifiers.get("after_number") or {}
        self.after_number = {" ".join(k.lower().split()): tuple(v) for k, v in after.items()}
        self.after_marker = re.compile("|".join(
            rf"\s+{_spaced(k)}\b" if k[:1].isalpha() else re.escape(k) for k in after),
            re.IGNORECASE) if after else None
        self.change_words = {w.lower() for w in qualifiers.get("change_words", [])}
        self.particle_after = {q.lower(): {w.lower() for w in verbs} for q, verbs in
                               (qualifiers.get("particle_after") or {}).items()}
        self.after_qualifier = {" ".join(k.lower().split()): v for k, v in
                                (numbers.get("after_qualifier") or {}).items()}
        starts = {*self.units, *self.teens, *self.tens, *self.hundred_words, *self.scales,
                  *([self.hundred] if self.hundred else []),
                  *(w for phrase in [*self.vague, *self.phrases] for w in phrase.split()[:1])}
        self._starts = {w.lower() for w in starts}
        # scanned over the whole text: behind a guard on its first characters (the same matches)
        self._start = guarded(rf"[0-9]+|\b(?:{first_letter_pattern(self._starts)})\b")
        self.prepositions = {w.lower() for w in qualifiers.get("prepositions") or []}
        self._qualifier_ends = {q.split()[-1] for q in self.qualifier_of} | {
            w.lower() for w in self.range_words.get("between", [])} | self.prepositions
        self._number = re.compile(self._number_pattern(), re.IGNORECASE)


    # -- building the pattern -------------------------------------------------------------

    def _digits(self, guard: str = r"(?![\w%‰]|[.,:/]\d|-\w)") -> str:
        group = "|".join(re.escape(g) for g in self.groups if g != self.decimal)
        dec = re.escape(self.decimal)
        scales = words_pattern(list(self.scales))
        suffixes = words_pattern(list(self.suffixes))
        short = "|".join(rf"(?<={re.escape(a)})\." for a in self.abbreviations) or "(?!)"
        thousands = words_pattern([w for w, v in self.scales.items() if v == 1000])
        rest = rf"\s*(?:{thousands})\b(?:{short})?{self._rest}|" if thousands else ""
        return (
            rf"(?:\d{{1,3}}(?:(?:{group})\d{{3}})+(?!\d)|\d+)(?:{dec}\d+)?"
            rf"(?:{rest}\s*(?:{scales})\b(?:{short})?|(?:{suffixes})\b)?" + guard
        )

    def _words(self) -> str:
        units, teens, tens = (words_pattern(list(d)) for d in (self.units, self.teens, self.tens))
        small = rf"(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|{units})"
        article = words_pattern(self.articles) or "(?!)"
        joiner = rf"(?:{re.escape(self.joiner)}\s+)?" if self.joiner else ""
        hundreds = small
        if self.hundred:
            hundred = re.escape(self.hundred)
            hundreds = rf"(?:(?:{small}|{article})\s+{hundred}(?:\s+{joiner}{small})?|{small})"
        if self.hundred_words:  # languages with a word per hundred: двести, триста
            whole = words_pattern(list(self.hundred_words))
            hundreds = rf"(?:(?:{whole})(?:\s+{joiner}{small})?|{hundreds})"
        scales = words_pattern(list(self.scales))
        big = words_pattern(self._big_scales)  # «два десятка тысяч»: a scale of a scale
        return (
            rf"(?:(?:{hundreds}|{article})\s+(?:{scales})(?:\s+(?:{big})(?![\w-]))?"
            rf"(?:\s+{joiner}{hundreds}(?:\s+(?:{scales}))?)*|{hundreds})"
            r"(?![\w-])"
        )

    def single(self, before_dash: bool = False) -> str:
        """One number: phrase, digits or words (`before_dash`: may be followed by a dash)."""
        phrases = words_pattern(list(self.phrases))
        digits = self._digits(r"(?![\w%‰]|[.,:/]\d)") if before_dash else self._digits()
        return rf"(?:(?:{phrases})\b|{digits}|\b{self._words()})"

    def _number_pattern(self) -> str:
        """A number, a range of two ("200-300", "20 to 30", "5,000 and 13,000" after
        "between") or a vague amount, anchored where a number starts."""
        vague = words_pattern(list(self.vague))
        dashes = "|".join(re.escape(d) for d in self.range_words.get("dash", []) if not d.isalpha())
        words = [*self.range_words.get("and", []), *(
            d for d in self.range_words.get("dash", []) if d.isalpha())]
        sep = rf"\s*(?:{dashes})\s*|\s+(?:{words_pattern(words)})\s+"
        return (
            rf"(?P<vague>{vague})\b"
            rf"|(?P<a>{self.single(before_dash=True)})(?:(?P<sep>{sep})(?P<b>{self.single()}))?"
        )

    def finditer(self, text: str) -> Iterator["NumberMatch"]:
        """Every number stated in `text`, in order, with its qualifier and range."""
        end = 0
        for token in self._start.finditer(text):
            p = token.start()
            if p < end or (p and text[p - 1] in _NOT_BEFORE):
                continue
            word = token.group()
            if not word[0].isdigit() and word.lower() in self.articles and not \
                    _AFTER_ARTICLE.match(text, token.end()):
                continue
            m = self._number.match(text, p)
            if m is None:
                continue
            found = self._read_match(text, m)
            if found is not None:
                end = found.end
                yield found

    def _words_before(self, text: str, start: int) -> "_Before":
        """The qualifier ("more than") and range opener ("between") just before `start`."""
        window_start = max(0, start - 40)
        found = _Before()
        last = text[window_start:start].rsplit(None, 1)
        if not last or last[-1].lstrip("([“\"‘'").lower() not in self._qualifier_ends:
            return found
        words = list(_WORD.finditer(text, window_start, start))
        if words and words[-1].group().lower() in self.prepositions:
            words = words[:-1]  # «не менее чем о 124»: the preposition is the noun's
        if words and words[-1].group().lower() in self.range_words.get("between", []):
            found.between, found.between_start = words[-1].group(), words[-1].start()
            words = words[:-1]
        lowered = [w.group().lower() for w in words]
        for k in range(min(5, len(words)), 0, -1):
            phrase = " ".join(lowered[-k:])
            if phrase in self.qualifier_of and (words[-k].start() > window_start or not
                                                words[-k].start()):
                found.qual, found.qual_start = " ".join(
                    w.group() for w in words[-k:]), words[-k].start()
                if len(words) > k and words[-k - 1].group().lower() in self.change_words:
                    found.qual = None  # "возросло до 312": "до" says where it rose to
                if k == 1 and len(words) > 1 and words[-2].group().lower() in \
                        self.particle_after.get(phrase, ()):
                    found.qual = None  # "handed over 25 soldiers": a verb's particle
                elif self.qualifier_of[phrase][0] == "approx":
                    self._bound_before(words[:-k], found)
                break
        return found

    def _bound_before(self, words: list[re.Match], found: "_Before") -> None:
        """ "at least some 800": a bound before an approximate word is the qualifier."""
        for k in range(min(4, len(words)), 0, -1):
            phrase = " ".join(w.group().lower() for w in words[-k:])
            if self.qualifier_of.get(phrase, ("approx",))[0] != "approx":
                found.qual = " ".join(w.group() for w in words[-k:])
                found.qual_start = words[-k].start()
                return

    def _read_match(self, text: str, m: re.Match) -> "NumberMatch | None":
        start = m.start()
        before = self._words_before(text, start)
        qual, between = before.qual, before.between
        if m.group("vague") and qual and (one := self.after_qualifier.get(
                " ".join(m.group("vague").lower().split()))):
            return self._qualified(before, start, m.end(), m.group(0), one)
        if m.group("vague"):
            bounds = self.vague[" ".join(m.group("vague").lower().split())]
            quantity = Quantity(None, bounds.get("low"), bounds.get("high"), "vague")
            return NumberMatch(before.qual_start if qual else start, start, m.end(),
                               m.group(0), None, quantity)
        sep = (m.group("sep") or "").strip().lower()
        if between and _CHANGE.search(text, max(0, before.between_start - 20),
                                      before.between_start):
            between = None  # "rose from 45 to 61" is a change, not a range
            qual = None
        dash_words = self.range_words.get("dash", [])
        if m.group("b") and between is None and sep and sep not in dash_words:
            pass  # "20 and 30" without "between": two numbers
        elif m.group("b") and not (between is None and _CHANGE.search(
                text, max(0, start - 20), start)):
            low, high = self.value_of(m.group("a")), self.value_of(m.group("b"))
            if low is None or high is None or low >= high:
                return None
            first = before.qual_start if qual else before.between_start if between else start
            return NumberMatch(first, start, m.end(), m.group(0), qual,
                               Quantity(None, low, high, "range"))
        a_end = m.end("a")
        if _DASH_WORD.match(text, a_end):
            return None  # "12-year-old", "F-16"
        value = self.value_of(m.group("a"))
        if value is None:
            return None
        if self.after_marker and (mark := self.after_marker.match(text, a_end)) and not \
                _DIGIT_AFTER.match(text, mark.end()):
            # "161+ people", "200+", "nine or so"
            qualifier, bound = self.after_number[" ".join(mark.group().lower().split())]
            return NumberMatch(before.qual_start if qual else start, start,
                               mark.end(), m.group("a"), qual,
                               Quantity(value, value if bound == "low" else None,
                                        value if bound == "high" else None, qualifier))
        if not qual:
            exact = "approx" if self._round(m.group("a")) else "exact"
            return NumberMatch(start, start, a_end, m.group("a"), None,
                               Quantity(value, None, None, exact))
        return self._qualified(before, start, a_end, m.group("a"), value)

    def _qualified(self, before: "_Before", start: int, end: int, words: str,
                   value: int) -> "NumberMatch":
        """A number with the qualifier before it: "more than 40", «более тысячи»."""
        qualifier, bound = self.qualifier_of[" ".join(str(before.qual).lower().split())]
        quantity = Quantity(value, value if bound == "low" else None,
                            value if bound == "high" else None, qualifier)
        return NumberMatch(before.qual_start, start, end, words, before.qual, quantity)

    # -- reading a match -----------------------------------------------------------------

    def _round(self, words: str) -> bool:
        """Whether a number is written with a scale that counts roughly («три десятка»)."""
        return bool(self.round_scales) and any(
            w in self.round_scales for w in re.split(r"[\s,.-]+", words.lower()))

    def value_of(self, text: str) -> int | None:
        """The value of one number written in digits, words or a phrase; None if unreadable."""
        t = " ".join(text.lower().split())
        if t in self.phrases:
            return int(self.phrases[t])
        if t[:1].isdigit():
            return self._digit_value(t)
        return self._word_value(t)

    def _digit_value(self, t: str) -> int | None:
        m = _DIGITS_SCALE_REST.match(t)
        if not m:
            return None
        digits, scale, rest = m.groups()
        multiplier = self.scales.get(scale) or self.suffixes.get(scale) or 1
        for g in self.groups:
            if g != self.decimal:
                digits = digits.replace(g, "")
        if scale and multiplier == 1:
            return None
        try:
            if self.decimal in digits:
                number: float = float(digits.replace(self.decimal, "."))
            else:
                number = int(digits)
        except ValueError:
            return None
        value = int(round(number * multiplier))
        return value + int(rest) if rest is not None else value  # «2 тысячи 192»

    def _word_value(self, t: str) -> int | None:
        total, current, seen, last_scale = 0, 0, False, 0
        for word in re.split(r"[\s,-]+", t):
            if word in self.word_values:
                current += self.word_values[word]
                seen = True
            elif self.hundred and word == self.hundred:
                current = (current or 1) * 100
                seen = True
            elif word in self.scales:
                scale = self.scales[word]
                if not current and total and scale > last_scale:
                    total *= scale  # «два десятка тысяч»: 20 thousands
                else:
                    total += (current or 1) * scale
                current, seen, last_scale = 0, True, scale
            elif word in self.articles or word == self.joiner or not word:
                continue
            else:
                return None
        return total + current if seen else None
