"""What the register's records say of a person, summed up: sex, age, dates, place, statuses.

Lists disagree; the summary keeps every status any list gives (`statuses`) and takes the most
common sex, birth year and place. Age at the event is the list's age, else the event year less
the birth year. Read in bulk (one query for every person wanted), for matching and figures.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.model import Person, Record

DEAD = ("killed", "remains_found", "identified")  # statuses saying the person died
FATE_KNOWN = ("alive", "released", "identified")  # statuses that end a search
FATE_UNKNOWN = ("missing", "captured")
DEAD_FATES = ("dead",)  # Person.fate once remains are identified


@dataclass
class PersonFacts:
    person_id: int
    label: str
    name: str | None
    fate: str | None
    sex: str | None = None
    birth_year: int | None = None
    birth_date: date | None = None  # when a list gives the day
    age: int | None = None  # at the event, as the lists give it
    event_date: date | None = None  # earliest date any list gives for what happened
    event_text: str | None = None
    place: str | None = None
    place_key: str | None = None
    statuses: set[str] = field(default_factory=set)
    records: list[int] = field(default_factory=list)

    @property
    def dead(self) -> bool:
        return self.fate in DEAD_FATES or bool(self.statuses & set(DEAD))

    def age_on(self, day: date | None) -> int | None:
        """Age in whole years on `day`, from the birth date or year (else the lists' age)."""
        if day is not None and self.birth_date is not None:
            before = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
            return day.year - self.birth_date.year - before
        if day is not None and self.birth_year is not None:
            return day.year - self.birth_year
        if day is not None and self.age is not None and self.event_date is not None:
            return self.age + (day.year - self.event_date.year)
        return self.age


_COLUMNS = (
    Record.id,
    Record.person_id,
    Record.sex,
    Record.age,
    Record.age_low,
    Record.age_high,
    Record.birth_year,
    Record.birth_date_earliest,
    Record.birth_date_precision,
    Record.event_date,
    Record.event_date_earliest,
    Record.place,
    Record.place_key,
    Record.status,
)


def person_facts(session: Session, person_ids=None) -> dict[int, PersonFacts]:
    """person id -> PersonFacts, for the given persons (all current persons when None)."""
    persons = select(Person.id, Person.label, Person.display_name, Person.fate).where(
        Person.retracted_at.is_(None)
    )
    records = select(*_COLUMNS).where(Record.retracted_at.is_(None), Record.person_id.isnot(None))
    if person_ids is not None:
        ids = list(set(person_ids))
        persons = persons.where(Person.id.in_(ids))
        records = records.where(Record.person_id.in_(ids))
    facts = {
        pid: PersonFacts(pid, label, name, fate)
        for pid, label, name, fate in session.execute(persons)
    }
    grouped: dict[int, list] = {}
    for row in session.execute(records.order_by(Record.person_id, Record.id)):
        if row.person_id in facts:
            grouped.setdefault(row.person_id, []).append(row)
    for pid, rows in grouped.items():
        _sum_up(facts[pid], rows)
    return facts


def _most_common(values):
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def _sum_up(facts: PersonFacts, rows) -> None:
    facts.records = [row.id for row in rows]
    facts.sex = _most_common(row.sex for row in rows)
    facts.birth_year = _most_common(row.birth_year for row in rows)
    days = [r.birth_date_earliest for r in rows if r.birth_date_precision == "day"]
    facts.birth_date = _most_common(days)
    ages = [row.age if row.age is not None else _middle(row.age_low, row.age_high) for row in rows]
    facts.age = _most_common(ages)
    dated = [row for row in rows if row.event_date_earliest is not None]
    if dated:
        first = min(dated, key=lambda row: row.event_date_earliest)
        facts.event_date, facts.event_text = first.event_date_earliest, first.event_date
    if facts.age is None and facts.event_date and facts.birth_year:
        facts.age = facts.event_date.year - facts.birth_year
    facts.place = _most_common(row.place for row in rows)
    facts.place_key = _most_common(row.place_key for row in rows)
    facts.statuses = {row.status for row in rows if row.status}


def _middle(low: int | None, high: int | None) -> int | None:
    if low is None or high is None:
        return None
    return (low + high) // 2
