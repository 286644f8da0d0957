"""What a report covers: an incident, a period, a place (all optional)."""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.figures.breakdown import RecordScope
from toll.incidents import IncidentView
from toll.names import place_key
from toll.reports.attached import IncidentFocus, focus
from toll.sources.store import published_interval


def in_english(template: str, **values) -> str:
    """A footnote sentence as written, in English (`Builder.f` translates it first)."""
    return template.format(**values)


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
    # Set by `narrow`: the incident `incident` names, and the ids of those within it.
    focus: IncidentFocus | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        start, end = parse_period(self.period)
        self.records = RecordScope(start, end, self.place)

    def narrow(self, session: Session) -> None:
        """Resolve `--incident` to an incident of the store; the register then counts only
        the records attached to it (or to an incident within it)."""
        if not self.incident:
            return
        try:
            self.focus = focus(session, self.incident)
        except TollError as error:
            raise TollError(f"--incident {self.incident!r}: {error}") from None
        self.records = replace(self.records, incidents=tuple(self.focus.within))

    def describe(self) -> str:
        name = self.focus.incident.title if self.focus else self.incident
        parts = [name, self.place, self.period and self.period.replace("..", "–")]
        return ", ".join(p for p in parts if p)

    def holds_group(self, group, incident: IncidentView | None = None) -> bool:
        """Whether a group of claims (figures.FigureGroup) is within the period and place;
        the claims of an incident are dated by the incident."""
        start, end = self.records.start, self.records.end
        if start or end:
            if incident is not None:
                first, last = incident.date_earliest, incident.date_latest or incident.date_earliest
                if first is None or (start and last < start) or (end and first > end):
                    return False
            else:
                year = int(group.year) if group.year else None
                if year is None or (start and year < start.year) or (end and year > end.year):
                    return False
        if self.place and not any(_mentions(c, self.place) for c in group.claims):
            return incident is not None and _mentions_place(incident, self.place)
        return True

    def attached_note(self, say=in_english) -> str:
        """Which incident's attachments count, for a footnote ("" without --incident);
        `say(template, **values)` puts it in the report's language."""
        if not self.focus:
            return ""
        return say(
            "attached to the incident {title} (incident {id}) or an incident within it",
            title=self.focus.incident.title,
            id=self.focus.incident.id,
        )

    def records_note(self, say=in_english) -> str:
        parts = [self.attached_note(say)] if self.focus else []
        if self.records.start or self.records.end:
            parts.append(
                say(
                    "of events from {start} to {end}",
                    start=self.records.start or say("any date"),
                    end=self.records.end or say("now"),
                )
            )
        if self.place:
            parts.append(say("at {place} (in any script or spelling)", place=self.place))
        return say("; only records {which}", which=", ".join(parts)) if parts else ""


def _mentions(claim, wanted: str) -> bool:
    pattern = re.compile(re.escape(wanted), re.IGNORECASE)
    return bool(pattern.search(claim.incident or "") or pattern.search(claim.words or ""))


def _mentions_place(incident: IncidentView, wanted: str) -> bool:
    return bool(incident.place) and place_key(incident.place) == place_key(wanted)
