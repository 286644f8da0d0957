"""The remains of a case, rebuilt from a cases export's `remains` column.

Remains are found in the store by their lab reference (the laboratory's own, the same in every
store); remains the store lacks are added, under the file's label when the store has no
remains of it, with their source found by its original's SHA-256. Remains the file shows
identified as the case are identified again (the identification noting the file), unless the
store holds that identification already; remains the store identified as another case refuse
the row. Nothing the store holds is changed.
"""

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.exports.kinds import REMAINS_FIELDS
from toll.exports.rebuild import _when, bad_row

NUMBERS = ("age_low", "age_high", "stature_low", "stature_high")


def case_remains(session: Session, path: Path, number: int, row: dict, case) -> tuple[dict, int]:
    """The row's remains in this store ({the file's label: id}), and how many remains and
    identifications were added."""
    from toll.model import Remains

    entries = row.get("remains") or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise bad_row(path, number, "remains", "not a list of remains")
    ids, added = {}, 0
    for position, entry in enumerate(entries, start=1):
        where = f"remains {position} ({entry.get('remains_id')})"
        lab = entry.get("lab_reference")
        if not isinstance(lab, str) or not lab.strip():
            raise bad_row(path, number, "remains", f"{where} has no lab_reference; all remains do")
        held = session.scalars(
            select(Remains)
            .where(Remains.lab_reference == lab, Remains.retracted_at.is_(None))
            .order_by(Remains.id)
        ).first()
        if held is None:
            held = _new_remains(session, path, number, where, entry)
            added += 1
        ids[entry.get("remains_id")] = held.id
        if entry.get("identified"):
            added += _identification(session, path, number, where, entry, held, case)
    return ids, added


def _new_remains(session: Session, path: Path, number: int, where: str, entry: dict):
    from toll.cases.cases import next_number
    from toll.model import Remains, Source
    from toll.names import place_key
    from toll.records.dates import parse_date
    from toll.remains.store import remains_label

    for name in NUMBERS:
        value = entry.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            why = f"{where}: {name} {value!r} is not a whole number"
            raise bad_row(path, number, "remains", why)
    label = entry.get("remains_id")
    taken = session.scalar(select(Remains.id).where(Remains.label == label))
    if not (isinstance(label, str) and re.fullmatch(r"R-\d{5,}", label)) or taken is not None:
        label = remains_label(next_number(session, Remains))
    found = parse_date(entry["found_on"]) if entry.get("found_on") else None
    source = None
    if entry.get("source_sha256"):
        source = session.scalar(select(Source.id).where(Source.sha256 == entry["source_sha256"]))
    whence = f"imported from {path.name} with case row {number}"
    if entry.get("source_sha256") and source is None:
        whence += f"; its source {entry.get('source')!r} is not in this store"
    remains = Remains(
        label=label,
        **{name: entry.get(name) for name in REMAINS_FIELDS if name != "notes"},
        notes="; ".join(part for part in (entry.get("notes"), whence) if part),
        found_earliest=found.earliest if found else None,
        found_latest=found.latest if found else None,
        place_key=place_key(entry["found_place"]) if entry.get("found_place") else None,
        source_id=source,
        row_number=entry.get("row"),
        warnings=[],
        created_by=session.info.get("actor"),
    )
    session.add(remains)
    session.flush()
    return remains


def _identification(session, path: Path, number: int, where: str, entry: dict, remains, case):
    """Identify the remains as the case again, as the file shows; 1 if it was added."""
    from toll.model import Case, Identification, Person, Source

    if remains.case_id == case.id:
        return 0
    if remains.case_id is not None:
        other = session.get(Case, remains.case_id).label
        raise bad_row(
            path, number, "remains", f"{where}: remains {remains.label} (lab ref "
            f"{remains.lab_reference}) are identified in this store as case {other}, in the file "
            f"as {case.label}"
        )  # fmt: skip
    shown = entry["identified"]
    on = _when(path, number, "remains", shown.get("on"), date)
    if on is None:
        raise bad_row(path, number, "remains", f"{where}: its identification has no date (on)")
    source = None
    if shown.get("source_sha256"):
        source = session.scalar(select(Source.id).where(Source.sha256 == shown["source_sha256"]))
    recorded = " ".join(
        part for part in ("recorded", shown.get("by") and f"by {shown['by']}",
                          shown.get("at") and f"at {str(shown['at'])[:16]}") if part
    )  # fmt: skip
    person = session.get(Person, case.person_id)
    session.add(
        Identification(
            remains_id=remains.id,
            case_id=case.id,
            on=on,
            source_id=source,
            previous_fate=person.fate,
            note="; ".join(
                part
                for part in (shown.get("note"), f"imported from {path.name} ({recorded})")
                if part
            ),
            created_by=session.info.get("actor"),
        )
    )
    remains.case_id = case.id
    person.fate = "dead"
    session.flush()
    return 1
