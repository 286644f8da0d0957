"""Cases from lists: one case for every person whose records say missing or captive.

`sync_cases` is idempotent: a person who has a case gets no second one (a later list that
reports them again only adds its record to the case's reporters). Persons another list gives
as alive, released or identified are left out: their fate is known. Cases are written in bulk
(one audit event sums the run up), so a register of a million records syncs in seconds.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from toll.cases.cases import case_label, next_number
from toll.cases.facts import FATE_KNOWN, FATE_UNKNOWN
from toll.model import Case, CaseReporter, CaseTransition, Person, Record, Source
from toll.model.base import utcnow
from toll.store.access import require
from toll.store.history import log_event

BATCH = 5000


@dataclass
class SyncResult:
    persons: int  # persons whose records say missing or captive
    opened: int  # cases opened by this run
    reporters_merged: int  # cases opened with more than one reporting record
    reporters_added: int  # records added as reporters to cases that existed
    fate_known: int  # persons left out: another record says alive, released or identified
    already: int  # persons who had a case


def sync_cases(session: Session, progress=None) -> SyncResult:
    """Open a case (status `reported`) for each person reported missing or captive without one."""
    require(session, "edit")
    reports = _reports(session)
    known = _fate_known(session, set(reports))
    current = select(Case.person_id, Case.id).where(Case.retracted_at.is_(None))
    cases = {pid: case_id for pid, case_id in session.execute(current) if pid in reports}
    new = [pid for pid in reports if pid not in cases and pid not in known]
    added = _add_reporters_to_existing(session, reports, cases)
    _open(session, new, reports, progress)
    result = SyncResult(
        persons=len(reports),
        opened=len(new),
        reporters_merged=sum(1 for pid in new if len(reports[pid]) > 1),
        reporters_added=added,
        fate_known=len(set(reports) & known - set(cases)),
        already=len(set(reports) & set(cases)),
    )
    log_event(session, "sync", "cases", None, after=vars(result))
    return result


def _reports(session: Session) -> dict[int, list]:
    """person id -> their current records saying missing or captive, with each source."""
    query = (
        select(
            Record.id,
            Record.person_id,
            Record.event_date,
            Record.event_date_earliest,
            Record.event_date_latest,
            Record.place,
            Record.place_key,
            Record.circumstances,
            Record.source_id,
            Source.publisher,
            Source.title,
            Source.file_name,
            Source.published_earliest,
        )
        .join(Source, Source.id == Record.source_id)
        .join(Person, Person.id == Record.person_id)
        .where(
            Record.retracted_at.is_(None),
            Person.retracted_at.is_(None),
            Record.status.in_(FATE_UNKNOWN),
        )
        .order_by(Record.person_id, Record.id)
    )
    reports: dict[int, list] = {}
    for row in session.execute(query):
        reports.setdefault(row.person_id, []).append(row)
    return reports


def _fate_known(session: Session, persons: set[int]) -> set[int]:
    query = select(Record.person_id).where(
        Record.retracted_at.is_(None), Record.status.in_(FATE_KNOWN)
    )
    return set(session.scalars(query.distinct())) & persons


def _reporter_row(case_id: int, row, actor, now) -> dict:
    return {
        "case_id": case_id,
        "name": row.publisher or row.title or row.file_name,
        "reported_on": row.published_earliest,
        "source_id": row.source_id,
        "record_id": row.id,
        "created_by": actor,
        "created_at": now,
    }


def _add_reporters_to_existing(session: Session, reports: dict, cases: dict) -> int:
    known = set(
        session.scalars(select(CaseReporter.record_id).where(CaseReporter.record_id.isnot(None)))
    )
    actor, now = session.info.get("actor"), utcnow()
    rows = [
        _reporter_row(cases[pid], row, actor, now)
        for pid, rows in reports.items()
        if pid in cases
        for row in rows
        if row.id not in known
    ]
    if rows:
        session.execute(insert(CaseReporter), rows)
    return len(rows)


def _open(session: Session, persons: list[int], reports: dict, progress) -> None:
    actor, now, today = session.info.get("actor"), utcnow(), date.today()
    first = next_number(session, Case)
    for start in range(0, len(persons), BATCH):
        chunk = persons[start : start + BATCH]
        rows = [
            _case_row(first + start + i, pid, reports[pid], actor, now, today)
            for i, pid in enumerate(chunk)
        ]
        session.execute(insert(Case), rows)
        labels = [row["label"] for row in rows]
        ids = dict(session.execute(select(Case.label, Case.id).where(Case.label.in_(labels))).all())
        reporters, transitions = [], []
        for row, pid in zip(rows, chunk, strict=True):
            case_id = ids[row["label"]]
            reporters += [_reporter_row(case_id, r, actor, now) for r in reports[pid]]
            transitions.append(
                {
                    "case_id": case_id,
                    "from_status": None,
                    "to_status": "reported",
                    "on": row["reported_on"],
                    "source_id": reports[pid][0].source_id,
                    "note": f"from the list's record {reports[pid][0].id}",
                    "created_by": actor,
                    "created_at": now,
                }
            )
        session.execute(insert(CaseReporter), reporters)
        session.execute(insert(CaseTransition), transitions)
        if progress:
            progress(min(start + BATCH, len(persons)), len(persons))


def _case_row(number: int, person_id: int, rows: list, actor, now, today) -> dict:
    dated = [r for r in rows if r.event_date_earliest is not None]
    seen = min(dated, key=lambda r: r.event_date_earliest) if dated else rows[0]
    published = [r.published_earliest for r in rows if r.published_earliest]
    return {
        "label": case_label(number),
        "person_id": person_id,
        "status": "reported",
        "reported_on": min(published) if published else today,
        "last_seen": seen.event_date,
        "last_seen_earliest": seen.event_date_earliest,
        "last_seen_latest": seen.event_date_latest,
        "last_seen_place": seen.place,
        "place_key": seen.place_key,
        "circumstances": seen.circumstances,
        "created_by": actor,
        "created_at": now,
    }
