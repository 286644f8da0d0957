"""Status figures of the missing: cases by status and subgroup, opened and resolved per month.

Every count lists the cases behind it. The subgroups are stated in the output: a child is
under 18 at disappearance, elderly is 60 or older, women are females of 18 or older.
"""

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.cases.facts import person_facts
from toll.cases.lifecycle import OUTCOMES
from toll.errors import TollError
from toll.figures.public import PUBLIC_MINIMUM, suppress
from toll.model import Case, CaseTransition
from toll.model.case import CASE_STATUSES
from toll.store.access import require

CHILD_UNDER = 18
ELDERLY_FROM = 60
BY = ("sex", "age")
DEFINITIONS = {
    "children": f"under {CHILD_UNDER} at disappearance",
    "elderly": f"{ELDERLY_FROM} or older at disappearance",
    "women": f"female, {CHILD_UNDER} or older at disappearance",
    "resolved": "moved to " + ", ".join(OUTCOMES) + " (reopened cases count again)",
    "age": "from the birth date or year and the last-seen date, else the lists' age",
}


def age_group(age: int | None) -> str:
    if age is None:
        return "unknown"
    if age < CHILD_UNDER:
        return "child"
    return "elderly" if age >= ELDERLY_FROM else "adult"


def missing_figures(session: Session, by: tuple[str, ...] = (), public: bool = False) -> dict:
    """Current cases by status (and by sex and age group when asked), and per month.

    `public`: for publication, only counts, each under 5 suppressed (None), no case listed."""
    require(session, "read")
    wrong = set(by) - set(BY)
    if wrong:
        raise TollError(f"--by {','.join(sorted(wrong))}: figures are by {' and '.join(BY)}")
    cases = list(session.execute(select(Case).where(Case.retracted_at.is_(None))).scalars())
    facts = person_facts(session, [c.person_id for c in cases])
    by_status: dict[str, list[str]] = {status: [] for status in CASE_STATUSES}
    subgroups: dict[str, dict[str, list[str]]] = {"women": {}, "children": {}, "elderly": {}}
    groups: dict[tuple, list[str]] = defaultdict(list)
    for case in cases:
        person = facts.get(case.person_id)
        sex = person.sex if person else None
        group = age_group(person.age_on(case.last_seen_earliest) if person else None)
        by_status[case.status].append(case.label)
        for name, belongs in (
            ("women", sex == "female" and group in ("adult", "elderly")),
            ("children", group == "child"),
            ("elderly", group == "elderly"),
        ):
            if belongs:
                subgroups[name].setdefault(case.status, []).append(case.label)
        key = tuple(v for k, v in (("sex", sex or "unknown"), ("age", group)) if k in by)
        groups[(*key, case.status)].append(case.label)
    figures = {
        "definitions": DEFINITIONS,
        "total": len(cases),
        "by_status": {s: {"count": len(c), "cases": c} for s, c in by_status.items() if c},
        "subgroups": {
            name: {s: {"count": len(c), "cases": c} for s, c in statuses.items()}
            for name, statuses in subgroups.items()
        },
        "groups": [
            {**dict(zip(by, key[:-1], strict=True)), "status": key[-1], "count": len(c), "cases": c}
            for key, c in sorted(groups.items())
        ]
        if by
        else [],
        "per_month": _per_month(session),
    }
    return publish(figures) if public else figures


def publish(figures: dict) -> dict:
    """The figures as they may be published: every count under 5 suppressed (None), and no
    list of the cases, families or persons behind a count (they would name persons)."""
    shown = {}
    for key, value in figures.items():
        if isinstance(value, dict) and key != "definitions":
            shown[key] = publish(value)
        elif isinstance(value, list) and key in LISTED:
            continue  # the cases, families or persons behind a count
        elif isinstance(value, list):
            shown[key] = [publish(v) for v in value]
        elif isinstance(value, int) and not isinstance(value, bool) and key in COUNTS:
            shown[key] = suppress(value)
        else:
            shown[key] = value
    if "definitions" in figures:
        shown["suppressed"] = f"counts under {PUBLIC_MINIMUM} are not shown (null)"
    return shown


LISTED = ("cases", "families", "persons")
COUNTS = ("count", "total", "opened", "resolved", "families")


def _per_month(session: Session) -> list[dict]:
    query = (
        select(CaseTransition.on, CaseTransition.from_status, CaseTransition.to_status)
        .join(Case, Case.id == CaseTransition.case_id)
        .where(Case.retracted_at.is_(None))
    )
    opened, resolved = Counter(), Counter()
    for on, before, after in session.execute(query):
        month = f"{on.year:04d}-{on.month:02d}"
        if before is None:
            opened[month] += 1
        elif after in OUTCOMES:
            resolved[month] += 1
    return [
        {"month": month, "opened": opened[month], "resolved": resolved[month]}
        for month in sorted(opened | resolved)
    ]
