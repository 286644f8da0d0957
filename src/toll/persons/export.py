"""Records with their person, as exported for analysis outside Toll (see toll.exports)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.model import Person, Record, Source
from toll.model.record import PERSON_FIELDS, READING_FIELDS

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
