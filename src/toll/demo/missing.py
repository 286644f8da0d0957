"""The demo's missing persons and families: cases from the lists, remains, one identification.

Cases are opened from the lists (`sync_cases`, reported on the day the lists were imported,
as the demo lists carry no date); the first are followed to fate_unknown (the same day),
a small exhumation report (invented) of remains like some of the missing is imported, and the
best match of its first remains is identified. Families come from the lists' household columns.
"""

import csv
from datetime import date
from pathlib import Path

from toll.cases import person_facts, sync_cases, transition_case
from toll.families import family_figures
from toll.model import Case
from toll.remains import identify, import_remains, match_remains
from toll.sources import SourceMetadata
from toll.store import Store

FOLLOWED = 12  # cases moved to fate_unknown
HEADERS = ["Lab reference", "Date found", "Place found", "Sex", "Estimated age", "Notes"]


def add_missing_and_families(store: Store, folder: Path) -> dict:
    """Cases, remains and family figures in the demo store; their counts."""
    with store.session() as session:
        synced = sync_cases(session)
        cases = session.query(Case).order_by(Case.id).limit(FOLLOWED).all()
        for case in cases:
            transition_case(
                session,
                case.label,
                "fate_unknown",
                on=date.today(),
                source_id=_first_source(session, case),  # the list that reported them
                note="no trace after the first search (demo)",
            )
        path = _exhumation_report(session, folder, cases[:4])
        imported = import_remains(
            session,
            path,
            SourceMetadata(publisher="Forensic institute (invented)", published="2019-08-21"),
        )
        best = _followed_candidates(session, "R-00001", cases)
        if best:
            identify(
                session,
                "R-00001",
                best[0].case_id,
                source_id=imported.source_id,
                on=date.today(),
                note="DNA match with the family's reference sample (demo)",
            )
        families = family_figures(session)
    return {
        "cases": synced.opened,
        "remains": imported.remains,
        "identified": 1 if best else 0,
        "families": families["families"],
        "families_wiped_out": families["families_wiped_out"]["count"],
        "children_lost_both_parents": families["children_lost_both_parents"]["count"],
        "children_lost_one_parent": families["children_lost_one_parent"]["count"],
    }


def _followed_candidates(session, remains: str, followed: list[Case]) -> list:
    """The remains' candidates among the followed cases, best first.

    Only a case whose fate is unknown can be identified, so the demo identifies the best match
    among the cases it moved to fate_unknown, not a case still only reported.
    """
    labels = {case.label for case in followed}
    candidates = match_remains(session, remains, session.query(Case).count())["candidates"]
    return [candidate for candidate in candidates if candidate.case_id in labels]


def _first_source(session, case: Case) -> int:
    from toll.model import CaseReporter

    reporter = session.query(CaseReporter).filter(CaseReporter.case_id == case.id).first()
    return reporter.source_id


def _exhumation_report(session, folder: Path, cases: list[Case]) -> Path:
    """A CSV of remains like the persons of `cases` (and one like none of them)."""
    facts = person_facts(session, [case.person_id for case in cases])
    path = folder / "exhumation-report-2019.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        for number, case in enumerate(cases, start=1):
            person = facts[case.person_id]
            age = person.age_on(case.last_seen_earliest)
            span = f"{max(age - 3, 0)}-{age + 4}" if age is not None else ""
            writer.writerow(
                [
                    f"BK-{770 + number}",
                    f"{20 + number}.08.2019",
                    case.last_seen_place or "",
                    person.sex or "",
                    span,
                    "grave 3",
                ]
            )
        writer.writerow(["BK-799", "30.08.2019", "", "female", "60-80", "grave 4"])
    return path
