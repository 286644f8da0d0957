"""A relation: a family link between two persons, as a user or a source reports it.

Relations read from lists (a household column and a relation-to-head column) are not stored
here: they are read from the records each time, so they follow the persons through every
re-linkage. This table holds the relations entered by hand (`toll family relate`).
"""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

RELATION_KINDS = ("parent", "child", "spouse", "sibling", "household")


class Relation(Created, Retractable, Base):
    """`person_id` is the `kind` of `relative_id` (parent of, spouse of), per `source_id`."""

    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    relative_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    note: Mapped[str | None] = mapped_column(Text)
