"""Remains in the store: added by hand or imported from a file, and identified.

Every function takes the session (the acting user is its `actor`) and writes the history:
remains added by hand are audited row by row, an import as one event with its file kept
content-addressed as a source (importing the same bytes again changes nothing).
Identifying remains moves the case to `identified` (through `remains_recovered` when it was
not there yet), records the person's fate and both appear in the history.
"""

import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from toll.cases.cases import (
    append_transition,
    check_date,
    get_case,
    last_change,
    next_number,
    show_case,
    source_of,
    transition_case,
)
from toll.cases.lifecycle import OPEN_STATUSES, REOPENED, TransitionRefused, check_transition
from toll.errors import TollError
from toll.model import Case, Identification, Person, Remains
from toll.model.base import utcnow
from toll.names import place_key
from toll.remains.reading import RemainsDraft, read_remains
from toll.sources.store import SourceMetadata, find_by_hash, sha256_of, store_original
from toll.sources.text import read_bytes
from toll.store.access import require
from toll.store.history import log_event, retract

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".json": "application/json",
}


def remains_label(number: int) -> str:
    return f"R-{number:05d}"


def get_remains(session: Session, reference: str) -> Remains:
    """Remains by label (R-00007, R-7) or lab reference; else a clear error."""
    require(session, "read")
    text = reference.strip()
    match = re.fullmatch(r"[Rr]-?0*(\d+)", text)
    query = select(Remains).where(Remains.lab_reference == text)
    if match:
        query = select(Remains).where(Remains.label == remains_label(int(match.group(1))))
    found = session.scalars(query.order_by(Remains.id)).first()
    if found is None:
        raise TollError(f"no remains {reference}; `toll remains import FILE` adds them")
    return found


def _refuse_known_references(session: Session, drafts: list[RemainsDraft], file: str) -> None:
    wanted = [d.lab_reference for d in drafts if d.lab_reference]
    known = set(
        session.scalars(
            select(Remains.lab_reference).where(
                Remains.lab_reference.in_(wanted), Remains.retracted_at.is_(None)
            )
        )
    )
    for draft in drafts:
        if draft.lab_reference in known:
            where = f"{file}, row {draft.row_number}" if draft.row_number else file
            raise TollError(
                f'{where}: remains with lab reference "{draft.lab_reference}" are already in '
                f"the store (`toll remains match {draft.lab_reference}`); nothing was imported"
            )


def _row(draft: RemainsDraft, number: int, source_id: int | None, actor) -> dict:
    values = asdict(draft)
    return values | {
        "label": remains_label(number),
        "place_key": place_key(draft.found_place) if draft.found_place else None,
        "source_id": source_id,
        "created_by": actor,
        "created_at": utcnow(),
    }


def add_remains(session: Session, draft: RemainsDraft, source_id: int | None = None) -> Remains:
    """Add one remains entered by hand (`toll remains add`)."""
    require(session, "edit")
    if not draft.lab_reference:
        raise TollError("remains need their lab reference (--lab-ref)")
    if draft.warnings:
        raise TollError(draft.warnings[0])
    source_of(session, source_id)
    _refuse_known_references(session, [draft], "--lab-ref")
    values = _row(draft, next_number(session, Remains), source_id, session.info.get("actor"))
    remains = Remains(**values)
    session.add(remains)
    session.flush()
    return remains


@dataclass
class RemainsImport:
    source_id: int
    created: bool  # False: the same file was imported before and nothing changed
    remains: int
    warnings: list[str]


def import_remains(session: Session, path: Path, metadata: SourceMetadata) -> RemainsImport:
    """Import a file of remains, all or nothing; the file is kept as a source."""
    require(session, "edit")
    path = Path(path)
    content = read_bytes(path, empty="there are no remains to import")
    existing = find_by_hash(session, sha256_of(content))
    if existing is not None:
        count = session.query(Remains).filter(Remains.source_id == existing.id).count()
        return RemainsImport(existing.id, False, count, [])
    drafts = read_remains(path)
    _refuse_known_references(session, drafts, path.name)
    metadata.kind = metadata.kind or "remains"
    metadata.title = metadata.title or path.name
    media = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    source = store_original(session, content, path.name, media, None, metadata).source
    first, actor = next_number(session, Remains), session.info.get("actor")
    rows = [_row(d, first + i, source.id, actor) for i, d in enumerate(drafts)]
    session.execute(insert(Remains), rows)
    warnings = [w for d in drafts for w in d.warnings]
    log_event(
        session,
        "import",
        "remains",
        None,
        after={
            "file": path.name,
            "source_id": source.id,
            "remains": len(rows),
            "warnings": len(warnings),
        },
    )
    return RemainsImport(source.id, True, len(rows), warnings)


def identify(
    session: Session,
    remains_reference: str,
    case_reference: str,
    *,
    source_id: int | None,
    on: date | None = None,
    note: str | None = None,
):
    """Confirm that remains are the person of a case: the case moves to `identified`, the
    person's fate is recorded as dead, the remains point to the case. Returns the case view."""
    require(session, "edit")
    remains = get_remains(session, remains_reference)
    case = get_case(session, case_reference)
    if remains.case_id is not None:
        raise TollError(
            f"remains {remains.label} are already identified (case {_label(session, remains)}); "
            f'if that was a mistake, `toll remains unidentify {remains.label} --reason "..."` '
            "retracts it first"
        )
    if source_id is None:
        raise TollError("an identification needs its source: --source ID (the lab's report)")
    if case.status not in ("fate_unknown", "remains_recovered"):
        raise TransitionRefused(
            f"case {case.label} is {case.status}; remains can be identified only for a case "
            "whose fate is unknown (fate_unknown) or whose remains were recovered "
            f"(remains_recovered); move it to fate_unknown first"
        )
    on = on or date.today()
    if case.status == "fate_unknown":
        recovered = max(filter(None, (remains.found_earliest, last_change(session, case))))
        check_date(on, recovered)
        transition_case(
            session,
            case.label,
            "remains_recovered",
            on=recovered,
            source_id=remains.source_id or source_id,
            remains_id=remains.id,
            note=f"remains {remains.label} (lab ref {remains.lab_reference})",
        )
    transition_case(
        session,
        case.label,
        "identified",
        on=on,
        source_id=source_id,
        remains_id=remains.id,
        note=note or f"remains {remains.label} (lab ref {remains.lab_reference}) identified",
    )
    person = session.get(Person, case.person_id)
    session.add(
        Identification(
            remains_id=remains.id,
            case_id=case.id,
            on=on,
            source_id=source_id,
            previous_fate=person.fate,
            note=note,
            created_by=session.info.get("actor"),
        )
    )
    remains.case_id = case.id
    case.outcome = f"dead: remains {remains.label} (lab ref {remains.lab_reference}) identified"
    person.fate = "dead"
    session.flush()
    return show_case(session, case.label)


def unidentify(
    session: Session,
    remains_reference: str,
    *,
    reason: str,
    source_id: int | None = None,
    on: date | None = None,
):
    """Retract a mistaken identification, with its reason: the identification stays in the
    store marked retracted (who, when, why), the case is reopened (back to fate_unknown by an
    appended change), the person's fate is what it was before. Returns the case view."""
    require(session, "edit")
    remains = get_remains(session, remains_reference)
    if not reason or not reason.strip():
        raise TollError('retracting an identification needs its reason (--reason "...")')
    if remains.case_id is None:
        raise TollError(
            f"remains {remains.label} are not identified; `toll remains match {remains.label}` "
            "ranks the open cases for them"
        )
    identification = session.scalars(
        select(Identification)
        .where(Identification.remains_id == remains.id, Identification.retracted_at.is_(None))
        .order_by(Identification.id.desc())
    ).first()
    if identification is None:
        raise TollError(f"remains {remains.label} have no identification to retract")
    case = session.get(Case, identification.case_id)
    source_of(session, source_id)
    on = on or date.today()
    check_date(on, last_change(session, case))
    retract(session, identification, reason)
    note = f"identification of remains {remains.label} retracted: {reason.strip()}"
    if case.status not in OPEN_STATUSES:
        _reopen(session, case, on, source_id, remains.id, note)
    remains.case_id = None
    case.outcome = None
    session.get(Person, case.person_id).fate = identification.previous_fate
    log_event(session, "retract", "identifications", identification.id, note=note)
    session.flush()
    return show_case(session, case.label)


def _reopen(session: Session, case: Case, on: date, source_id, remains_id: int, note: str):
    check_transition(case.label, case.status, REOPENED)
    append_transition(session, case, REOPENED, on, source_id, note, remains_id)


def _label(session: Session, remains: Remains) -> str:
    return session.get(Case, remains.case_id).label
