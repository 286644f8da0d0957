"""The incident a figure refers to: the place and date or period its sentence states.

When the sentence names neither, the nearest earlier sentence of the same paragraph that does
is used, then the paragraph before it. The result is the words of the text, joined by commas
("Khojaly, on the night of February 25 to 26, 1992"), for a person to read, not a parsed date.
"""

import re
from functools import lru_cache

from toll.claims.firstchar import by_first_char, first_char_guard
from toll.claims.language import Language
from toll.claims.sentences import Sentences

PLACE = r"(?-i:[A-Z][\w'’-]+)(?:\s+(?:(?-i:[A-Z][\w'’-]+)|al-\w+|el-\w+|de|of)){0,3}"
NOT_PLACES = {"The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They",
              "We", "I", "His", "Her", "Their", "Its", "Our", "In", "On", "At", "By"}


@lru_cache(maxsize=8)
def _patterns(month_names: frozenset) -> tuple[re.Pattern, re.Pattern]:
    months = by_first_char(sorted((m.capitalize() for m in month_names), key=len, reverse=True))
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    days = rf"{day}(?:\s*(?:-|–|to|and)\s*{day})?"
    date = (
        rf"(?:\b(?:[Oo]n\s+)?the\s+(?:night|morning|evening)\s+of\s+)?"
        rf"(?:\b{days}\s+(?:{months})\b\.?(?:,?\s+\d{{4}})?"
        rf"|\b(?:{months})\b\.?\s+(?:\d{{4}}\b|{days}(?:,?\s+\d{{4}})?))"
        rf"|\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]etween|[Ff]rom|[Tt]hroughout)\s+\d{{4}}"
        rf"(?:\s*(?:-|–|and|to)\s*\d{{4}})?"
        rf"|\b(?:[Oo]n|[Ll]ast|[Tt]his)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
        rf"|\b[Ii]n\s+(?:the\s+)?(?:past|last)\s+(?:\d+|\w+)\s+(?:days|weeks|months|years|hours)"
    )
    place = (
        rf"\b(?:[Ii]n|at|near|outside|across|throughout|inside|around)\s+(?:the\s+)?(?P<place>{PLACE})"
        rf"|\b(?:[Dd]uring|[Ii]n)\s+(?:the\s+)?(?P<war>(?:(?-i:[A-Z][\w'’-]+)\s+){{1,4}}"
        rf"(?:War|war|Conflict|conflict|offensive|Offensive|siege|Siege|operation|Operation))"
    )
    # Every alternative of both opens with \b: said once in front, with the characters they
    # can start with after it, the scan passes over most positions at one or two tests instead
    # of one per alternative (the same matches).
    return (re.compile(rf"\b{first_char_guard(date)}(?:{date})"),
            re.compile(rf"\b{first_char_guard(place)}(?:{place})"))


class Incidents:
    """Incident descriptions for the figures of one text, per sentence."""

    def __init__(self, text: str, sentences: Sentences, lang: Language):
        self.text = text
        self.sentences = sentences
        self.date, self.place = _patterns(frozenset(lang.month_names))
        self.month_names = lang.month_names
        self._cache: dict[int, str | None] = {}
        self._of_sentence: dict[int, str | None] = {}

    def of(self, offset: int) -> str | None:
        """The incident for a figure at `offset`."""
        index = self.sentences.index(offset)
        if index not in self._of_sentence:
            self._of_sentence[index] = self._nearest(index, self.sentences.paragraph(offset))
        return self._of_sentence[index]

    def _nearest(self, index: int, paragraph: int) -> str | None:
        for i in range(index, max(-1, index - 8), -1):
            start = self.sentences.span(i)[0]
            if paragraph - self.sentences.paragraph(start) > 1:
                break
            found = self._in_sentence(i)
            if found:
                return found
        return None

    def _in_sentence(self, index: int) -> str | None:
        if index not in self._cache:
            start, end = self.sentences.span(index)
            sentence = self.text[start:end]
            parts = []
            for m in self.place.finditer(sentence):
                name = m.group("place") or m.group("war")
                name = re.sub(r"\s+of\Z", "", name.strip())
                if name.split()[0] not in NOT_PLACES and name not in parts and \
                        name.split()[0].lower().rstrip(".") not in self.month_names:
                    parts.append(name)
            dates = [" ".join(m.group(0).split()).rstrip(".") for m in self.date.finditer(sentence)]
            parts = [p for p in parts if not any(p in d for d in dates)]
            self._cache[index] = ", ".join(parts[:2] + dates[:1]) or None
        return self._cache[index]
