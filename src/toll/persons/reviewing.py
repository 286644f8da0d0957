"""Review of uncertain pairs: a person decides, the decision holds on every re-run."""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from toll.errors import NotFound, TollError
from toll.model import CandidatePair, LinkageRun, MatchDecision, Person, Record
from toll.persons.clustering import components
from toll.persons.labels import name_persons, new_persons
from toll.persons.lookup import get_person
from toll.store.access import require
from toll.store.history import retract
from toll.store.locks import in_turn

DECISIONS = ("same", "different")


@dataclass
class DecisionView:
    """A reviewer's decision that two records are (`same`) or are not one person."""

    id: int
    record_a: int
    record_b: int
    decision: str
    note: str | None
    by: str | None
    at: datetime
    replaced_at: datetime | None
    replaced_why: str | None
    replaced_by: str | None = None
    replaces: list[str] = field(default_factory=list)  # others' decisions this one replaced

    @classmethod
    def of(cls, made: MatchDecision) -> "DecisionView":
        return cls(
            made.id,
            made.record_a_id,
            made.record_b_id,
            made.decision,
            made.note,
            made.created_by,
            made.created_at,
            made.retracted_at,
            made.retraction_reason,
            made.retracted_by,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SplitView:
    """A record taken out of a person by hand: the person it left, its new person, and the
    `different` decisions that keep it apart."""

    person: str
    new_person: str
    record: int
    decisions: list[int]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def review_queue(session: Session, limit: int | None = None) -> list[CandidatePair]:
    """Pairs of the latest linkage run that need a person's eye: no decision on the pair,
    and not joined already through others' `same` decisions (a~b, b~c settles a~c)."""
    run_id = session.scalar(select(LinkageRun.id).order_by(LinkageRun.id.desc()).limit(1))
    if run_id is None:
        return []
    decided = select(MatchDecision.id).where(
        MatchDecision.retracted_at.is_(None),
        _same_pair(MatchDecision, CandidatePair.record_a_id, CandidatePair.record_b_id),
    )
    query = (
        select(CandidatePair)
        .where(CandidatePair.run_id == run_id, CandidatePair.needs_review, ~decided.exists())
        .order_by(CandidatePair.match_probability.desc(), CandidatePair.id)
    )
    group = _groups_of_same_decisions(session)
    waiting = (
        pair
        for pair in session.scalars(query)
        if pair.record_a_id not in group or group[pair.record_a_id] != group.get(pair.record_b_id)
    )
    return list(islice(waiting, limit))


def _groups_of_same_decisions(session: Session) -> dict[int, int]:
    """record id -> its group of records joined by standing `same` decisions (only records
    in such decisions): a pair inside one group is settled already."""
    same = _standing_same(session)
    edges = pd.DataFrame(
        {"record_id_l": [d.record_a_id for d in same], "record_id_r": [d.record_b_id for d in same]}
    )
    records = pd.unique(pd.concat([edges["record_id_l"], edges["record_id_r"]]))
    return components(records, edges).to_dict()


def _standing_same(session: Session, replaced: list[int] | tuple = ()) -> list[MatchDecision]:
    """The `same` decisions that stand (neither retracted nor about to be replaced)."""
    query = select(MatchDecision).where(
        MatchDecision.retracted_at.is_(None),
        MatchDecision.decision == "same",
        MatchDecision.id.notin_(replaced),
    )
    return list(session.scalars(query))


def _same_pair(table, a, b):
    return or_(
        and_(table.record_a_id == a, table.record_b_id == b),
        and_(table.record_a_id == b, table.record_b_id == a),
    )


def decide(
    session: Session, record_a: int, record_b: int, decision: str, note: str | None = None
) -> DecisionView:
    """Record that two records are (`same`) or are not (`different`) the same person.

    The register follows at once: `same` joins the two persons; `different` takes the second
    record out of a shared person into a new one, with the records that matched it better.
    Every later `toll link` keeps the decision.
    """
    require(session, "review")
    in_turn(session, "decisions")  # two reviewers at once: the later one reads the earlier
    decision = _decision_word(decision)
    a, b = _record(session, record_a), _record(session, record_b)
    if a.id == b.id:
        raise TollError("a record is always the same person as itself; give two different records")
    a, b = sorted((a, b), key=lambda record: record.id)
    # The same word again is a new entry beside the first (its note kept, both standing);
    # the other word replaces the standing decisions, which stay in history.
    contrary = session.scalars(
        select(MatchDecision).where(
            MatchDecision.retracted_at.is_(None),
            MatchDecision.decision != decision,
            _same_pair(MatchDecision, a.id, b.id),
        )
    ).all()
    if decision == "same":
        _refuse_joining_decided_apart(session, a, b, [old.id for old in contrary])
    else:
        _refuse_parting_decided_same(session, a, b, [old.id for old in contrary])
    actor = session.info.get("actor")
    for old in contrary:
        retract(session, old, f"replaced by a new decision: {decision}")
    made = MatchDecision(
        record_a_id=a.id,
        record_b_id=b.id,
        decision=decision,
        note=note,
        created_by=session.info.get("actor"),
    )
    session.add(made)
    _apply(session, a, b, decision)
    session.flush()
    name_persons(session, {a.person_id, b.person_id} - {None})
    view = DecisionView.of(made)
    view.replaces = [
        f"decision {old.id} ({old.decision}) by {old.created_by}"
        for old in contrary
        if old.created_by != actor
    ]
    return view


def replaced_for(session: Session, author: str | None) -> list[DecisionView]:
    """`author`'s decisions that another reviewer replaced, newest first: what `toll review`
    tells the earlier author."""
    require(session, "read")
    query = (
        select(MatchDecision)
        .where(
            MatchDecision.created_by == author,
            MatchDecision.retraction_reason.like("replaced by a new decision:%"),
            MatchDecision.retracted_by != author,
        )
        .order_by(MatchDecision.retracted_at.desc())
    )
    return [DecisionView.of(made) for made in session.scalars(query)]


def _decision_word(decision: str) -> str:
    word = (decision or "").strip().lower()
    if word not in DECISIONS:
        raise TollError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    return word


def undo_decision(session: Session, decision_id: int, reason: str | None = None) -> DecisionView:
    """Withdraw a decision; it stays in history with the reason. Other standing decisions
    still hold; the pair is the model's again at the next `toll link`."""
    require(session, "review")
    made = session.get(MatchDecision, decision_id)
    if made is None:
        raise NotFound(f"no decision with id {decision_id}; `toll decisions` lists them")
    if made.retracted_at is not None:
        raise TollError(
            f"decision {made.id} was withdrawn already ({made.retraction_reason}); "
            f"`toll decisions --all` shows it"
        )
    retract(session, made, (reason or "").strip() or "undone by a reviewer")
    session.flush()
    return DecisionView.of(made)


def split_person(
    session: Session, reference: str, record_id: int, note: str | None = None
) -> SplitView:
    """Take one record out of a person into a new person of its own: a `different` decision
    between it and each other record of the person, kept on every re-link."""
    require(session, "review")
    in_turn(session, "decisions")
    person = get_person(session, reference)
    record = _record(session, record_id)
    if record.person_id != person.id:
        raise TollError(
            f"record {record.id} is not one of {person.label}'s records; "
            f"`toll person {person.label}` lists them"
        )
    others = session.scalars(
        select(Record).where(
            Record.person_id == person.id, Record.id != record.id, Record.retracted_at.is_(None)
        )
    ).all()
    if not others:
        raise TollError(f"{person.label} has only record {record.id}; there is nothing to split")
    joined = _joined_by_decisions(session, record.id)
    bound = sorted(other.id for other in others if other.id in joined)
    if bound:
        raise TollError(
            f"record {record.id} cannot leave {person.label}: reviewers' decisions join it to "
            f"record {bound[0]}; undo them first (`toll decisions` lists them)"
        )
    actor = session.info.get("actor")
    made = [
        MatchDecision(
            record_a_id=min(record.id, other.id),
            record_b_id=max(record.id, other.id),
            decision="different",
            note=note,
            created_by=actor,
        )
        for other in others
    ]
    session.add_all(made)
    record.person_id = new_persons(session, 1)[0]
    session.flush()
    name_persons(session, {person.id, record.person_id})
    new_label = session.get(Person, record.person_id).label
    return SplitView(person.label, new_label, record.id, [d.id for d in made])


def decisions(session: Session, *, include_replaced: bool = False) -> list[DecisionView]:
    """Reviewers' decisions, oldest first; with `include_replaced`, also those withdrawn."""
    require(session, "read")
    query = select(MatchDecision).order_by(MatchDecision.id)
    if not include_replaced:
        query = query.where(MatchDecision.retracted_at.is_(None))
    return [DecisionView.of(made) for made in session.scalars(query)]


def _refuse_joining_decided_apart(
    session: Session, a: Record, b: Record, replaced: list[int]
) -> None:
    """A `same` decision may not join two records a standing `different` decision keeps apart
    (directly, or through the records of the persons it would merge)."""
    sides = []
    for record in (a, b):
        if record.person_id is None:
            sides.append({record.id})
        else:
            query = select(Record.id).where(Record.person_id == record.person_id)
            sides.append(set(session.scalars(query)) | {record.id})
    apart = session.scalars(
        select(MatchDecision).where(
            MatchDecision.retracted_at.is_(None),
            MatchDecision.decision == "different",
            MatchDecision.id.notin_(replaced),
            or_(
                and_(
                    MatchDecision.record_a_id.in_(sides[0]),
                    MatchDecision.record_b_id.in_(sides[1]),
                ),
                and_(
                    MatchDecision.record_a_id.in_(sides[1]),
                    MatchDecision.record_b_id.in_(sides[0]),
                ),
            ),
        )
    ).first()
    if apart is not None:
        raise TollError(
            f"records {a.id} and {b.id} cannot be one person: decision {apart.id} says records "
            f"{apart.record_a_id} and {apart.record_b_id} are different persons, and joining "
            f"would put them together; if that was wrong, decide "
            f"`toll decide {apart.record_a_id} {apart.record_b_id} same` first"
        )


def _refuse_parting_decided_same(
    session: Session, a: Record, b: Record, replaced: list[int]
) -> None:
    """A `different` decision may not part two records that standing `same` decisions join,
    through a chain of records (a = c, c = b)."""
    via = _joined_by_decisions(session, a.id, replaced)
    if b.id not in via:
        return
    chain, record = [], b.id
    while via[record] is not None:
        made = via[record]
        chain.append(made)
        record = made.record_a_id if made.record_b_id == record else made.record_b_id
    numbers = ", ".join(str(made_id) for made_id in sorted(made.id for made in chain))
    last = chain[0]
    raise TollError(
        f"records {a.id} and {b.id} cannot be different persons: decisions {numbers} say they "
        f"are the same person; if one was wrong, decide it again first (for example "
        f"`toll decide {last.record_a_id} {last.record_b_id} different`)"
    )


def _joined_by_decisions(
    session: Session, start: int, replaced: list[int] | tuple = ()
) -> dict[int, MatchDecision | None]:
    """Every record standing `same` decisions join to `start`, each with the decision that
    reached it (None for `start`)."""
    joined: dict[int, list[MatchDecision]] = {}
    for made in _standing_same(session, replaced):
        joined.setdefault(made.record_a_id, []).append(made)
        joined.setdefault(made.record_b_id, []).append(made)
    via: dict[int, MatchDecision | None] = {start: None}
    waiting = [start]
    while waiting:
        record = waiting.pop()
        for made in joined.get(record, []):
            other = made.record_b_id if made.record_a_id == record else made.record_a_id
            if other not in via:
                via[other] = made
                waiting.append(other)
    return via


def _apply(session: Session, a: Record, b: Record, decision: str) -> None:
    if decision == "same" and a.person_id != b.person_id:
        if a.person_id is None or b.person_id is None:
            a.person_id = b.person_id = a.person_id or b.person_id
            return
        # The person with more records keeps its label (as a re-link would); a tie, the older.
        sizes = {
            person_id: session.scalar(
                select(func.count()).where(
                    Record.person_id == person_id, Record.retracted_at.is_(None)
                )
            )
            for person_id in (a.person_id, b.person_id)
        }
        kept_id, emptied_id = sorted(
            (a.person_id, b.person_id), key=lambda person_id: (-sizes[person_id], person_id)
        )
        emptied, kept = session.get(Person, emptied_id), session.get(Person, kept_id)
        for record in session.scalars(select(Record).where(Record.person_id == emptied_id)):
            record.person_id = kept_id
        retract(session, emptied, f"merged into {kept.label} by a reviewer's decision")
    elif decision == "different" and a.person_id is not None and a.person_id == b.person_id:
        _split(session, a, b)


def _split(session: Session, a: Record, b: Record) -> None:
    """Take `b` out of `a`'s person into a new one; each other record of the person follows
    the one reviewers' `same` decisions join it to, else whichever of the two it matched better
    in the latest scores (ties stay with `a`)."""
    others = session.scalars(
        select(Record).where(
            Record.person_id == a.person_id,
            Record.id.notin_((a.id, b.id)),
            Record.retracted_at.is_(None),
        )
    ).all()
    weight = _latest_weights(session, [a.id, b.id], [r.id for r in others])
    b.person_id = new_persons(session, 1)[0]
    lowest = float("-inf")
    with_a, with_b = _joined_by_decisions(session, a.id), _joined_by_decisions(session, b.id)
    for record in others:
        if record.id in with_a:  # a reviewer said it is a's person
            continue
        if record.id in with_b or (
            weight.get((record.id, b.id), lowest) > weight.get((record.id, a.id), lowest)
        ):
            record.person_id = b.person_id


def _latest_weights(session: Session, ends: list[int], ids: list[int]) -> dict:
    """{(record, end): match weight} from the latest run that scored each pair."""
    query = (
        select(CandidatePair)
        .where(
            or_(
                and_(CandidatePair.record_a_id.in_(ends), CandidatePair.record_b_id.in_(ids)),
                and_(CandidatePair.record_a_id.in_(ids), CandidatePair.record_b_id.in_(ends)),
            )
        )
        .order_by(CandidatePair.run_id)
    )
    weights = {}
    for pair in session.scalars(query):
        end, other = (
            (pair.record_a_id, pair.record_b_id)
            if pair.record_a_id in ends
            else (pair.record_b_id, pair.record_a_id)
        )
        weights[(other, end)] = pair.match_weight  # later runs overwrite earlier ones
    return weights


def _record(session: Session, record_id: int) -> Record:
    record = session.get(Record, record_id)
    if record is None:
        raise TollError(f"no record with id {record_id}; `toll review` and `toll person` show ids")
    return record
