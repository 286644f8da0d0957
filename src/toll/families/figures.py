"""Family figures: families wiped out, children who lost one parent, children who lost both.

Computed from the persons of the register; every count lists the families or persons behind
it, and the definitions used are part of the result:

- a family is a household (joined across lists through its persons) with at least
  `min_members` known members;
- wiped out: every known member killed (or, with `missing_counts`, killed or missing);
- a child is a son or daughter of the head (and spouse), or a person entered as someone's
  child, under `child_under` on the date the parent was killed, and not killed themselves;
- lost one parent: exactly one of two recorded parents killed; lost both: both killed.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from toll.cases.facts import FATE_UNKNOWN, PersonFacts, person_facts
from toll.cases.figures import publish
from toll.families.households import Family, read_families
from toll.model import Incident
from toll.store.access import RESTRICTED, may_see_personal_data, require


@dataclass(frozen=True)
class Definitions:
    min_members: int = 2
    child_under: int = 18
    missing_counts: bool = False  # count the missing (and captive) as lost

    def stated(self) -> dict:
        lost = "killed or missing" if self.missing_counts else "killed"
        return {
            "family": f"a household (joined across lists through its persons) with at least "
            f"{self.min_members} known members",
            "wiped_out": f"every known member {lost}",
            "child": f"a son or daughter of the head (and spouse), under {self.child_under} "
            f"on the date the parent was {lost}, not {lost} themselves",
            "lost_one_parent": f"exactly one of two recorded parents {lost}",
            "lost_both_parents": f"both recorded parents {lost}",
            "lost": lost,
        }


class _Loss:
    """Whether a person counts as lost, and when (optionally within one incident)."""

    def __init__(self, facts: dict[int, PersonFacts], rules: Definitions, incident=None):
        self.facts, self.rules, self.incident = facts, rules, incident

    def lost(self, person: int) -> bool:
        facts = self.facts.get(person)
        if facts is None:
            return False
        missing = self.rules.missing_counts and bool(facts.statuses & set(FATE_UNKNOWN))
        if not (facts.dead or missing):
            return False
        return self.incident is None or self._in_incident(facts)

    def _in_incident(self, facts: PersonFacts) -> bool:
        incident, day = self.incident, facts.event_date
        if day is None or incident.date_earliest is None:
            return False
        within = incident.date_earliest <= day <= (incident.date_latest or incident.date_earliest)
        return within and (incident.place_key is None or incident.place_key == facts.place_key)

    def on(self, person: int) -> date | None:
        return self.facts[person].event_date


def family_figures(
    session: Session,
    rules: Definitions = Definitions(),
    incident_id: int | None = None,
    public: bool = False,
) -> dict:
    """The three family figures with the families and persons behind each number.

    `public`: for publication, only counts, each under 5 suppressed (None), nobody listed."""
    require(session, "read")
    incident = _incident(session, incident_id)
    families = read_families(session)
    facts = person_facts(session, {p for f in families for p in f.members})
    loss = _Loss(facts, rules, incident)
    named = may_see_personal_data(session)

    def person(pid: int, **more) -> dict:
        known = facts.get(pid)
        return {
            "person_id": known.label if known else None,
            "name": (known.name if named else RESTRICTED) if known else None,
            **more,
        }

    counted = [f for f in families if len(f.members) >= rules.min_members]
    wiped = [
        {
            "family_id": f.family_id,
            "members": [person(p, role=r, date=loss.on(p)) for p, r in sorted(f.members.items())],
        }
        for f in counted
        if all(loss.lost(p) for p in f.members)
    ]
    one, both, unknown_age = _children(counted, loss, facts, rules, person)
    figures = {
        "definitions": rules.stated(),
        "incident": None if incident is None else {"id": incident.id, "title": incident.title},
        "families": len(counted),
        "families_wiped_out": {"count": len(wiped), "families": wiped},
        "children_lost_one_parent": {"count": len(one), "persons": one},
        "children_lost_both_parents": {"count": len(both), "persons": both},
        "children_age_unknown": {"count": len(unknown_age), "persons": unknown_age},
    }
    return publish(figures) if public else figures


def _children(families: list[Family], loss: _Loss, facts, rules: Definitions, person):
    one, both, unknown_age = [], [], []
    for family in families:
        for child in sorted(family.members):
            parents = family.parents_of(child)
            if len(parents) != 2 or loss.lost(child) or child not in facts:
                continue
            lost = sorted(p for p in parents if loss.lost(p))
            if not lost:
                continue
            ages = [facts[child].age_on(loss.on(p)) for p in lost]
            entry = person(
                child,
                family_id=family.family_id,
                age=min((a for a in ages if a is not None), default=None),
                parents=[person(p)["person_id"] for p in sorted(parents)],
                parents_lost=[person(p, date=loss.on(p)) for p in lost],
            )
            if any(a is None for a in ages):
                unknown_age.append(entry)
            elif max(ages) < rules.child_under:
                (both if len(lost) == 2 else one).append(entry)
    return one, both, unknown_age


def _incident(session: Session, incident_id: int | None):
    if incident_id is None:
        return None
    from toll.errors import TollError

    incident = session.get(Incident, incident_id)
    if incident is None:
        raise TollError(f"no incident with id {incident_id}")
    return incident
