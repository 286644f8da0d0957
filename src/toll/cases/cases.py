"""Cases for missing persons: open one, change its status, show it with its history, list them.

Every function takes the session (its `actor` is the named user) and returns plain data. Every
status change is a new `CaseTransition` row — dated, sourced, by the acting user — and the
case's own row changes only its current status, through the audited ORM. Who reported a person
and how to reach them is shown only to users with the personal-data grant, and each such view
is written to the audit trail.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from toll.cases.facts import person_facts
from toll.cases.lifecycle import OPEN_STATUSES, check_transition, is_reopening
from toll.errors import TollError
from toll.model import Case, CaseReporter, CaseTransition, Person, Source
from toll.model.base import utcnow
from toll.model.case import CASE_STATUSES
from toll.names import place_key
from toll.persons.lookup import get_person
from toll.records.dates import parse_date
from toll.store.access import RESTRICTED, may_see_personal_data, require
from toll.store.history import log_event
from toll.store.locks import in_turn


@dataclass
class Reporter:
    """Who reported the person: name and contact are restricted personal data."""

    name: str | None = None
    contact: str | None = None
    relationship: str | None = None
    consent: str | None = None  # the scope of sharing the family consented to
    reported_on: date | None = None
    source_id: int | None = None
    record_id: int | None = None


@dataclass
class Transition:
    on: date
    from_status: str | None
    to_status: str
    by: str | None
    at: object
    source_id: int | None
    source: str | None
    remains: str | None
    note: str | None
    reopened: bool = False


@dataclass
class CaseView:
    """A case as shown: the person, what is known of the disappearance, reporters, history."""

    case_id: str
    person_id: str
    name: str | None
    status: str
    sex: str | None
    age_at_disappearance: int | None
    reported_on: date | None
    last_seen: str | None
    last_seen_place: str | None
    circumstances: str | None
    marks: str | None
    effects: str | None
    stature: int | None
    outcome: str | None
    reporters: list[Reporter] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)


@dataclass
class CaseDetails:
    """What `open_case` records beside the person: the disappearance and antemortem data."""

    reported_on: date | None = None
    last_seen: str | None = None  # a date as written: "26.02.1992", "Feb 1992"
    last_seen_place: str | None = None
    circumstances: str | None = None
    marks: str | None = None
    effects: str | None = None
    stature: int | None = None
    source_id: int | None = None
    note: str | None = None


def case_label(number: int) -> str:
    return f"C-{number:05d}"


def next_number(session: Session, model) -> int:
    """The number of the next label (C-00032): rows are never deleted, so labels never repeat;
    past the highest label too, which an imported export may have set (`toll import-export`)."""
    in_turn(session, f"labels of {model.__tablename__}")  # many writers: one label each
    count = session.scalar(select(func.count()).select_from(model)) or 0
    highest = session.scalar(select(func.max(cast(func.substr(model.label, 3), Integer))))
    return max(count, highest or 0) + 1


def get_case(session: Session, reference: str) -> Case:
    """A case by label (C-00031, also C-31 or c31) or number; else a clear error."""
    require(session, "read")
    text = reference.strip()
    match = re.fullmatch(r"(?:[Cc]-?)?0*(\d+)", text)
    case = None
    if match:
        case = session.scalar(select(Case).where(Case.label == case_label(int(match.group(1)))))
    if case is None:
        raise TollError(f"no case {reference}; `toll case list` shows the cases")
    return case


def source_of(session: Session, source_id: int | None) -> Source | None:
    if source_id is None:
        return None
    source = session.get(Source, source_id)
    if source is None:
        raise TollError(f"no source with id {source_id}; `toll source list` shows them")
    return source


def open_case(
    session: Session, person_reference: str, details: CaseDetails, reporter: Reporter | None = None
) -> CaseView:
    """Open a case for a person of the register (status `reported`)."""
    require(session, "edit")
    person = get_person(session, person_reference)
    existing = session.scalar(
        select(Case).where(Case.person_id == person.id, Case.retracted_at.is_(None))
    )
    if existing is not None:
        hint = (
            f"reopen it with `toll case transition {existing.label} fate_unknown --source S`"
            if existing.status not in OPEN_STATUSES
            else f"`toll case show {existing.label}`"
        )
        raise TollError(
            f"{person.label} already has case {existing.label} ({existing.status}); {hint}"
        )
    source = source_of(session, details.source_id)
    on = details.reported_on or date.today()
    check_date(on, None)
    seen = parse_date(details.last_seen) if details.last_seen else None
    if seen is not None and seen.earliest is None:
        raise TollError(f"--last-seen {details.last_seen!r}: {seen.problem}")
    case = Case(
        label=case_label(next_number(session, Case)),
        person_id=person.id,
        status="reported",
        reported_on=on,
        last_seen=details.last_seen,
        last_seen_earliest=seen.earliest if seen else None,
        last_seen_latest=seen.latest if seen else None,
        last_seen_place=details.last_seen_place,
        place_key=place_key(details.last_seen_place) if details.last_seen_place else None,
        circumstances=details.circumstances,
        marks=details.marks,
        effects=details.effects,
        stature=details.stature,
        created_by=session.info.get("actor"),
    )
    session.add(case)
    session.flush()
    if reporter is not None:
        reporter.reported_on = reporter.reported_on or on
        reporter.source_id = reporter.source_id or details.source_id
        add_reporter(session, case, reporter)
    append_transition(session, case, "reported", on, source.id if source else None, details.note)
    return show_case(session, case.label)


def add_reporter(session: Session, case: Case, reporter: Reporter) -> CaseReporter:
    row = CaseReporter(case_id=case.id, created_by=session.info.get("actor"), **vars(reporter))
    session.add(row)
    return row


def check_date(on: date, last: date | None) -> None:
    if on > date.today():
        raise TollError(f"{on.isoformat()} is in the future; give the date it happened (--on)")
    if last is not None and on < last:
        raise TollError(
            f"{on.isoformat()} is before the case's last change ({last.isoformat()}); "
            "changes are recorded in the order they happened"
        )


def transition_case(
    session: Session,
    reference: str,
    status: str,
    *,
    on: date,
    source_id: int | None,
    note: str | None = None,
    remains_id: int | None = None,
) -> CaseView:
    """Move a case to `status`, dated `on`, sourced by `source_id`, by the acting user.

    An impossible change raises TransitionRefused naming the allowed ones; nothing is written.
    """
    require(session, "edit")
    case = get_case(session, reference)
    session.refresh(case, with_for_update=True)  # two changes at once: the second waits
    check_transition(case.label, case.status, status)
    if source_id is None:
        raise TollError(
            f"a change of a case's status needs its source: --source ID (`toll source add` "
            f"keeps the document that says {case.label} is {status})"
        )
    source_of(session, source_id)
    check_date(on, last_change(session, case))
    append_transition(session, case, status, on, source_id, note, remains_id)
    return show_case(session, case.label)


def last_change(session: Session, case: Case) -> date | None:
    return session.scalar(
        select(func.max(CaseTransition.on)).where(CaseTransition.case_id == case.id)
    )


def append_transition(session, case, status, on, source_id, note, remains_id=None) -> None:
    """Append one change of status (checked by the caller) and set the case's status."""
    previous = (
        case.status
        if session.scalar(select(func.count()).where(CaseTransition.case_id == case.id))
        else None
    )
    if is_reopening(previous, status):
        note = f"reopened{': ' + note if note else ''}"
    session.add(
        CaseTransition(
            case_id=case.id,
            from_status=previous,
            to_status=status,
            on=on,
            source_id=source_id,
            remains_id=remains_id,
            note=note,
            created_by=session.info.get("actor"),
            created_at=utcnow(),
        )
    )
    case.status = status
    session.flush()


def show_case(session: Session, reference: str) -> CaseView:
    """A case with its person, reporters (restricted) and every change of status."""
    require(session, "read")
    case = get_case(session, reference)
    person = session.get(Person, case.person_id)
    facts = person_facts(session, [person.id]).get(person.id)
    named = may_see_personal_data(session)
    view = CaseView(
        case_id=case.label,
        person_id=person.label,
        name=person.display_name if named else RESTRICTED,
        status=case.status,
        sex=facts.sex if facts else None,
        age_at_disappearance=facts.age_on(case.last_seen_earliest) if facts else None,
        reported_on=case.reported_on,
        last_seen=case.last_seen,
        last_seen_place=case.last_seen_place,
        circumstances=case.circumstances,
        marks=case.marks,
        effects=case.effects,
        stature=case.stature,
        outcome=case.outcome,
        reporters=[_reporter(r, named) for r in _reporters(session, case)],
        transitions=_transitions(session, case),
    )
    if named and view.reporters:
        log_event(session, "view", "cases", case.id, note="reporters and contacts shown")
    return view


def _reporters(session: Session, case: Case) -> list[CaseReporter]:
    query = select(CaseReporter).where(CaseReporter.case_id == case.id).order_by(CaseReporter.id)
    return list(session.scalars(query))


def _reporter(row: CaseReporter, named: bool) -> Reporter:
    return Reporter(
        name=row.name if named else RESTRICTED,
        contact=(row.contact if named else RESTRICTED) if row.contact else None,
        relationship=row.relationship,
        consent=row.consent,
        reported_on=row.reported_on,
        source_id=row.source_id,
        record_id=row.record_id,
    )


def _transitions(session: Session, case: Case) -> list[Transition]:
    from toll.model import Remains

    query = (
        select(CaseTransition, Source.title, Source.file_name, Remains.label)
        .outerjoin(Source, Source.id == CaseTransition.source_id)
        .outerjoin(Remains, Remains.id == CaseTransition.remains_id)
        .where(CaseTransition.case_id == case.id)
        .order_by(CaseTransition.id)
    )
    return [
        Transition(
            on=row.on,
            from_status=row.from_status,
            to_status=row.to_status,
            by=row.created_by,
            at=row.created_at,
            source_id=row.source_id,
            source=title or file_name,
            remains=remains,
            note=row.note,
            reopened=is_reopening(row.from_status, row.to_status),
        )
        for row, title, file_name, remains in session.execute(query)
    ]


@dataclass
class CaseRow:
    case_id: str
    person_id: str
    name: str | None
    status: str
    reported_on: date | None
    last_seen: str | None
    last_seen_place: str | None
    reporters: int


def list_cases(session: Session, status: str | None = None, limit: int = 100) -> list[CaseRow]:
    """Current cases, oldest first, optionally only those in one status."""
    require(session, "read")
    if status is not None and status not in CASE_STATUSES:
        raise TollError(f"--status {status!r}: use one of {', '.join(CASE_STATUSES)}")
    reporters = (
        select(CaseReporter.case_id, func.count().label("n"))
        .group_by(CaseReporter.case_id)
        .subquery()
    )
    query = (
        select(Case, Person.label, Person.display_name, reporters.c.n)
        .join(Person, Person.id == Case.person_id)
        .outerjoin(reporters, reporters.c.case_id == Case.id)
        .where(Case.retracted_at.is_(None))
        .order_by(Case.id)
        .limit(limit)
    )
    if status:
        query = query.where(Case.status == status)
    named = may_see_personal_data(session)
    return [
        CaseRow(
            case.label,
            label,
            name if named else RESTRICTED,
            case.status,
            case.reported_on,
            case.last_seen,
            case.last_seen_place,
            n or 0,
        )
        for case, label, name, n in session.execute(query)
    ]
