"""Sources, claims, cases and estimates rebuilt from their exports (`toll import-export`).

Each row is checked before it is used and a bad one stops the import with one line naming
the file, the row, the field and why; the caller's transaction then writes nothing. A row the
store already holds is left as it is, so importing a file twice adds nothing.

- A source comes back from its original bytes, found by their SHA-256 beside the export
  (`toll.exports.originals`), with its metadata; its text is read from those bytes again.
- A claim comes back on its source, found by the SHA-256 of the source's original, and only
  when the source's text still reads the claim's words at the claim's characters.
- A case comes back on its person (of the same label and name, or else the one of the same
  name: after the records export was imported and linked), within the incident of the same title,
  with every change of status it had (each noting the file it was imported from) and its remains
  (`toll.exports.remains`). A case the store holds gets the changes it lacks, appended.
- An estimate comes back with its methods, intervals, capture table and settings.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.exports.originals import find_originals, originals_folder

Rows = list[dict[str, Any]]


@dataclass
class ImportedExport:
    """What an export added to the store."""

    file: str
    kind: str
    rows: int
    added: int  # sources, claims, cases, estimates, records, incidents or relations
    unchanged: int = 0  # already in the store
    source_id: int | None = None  # the file kept as a list, for records and persons
    notes: list[str] = field(default_factory=list)


def bad_row(path: Path, number: int, name: str, reason: str) -> TollError:
    """The one-line error for a bad row: file, row, field, why; nothing was imported."""
    return TollError(f"{path.name}, row {number}, field {name}: {reason}; nothing was imported")


def _same(column, value):
    return column.is_(None) if value is None else column == value


def _when(path: Path, number: int, name: str, text: str | None, kind=datetime):
    if text is None:
        return None
    try:
        return kind.fromisoformat(text)
    except (TypeError, ValueError):
        raise bad_row(path, number, name, f"{text!r} is not a date written YYYY-MM-DD") from None


def _required(path: Path, number: int, row: dict, *names: str) -> None:
    for name in names:
        if row.get(name) in (None, ""):
            raise bad_row(path, number, name, "empty, and every row of this export has one")


ROWS_KINDS = ("list", "dataset", "remains")  # sources read as rows, not as text


def sources(session: Session, path: Path, rows: Rows, originals: Path | None) -> ImportedExport:
    """Each source from its original bytes (found by hash in `originals`, by default the
    folder beside the export) and its metadata; a source already held is left as it is."""
    from toll.sources.store import find_by_hash

    folder = originals or originals_folder(path)
    found: dict[str, Path] | None = None
    result = ImportedExport(path.name, "sources", len(rows), 0)
    for number, row in enumerate(rows, start=1):
        digest = row["sha256"]
        if not re.fullmatch(r"[0-9a-f]{64}", digest or ""):
            raise bad_row(path, number, "sha256", f"{digest!r} is not a SHA-256 (64 hex digits)")
        _required(path, number, row, "file_name", "media_type", "size")
        if find_by_hash(session, digest) is not None:
            result.unchanged += 1
            continue
        found = find_originals(folder) if found is None else found
        if digest not in found:
            raise bad_row(
                path,
                number,
                "sha256",
                f"no file in {folder} holds the source's original "
                "(bytes of this SHA-256): export the sources with --output, which writes them "
                "there, or name the folder of the original files with --originals",
            )
        _add_source(session, path, number, row, found[digest].read_bytes())
        result.added += 1
    return result


def _add_source(session: Session, path: Path, number: int, row: dict, content: bytes) -> None:
    from toll.model.base import utcnow
    from toll.sources.store import SourceMetadata, published_interval, store_original
    from toll.sources.text import TEXT_READERS, text_from_bytes

    if len(content) != row["size"]:
        raise bad_row(
            path, number, "size", f"the original has {len(content)} bytes, not {row['size']}"
        )
    try:
        published_interval(row["published"])
    except TollError:
        raise bad_row(
            path,
            number,
            "published",
            f"{row['published']!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD",
        ) from None
    text = None
    if row["kind"] not in ROWS_KINDS and row["media_type"] in TEXT_READERS:
        try:
            text = text_from_bytes(content, row["file_name"], row["media_type"])
        except TollError as error:
            raise bad_row(path, number, "file_name", str(error)) from None
    metadata = SourceMetadata(**{name: row[name] for name in SourceMetadata.__dataclass_fields__})
    source = store_original(session, content, row["file_name"], row["media_type"], text, metadata)
    source = source.source
    source.confidential = bool(row["confidential"])
    source.created_at = _when(path, number, "added_at", row["added_at"]) or utcnow()
    if row["retracted_at"] is not None:
        source.retracted_at = _when(path, number, "retracted_at", row["retracted_at"])
        source.retracted_by = row["retracted_by"] or session.info.get("actor")
        source.retraction_reason = row["retraction_reason"]


def claims(session: Session, path: Path, rows: Rows) -> ImportedExport:
    """Each claim on the source of its SHA-256, at the characters of its words."""
    from toll.model import Claim

    result = ImportedExport(path.name, "claims", len(rows), 0)
    ids: dict[int, int] = {}  # claim id in the file -> in the store
    parts: list[tuple[Any, int, int]] = []
    for number, row in enumerate(rows, start=1):
        source = _claim_source(session, path, number, row)
        held = session.scalar(
            select(Claim.id).where(
                Claim.source_id == source.id,
                _same(Claim.position, row["position"]),
                Claim.start == row["start"],
                Claim.end == row["end"],
                _same(Claim.category, row["category"]),
                _same(Claim.subgroup, row["subgroup"]),
                Claim.retracted_at.is_(None),
            )
        )
        if held is not None:
            ids[row["claim_id"]] = held
            result.unchanged += 1
            continue
        claim = _new_claim(session, source.id, row)
        _attach(session, path, number, row, claim.id)
        ids[row["claim_id"]] = claim.id
        if row["part_of"] is not None:
            parts.append((claim, row["part_of"], number))
        result.added += 1
    for claim, whole, number in parts:
        if whole in ids:
            claim.part_of_id = ids[whole]
        else:
            result.notes.append(
                f"row {number}: the claim it is part of ({whole}) is not in the file "
                "(retracted?), so it stands on its own"
            )
    session.flush()
    return result


def _claim_source(session: Session, path: Path, number: int, row: dict):
    from toll.model import Source
    from toll.model.claim import CLAIM_REVIEW_STATES

    _required(path, number, row, "source_sha256", "words", "start", "end", "review_state")
    source = session.scalar(select(Source).where(Source.sha256 == row["source_sha256"]))
    if source is None:
        raise bad_row(
            path,
            number,
            "source_sha256",
            "no source of this SHA-256 is in the store; import the sources export first",
        )
    if source.text is None:  # a dataset, read as rows: its claims stand on a row, not on words
        if (row["start"], row["end"]) != (0, 0):
            raise bad_row(
                path,
                number,
                "start",
                "the source has no text (its rows are read), "
                "so a claim on it stands at characters 0–0",
            )
        return source
    stated = source.text[row["start"] : row["end"]]
    if stated != row["words"]:
        raise bad_row(
            path,
            number,
            "words",
            f"the source's text at characters {row['start']}–{row['end']} "
            f"reads {stated[:40]!r}, not the claim's words",
        )
    if row["review_state"] not in CLAIM_REVIEW_STATES:
        raise bad_row(
            path,
            number,
            "review_state",
            f"{row['review_state']!r} is not one of {', '.join(CLAIM_REVIEW_STATES)}",
        )
    return source


CLAIM_FIELDS = tuple(
    "start end value low high qualifier category subject subgroup incident speaker confidence "
    "review_state review_note extractor_version".split()
)


def _new_claim(session: Session, source_id: int, row: dict):
    from toll.model import Claim

    position = row["position"]
    if position is None:
        last = select(func.max(Claim.position)).where(Claim.source_id == source_id)
        position = (session.scalar(last) or 0) + 1
    claim = Claim(
        source_id=source_id,
        position=position,
        text=row["words"],
        created_by=session.info.get("actor"),
        **{name: row[name] for name in CLAIM_FIELDS},
    )
    session.add(claim)
    session.flush()
    return claim


def _attach(session: Session, path: Path, number: int, row: dict, claim_id: int) -> None:
    """The claim's attachment to the incident of its title, with a data file's row and event."""
    from toll.model import IncidentLink

    if row["attached_to"] is None:
        return
    incident = _incident_titled(session, path, number, "attached_to", row["attached_to"])
    session.add(
        IncidentLink(
            incident_id=incident,
            claim_id=claim_id,
            method=row["attached_by"] or "hand",
            state="attached",
            source_row=row["source_row"],
            event_id=row["event_id"],
            reason=f"from {path.name}",
            created_by=session.info.get("actor"),
        )
    )


def cases(session: Session, path: Path, rows: Rows) -> ImportedExport:
    """Each case on its person (`_case_person`), with its remains and its history of changes
    of status; a case the store holds already gets what the file has and it lacks
    (`_merge_history`, `toll.exports.remains`), nothing twice, nothing of its own changed."""
    from toll.exports.remains import case_remains
    from toll.model import Case

    result = ImportedExport(path.name, "cases", len(rows), 0)
    for number, row in enumerate(rows, start=1):
        person = _case_person(session, path, number, row)
        held = session.scalar(select(Case).where(Case.label == row["case_id"]))
        if held is not None and held.person_id != person:
            raise bad_row(
                path,
                number,
                "case_id",
                f"the store's {row['case_id']} is the case of another person",
            )
        if held is None:
            other = session.scalar(
                select(Case.label).where(Case.person_id == person, Case.retracted_at.is_(None))
            )
            if other is not None:
                raise bad_row(
                    path, number, "person_id", f"{row['person_id']} already has case {other}"
                )
            case = _add_case(session, path, number, row, person)
        else:
            case = held
        remains, found = case_remains(session, path, number, row, case)
        appended = _merge_history(session, path, number, row, case, remains, held is None)
        if held is None:
            result.added += 1
        elif found or appended:
            result.added += 1
            result.notes.append(
                f"row {number}: case {case.label}, already in the store, got "
                f"{appended} change(s) of status and {found} remains or identification(s) "
                "it lacked"
            )
        else:
            result.unchanged += 1
    return result


def _case_person(session: Session, path: Path, number: int, row: dict) -> int:
    """The case's person in this store (`person_in_store`), its status checked."""
    from toll.model.case import CASE_STATUSES

    _required(path, number, row, "case_id", "person_id", "status")
    if not re.fullmatch(r"C-\d{5,}", row["case_id"]):
        raise bad_row(path, number, "case_id", f"{row['case_id']!r} is not a case label (C-00031)")
    if row["status"] not in CASE_STATUSES:
        raise bad_row(
            path, number, "status", f"{row['status']!r} is not one of {', '.join(CASE_STATUSES)}"
        )
    return person_in_store(
        session,
        path,
        number,
        "person_id",
        row["person_id"],
        row["person_name"],
        belongs="a case belongs to a person of the register",
        by_hand="open the case by hand",
    )


def person_in_store(
    session: Session,
    path: Path,
    number: int,
    field: str,
    label: str,
    name: str | None,
    *,
    belongs: str,
    by_hand: str,
) -> int:
    """The person of an export's row in this store: the person of its label when the name
    agrees (or the file names none), else the one person of its name; never a namesake or
    another label's. Labels differ between stores that linked their records each on its own.

    `belongs` and `by_hand` finish the error: what needs the person, and what to do instead."""
    from toll.model import Person

    current = select(Person.id, Person.label, Person.display_name).where(
        Person.retracted_at.is_(None)
    )
    same = session.execute(current.where(Person.label == label)).first()
    if same is not None and (name is None or same.display_name == name):
        return same.id
    named = session.execute(current.where(Person.display_name == name)).all() if name else []
    if len(named) == 1:
        return named[0].id
    whom = f"{label} ({name})" if name else label
    if named:
        found = ", ".join(p.label for p in named[:4])
        why = f"{len(named)} persons of the store are named so ({found}); {by_hand}"
    else:
        why = (
            f"not in the store: {belongs}, so import the records export and run `toll link` "
            "first (or import into the store the file came from, or one restored from its backup)"
        )
    raise bad_row(path, number, field, f"person {whom} {why}")


def _incident_titled(session: Session, path: Path, number: int, field: str, title: str) -> int:
    """The id of the store's incident of this title, which a row names in `field`."""
    from toll.model import Incident

    incident = session.scalar(
        select(Incident.id).where(Incident.title == title, Incident.retracted_at.is_(None))
    )
    if incident is None:
        raise bad_row(
            path,
            number,
            field,
            f"no incident {title!r} in the store; import the incidents export first",
        )
    return incident


def _add_case(session: Session, path: Path, number: int, row: dict, person: int):
    """The case of the row, new in the store, without its history yet."""
    from toll.model import Case
    from toll.names import place_key
    from toll.records.dates import parse_date

    incident = None
    if row["incident"] is not None:
        incident = _incident_titled(session, path, number, "incident", row["incident"])
    seen = parse_date(row["last_seen"]) if row["last_seen"] else None
    reported = _when(path, number, "reported_on", row["reported_on"], date)
    case = Case(
        label=row["case_id"],
        person_id=person,
        status=row["status"],
        reported_on=reported,
        last_seen_earliest=seen.earliest if seen else None,
        last_seen_latest=seen.latest if seen else None,
        place_key=place_key(row["last_seen_place"]) if row["last_seen_place"] else None,
        incident_id=incident,
        created_by=session.info.get("actor"),
        **{
            name: row[name]
            for name in ("last_seen", "last_seen_place", "circumstances", "marks", "effects")
        },
        stature=row["stature"],
        outcome=row["outcome"],
    )
    session.add(case)
    session.flush()
    return case


def _merge_history(
    session: Session, path: Path, number: int, row: dict, case, remains: dict, new: bool
) -> int:
    """Append the file's changes of status that the case lacks; return how many.

    The store's history and the file's agree change by change (date, statuses, source) for as
    long as both go; what the file has beyond the store's last change is appended, in order,
    and the case takes its status. Histories that part (a change of the store's that the file
    does not have, followed by one of the file's) are refused: nothing is overwritten."""
    from toll.cases.cases import append_transition
    from toll.model import CaseTransition, Source

    if row["history"] == []:  # a case without any recorded change of status
        return 0
    if row["history"] is None:  # a file written by hand, without the changes of status
        if not new:
            return 0
        note = f"imported from {path.name} as {row['status']}; no earlier history in the file"
        append_transition(session, case, row["status"], case.reported_on or date.today(), None,
                          note)  # fmt: skip
        return 1
    changes = _history(path, number, row)
    kept = session.execute(
        select(CaseTransition.on, CaseTransition.from_status, CaseTransition.to_status,
               Source.sha256)
        .outerjoin(Source, Source.id == CaseTransition.source_id)
        .where(CaseTransition.case_id == case.id)
        .order_by(CaseTransition.id)
    ).all()  # fmt: skip
    same = 0
    for held, change in zip(kept, changes, strict=False):
        if tuple(held) != _change_key(change):
            break
        same += 1
    if same == len(changes):
        return 0
    if same < len(kept):
        on, was, became, _ = kept[same]
        raise bad_row(
            path, number, "history", f"change {same + 1} ({_said(change=changes[same])}) is not "
            f"the store's change {same + 1} of {case.label} ({_said(on, was, became)}): the "
            "histories part, and merging them would rewrite one; record the change by hand "
            "(`toll case transition`)"
        )  # fmt: skip
    for change in changes[same:]:
        session.add(_imported_change(session, path, case, change, remains))
    case.status = changes[-1]["to_status"]
    session.flush()
    return len(changes) - same


def _change_key(change: dict) -> tuple:
    return (change["on"], change.get("from_status"), change["to_status"],
            change.get("source_sha256"))  # fmt: skip


def _said(on=None, was=None, became=None, change: dict | None = None) -> str:
    if change is not None:
        on, was, became = change["on"], change.get("from_status"), change["to_status"]
    return f"{was or 'nothing'} to {became} on {on}"


def _history(path: Path, number: int, row: dict) -> list[dict]:
    """The case's changes of status, checked: each allowed after the one before, in the order
    they happened, none in the future, the last one the case's status."""
    from toll.cases.lifecycle import allowed_next

    changes, previous, last = row["history"], None, None
    if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
        raise bad_row(path, number, "history", "not a list of changes of status")
    for position, change in enumerate(changes, start=1):
        where = f"change {position}"
        if change.get("from_status") != previous:
            raise bad_row(
                path, number, "history", f"{where} is from {change.get('from_status')!r}, "
                f"but the case was {previous!r} before it"
            )  # fmt: skip
        if change.get("to_status") not in allowed_next(previous):
            raise bad_row(
                path, number, "history", f"{where}: a case that is {previous} cannot move to "
                f"{change.get('to_status')!r}"
            )  # fmt: skip
        on = _when(path, number, "history", change.get("on"), date)
        if on is None or on > date.today() or (last is not None and on < last):
            raise bad_row(
                path, number, "history", f"{where}: its date {change.get('on')!r} is missing, "
                "in the future or before the change before it"
            )  # fmt: skip
        change["on"], previous, last = on, change["to_status"], on
    if previous != row["status"]:
        raise bad_row(
            path, number, "history", f"the last change is to {previous}, not to the case's "
            f"status {row['status']}"
        )  # fmt: skip
    return changes


def _imported_change(session: Session, path: Path, case, change: dict, remains_ids: dict):
    """One change of status as recorded in the store the file came from, with its source (in
    this store, by its original's SHA-256) and remains (those the row brought, by the file's
    label, else this store's of the label); the note says whence."""
    from toll.model import CaseTransition, Remains, Source
    from toll.model.base import utcnow

    source = None
    if change.get("source_sha256"):
        source = session.scalar(select(Source.id).where(Source.sha256 == change["source_sha256"]))
    remains = remains_ids.get(change.get("remains"))
    if change.get("remains") and remains is None:
        remains = session.scalar(select(Remains.id).where(Remains.label == change["remains"]))
    recorded = " ".join(
        part
        for part in ("recorded", change.get("by") and f"by {change['by']}",
                     change.get("at") and f"at {str(change['at'])[:16]}")
        if part
    )  # fmt: skip
    whence = [f"imported from {path.name} ({recorded})" if recorded != "recorded" else
              f"imported from {path.name}"]  # fmt: skip
    if change.get("source_sha256") and source is None:
        whence.append(
            f"its source {change.get('source')!r} (SHA-256 {change['source_sha256'][:12]}…) "
            "is not in this store"
        )
    if change.get("remains") and remains is None:
        whence.append(f"remains {change['remains']} are not in this store")
    return CaseTransition(
        case_id=case.id,
        from_status=change.get("from_status"),
        to_status=change["to_status"],
        on=change["on"],
        source_id=source,
        remains_id=remains,
        note="; ".join(part for part in (change.get("note"), *whence) if part),
        created_by=session.info.get("actor"),
        created_at=utcnow(),
    )


def estimates(session: Session, path: Path, rows: Rows) -> ImportedExport:
    """Each estimate (its rows, one per method, together) with its interval, table, settings."""
    from toll.model import Estimate

    groups: dict[Any, list[tuple[int, dict]]] = {}
    for number, row in enumerate(rows, start=1):
        _required(path, number, row, "estimate_id", "method", "created_at", "toll_version")
        groups.setdefault(row["estimate_id"], []).append((number, row))
    result = ImportedExport(path.name, "estimates", len(rows), 0)
    for members in groups.values():
        number, first = members[0]
        created = _when(path, number, "created_at", first["created_at"])
        held = select(Estimate.id).where(
            _same(Estimate.label, first["label"]),
            Estimate.toll_version == first["toll_version"],
            Estimate.created_at == created,
            Estimate.retracted_at.is_(None),
        )
        if session.scalar(held) is not None:
            result.unchanged += 1
            continue
        session.add(_estimate(first, [row for _, row in members], created, session, path))
        result.added += 1
    session.flush()
    return result


def _estimate(first: dict, methods: list[dict], created, session: Session, path: Path):
    from toll.model import Estimate

    return Estimate(
        label=first["label"],
        stratum=first["stratum"] or {},
        table=first["table"] or {},
        settings=first["settings"] or {},
        result={
            "observed": first["observed"],
            "lists": first["lists"],
            "methods": [
                {
                    "name": row["method"],
                    "estimate": row["estimate"],
                    "low": row["low"],
                    "high": row["high"],
                    "diagnostics": {"interval": row["interval"]},
                }
                for row in methods
            ],
            "imported_from": path.name,
        },
        toll_version=first["toll_version"],
        created_at=created,
        created_by=session.info.get("actor"),
    )
