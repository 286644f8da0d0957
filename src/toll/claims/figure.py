"""A harm figure found in a text: what was counted, how many, and the words that say so."""

from dataclasses import asdict, dataclass

# The keys of `toll extract --json`, in order.
KEYS = ("text", "start", "end", "value", "low", "high", "qualifier", "category", "subject",
        "subgroup", "part_of", "incident", "speaker", "confidence")


@dataclass
class Figure:
    """One figure as stated in a text.

    `text` is exactly `source[start:end]`. `value` is None for vague amounts and ranges, whose
    bounds are in `low`/`high`. `part_of` is the index, in the same list, of the figure this one
    is a part of ("613 people, including 106 women": 106 is part of 613).
    """

    text: str
    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    category: str
    subject: str | None
    subgroup: str | None
    part_of: int | None
    incident: str | None
    speaker: str | None
    confidence: float

    def to_dict(self) -> dict:
        """The figure as the JSON object `toll extract --json` prints."""
        data = asdict(self)
        return {key: data[key] for key in KEYS}
