"""Finding persons in the register and showing them with their records and sources."""

import re
import weakref
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    column,
    extract,
    false,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session

from toll.errors import NotFound, TollError
from toll.model import CandidatePair, MatchDecision, Person, Record, Source
from toll.model.record import RECORD_STATUSES
from toll.names import name_keys, place_key
from toll.records.values import parse_sex, parse_status
from toll.store.access import require, require_personal_data


@dataclass
class PersonFilter:
    """What `toll persons` searches by; every field optional."""

    name: str | None = None  # in any script
    status: str | None = None
    sex: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    place: str | None = None  # in any script or former name
    source_id: int | None = None


def find_persons(
    session: Session, where: PersonFilter, limit: int = 100, offset: int = 0
) -> list[Person]:
    """Persons with at least one current record matching every given condition (`offset`
    of them skipped, for pages of results)."""
    require(session, "read")
    if where.name:
        require_personal_data(session)
    if where.source_id is not None and session.get(Source, where.source_id) is None:
        raise TollError(f"no source with id {where.source_id}; `toll source list` shows them")
    query = _record_query(where, session).with_only_columns(Record.person_id)
    ids = query.distinct().order_by(Record.person_id).limit(limit).offset(offset)
    persons = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id))
    return list(persons)


SIMILAR = 85  # rapidfuzz ratio at which a spelling counts as the same name (Petrosani, Petrosyan)


def find_similar_persons(session: Session, where: PersonFilter, limit: int = 100) -> list[Person]:
    """Like `find_persons`, for a name no record spells exactly: every name word must be close
    to a word of the record's name (words of 5 letters or more), or equal (shorter words)."""
    from dataclasses import replace

    from rapidfuzz import fuzz

    require(session, "read")
    require_personal_data(session)
    wanted = (name_keys(full=where.name or "").name_tokens_sorted or "").split()
    if not wanted:
        return []
    longest = max(wanted, key=len)
    query = (
        _record_query(replace(where, name=None))
        .with_only_columns(Record.person_id, Record.name_key)
        .where(_name_holds(session, longest[:3]))
        .order_by(Record.person_id)
    )

    def close(word: str, words: list[str]) -> bool:
        if len(word) < 5:
            return word in words
        return any(fuzz.ratio(word, other) >= SIMILAR for other in words)

    ids: list[int] = []
    for person_id, key in session.execute(query):
        words = (key or "").split()
        if person_id not in ids and all(close(word, words) for word in wanted):
            ids.append(person_id)
            if len(ids) == limit:
                break
    persons = session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id))
    return list(persons)


def count_persons(session: Session, where: PersonFilter, up_to: int | None = None) -> int:
    """How many persons match, however many are shown; with `up_to`, counting stops there
    (a common name among a million persons is counted in milliseconds, not a second)."""
    records = _record_query(where, session)
    if up_to is None:
        query = records.with_only_columns(func.count(func.distinct(Record.person_id)))
        return session.scalar(query) or 0
    found = records.with_only_columns(Record.person_id).distinct()
    found = found.order_by(Record.person_id).limit(up_to).subquery()
    return session.scalar(select(func.count()).select_from(found)) or 0


def unlinked_records(session: Session) -> int:
    """Current records not yet linked into a person (imported since the last `toll link`)."""
    query = select(func.count()).where(Record.retracted_at.is_(None), Record.person_id.is_(None))
    return session.scalar(query.select_from(Record)) or 0


# Age at the event: as the list gives it, else the middle of its range, else event year minus
# birth year (most lists give a birth year and a date of death, not an age).
AGE_AT_EVENT = func.coalesce(
    Record.age,
    (Record.age_low + Record.age_high) / 2,
    extract("year", Record.event_date_earliest) - Record.birth_year,
)


def _known(text: str, parse, accepted: tuple[str, ...], what: str) -> str:
    """A status or sex in any language the importer knows ("погиб", "f"), else a clear error."""
    value, _ = parse(text)
    if value is None:
        raise TollError(f"--{what} {text!r} is not a {what} Toll knows; use {', '.join(accepted)}")
    return value


# SQLite's trigram index of the records' name keys, ' ' || name_key under each record's id
# (migration 0013, kept by triggers on records); PostgreSQL's is an index of records itself.
NAME_WORDS = table("records_name_words", column("rowid"), column("words"))
_INDEXED: "weakref.WeakKeyDictionary[Engine, bool]" = weakref.WeakKeyDictionary()
# Records a name may match in the index before it counts as common: then reading the records in
# order finds a page of persons sooner (a name one record in seven has: 0.2 ms for 50, where
# the index gives all 14,000 of 100,000 in 35 ms).
COMMON = 2000


def _indexed(session: Session) -> bool:
    """Whether the store has SQLite's trigram index of names (asked once per engine)."""
    bind = session.get_bind()
    engine = getattr(bind, "engine", bind)
    if engine not in _INDEXED:
        found = bind.dialect.name == "sqlite" and session.scalar(
            select(func.count())
            .select_from(table("sqlite_master"))
            .where(column("type") == "table", column("name") == NAME_WORDS.name)
        )
        _INDEXED[engine] = bool(found)
    return _INDEXED[engine]


def _name_holds(session: Session | None, *parts: str) -> ColumnElement:
    """Every part is in the record's name key after a space (' ' || name_key LIKE '%part%').
    With a `session` on SQLite's trigram index, the records of a name that is not common are
    found through it first (parts of three letters or more; the test above still decides)."""
    words = literal(" ") + Record.name_key
    held = and_(*[words.contains(part) for part in parts])
    long = [part for part in parts if len(part) >= 3]  # a trigram at least
    if session is None or not long or not _indexed(session):
        return held
    phrases = " ".join('"' + part.replace('"', '""') + '"' for part in long)  # all of them
    found = select(NAME_WORDS.c.rowid).where(NAME_WORDS.c.words.match(phrases))
    if _common(session, phrases, found):
        return held
    return and_(Record.id.in_(found), held)


def _common(session: Session, phrases: str, found: Select) -> bool:
    """Whether at least `COMMON` records hold the name, asked once per session and name (a
    page of persons and its count search the same name)."""
    asked = session.info.setdefault("common names", {})
    if phrases not in asked:
        counted = select(func.count()).select_from(found.limit(COMMON).subquery())
        asked[phrases] = session.scalar(counted) >= COMMON
    return asked[phrases]


def _record_query(where: PersonFilter, session: Session | None = None) -> Select:
    """Current linked records matching `where` (by name through the index, given a session)."""
    query = select(Record).where(Record.retracted_at.is_(None), Record.person_id.isnot(None))
    if where.name:
        tokens = (name_keys(full=where.name).name_tokens_sorted or "").split()
        if not tokens:  # no letters ("' OR 1=1 --"): no name matches
            return query.where(false())
        # each word of the name starts after a space: "Ali" finds Ali and Aliyev, not Khalil
        query = query.where(_name_holds(session, *[" " + token for token in tokens]))
    if where.status:
        status = _known(where.status, parse_status, RECORD_STATUSES, "status")
        query = query.where(Record.status == status)
    if where.sex:
        query = query.where(Record.sex == _known(where.sex, parse_sex, ("male", "female"), "sex"))
    if where.age_min is not None:
        query = query.where(AGE_AT_EVENT >= where.age_min)
    if where.age_max is not None:
        query = query.where(AGE_AT_EVENT <= where.age_max)
    if where.place:
        query = query.where(Record.place_key == place_key(where.place))
    if where.source_id is not None:
        query = query.where(Record.source_id == where.source_id)
    return query


def get_person(session: Session, reference: str) -> Person:
    """A person by label (P-00417, also written P-417 or p417) or number."""
    require_personal_data(session)
    reference = reference.strip()
    label = re.fullmatch(r"[Pp]-?0*(\d+)", reference)
    wanted = f"P-{int(label.group(1)):05d}" if label else reference.upper()  # P-6 is P-00006
    query = select(Person).where(Person.label == wanted)
    if reference.isdigit():
        query = select(Person).where(Person.id == int(reference))
    person = session.scalar(query)
    if person is None:
        raise NotFound(f"no person {reference}; `toll persons` finds them by name")
    return person


def person_records(session: Session, person: Person) -> list[tuple[Record, Source]]:
    """The person's records with the source each comes from, oldest source first."""
    query = (
        select(Record, Source)
        .join(Source, Source.id == Record.source_id)
        .where(Record.person_id == person.id, Record.retracted_at.is_(None))
        .order_by(Record.source_id, Record.row_number)
    )
    return [(record, source) for record, source in session.execute(query)]


def records_by_person(
    session: Session, persons: list[Person]
) -> dict[int, list[tuple[str | None, str]]]:
    """The status and source file name of each person's current records, for many persons in
    one query (a page of search results), oldest source first."""
    found: dict[int, list[tuple[str | None, str]]] = {person.id: [] for person in persons}
    query = (
        select(Record.person_id, Record.status, Source.file_name)
        .join(Source, Source.id == Record.source_id)
        .where(Record.person_id.in_(list(found)), Record.retracted_at.is_(None))
        .order_by(Record.source_id, Record.row_number)
    )
    for person_id, status, file_name in session.execute(query):
        found[person_id].append((status, file_name))
    return found


def _record_ids(session: Session, person: Person, records) -> list[int]:
    return [record.id for record, _ in records or person_records(session, person)]


def person_links(session: Session, person: Person, records=None) -> list[CandidatePair]:
    """The scored pairs inside the person from the latest run that scored them: why joined.
    `records`: the person's `person_records`, when already read."""
    ids = _record_ids(session, person, records)
    if len(ids) < 2:  # a pair is of two records: none inside a person of one (most persons)
        return []
    query = (
        select(CandidatePair)
        .where(CandidatePair.record_a_id.in_(ids), CandidatePair.record_b_id.in_(ids))
        .order_by(CandidatePair.run_id.desc(), CandidatePair.match_weight.desc())
    )
    latest: dict[tuple[int, int], CandidatePair] = {}
    for pair in session.scalars(query):
        latest.setdefault((pair.record_a_id, pair.record_b_id), pair)
    return list(latest.values())


KEPT_APART = "kept apart: joining them would give"  # the consistency check's review reason


def person_kept_apart(session: Session, person: Person, records=None) -> list[CandidatePair]:
    """Pairs of the latest run linking one of the person's records to a record the
    consistency check kept out of it (birth years or sexes that disagree), for review."""
    ids = _record_ids(session, person, records)
    latest = select(func.max(CandidatePair.run_id)).scalar_subquery()
    query = (
        select(CandidatePair)
        .where(
            CandidatePair.run_id == latest,
            CandidatePair.review_reason.startswith(KEPT_APART),
            or_(CandidatePair.record_a_id.in_(ids), CandidatePair.record_b_id.in_(ids)),
        )
        .order_by(CandidatePair.match_weight.desc())
    )
    return list(session.scalars(query))


def person_decisions(session: Session, person: Person, records=None) -> list[MatchDecision]:
    """Reviewers' standing decisions about any of the person's records, oldest first."""
    ids = _record_ids(session, person, records)
    query = (
        select(MatchDecision)
        .where(
            MatchDecision.retracted_at.is_(None),
            or_(MatchDecision.record_a_id.in_(ids), MatchDecision.record_b_id.in_(ids)),
        )
        .order_by(MatchDecision.id)
    )
    return list(session.scalars(query))
