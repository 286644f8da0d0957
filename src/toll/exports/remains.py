"""Remains rebuilt from a remains export, or from a cases export's `remains` column.

Remains are found in the store by their lab reference (the laboratory's own, the same in every
store); remains the store lacks are added, under the file's label when the store has no
remains of it, with their source found by its original's SHA-256. Remains the file shows
identified as the case are identified again (the identification noting the file), unless the
store holds that identification already; remains the store identified as another case refuse
the row. A remains export brings every identification, retracted ones too (added retracted,
with who retracted them, when and why), each on the case of its label. Nothing the store holds
is changed.
"""

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.exports.kinds import REMAINS_FIELDS
from toll.exports.rebuild import ImportedExport, _when, bad_row
from toll.model import Remains

NUMBERS = ("age_low", "age_high", "stature_low", "stature_high")


def case_remains(session: Session, path: Path, number: int, row: dict, case) -> tuple[dict, int]:
    """The row's remains in this store ({the file's label: id}), and how many remains and
    identifications were added."""
    entries = row.get("remains") or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise bad_row(path, number, "remains", "not a list of remains")
    ids, added = {}, 0
    for position, entry in enumerate(entries, start=1):
        where = f"remains {position} ({entry.get('remains_id')})"
        held, new = held_or_added(session, path, number, "remains", where, entry)
        ids[entry.get("remains_id")] = held.id
        added += new
        if entry.get("identified"):
            added += _identification(
                session, path, number, "remains", where, entry["identified"], held, case
            )
    return ids, added


def held_or_added(
    session: Session, path: Path, number: int, field: str | None, where: str, entry: dict
) -> tuple[Remains, int]:
    """The store's remains of the entry's lab reference, else new ones; 1 if added. `field`:
    the column holding the entry (a cases export's `remains`), None when each of its values
    is a column of its own (a remains export)."""
    lab = entry.get("lab_reference")
    if not isinstance(lab, str) or not lab.strip():
        why = f"{where} has no lab_reference; all remains do"
        raise bad_row(path, number, field or "lab_reference", why)
    held = session.scalars(
        select(Remains)
        .where(Remains.lab_reference == lab, Remains.retracted_at.is_(None))
        .order_by(Remains.id)
    ).first()
    if held is not None:
        return held, 0
    return _new_remains(session, path, number, field, where, entry), 1


def _new_remains(
    session: Session, path: Path, number: int, field: str | None, where: str, entry: dict
):
    from toll.cases.cases import next_number
    from toll.model import Source
    from toll.names import place_key
    from toll.records.dates import parse_date
    from toll.remains.store import remains_label

    for name in NUMBERS:
        value = entry.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            why = f"{where}: {name} {value!r} is not a whole number"
            raise bad_row(path, number, field or name, why)
    label = entry.get("remains_id")
    taken = session.scalar(select(Remains.id).where(Remains.label == label))
    if not (isinstance(label, str) and re.fullmatch(r"R-\d{5,}", label)) or taken is not None:
        label = remains_label(next_number(session, Remains))
    found = parse_date(entry["found_on"]) if entry.get("found_on") else None
    source = None
    if entry.get("source_sha256"):
        source = session.scalar(select(Source.id).where(Source.sha256 == entry["source_sha256"]))
    whence = f"imported from {path.name}" + (f" with case row {number}" if field else "")
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


def _identification(
    session, path: Path, number: int, field: str, where: str, shown: dict, remains, case
):
    """Identify the remains as the case again, as the file shows (`shown`); 1 if it was
    added."""
    from toll.model import Case, Person

    if remains.case_id == case.id:
        return 0
    if remains.case_id is not None:
        other = session.get(Case, remains.case_id).label
        raise bad_row(
            path, number, field, f"{where}: remains {remains.label} (lab ref "
            f"{remains.lab_reference}) are identified in this store as case {other}, in the file "
            f"as {case.label}"
        )  # fmt: skip
    person = session.get(Person, case.person_id)
    session.add(_imported_identification(session, path, number, field, where, shown, remains,
                                         case, previous_fate=person.fate))  # fmt: skip
    remains.case_id = case.id
    person.fate = "dead"
    session.flush()
    return 1


def _imported_identification(
    session, path: Path, number: int, field: str, where: str, shown: dict, remains, case,
    previous_fate,
):  # fmt: skip
    """The identification the file shows, new in this store, its note naming the file."""
    from toll.model import Identification, Source

    on = _when(path, number, field, shown.get("on"), date)
    if on is None:
        raise bad_row(path, number, field, f"{where}: its identification has no date (on)")
    source = None
    if shown.get("source_sha256"):
        source = session.scalar(select(Source.id).where(Source.sha256 == shown["source_sha256"]))
    recorded = " ".join(
        part for part in ("recorded", shown.get("by") and f"by {shown['by']}",
                          shown.get("at") and f"at {str(shown['at'])[:16]}") if part
    )  # fmt: skip
    return Identification(
        remains_id=remains.id,
        case_id=case.id,
        on=on,
        source_id=source,
        previous_fate=previous_fate,
        note="; ".join(
            part for part in (shown.get("note"), f"imported from {path.name} ({recorded})") if part
        ),
        created_by=session.info.get("actor"),
    )


def remains(session: Session, path: Path, rows: list[dict]) -> ImportedExport:
    """Each remains of a remains export: found by lab reference or added (`held_or_added`,
    as a cases export's are), with its identifications: a standing one made again unless the
    store holds it, a retracted one added retracted (who, when, why) unless the store holds
    it; the case of each is found by its label (import the cases export first)."""
    result = ImportedExport(path.name, "remains", len(rows), 0)
    for number, row in enumerate(rows, start=1):
        where = f"remains {row.get('remains_id')}"
        held, added = held_or_added(session, path, number, None, where, row)
        shown = row.get("identifications") or []
        if not isinstance(shown, list) or not all(isinstance(i, dict) for i in shown):
            raise bad_row(path, number, "identifications", "not a list of identifications")
        for position, identification in enumerate(shown, start=1):
            added += _identified_again(
                session, path, number, f"{where}: identification {position}", identification,
                held,
            )  # fmt: skip
        if added:
            result.added += 1
        else:
            result.unchanged += 1
    return result


def _identified_again(session, path: Path, number: int, where: str, shown: dict, remains) -> int:
    """One identification of a remains export in this store; 1 if it was added."""
    from toll.model import Case, Identification

    field = "identifications"
    label = shown.get("case_id")
    case = session.scalar(select(Case).where(Case.label == label)) if label else None
    if case is None:
        raise bad_row(
            path, number, field, f"{where} is of case {label}, which is not in this store; "
            "import the cases export first"
        )  # fmt: skip
    if shown.get("retracted_at") is None:
        return _identification(session, path, number, field, where, shown, remains, case)
    on = _when(path, number, field, shown.get("on"), date)
    held = select(Identification.id).where(
        Identification.remains_id == remains.id,
        Identification.case_id == case.id,
        Identification.on == on,
        Identification.retracted_at.isnot(None),
    )
    if session.scalars(held).first() is not None:
        return 0
    identification = _imported_identification(
        session, path, number, field, where, shown, remains, case, shown.get("previous_fate")
    )
    identification.retracted_at = _when(path, number, field, shown["retracted_at"])
    identification.retracted_by = shown.get("retracted_by") or session.info.get("actor")
    identification.retraction_reason = shown.get("retraction_reason")
    session.add(identification)
    session.flush()
    return 1
