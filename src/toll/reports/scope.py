"""What a report covers: an incident, a period, a place (all optional)."""

import re
from dataclasses import dataclass, field
from datetime import date

from toll.errors import TollError
from toll.figures.breakdown import RecordScope
from toll.sources.store import published_interval


def parse_period(text: str | None) -> tuple[date | None, date | None]:
    """`2023`, `2023-03`, `2023-03-14`, or two of them joined by `..` (either may be left out)."""
    if not text:
        return None, None
    first, joined, last = text.partition("..")
    last = last if joined else first
    try:
        start = published_interval(first)[0] if first else None
        end = published_interval(last)[1] if last else None
    except TollError:
        start = end = None
    if start is None and end is None:
        raise TollError(
            f"--period {text!r}: write YYYY, YYYY-MM, YYYY-MM-DD, or FROM..TO (e.g. 2023..2024-06)"
        )
    return start, end


@dataclass
class ReportScope:
    incident: str | None = None
    period: str | None = None
    place: str | None = None
    records: RecordScope = field(init=False)

    def __post_init__(self) -> None:
        start, end = parse_period(self.period)
        self.records = RecordScope(start, end, self.place)

    def describe(self) -> str:
        parts = [self.incident, self.place, self.period and self.period.replace("..", "–")]
        return ", ".join(p for p in parts if p)

    def holds_group(self, group) -> bool:
        """Whether a group of claims (figures.FigureGroup) is within the scope."""
        if self.records.start or self.records.end:
            year = int(group.year) if group.year else None
            start, end = self.records.start, self.records.end
            if year is None or (start and year < start.year) or (end and year > end.year):
                return False
        for wanted in (self.incident, self.place):
            if wanted and not any(_mentions(c, wanted) for c in group.claims):
                return False
        return True

    def records_note(self) -> str:
        parts = []
        if self.records.start or self.records.end:
            parts.append(
                f"events from {self.records.start or 'any date'} to {self.records.end or 'now'}"
            )
        if self.place:
            parts.append(f"at {self.place} (in any script or spelling)")
        return "; only records of " + " ".join(parts) if parts else ""


def _mentions(claim, wanted: str) -> bool:
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    return bool(pattern.search(claim.incident or "") or pattern.search(claim.words or ""))
