"""An export read back into a store: `toll import-export FILE`, one path for every kind.

The kind is told by the file's columns (each export has its own). Records and persons
exports import as lists (the file kept as a source, every row a record); incidents exports
add the incidents they hold (with their parents); families exports add the relations that were
entered by hand, between the persons holding the members' records (the households come back
with the records); sources, claims, cases and estimates are rebuilt row by row
(`toll.exports.rebuild`), remains by their lab references (`toll.exports.remains`).
What the store already holds is left as it is, so importing a file twice changes nothing.
A public export, or one made without the personal-data grant, is refused: what it left out
cannot be restored from it.
"""

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.exports import rebuild
from toll.exports.formats import _csv_rows, _xlsx_rows, read_export
from toll.exports.kinds import (
    CASE_COLUMNS,
    CASE_COUNT_COLUMNS,
    CLAIM_COLUMNS,
    COUNT_COLUMNS,
    ESTIMATE_COLUMNS,
    FAMILY_COLUMNS,
    FIGURE_COLUMNS,
    INCIDENT_COLUMNS,
    PERSON_COLUMNS,
    PUBLIC_MARK,
    RECORD_COLUMNS,
    REMAINS_COLUMNS,
    SOURCE_COLUMNS,
)
from toll.exports.rebuild import ImportedExport
from toll.exports.remains import remains as remains_export
from toll.exports.tables import Column
from toll.store.access import require
from toll.store.history import log_event

KINDS: dict[str, list[Column]] = {
    "sources": SOURCE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "records": RECORD_COLUMNS,
    "persons": PERSON_COLUMNS,
    "estimates": ESTIMATE_COLUMNS,
    "cases": CASE_COLUMNS,
    "incidents": INCIDENT_COLUMNS,
    "families": FAMILY_COLUMNS,
    "remains": REMAINS_COLUMNS,
}
# Columns an export of an earlier version of Toll had: read as today's, the new ones empty.
EARLIER: list[tuple[str, list[Column]]] = [
    ("cases", [c for c in CASE_COLUMNS if c.name not in ("person_name", "history", "remains")]),
    ("cases", [c for c in CASE_COLUMNS if c.name != "remains"]),
    ("families", [c for c in FAMILY_COLUMNS if c.name != "records"]),
]
PUBLIC = (COUNT_COLUMNS, CASE_COUNT_COLUMNS, FIGURE_COLUMNS)
REDACTED = (
    "a public export (or one made without the personal-data grant) leaves out personal data "
    "and cannot restore it"
)


def export_kind(path: Path) -> str:
    """The export a file holds, told by its columns."""
    header = _header(path)
    for kind, table in (*KINDS.items(), *EARLIER):
        if header == [column.name for column in table]:
            return kind
    for kind, table in KINDS.items():
        if header == [column.name for column in table] + [PUBLIC_MARK.name]:
            raise TollError(
                f"{path.name}: {REDACTED} (the {kind} it left out are not in it), so it is not "
                "imported; import an export made without --public by a user with the grant"
            )
    if any(header == [column.name for column in table] for table in PUBLIC):
        raise TollError(
            f"{path.name}: {REDACTED}: it holds counts, not the rows they count, so it is not "
            "imported; import an export made without --public"
        )
    raise TollError(
        f"{path.name}: its columns ({', '.join(map(str, header[:6]))}…) are those of no Toll "
        "export; `toll export --help` lists the exports"
    )


def _header(path: Path) -> list:
    if not path.is_file():
        raise TollError(f"{path}: no such file")
    try:
        if path.suffix.lower() == ".json":
            rows = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
                raise TollError(f"{path.name}: a JSON export is a list of rows; this holds none")
            return list(rows[0])
        rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
        return next(rows, [])
    except (UnicodeDecodeError, json.JSONDecodeError, OSError, ValueError) as error:
        raise TollError(f"{path.name}: not a readable export ({error})") from None


def import_export(session: Session, path: Path, originals: Path | None = None) -> ImportedExport:
    """Import an export file of any kind and format back into the store (all or nothing).

    `originals` is the folder holding a sources export's original files (by default the one
    `toll export sources -o FILE` writes beside it).
    """
    require(session, "edit")
    kind = export_kind(path)
    if kind in ("records", "persons"):
        result = _as_list(session, path, kind)
    else:
        rows = _rows(path, kind)
        if kind == "sources":
            result = rebuild.sources(session, path, rows, originals)
        else:
            result = READERS[kind](session, path, rows)
    log_event(
        session, "import", kind, None, note=f"{path.name}: {result.added} added, {kind} export"
    )
    return result


def _rows(path: Path, kind: str) -> list[dict[str, Any]]:
    """The file's rows, typed by its kind's columns; an earlier export's missing ones empty."""
    header = _header(path)
    for earlier, table in EARLIER:
        if earlier == kind and header == [column.name for column in table]:
            names = [column.name for column in KINDS[kind]]
            return [dict.fromkeys(names) | row for row in read_export(path, table)]
    return read_export(path, KINDS[kind])


def _as_list(session: Session, path: Path, kind: str) -> ImportedExport:
    from toll.records.store import import_list
    from toll.sources import SourceMetadata

    done = import_list(session, path, SourceMetadata(title=f"{kind} export {path.name}"))
    added = done.records if done.created else 0
    return ImportedExport(
        path.name, kind, done.records, added, done.records - added, done.source.id
    )


def _incidents(session: Session, path: Path, rows: list[dict[str, Any]]) -> ImportedExport:
    """Each incident added unless the store holds one of the same title, place and date;
    parents before their children, so that each is added within its parent."""
    from toll.incidents import add_incident
    from toll.model import Incident

    result = ImportedExport(path.name, "incidents", len(rows), 0)
    ids: dict[int, int] = {}  # id in the file -> id in the store
    pending = list(rows)
    while pending:
        ready = [r for r in pending if r["parent_id"] is None or r["parent_id"] in ids]
        if not ready:
            missing = pending[0]
            raise TollError(
                f"{path.name}: incident {missing['incident_id']} is within incident "
                f"{missing['parent_id']}, which the file does not hold; nothing was imported"
            )
        for row in ready:
            same = session.scalars(
                select(Incident.id).where(
                    Incident.title == row["title"],
                    Incident.date_text.is_(None)
                    if row["date_text"] is None
                    else Incident.date_text == row["date_text"],
                    Incident.retracted_at.is_(None),
                )
            ).first()
            if same is not None:
                ids[row["incident_id"]] = same
                result.unchanged += 1
                continue
            added = add_incident(
                session,
                row["title"],
                place=row["place"],
                country=row["country"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                when=row["date_text"],
                parent=ids.get(row["parent_id"]),
                description=row["description"],
            )
            session.get(Incident, added.id).event_id = row["event_id"]
            ids[row["incident_id"]] = added.id
            result.added += 1
        pending = [r for r in pending if r["incident_id"] not in ids]
    return result


def _relations(session: Session, path: Path, rows: list[dict[str, Any]]) -> ImportedExport:
    """The relations entered by hand, between the persons of the store that hold the records
    the file lists for them (`_member`)."""
    from toll.families import relate
    from toll.model import Person, Relation

    members = {row["person_id"]: row for row in rows}  # the file's members, by label
    result = ImportedExport(path.name, "families", len(rows), 0)
    found: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        for relation in row["relations"] or []:
            a, b = (
                _member(session, path, number, field, label, members, found, result)
                for field, label in (("person_id", row["person_id"]),
                                     ("relations", relation["relative"]))
            )  # fmt: skip
            standing = select(Relation.id).where(
                Relation.person_id == a,
                Relation.relative_id == b,
                Relation.kind == relation["kind"],
                Relation.retracted_at.is_(None),
            )
            if session.scalars(standing).first() is not None:
                result.unchanged += 1
                continue
            note = "; ".join(p for p in (relation.get("note"), f"from {path.name}") if p)
            labels = [session.get(Person, person).label for person in (a, b)]
            relate(session, *labels, relation["kind"], note=note)
            result.added += 1
    return result


def _member(
    session: Session,
    path: Path,
    number: int,
    field: str,
    label: str,
    members: dict[str, dict],
    found: dict[str, int],
    result: ImportedExport,
) -> int:
    """A member of the file's families in this store: the one person holding the records the
    file lists for them (`persons_of_records`); else, when the store holds none of them (or
    the file lists none), the person of the label and the name the file gives
    (`rebuild.person_in_store`), with a note saying so."""
    if label in found:
        return found[label]
    row = members.get(label) or {}
    name, records = row.get("full_name"), row.get("records") or []
    whom = f"{label} ({name})" if name else label
    persons = persons_of_records(session, records)
    if len(persons) > 1:
        held = ", ".join(sorted(persons.values())[:4])
        raise rebuild.bad_row(
            path, number, field, f"person {whom}: the records the file lists for them are of "
            f"{len(persons)} persons of the store ({held}); relate them by hand "
            "(`toll family relate`), or merge the persons first"
        )  # fmt: skip
    if persons:
        found[label] = next(iter(persons))
        return found[label]
    found[label] = rebuild.person_in_store(
        session,
        path,
        number,
        field,
        label,
        name,
        belongs="a relation is between persons of the register",
        by_hand="relate them by hand (`toll family relate`)",
    )
    why = "none of their records is in this store" if records else "the file lists no records"
    result.notes.append(f"row {number}: person {whom} found by label and name only ({why})")
    return found[label]


def persons_of_records(session: Session, records: list[dict]) -> dict[int, str]:
    """The persons (id: label) of this store holding the records listed (each by its list's
    SHA-256 and row, or by the list's id, file and row as a records export wrote them and an
    import of that export keeps them, among each record's original cells)."""
    from toll.model import Person, Record, Source

    current = (
        select(Record.person_id, Person.label)
        .join(Person, Person.id == Record.person_id)
        .where(Record.retracted_at.is_(None), Person.retracted_at.is_(None))
    )
    wanted = {(r.get("source_sha256"), r.get("row")) for r in records if r.get("source_sha256")}
    shas = sorted({sha for sha, _ in wanted})
    by_hash = current.add_columns(Source.sha256, Record.row_number).join(
        Source, Source.id == Record.source_id
    )
    persons = {
        person: label
        for person, label, sha, row in session.execute(by_hash.where(Source.sha256.in_(shas)))
        if (sha, row) in wanted
    }
    if persons:
        return persons
    listed = {(str(r.get("source_id")), str(r.get("row"))) for r in records}
    for file in sorted({r["source_file"] for r in records if r.get("source_file")}):
        exported = current.add_columns(Record.original).where(
            Record.original["source_file"].as_string() == file
        )
        for person, label, original in session.execute(exported):
            if (str(original.get("source_id")), str(original.get("row"))) in listed:
                persons[person] = label
    return persons


READERS = {
    "claims": rebuild.claims,
    "cases": rebuild.cases,
    "estimates": rebuild.estimates,
    "incidents": _incidents,
    "families": _relations,
    "remains": remains_export,
}
