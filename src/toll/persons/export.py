"""Exporting records with their person, for analysis outside Toll."""

import csv
import json
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import Person, Record, Source
from toll.model.record import PERSON_FIELDS, READING_FIELDS
from toll.store.access import require_personal_data
from toll.store.history import log_event

EXPORT_COLUMNS = [
    "record_id",
    "source_id",
    "source_file",
    "row",
    "person_id",
    *PERSON_FIELDS,
    *READING_FIELDS,
    "warnings",
]


def record_rows(session: Session):
    """Every current record as a flat dict with the EXPORT_COLUMNS."""
    query = (
        select(Record, Source.file_name, Person.label)
        .join(Source, Source.id == Record.source_id)
        .outerjoin(Person, Person.id == Record.person_id)
        .where(Record.retracted_at.is_(None))
        .order_by(Record.source_id, Record.row_number)
        .execution_options(yield_per=2000)
    )
    for record, file_name, label in session.execute(query):
        yield {
            "record_id": record.id,
            "source_id": record.source_id,
            "source_file": file_name,
            "row": record.row_number,
            "person_id": label,
            **record_fields(record),
            **{field: getattr(record, field) for field in READING_FIELDS},
            "warnings": record.warnings or [],
        }


def record_fields(record: Record) -> dict:
    """What a record says about the person, as exported and shown."""
    return {field: getattr(record, field) for field in PERSON_FIELDS}


def write_records(session: Session, format: str, output: Path | None) -> int:
    """Write every record as CSV or JSON to `output` (or stdout); return how many."""
    require_personal_data(session)
    handle = _open_output(output) if output else sys.stdout
    try:
        count = _write(record_rows(session), format, handle)
    finally:
        if output:
            handle.close()
    log_event(session, "export", "records", None, note=f"{count} records as {format}")
    return count


def _open_output(output: Path):
    try:
        return open(output, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise TollError(
            f"cannot write {output}: {error.strerror}; give a file path in a folder that exists"
        ) from None


def _write(rows, format: str, handle) -> int:
    count = 0
    if format == "csv":
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
    else:
        handle.write("[")
    for row in rows:
        count += 1
        if format == "csv":
            writer.writerow(row | {"warnings": " | ".join(row["warnings"])})
        else:
            text = json.dumps(row, ensure_ascii=False, default=str)
            handle.write(("," if count > 1 else "") + "\n" + text)
    if format != "csv":
        handle.write("\n]\n")
    return count
