"""A small register written straight into a store: persons with their records and sources."""

from toll.model import Person, Record
from toll.sources.store import SourceMetadata, store_original


def add_list(session, name: str, publisher: str | None = None, published: str | None = None):
    """A source standing for a list (its bytes are just its name)."""
    meta = SourceMetadata(title=name, publisher=publisher, published=published, kind="list")
    return store_original(session, name.encode(), name, "text/csv", None, meta).source


def add_person(session, label: str, name: str, records: list[dict]) -> Person:
    """A person and their records; each record dict has source (a Source) and record fields."""
    person = Person(label=label, display_name=name)
    session.add(person)
    session.flush()
    for fields in records:
        fields = dict(fields)
        source = fields.pop("source")
        row = session.query(Record).filter(Record.source_id == source.id).count() + 1
        session.add(
            Record(
                source_id=source.id,
                row_number=row,
                original={"name": name},
                person_id=person.id,
                full_name=name,
                **fields,
            )
        )
        session.flush()
    return person
