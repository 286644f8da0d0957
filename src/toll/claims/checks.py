"""Checks that help a reviewer: parts adding up to more than their whole, figures stated twice.

Both look only within one text's figures. A figure that contradicts another source's figure
for the same incident is a comparison across claims, done where claims are stored.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from toll.claims.figure import Figure


@dataclass(frozen=True)
class Check:
    """One finding: its kind, a sentence for people, and the figures (indexes) involved."""

    kind: str
    message: str
    figures: tuple[int, ...]

    def __str__(self) -> str:
        return self.message


def check_figures(figures: Sequence[Figure]) -> list[Check]:
    """Findings about a text's figures, in the order of the figures they concern."""
    return _parts_exceed_whole(figures) + _stated_twice(figures)


def _parts_exceed_whole(figures: Sequence[Figure]) -> list[Check]:
    checks = []
    parts_of: dict[int, list[int]] = {}
    for j, f in enumerate(figures):
        if f.part_of is not None:
            parts_of.setdefault(f.part_of, []).append(j)
    for i, parts in sorted(parts_of.items()):
        whole = figures[i]
        if whole.qualifier not in ("exact", "approx", "at_most", "less_than"):
            continue
        top = whole.value if whole.value is not None else whole.high
        total = sum(figures[j].value or figures[j].low or 0 for j in parts)
        if top is not None and total > top:
            listed = " + ".join(figures[j].text for j in parts)
            checks.append(Check(
                "parts_exceed_whole",
                f"parts add up to {total}, more than their whole {whole.text!r} ({top}): {listed}",
                (i, *parts)))
    return checks


def _stated_twice(figures: Sequence[Figure]) -> list[Check]:
    checks, seen = [], {}
    for i, f in enumerate(figures):
        if f.value is None and f.low is None:
            continue
        key = (f.value, f.low, f.high, f.category, f.subject, f.subgroup)
        if key in seen:
            first = seen[key]
            checks.append(Check(
                "stated_twice",
                f"{f.text!r} (offset {f.start}) repeats {figures[first].text!r} "
                f"(offset {figures[first].start}): the same {f.category} figure stated twice",
                (first, i)))
        else:
            seen[key] = i
    return checks
