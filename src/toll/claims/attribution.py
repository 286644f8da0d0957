"""Who states a figure: the speaker of the quote or report it sits in, else the default.

A figure inside quotation marks belongs to whoever the text says spoke them (", she said",
"X said: “…”", "X added that “…”"). Outside quotes, "according to X" or "X said/stated/reported"
in its sentence names the speaker. "She", "he" and role words ("the commissioner", "the
ministry") stand for the last person or body named as speaking before; a surname alone
("Aliyeva stressed") stands for the full name given earlier. Otherwise the figure is the
default speaker's (the source's author or publisher), which may be None.
"""

import re
from bisect import bisect_left

from toll.claims.language import Language
from toll.claims.sentences import Sentences

NAME = (r"(?-i:(?:[A-ZА-ЯЁ](?:[\w'’-]*|\.)[ \t]+(?:(?:of|for|on|al|bin|de|van|von)[ \t]+)?){0,6}"
        r"[A-ZА-ЯЁ][\w'’-]+)")
BODIES = re.compile(
    r"(?i:\b(?:ministry|office|agency|foundation|organi[sz]ation|council|committee|commission|news|"
    r"times|guardian|reuters|press|bbc|cnn|agence|service|army|forces|police|government|"
    r"mission|group|court|tribunal|unicef|unhcr|ocha|who|icrc|nations|union|watch|"
    r"international|department|authority|authorities|statement|report|data|figures|sources)\b)")
PERSONAL = re.compile(r"(?i:he|she)\Z")
QUOTES = re.compile(r"“[^”]{1,3000}”|\"[^\"]{1,3000}\"|«[^»]{1,3000}»")
NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "And",
             "According", "However", "Meanwhile", "Earlier", "Later", "Also", "A", "An", "She",
             "He", "They", "We", "I", "You", "Officials", "Police", "Witnesses", "Residents",
             "Как", "По", "В", "На", "Об", "Это", "Также", "Ранее", "Она", "Он", "Они"}


class Speakers:
    """Speakers for the figures of one text."""

    def __init__(self, text: str, sentences: Sentences, lang: Language, default: str | None):
        self.text, self.sentences, self.default = text, sentences, default
        who = rf"(?P<who>{NAME}|(?:{lang.pronouns}))"
        verb = rf"(?:has\s+|have\s+|had\s+|also\s+|further\s+)?(?:{lang.reporting})\b"
        self.frame = re.compile(rf"{who}(?:\s*,[^,.]{{1,80}},)?\s+{verb}", re.IGNORECASE)
        self.after_quote = re.compile(
            rf"\s*,?\s*[—–-]?\s*(?:{who}\s+{verb}|{verb}\s+(?:[^\W\d_]+\s+){{0,2}}?"
            rf"(?P<who2>{NAME}))", re.IGNORECASE)
        self.according = re.compile(
            rf"\baccording to\s+(?P<who>(?:the\s+)?{NAME}|the\s+(?:[\w-]+\s+){{0,4}}?"
            r"(?:ministry|office|agency|authorities|army|police|report|statement|mission|"
            r"group|organisation|organization|committee|commission|officials|sources))",
            re.IGNORECASE)
        self.pronoun = re.compile(rf"(?:{lang.pronouns})\Z", re.IGNORECASE)
        self.quotes = [(m.start(), m.end()) for m in QUOTES.finditer(text)]
        name_frame = re.compile(rf"(?P<who>{NAME})(?:\s*,[^,.]{{1,80}},)?\s+{verb}")
        self.named = [(m.start(), self._clean(m.group("who"))) for m in name_frame.finditer(text)]
        self.named += [(m.start(), self._clean(m.group("who")))
                       for m in self.according.finditer(text)]
        self.named = [(pos, name) for pos, name in sorted(self.named) if name]
        self.named_at = [pos for pos, _ in self.named]
        self.quote_starts = [start for start, _ in self.quotes]
        self._quote_speaker: dict[int, str | None] = {}
        self._sentence_speaker: dict[int, str | None] = {}
        self._resolved: dict[tuple[str, int], str | None] = {}

    @staticmethod
    def _clean(name: str) -> str | None:
        words = name.split()
        while words and words[0] in NOT_NAMES:
            words.pop(0)
        return " ".join(words) or None

    def of(self, offset: int) -> str | None:
        """The speaker of a figure at `offset`."""
        who = self._in_quote(offset) or self._in_sentence(offset)
        if who is None:
            return self.default
        return self._resolve(who, offset)

    def _in_quote(self, offset: int) -> str | None:
        i = bisect_left(self.quote_starts, offset) - 1
        if i < 0 or not self.quotes[i][0] < offset < self.quotes[i][1]:
            return None
        if i not in self._quote_speaker:
            self._quote_speaker[i] = self._quote(*self.quotes[i])
        return self._quote_speaker[i]

    def _quote(self, start: int, end: int) -> str | None:
        """Who speaks a quote: named after it (", she said") or before it ("X added that")."""
        after = self.after_quote.match(self.text, end)
        if after:
            return after.group("who") or after.group("who2")
        sentence_start = self.sentences.span(self.sentences.index(start))[0]
        frames = list(self.frame.finditer(self.text, max(0, sentence_start - 300), start))
        return frames[-1].group("who") if frames else None

    def _in_sentence(self, offset: int) -> str | None:
        index = self.sentences.index(offset)
        if index not in self._sentence_speaker:
            self._sentence_speaker[index] = self._sentence(index)
        return self._sentence_speaker[index]

    def _sentence(self, index: int) -> str | None:
        start, end = self.sentences.span(index)
        sentence = self.text[start:end]
        m = self.according.search(sentence) or self.frame.search(sentence)
        return m.group("who") if m else None

    def _resolve(self, who: str, offset: int) -> str | None:
        """A pronoun or surname replaced by the full name given before `offset`."""
        at = bisect_left(self.named_at, offset)
        key = (who, at)
        if key not in self._resolved:
            self._resolved[key] = self._resolve_at(who, at)
        return self._resolved[key]

    def _resolve_at(self, who: str, at: int) -> str | None:
        name = self._clean(who)
        earlier = self.named[max(0, at - 50):at]
        if name is None or self.pronoun.match(who.strip()):
            if PERSONAL.match(who.strip()):
                earlier = [(p, n) for p, n in earlier if not BODIES.search(n)]
            if not earlier:
                return self.default
            name = earlier[-1][1]
        if " " not in name:
            for _, full in reversed(earlier):
                if full.endswith(" " + name):
                    return full
        return name
