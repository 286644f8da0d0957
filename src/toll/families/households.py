"""Families, read from the register: households of the lists joined through their persons.

A list numbers its households its own way, so household numbers are never compared across
lists: two households are one family when they share a person (the same person, linked across
the lists). Relations entered by hand (`toll family relate`) join families too. Families are
computed from the records every time, so they follow the persons through each re-linkage.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.model import Person, Record, Relation, Source

CHILD_ROLES = {"son", "daughter", "child"}
PARENT_OF_HEAD = {"father", "mother"}
COUPLE = {"head", "spouse"}


@dataclass
class Family:
    family_id: str  # F- and the number of the head's (else the first member's) person label
    members: dict[int, str | None]  # person id -> role (relation to the head)
    head: int | None
    households: list[tuple[int, str]] = field(default_factory=list)  # (source id, household)
    records: dict[int, list[int]] = field(default_factory=dict)  # person id -> record ids
    relations: list[Relation] = field(default_factory=list)  # entered by hand
    # each list's household as that list gives it: person id -> relations to *its* head (a
    # person linked to two records of one household has two)
    groups: list[dict[int, set[str]]] = field(default_factory=list)

    def parents_of(self, person: int) -> set[int]:
        """The recorded parents of a member: in each list's household, the head and spouse of
        a son or daughter of the head, and the father and mother of the head; and the
        relations entered by hand.

        Never the member's own spouse, child, brother or sister: two records linked as one
        person (a head's and a son's, a daughter's and a mother's) must not make a wife her
        husband's parent or a sister her sister's. A household that gives one person both a
        parent's and a child's place says nothing of that person's parents. A relation entered
        by hand is a reviewer's decision and stands.
        """
        parents: set[int] = set()
        for group in self.groups:
            roles = group.get(person, set())
            if roles & CHILD_ROLES and not roles & COUPLE:
                couple = {p for p, r in group.items() if r & COUPLE and not r & CHILD_ROLES}
                headed = any("head" in r for r in group.values())
                parents |= couple if headed else couple | self.head_couple()
            elif "head" in roles and not roles & CHILD_ROLES:
                parents |= {p for p, r in group.items() if r & PARENT_OF_HEAD}
        by_hand = {
            r.person_id for r in self.relations if r.kind == "parent" and r.relative_id == person
        }
        by_hand |= {
            r.relative_id for r in self.relations if r.kind == "child" and r.person_id == person
        }
        return (parents - self._never_parents(person) | by_hand) - {person}

    def _never_parents(self, person: int) -> set[int]:
        """Whom a household gives as the member's spouse, child or sibling (never a parent)."""
        found: set[int] = set()
        for group in self.groups:
            roles = group.get(person, set())
            if roles & COUPLE and roles & CHILD_ROLES:
                continue  # a household that gives both places says nothing
            partner = {"head": "spouse", "spouse": "head"}
            for role in roles & COUPLE:
                found |= {p for p, r in group.items() if partner[role] in r or r & CHILD_ROLES}
            if roles & CHILD_ROLES:  # brothers and sisters
                found |= {p for p, r in group.items() if r & CHILD_ROLES}
            if roles & PARENT_OF_HEAD:
                found |= {p for p, r in group.items() if "head" in r}
        return found

    def head_couple(self) -> set[int]:
        """The family's head and the head's spouse, for a list that names no head (a school
        list giving the children only): the other lists' household says who they are."""
        if self.head is None:
            return set()
        couple = {self.head}
        for group in self.groups:  # the head's own household, or one whose head is not listed
            if "head" in group.get(self.head, set()) or not any(
                "head" in r for r in group.values()
            ):
                couple |= {p for p, r in group.items() if "spouse" in r}
        return couple


class _Union:
    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def read_families(session: Session) -> list[Family]:
    """Every family in the register (households and hand-entered relations), by family id."""
    rows = session.execute(
        select(
            Record.id, Record.person_id, Record.source_id, Record.household, Record.relation_to_head
        )
        .join(Person, Person.id == Record.person_id)
        .where(
            Record.retracted_at.is_(None),
            Person.retracted_at.is_(None),
            Record.household.isnot(None),
        )
        .order_by(Record.id)
    ).all()
    relations = list(
        session.scalars(
            select(Relation).where(Relation.retracted_at.is_(None)).order_by(Relation.id)
        )
    )
    union = _Union()
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for row in rows:
        groups[(row.source_id, row.household)].append(row)
    for members in groups.values():
        for row in members:
            union.join(row.person_id, members[0].person_id)
    for relation in relations:
        union.join(relation.person_id, relation.relative_id)
    return _build(session, union, groups, relations)


def _build(session, union, groups, relations) -> list[Family]:
    roles: dict[int, Counter] = defaultdict(Counter)
    by_root: dict[int, dict] = defaultdict(lambda: {"households": [], "records": defaultdict(list)})
    for key, members in groups.items():
        root = by_root[union.find(members[0].person_id)]
        root["households"].append(key)
        group: dict[int, set[str]] = defaultdict(set)
        for row in members:
            group[row.person_id] |= {row.relation_to_head} if row.relation_to_head else set()
        root.setdefault("groups", []).append(dict(group))
        for row in members:
            root["records"][row.person_id].append(row.id)
            if row.relation_to_head:
                roles[row.person_id][row.relation_to_head] += 1
    for relation in relations:
        root = by_root[union.find(relation.person_id)]
        root.setdefault("relations", []).append(relation)
        for person in (relation.person_id, relation.relative_id):
            root["records"].setdefault(person, [])
    labels = dict(session.execute(select(Person.id, Person.label)).all())
    families = []
    for parts in by_root.values():
        members = {
            p: (roles[p].most_common(1)[0][0] if roles[p] else None) for p in parts["records"]
        }
        heads = [p for p in members if members[p] == "head"]
        head = max(heads, key=lambda p: (roles[p]["head"], -p)) if heads else None
        named = labels.get(head if head is not None else min(members), "P-0")
        families.append(
            Family(
                family_id="F-" + named.split("-", 1)[-1],
                members=members,
                head=head,
                households=sorted(parts["households"]),
                records=dict(parts["records"]),
                relations=parts.get("relations", []),
                groups=parts.get("groups", []),
            )
        )
    return sorted(families, key=lambda f: f.family_id)


def household_names(session: Session, family: Family) -> list[dict]:
    """Where the family comes from: each list's household, as the list numbers it."""
    files = dict(session.execute(select(Source.id, Source.file_name)).all())
    return [
        {"source_id": source_id, "source_file": files.get(source_id), "household": household}
        for source_id, household in family.households
    ]
