"""A relation: a family link between two persons, as a source reports it."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, Retractable

RELATION_KINDS = ("parent", "child", "spouse", "sibling", "other")


class Relation(Created, Retractable, Base):
    """`person_id` is `kind` of `relative_id` (e.g. parent of), per `source_id`."""

    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    relative_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
