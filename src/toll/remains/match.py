"""Ranking the open cases for remains: the store side of `toll.remains.matching`."""

import math
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.cases.facts import person_facts
from toll.cases.lifecycle import OPEN_STATUSES
from toll.model import Case, Remains
from toll.names.places import region_key
from toll.remains.matching import (
    WEIGHTS,
    CaseTable,
    RemainsFacts,
    WordIndex,
    explain,
    score_all,
    sex_code,
    text_words,
)
from toll.remains.store import get_remains
from toll.store.access import RESTRICTED, may_see_personal_data, require


@dataclass
class Candidate:
    rank: int
    case_id: str
    person_id: str
    name: str | None
    score: float
    fields: list[dict] = field(default_factory=list)  # per field: case, remains, weight


@dataclass
class Candidates:
    """Open cases loaded once, to rank many remains against (benchmarks, batch matching)."""

    table: CaseTable
    cases: list  # rows of Case columns
    persons: dict
    marks: WordIndex
    effects: WordIndex
    places: dict[str, int]


def load_candidates(session: Session) -> Candidates:
    """Every open case (reported, fate_unknown) with the antemortem data compared."""
    require(session, "read")
    columns = (
        Case.id,
        Case.label,
        Case.person_id,
        Case.last_seen,
        Case.last_seen_earliest,
        Case.last_seen_place,
        Case.place_key,
        Case.stature,
        Case.marks,
        Case.effects,
    )
    query = select(*columns).where(Case.retracted_at.is_(None), Case.status.in_(OPEN_STATUSES))
    cases = list(session.execute(query.order_by(Case.id)))  # rows, not objects: 100,000 load fast
    persons = person_facts(session, [c.person_id for c in cases])
    places: dict[str, int] = {}
    regions: dict[str | None, str | None] = {}

    def code(key):
        return -1 if key is None else places.setdefault(key, len(places))

    def region(text):
        if text not in regions:
            regions[text] = region_key(text)
        return regions[text]

    rows = [(case, persons.get(case.person_id)) for case in cases]
    table = CaseTable(
        labels=[case.label for case in cases],
        sex=np.array([sex_code(p.sex if p else None) for _, p in rows], dtype=np.int8),
        age=np.array([_age(case, p) for case, p in rows], dtype=np.float32),
        seen=np.array([_day(case.last_seen_earliest) for case, _ in rows], dtype=np.float64),
        place=np.array([code(c.place_key or (p.place_key if p else None)) for c, p in rows]),
        region=np.array([code(region(c.last_seen_place)) for c, _ in rows]),
        stature=np.array([c.stature if c.stature else math.nan for c, _ in rows], dtype=np.float32),
        marks=[text_words(c.marks) for c, _ in rows],
        effects=[text_words(c.effects) for c, _ in rows],
    )
    marks = WordIndex(table.marks, WEIGHTS["word_cap_marks"])
    effects = WordIndex(table.effects, WEIGHTS["word_cap_effects"])
    return Candidates(table, cases, persons, marks, effects, places)


def _age(case, person) -> float:
    if person is None:
        return math.nan
    age = person.age_on(case.last_seen_earliest)
    return math.nan if age is None else float(age)


def _day(day) -> float:
    return math.nan if day is None else float(day.toordinal())


def remains_facts(remains: Remains, places: dict[str, int]) -> RemainsFacts:
    return RemainsFacts(
        sex=remains.sex,
        age_low=remains.age_low,
        age_high=remains.age_high,
        found=_day(remains.found_earliest),
        place=_code(places, remains.place_key),
        region=_code(places, region_key(remains.found_place)),
        stature_low=remains.stature_low,
        stature_high=remains.stature_high,
        marks=text_words(remains.marks),
        effects=text_words(remains.effects),
    )


ELSEWHERE = 10**9  # a place no open case names: known, so it counts as another place


def _code(places: dict[str, int], key: str | None) -> int:
    return -1 if key is None else places.get(key, ELSEWHERE)


def rank(candidates: Candidates, remains: Remains, limit: int = 10) -> list[tuple[int, float]]:
    """(position in candidates, score) of the best `limit` cases, best first."""
    if not candidates.cases:
        return []
    facts = remains_facts(remains, candidates.places)
    scores = score_all(candidates.table, facts, candidates.marks, candidates.effects)
    limit = min(limit, len(scores))
    best = np.argpartition(-scores, limit - 1)[:limit]
    best = best[np.lexsort((best, -scores[best]))]
    return [(int(i), float(scores[i])) for i in best]


def match_remains(session: Session, reference: str, limit: int = 10) -> dict:
    """The open cases most likely to be these remains, each score explained field by field."""
    remains = get_remains(session, reference)
    candidates = load_candidates(session)
    named = may_see_personal_data(session)
    facts = remains_facts(remains, candidates.places)
    ranked = []
    for position, (i, score) in enumerate(rank(candidates, remains, limit), start=1):
        case = candidates.cases[i]
        person = candidates.persons.get(case.person_id)
        weights, shared_marks, shared_effects = explain(
            candidates.table, i, facts, candidates.marks, candidates.effects
        )
        sides = _sides(case, person, remains, candidates.table.age[i])
        ranked.append(
            Candidate(
                rank=position,
                case_id=case.label,
                person_id=person.label if person else "",
                name=(person.name if named else RESTRICTED) if person else None,
                score=round(score, 2),
                fields=[
                    {"field": name, **sides[name], "weight": weight} for name, weight in weights
                ]
                + [{"field": "shared words", "marks": shared_marks, "effects": shared_effects}],
            )
        )
    return {
        "remains": _remains_dict(remains),
        "open_cases": len(candidates.cases),
        "weights": WEIGHTS,
        "candidates": ranked,
    }


def _sides(case, person, remains, age) -> dict[str, dict]:
    def span(low, high):
        if low is None and high is None:
            return None
        return f"{low if low is not None else ''}–{high if high is not None else ''}"

    return {
        "sex": {"case": person.sex if person else None, "remains": remains.sex},
        "age": {
            "case": None if math.isnan(age) else int(age),
            "remains": span(remains.age_low, remains.age_high),
        },
        "date": {"case": case.last_seen, "remains": remains.found_on},
        "place": {"case": case.last_seen_place, "remains": remains.found_place},
        "stature": {
            "case": case.stature,
            "remains": span(remains.stature_low, remains.stature_high),
        },
        "marks": {"case": case.marks, "remains": remains.marks},
        "effects": {"case": case.effects, "remains": remains.effects},
    }


def _remains_dict(remains: Remains) -> dict:
    return {
        "remains_id": remains.label,
        "lab_reference": remains.lab_reference,
        "found_on": remains.found_on,
        "found_place": remains.found_place,
        "sex": remains.sex,
        "age": [remains.age_low, remains.age_high],
        "stature": [remains.stature_low, remains.stature_high],
        "marks": remains.marks,
        "effects": remains.effects,
        "source_id": remains.source_id,
        "row": remains.row_number,
        "identified_as_case": remains.case_id,
    }


def case_candidates(session: Session, case_reference: str, limit: int = 10) -> list[dict]:
    """The unidentified remains that rank this open case among their best `limit` cases, best
    score first (the case page's "remains candidates"); none for a case that is not open."""
    from toll.cases import get_case

    case = get_case(session, case_reference)
    found = [
        _remains_dict(remains) | {"rank": place, "score": score}
        for remains, place, score in candidates_by_case(session, limit).get(case.id, [])
    ]
    return sorted(found, key=lambda item: (-item["score"], item["remains_id"]))


def candidates_by_case(session: Session, limit: int = 10) -> dict[int, list[tuple]]:
    """Each open case's remains candidates, by case id: (remains, rank, score) for every
    unidentified remains that ranks the case among its best `limit`."""
    candidates = load_candidates(session)
    query = select(Remains).where(Remains.case_id.is_(None), Remains.retracted_at.is_(None))
    found: dict[int, list[tuple]] = {}
    for remains in session.scalars(query.order_by(Remains.id)):
        for place, (i, score) in enumerate(rank(candidates, remains, limit), start=1):
            found.setdefault(candidates.cases[i].id, []).append((remains, place, round(score, 2)))
    return found
