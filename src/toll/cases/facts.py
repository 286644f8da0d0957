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


MANY = 5000  # more persons than this are read with every record, not a long IN list


def person_facts(session: Session, person_ids=None) -> dict[int, PersonFacts]:
    """person id -> PersonFacts, for the given persons (all current persons when None)."""
    persons = select(Person.id, Person.label, Person.display_name, Person.fate).where(
        Person.retracted_at.is_(None)
    )
    records = select(*_COLUMNS).where(Record.retracted_at.is_(None), Record.person_id.isnot(None))
    wanted = None if person_ids is None else set(person_ids)
    if wanted is not None and len(wanted) <= MANY:
        persons = persons.where(Person.id.in_(wanted))
        records = records.where(Record.person_id.in_(wanted))
    facts = {
        pid: PersonFacts(pid, label, name, fate)
        for pid, label, name, fate in session.execute(persons)
        if wanted is None or pid in wanted
    }
    grouped: dict[int, list] = {}
    for row in session.execute(records.order_by(Record.person_id, Record.id)):
        if row.person_id in facts:
            grouped.setdefault(row.person_id, []).append(row)
    for pid, rows in grouped.items():
        _sum_up(facts[pid], rows)
    return facts


def _most_common(values):
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return values[0] if values else None
    return Counter(values).most_common(1)[0][0]


def _sum_up(facts: PersonFacts, rows) -> None:
    facts.records = [row.id for row in rows]
    if len(rows) == 1:  # most persons: one record, nothing to weigh
        _one(facts, rows[0])
        return
    facts.sex = _most_common(row.sex for row in rows)
    facts.birth_year = _most_common(row.birth_year for row in rows)
    days = [r.birth_date_earliest for r in rows if r.birth_date_precision == "day"]
    facts.birth_date = _most_common(days)
    facts.age = _most_common(_age(row) for row in rows)
    dated = [row for row in rows if row.event_date_earliest is not None]
    if dated:
        first = min(dated, key=lambda row: row.event_date_earliest)
        facts.event_date, facts.event_text = first.event_date_earliest, first.event_date
    facts.place = _most_common(row.place for row in rows)
    facts.place_key = _most_common(row.place_key for row in rows)
    facts.statuses = {row.status for row in rows if row.status}
    _age_from_birth(facts)


def _one(facts: PersonFacts, row) -> None:
    facts.sex, facts.birth_year, facts.age = row.sex, row.birth_year, _age(row)
    if row.birth_date_precision == "day":
        facts.birth_date = row.birth_date_earliest
    facts.event_date, facts.event_text = row.event_date_earliest, row.event_date
    facts.place, facts.place_key = row.place, row.place_key
    facts.statuses = {row.status} if row.status else set()
    _age_from_birth(facts)


def _age(row) -> int | None:
    return row.age if row.age is not None else _middle(row.age_low, row.age_high)


def _age_from_birth(facts: PersonFacts) -> None:
    if facts.age is None and facts.event_date and facts.birth_year:
        facts.age = facts.event_date.year - facts.birth_year


def _middle(low: int | None, high: int | None) -> int | None:
    if low is None or high is None:
        return None
    return (low + high) // 2
