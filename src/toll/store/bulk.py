"""Many rows changed at once, by primary key, without the ORM's bookkeeping per row."""

from sqlalchemy import Table, bindparam, update
from sqlalchemy.orm import Session

CHUNK = 5000  # rows a statement is executed with at a time


def update_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """Set the columns each row names on the row its primary key names.

    Every row gives the primary key and the same columns, as `{"id": 7, "person_id": 12}`.
    One executemany per chunk of rows; about twice as fast as the ORM's bulk update by
    primary key, which checks each row against the mapper. Columns' types still apply (a
    sealed field is sealed)."""
    if not rows:
        return
    (primary,) = table.primary_key.columns
    columns = [name for name in rows[0] if name != primary.name]
    statement = (
        update(table)
        .where(primary == bindparam("_" + primary.name))
        .values({name: bindparam("_" + name) for name in columns})
    )
    session.flush()  # as the ORM's own statements would, first
    connection = session.connection()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        connection.execute(statement, [{"_" + k: v for k, v in row.items()} for row in chunk])
