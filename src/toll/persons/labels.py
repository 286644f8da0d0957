"""Persons' labels (P-00417) and the names they are shown by."""

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from toll.model import Person, Record
from toll.records.display import full_name
from toll.store.bulk import update_rows
from toll.store.locks import in_turn


def new_persons(session: Session, count: int) -> list[int]:
    """Create `count` persons with the next free labels; return their ids in order."""
    if not count:
        return []
    in_turn(session, "labels of persons")  # many writers: one label each
    labels = session.scalars(select(Person.label))
    start = max((int(label.removeprefix("P-")) for label in labels), default=0) + 1
    actor = session.info.get("actor")
    rows = [
        {"label": f"P-{number:05d}", "created_by": actor} for number in range(start, start + count)
    ]
    # the table's own insert, not the ORM's bulk insert: no mapper work per row
    persons = Person.__table__
    query = insert(persons).returning(persons.c.id, sort_by_parameter_order=True)
    return list(session.scalars(query, rows))


def name_persons(session: Session, person_ids: set[int]) -> None:
    """Show each person by the fullest name any of its records gives."""
    names: dict[int, str] = {}
    query = select(
        Record.person_id, Record.full_name, Record.given_name, Record.patronymic, Record.family_name
    ).where(Record.person_id.isnot(None), Record.retracted_at.is_(None))
    if len(person_ids) <= 500:  # a reviewer's decision: read only the persons it touched
        query = query.where(Record.person_id.in_(person_ids))
    session.flush()
    # the rows as plain tuples (the connection's, not the ORM's: no ORM work per record)
    for person_id, full, given, patronymic, family in session.connection().execute(query):
        name = full_name(full, family, given, patronymic)
        if person_id in person_ids and name and len(name) > len(names.get(person_id, "")):
            names[person_id] = name
    current_query = select(Person.id, Person.display_name)
    if len(person_ids) <= 500:
        current_query = current_query.where(Person.id.in_(person_ids))
    current = dict(session.execute(current_query).all())
    changes = [
        {"id": person_id, "display_name": name}
        for person_id, name in names.items()
        if current.get(person_id) != name
    ]
    update_rows(session, Person.__table__, changes)
