"""Sentences and paragraphs of a text, as character offsets, found once per text."""

import re
from bisect import bisect_right

# A sentence ends at . ! ? (and any closing quote or bracket) before a capital or a digit,
# at a blank line, or before a bullet at the start of a line.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’»)\]]*\s+(?=[\"“‘«(\[]?[A-ZА-ЯЁ0-9])|\n[ \t]*\n\s*|\n(?=[ \t]*[-•*–]\s)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Sgt|St|No|Nos|Art|para|approx|incl|vs|Jr|Sr|"
    r"Rev|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Co|Inc|Ltd|etc|e\.g|i\.e"
    r")|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.\Z")


class Sentences:
    """Where each sentence and paragraph of a text starts, with lookups by offset."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in _BOUNDARY.finditer(text):
            if m.group(0)[:1] not in "\n" and _ABBREVIATIONS.search(text, max(0, m.start() - 12),
                                                                    m.start()):
                continue
            starts.append(m.end())
        self.starts = starts
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset`."""
        return bisect_right(self.starts, offset) - 1

    def span(self, index: int) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def paragraph(self, offset: int) -> int:
        """The number of the paragraph holding `offset`."""
        return bisect_right(self.paragraph_starts, offset) - 1
