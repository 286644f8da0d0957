"""Why figures about one thing differ, where the data shows it.

Toll never decides which figure is right; it says what it can see: that figures cover
different periods or places, count civilians or everyone, that one is part of another, that a
speaker's later figure supersedes an earlier one, that some are only lower bounds, or that a
nearby figure counts something else (bodies found, not deaths).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toll.figures.reconcile import ClaimedFigure

CIVILIAN_WORDS = ("civilian", "non-combatant", "мирн", "гражданск", "dinc", "mülki")
LOWER_BOUNDS = ("at_least", "more_than")


def superseded(figures: Sequence[ClaimedFigure]) -> dict[int, int]:
    """{earlier claim: later claim} for figures of one speaker published at different times."""
    by_speaker: dict[str, list[ClaimedFigure]] = {}
    for figure in figures:
        if figure.speaker and figure.published_earliest:
            by_speaker.setdefault(figure.speaker.casefold().strip(), []).append(figure)
    replaced = {}
    for same in by_speaker.values():
        latest = max(same, key=lambda f: f.published_earliest)
        for figure in same:
            if figure.published_earliest < latest.published_earliest:
                replaced[figure.claim_id] = latest.claim_id
    return replaced


def explain(
    figures: Sequence[ClaimedFigure],
    replaced: dict[int, int],
    incident_keys: set[str],
    hint_keys,
    hint_period,
) -> list[str]:
    """Notes on why the group's figures differ; each names the claims it is about."""
    notes = []
    for earlier, later in sorted(replaced.items()):
        notes.append(
            f"superseded: claim {earlier} is an earlier figure of the speaker of "
            f"claim {later}, published later; the spread uses the later one"
        )
    current = [f for f in figures if f.claim_id not in replaced]
    ids = {f.claim_id for f in current}
    for figure in current:
        if figure.part_of in ids:
            notes.append(
                f"part of another: claim {figure.claim_id} ({_n(figure)}) is part of "
                f"claim {figure.part_of}; it is left out of the spread"
            )
    notes += _periods(current, hint_period)
    notes += _places(current, incident_keys, hint_keys)
    notes += _scope(current)
    bounds = [f.claim_id for f in current if f.qualifier in LOWER_BOUNDS]
    if bounds and len(current) > 1:
        notes.append(
            f"lower bounds: claims {_ids(bounds)} say 'at least' or 'more than'; "
            "higher figures do not contradict them"
        )
    notes += _published(current)
    return notes


def _periods(figures, hint_period) -> list[str]:
    periods = {}
    for figure in figures:
        start, end = hint_period(figure.incident) if figure.incident else (None, None)
        if start is not None:
            periods.setdefault((start, end), []).append(figure.claim_id)
    if len(periods) < 2:
        return []
    shown = "; ".join(f"claims {_ids(c)}: {_period(s, e)}" for (s, e), c in sorted(periods.items()))
    return [f"time frame: the figures cover different periods ({shown})"]


# Capitalised words of a hint that name no place: months, days, sentence starts.
NOT_PLACES = re.compile(
    r"(?i)^(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|on|in|since|the|"
    r"between|from|during|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
    r"октября|ноября|декабря)$"
)


def _places(figures, incident_keys: set[str], hint_keys) -> list[str]:
    """Figures whose hint names a place, and none of this incident's names or place."""
    elsewhere = []
    for figure in figures:
        named = [
            w
            for w in re.findall(r"\b[A-ZА-ЯЁ][\w-]+", figure.incident or "")
            if not NOT_PLACES.match(w)
        ]
        keys = {key for word in named for key in hint_keys(word)}
        if keys and not keys & incident_keys:
            elsewhere.append(f"claim {figure.claim_id} ({figure.incident!r})")
    if not elsewhere:
        return []
    return [
        "scope: " + ", ".join(elsewhere) + " name another place; they may cover a wider "
        "(or another) area"
    ]


def _scope(figures) -> list[str]:
    civilian = [f.claim_id for f in figures if _says_civilians(f)]
    others = [f.claim_id for f in figures if not _says_civilians(f)]
    if not civilian or not others:
        return []
    return [
        f"scope: claims {_ids(civilian)} count civilians only; claims {_ids(others)} do "
        "not say so (they may count everyone)"
    ]


def _says_civilians(figure: ClaimedFigure) -> bool:
    words = " ".join(filter(None, (figure.words, figure.subject, figure.subgroup))).lower()
    return any(word in words for word in CIVILIAN_WORDS)


def _published(figures) -> list[str]:
    days = sorted({f.published_earliest for f in figures if f.published_earliest})
    if len(days) < 2 or (days[-1] - days[0]).days < 30:
        return []
    return [
        f"published from {days[0].isoformat()} to {days[-1].isoformat()}: later counts "
        "may include victims identified since"
    ]


def other_definitions(category: str, nearby: dict[str, list[ClaimedFigure]]) -> list[str]:
    """Figures of a neighbouring category that count something close but different."""
    related = {
        "killed": ("bodies_found", "casualties"),
        "injured": ("casualties",),
        "missing": ("captured",),
        "captured": ("missing",),
    }
    notes = []
    for other in related.get(category, ()):
        if nearby.get(other):
            notes.append(
                f"definitions: claims {_ids([f.claim_id for f in nearby[other]])} "
                f"count {other.replace('_', ' ')}, not {category}; they are shown "
                f"under {other}"
            )
    return notes


def _ids(ids) -> str:
    return ", ".join(str(i) for i in ids)


def _n(figure: ClaimedFigure) -> str:
    return f"{figure.value:,.0f}" if figure.value is not None else figure.words


def _period(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
