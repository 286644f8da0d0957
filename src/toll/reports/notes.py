"""Footnotes: every number in a fact sheet points to where it comes from.

A note is added once per key (a claim, the register, an estimate) and referred to as often as
needed, so the same source is one footnote however many figures it gives.
"""

from dataclasses import dataclass, field


@dataclass
class Notes:
    texts: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def ref(self, key: str, text: str) -> str:
        """The footnote marker for `key` (`[^3]`), adding the note the first time."""
        if key not in self.numbers:
            self.texts.append(" ".join(text.split()))
            self.numbers[key] = len(self.texts)
        return f"[^{self.numbers[key]}]"

    def markdown(self) -> str:
        return "\n".join(f"[^{n}]: {text}" for n, text in enumerate(self.texts, start=1))


def number(value: float | int | None) -> str:
    """A figure as people read it: 1,290; 41; 12.5."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell."""
    return (text or "").replace("|", "\\|").replace("\n", " ")
