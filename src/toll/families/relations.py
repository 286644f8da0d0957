"""Relations entered by hand, and one family shown with where each member and link comes from."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.cases.cases import source_of
from toll.cases.facts import person_facts
from toll.errors import TollError
from toll.families.households import Family, household_names, read_families
from toll.model import Person, Relation
from toll.model.relation import RELATION_KINDS
from toll.persons.lookup import get_person
from toll.store.access import require
from toll.store.history import log_event, retract

SYMMETRIC = ("spouse", "sibling", "household")


def relate(
    session: Session,
    person: str,
    relative: str,
    kind: str,
    *,
    source_id: int | None = None,
    note: str | None = None,
) -> Relation:
    """Record that `person` is the `kind` (parent, child, spouse, sibling, household member)
    of `relative`. The same standing relation twice is refused."""
    require(session, "edit")
    if kind not in RELATION_KINDS:
        raise TollError(f"--as {kind!r}: a relation is one of {', '.join(RELATION_KINDS)}")
    a, b = get_person(session, person), get_person(session, relative)
    if a.id == b.id:
        raise TollError(f"{a.label} cannot be related to themselves")
    source_of(session, source_id)
    pairs = [(a.id, b.id)] + ([(b.id, a.id)] if kind in SYMMETRIC else [])
    for left, right in pairs:
        same = select(Relation).where(
            Relation.person_id == left,
            Relation.relative_id == right,
            Relation.kind == kind,
            Relation.retracted_at.is_(None),
        )
        if session.scalar(same) is not None:
            raise TollError(f"{a.label} is already recorded as {kind} of {b.label}")
    relation = Relation(
        person_id=a.id,
        relative_id=b.id,
        kind=kind,
        source_id=source_id,
        note=note,
        created_by=session.info.get("actor"),
    )
    session.add(relation)
    session.flush()
    return relation


def unrelate(session: Session, relation_id: int, *, reason: str) -> Relation:
    """Retract a relation entered by hand, with its reason: it stays in the store marked
    retracted (who, when, why) and no longer joins the two persons' families."""
    require(session, "edit")
    relation = session.get(Relation, relation_id)
    if relation is None:
        raise TollError(
            f"no relation {relation_id}; `toll family show PERSON` lists a family's relations"
        )
    if relation.retracted_at is not None:
        raise TollError(
            f"relation {relation_id} was already retracted by {relation.retracted_by}: "
            f"{relation.retraction_reason}"
        )
    retract(session, relation, reason)
    session.flush()
    return relation


@dataclass
class FamilyView:
    family_id: str
    head: str | None
    members: list[dict] = field(default_factory=list)
    households: list[dict] = field(default_factory=list)  # each list's own household number
    relations: list[dict] = field(default_factory=list)  # entered by hand, with their source


def family_of(session: Session, person: str) -> FamilyView:
    """The family a person belongs to: members with their role, status and records."""
    found = get_person(session, person)
    family = next((f for f in read_families(session) if found.id in f.members), None)
    if family is None:
        raise TollError(
            f"{found.label} belongs to no family: no list gives them a household and no "
            f"relation was entered (`toll family relate {found.label} OTHER --as parent`)"
        )
    log_event(session, "view", "families", found.id, note=family.family_id)
    return _view(session, family)


def _view(session: Session, family: Family) -> FamilyView:
    facts = person_facts(session, family.members)
    label = {p: f.label for p, f in facts.items()}
    members = [
        {
            "person_id": facts[p].label,
            "name": facts[p].name,
            "role": role,
            "sex": facts[p].sex,
            "born": facts[p].birth_year,
            "statuses": sorted(facts[p].statuses),
            "fate": facts[p].fate,
            "parents": sorted(label[q] for q in family.parents_of(p) if q in label),
            "records": family.records.get(p, []),
        }
        for p, role in sorted(family.members.items())
        if p in facts
    ]
    relations = [
        {
            "relation_id": r.id,
            "person_id": label.get(r.person_id),
            "kind": r.kind,
            "relative_id": label.get(r.relative_id),
            "source_id": r.source_id,
            "by": r.created_by,
            "note": r.note,
        }
        for r in family.relations
    ]
    head = session.get(Person, family.head).label if family.head is not None else None
    return FamilyView(family.family_id, head, members, household_names(session, family), relations)
