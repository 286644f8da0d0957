"""The register of persons in the store: linking records, stable person labels, review.

`toll.persons.linkage` scores and clusters records held in DataFrames; this module feeds it
the store's records and decisions, and writes back who is whom. Person labels (P-00417) stay
stable across re-runs: a new cluster takes the label of the person most of its records
already belonged to. Reviewers' decisions override the model on every run.

Who is whom depends only on the records, the decisions and the settings, never on the order
lists came in: whenever one of them changed since the last run, `link_register` links every
record again with a model trained on all of them. When only decisions changed, nothing is
trained or scored again: the last run's model and scored pairs are clustered again with the
decisions, as linking everything again would cluster them (training again would give the
same model and the same pairs, only later). Only `incremental=True` links new
records alone, against the register, with the last model.

Scored pairs are derived data: a run keeps the pairs of the latest run that linked every
record and of the runs since; older runs' pairs are deleted (decisions never are).
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import CandidatePair, LinkageRun, MatchDecision, Person, Record
from toll.persons.features import INPUT_COLUMNS
from toll.persons.labels import name_persons, new_persons
from toll.store.access import require
from toll.store.bulk import update_rows
from toll.store.history import log_event, retract
from toll.store.locks import one_at_a_time

RECORD_COLUMNS = INPUT_COLUMNS  # what linkage reads from each record


@dataclass
class LinkSummary:
    run_id: int
    records: int
    persons: int
    new_persons: int
    to_review: int
    incremental: bool
    linked: int = 0  # records linked by this run (0: nothing new, the register is as it was)
    new_records: int = 0  # records that had no person before this run
    # only decisions changed: the last run's scored pairs clustered again, nothing retrained
    reclustered: bool = False
    # would-be persons split because their records' facts disagree, by reason ("birth year")
    split: dict[str, int] = field(default_factory=dict)


def records_frame(session: Session, *, linked: bool | None = None) -> pd.DataFrame:
    """Current (not retracted) records as the table linkage reads; `linked` filters by person.

    Only the columns linkage reads are selected (not whole records with their original
    rows): a register of a million records loads in seconds.
    """
    query = (
        select(*_LINKAGE_COLUMNS)
        .where(Record.retracted_at.is_(None))
        .order_by(Record.id)
        .execution_options(yield_per=50_000)
    )
    if linked is not None:
        query = query.where(Record.person_id.isnot(None) if linked else Record.person_id.is_(None))
    session.flush()
    # rows as plain tuples, turned into columns: no dict per record
    rows = session.connection().execute(query).all()
    if not rows:
        return pd.DataFrame(columns=[*RECORD_COLUMNS, "person_id"])
    names = [c.key for c in _LINKAGE_COLUMNS]
    columns = dict(zip(names, zip(*rows, strict=True), strict=True))
    as_read = ("full_name", "given_name", "family_name", "patronymic", "sex", "birth_year")
    frame = {
        "record_id": [str(i) for i in columns["id"]],
        "source_id": [str(i) for i in columns["source_id"]],
        **{name: list(columns[name]) for name in as_read},
        "birth_date": _partials(columns["birth_date_earliest"], columns["birth_date_latest"]),
        "age": list(columns["age"]),
        "event_date": _partials(columns["event_date_earliest"], columns["event_date_latest"]),
        "place": list(columns["place"]),
        "person_id": [None if p is None else str(p) for p in columns["person_id"]],
    }
    return pd.DataFrame(frame, columns=[*RECORD_COLUMNS, "person_id"])


def _partials(earliest, latest) -> list[str | None]:
    return [iso_partial(e, last) for e, last in zip(earliest, latest, strict=True)]


_LINKAGE_COLUMNS = [
    Record.id,
    Record.source_id,
    Record.person_id,
    Record.full_name,
    Record.given_name,
    Record.family_name,
    Record.patronymic,
    Record.sex,
    Record.birth_year,
    Record.birth_date_earliest,
    Record.birth_date_latest,
    Record.age,
    Record.event_date_earliest,
    Record.event_date_latest,
    Record.place,
]


def linkage_row(record, record_id: str, source_id: str) -> dict:
    """What linkage reads of a record: a stored `Record` or a `RecordDraft` read from a file."""
    return {
        "record_id": record_id,
        "source_id": source_id,
        "full_name": record.full_name,
        "given_name": record.given_name,
        "family_name": record.family_name,
        "patronymic": record.patronymic,
        "sex": record.sex,
        "birth_year": record.birth_year,
        "birth_date": iso_partial(record.birth_date_earliest, record.birth_date_latest),
        "age": record.age,
        "event_date": iso_partial(record.event_date_earliest, record.event_date_latest),
        "place": record.place,
    }


def iso_partial(earliest: date | None, latest: date | None) -> str | None:
    """ "1992-02-26", "1992-02" or "1992" for the interval a partial date allows, else None."""
    if earliest is None or latest is None or earliest.year != latest.year:
        return None
    if earliest == latest:
        return earliest.isoformat()
    if earliest.month == latest.month:
        return f"{earliest.year:04d}-{earliest.month:02d}"
    return f"{earliest.year:04d}"


def decisions_frame(session: Session) -> pd.DataFrame:
    """Reviewers' standing decisions, as linkage reads them."""
    query = select(MatchDecision).where(MatchDecision.retracted_at.is_(None))
    rows = [
        {
            "record_id_l": str(d.record_a_id),
            "record_id_r": str(d.record_b_id),
            "decision": d.decision,
        }
        for d in session.scalars(query.order_by(MatchDecision.id))
    ]
    return pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "decision"])


def link_register(
    session: Session,
    *,
    engine: str = "duckdb",
    threshold: float = 0.9,
    review_low: float = 0.5,
    full: bool = False,
    incremental: bool = False,
    progress=None,
) -> LinkSummary:
    """Link the store's records into persons, the same whatever order the lists came in.

    When records, decisions or the two thresholds changed since the last run (a new or
    retracted list, a decision), every record is linked again with a model trained on all of
    them; labels stay with their records and decisions hold. When only the decisions changed,
    the last run's model and pairs are clustered again with them, without training or scoring
    again. When nothing changed, nothing is done (`full=True` trains and links everything
    anyway). `incremental=True` links only the records not yet
    in the register against it, with the last run's model: faster, but the persons then
    depend on the order the lists came in until the next run without it.
    """
    from toll.persons.linkage import LinkModel, link, link_new

    require(session, "edit")
    one_at_a_time(session, "link")
    _check_options(threshold, review_low, full, incremental)
    records = records_frame(session)
    if records.empty:
        raise TollError("there are no records to link; import lists first with `toll import FILE`")
    last = _last_run(session)
    unlinked = records[records["person_id"].isna()]
    decisions = decisions_frame(session)
    inputs, same_records = link_inputs(records, decisions, threshold, review_low)
    incremental = incremental and last is not None and len(unlinked) < len(records)
    if (incremental and unlinked.empty) or (not full and _up_to_date(last, inputs)):
        return _nothing_new(session, last, len(records))
    band = (review_low, threshold)
    reclustered = not (full or incremental) and _only_decisions_changed(
        last, same_records, engine, threshold, review_low
    )
    if incremental:
        model = LinkModel.from_json(json.dumps(last.model))
        existing = records[records["person_id"].notna()]
        result = link_new(
            existing,
            unlinked.drop(columns="person_id"),
            model,
            engine=engine,
            threshold=threshold,
            review_band=band,
            decisions=decisions,
            progress=progress,
        )
    else:
        kept = (  # the last run's model and scored pairs, clustered again with the decisions
            {"model": LinkModel.from_json(json.dumps(last.model)),
             "scored": scored_pairs(session, last.id)}
            if reclustered
            else {}
        )
        result = link(
            records.drop(columns="person_id"),
            engine=engine,
            threshold=threshold,
            review_band=band,
            decisions=decisions,
            progress=progress,
            **kept,
        )
    run = LinkageRun(
        engine=engine,
        threshold=threshold,
        review_low=review_low,
        incremental=incremental,
        model=json.loads(result.model.to_json()),
        created_by=session.info.get("actor"),
    )
    session.add(run)
    session.flush()
    new_persons = _assign_persons(session, records, result.clusters, run.id)
    if not (reclustered and _carry_pairs(session, last.id, run.id, result)):
        _save_pairs(session, run.id, result.pairs, result.weight_columns, _pairs_to_review(result))
    _prune_pairs(session, run if not incremental else _last_full_run(session))
    persons = session.scalar(select(func.count(func.distinct(Record.person_id))))
    run.summary = {
        "records": len(records),
        "persons": persons,
        "new_persons": new_persons,
        "pairs": len(result.pairs),
        "to_review": len(result.review_pairs),
        "split": result.splits(),
        "inputs": inputs,
        "records_inputs": same_records,
    }
    log_event(session, "link", "linkage_runs", run.id, after=run.summary)
    linked = len(unlinked) if incremental else len(records)
    return LinkSummary(
        run.id,
        len(records),
        persons,
        new_persons,
        len(result.review_pairs),
        incremental,
        linked,
        len(unlinked),
        reclustered,
        run.summary["split"],
    )


def _check_options(threshold: float, review_low: float, full: bool, incremental: bool) -> None:
    if review_low > threshold:
        raise TollError(
            f"--review-below {review_low} is above --threshold {threshold}; pairs between "
            "the two go to review, so give the lower probability to --review-below"
        )
    if full and incremental:
        raise TollError(
            "--full links every record again and --incremental only the new ones: give one"
        )


def link_inputs(records: pd.DataFrame, decisions: pd.DataFrame, threshold: float,
                review_low: float) -> tuple[str, str]:
    """Fingerprints of what who is whom depends on: of everything (each record as linkage
    reads it, the standing decisions in order, and the thresholds; equal fingerprints, equal
    persons), and of the records alone. Each frame is hashed once for both."""
    hashed = [_frame_hash(records.drop(columns="person_id")), _frame_hash(decisions)]
    everything = hashlib.sha256(f"{threshold!r} {review_low!r}".encode())
    for frame in hashed:
        everything.update(frame)
        everything.update(b"|")
    return everything.hexdigest(), hashlib.sha256(hashed[0]).hexdigest()


def _frame_hash(frame: pd.DataFrame) -> bytes:
    """The bytes of a frame's row hashes, its values read as text."""
    text = frame.astype("string").fillna("\x00")
    return pd.util.hash_pandas_object(text, index=False).to_numpy().tobytes()


def _only_decisions_changed(
    last: LinkageRun | None, records: str, engine: str, threshold: float, review_low: float
) -> bool:
    """Whether the last run linked every record, these very records, with these settings,
    so that its model and scored pairs hold and only decisions can differ.

    A changed threshold is not enough: which pair is a record's clear best candidate, and so
    its probability, depends on it, and the pairs below the old review band were not kept.
    """
    if last is None or last.incremental or (last.summary or {}).get("records_inputs") != records:
        return False
    return (last.engine, last.threshold, last.review_low) == (engine, threshold, review_low)


def scored_pairs(session: Session, run_id: int) -> pd.DataFrame:
    """The pairs blocking found and the model scored in a run (not those the cluster check
    scored), with their weights, as linkage reads them."""
    query = select(
        CandidatePair.record_a_id,
        CandidatePair.record_b_id,
        CandidatePair.match_probability,
        CandidatePair.match_weight,
        CandidatePair.field_weights,
    ).where(CandidatePair.run_id == run_id, ~CandidatePair.rescored)
    session.flush()
    rows = session.connection().execute(query).all()  # plain tuples, no ORM work per pair
    pairs = pd.DataFrame(
        {
            "record_id_l": [str(row[0]) for row in rows],
            "record_id_r": [str(row[1]) for row in rows],
            "match_probability": [row[2] for row in rows],
            "match_weight": [row[3] for row in rows],
        }
    )
    weights = pd.DataFrame.from_records([row[4] or {} for row in rows], index=pairs.index)
    weights = weights.astype(float).add_prefix("mw_")
    return pd.concat([pairs, weights], axis=1)


def _last_full_run(session: Session) -> LinkageRun | None:
    query = select(LinkageRun).where(~LinkageRun.incremental).order_by(LinkageRun.id.desc())
    return session.scalar(query.limit(1))


def _prune_pairs(session: Session, kept_from: LinkageRun | None) -> None:
    """Delete the scored pairs of runs before `kept_from` (the latest run that linked every
    record): it and the runs since hold every pair that reviewing, explaining and the next
    run read. Pairs are derived data; decisions and history stay."""
    if kept_from is not None:
        session.execute(delete(CandidatePair).where(CandidatePair.run_id < kept_from.id))


def _up_to_date(last: LinkageRun | None, inputs: str) -> bool:
    """Whether the last run linked everything on these very inputs."""
    if last is None or last.incremental:
        return False
    return (last.summary or {}).get("inputs") == inputs


def _nothing_new(session: Session, last: LinkageRun, records: int) -> LinkSummary:
    """Every record is in the register already: no run, nothing changes."""
    from toll.persons.reviewing import review_queue

    persons = session.scalar(select(func.count(func.distinct(Record.person_id))))
    waiting = len(review_queue(session))
    return LinkSummary(last.id, records, persons, 0, waiting, last.incremental, linked=0)


def _last_run(session: Session) -> LinkageRun | None:
    return session.scalar(select(LinkageRun).order_by(LinkageRun.id.desc()).limit(1))


def _assign_persons(
    session: Session, records: pd.DataFrame, clusters: pd.DataFrame, run_id: int
) -> int:
    """Give every cluster a person, reusing the labels its records already had."""
    before = records.dropna(subset=["person_id"]).set_index("record_id")["person_id"].to_dict()
    record_ids = clusters["record_id"].to_numpy()
    grouped = clusters.groupby("cluster_id").indices  # cluster -> its rows, in order
    members = [record_ids[rows].tolist() for rows in grouped.values()]
    claimed: set[str] = set()
    assignment: dict[str, int] = {}
    unnamed: list[list[str]] = []
    for cluster_records in sorted(members, key=lambda ids: (-len(ids), ids[0])):
        had = (before.get(record_id) for record_id in cluster_records)
        votes = Counter(p for p in had if p is not None and p not in claimed)
        if not votes:
            unnamed.append(cluster_records)
            continue
        person_id = votes.most_common(1)[0][0]
        claimed.add(person_id)
        assignment.update({record_id: int(person_id) for record_id in cluster_records})
    for cluster_records, person in zip(unnamed, new_persons(session, len(unnamed)), strict=True):
        assignment.update({record_id: person for record_id in cluster_records})
    _move_records(session, before, assignment, run_id)
    _retract_emptied(session, before, assignment, set(before.values()) - claimed, run_id)
    name_persons(session, set(assignment.values()))
    return len(unnamed)


def _move_records(
    session: Session, before: dict[str, str], assignment: dict[str, int], run_id: int
) -> None:
    changes = [
        {"id": int(record_id), "person_id": person}
        for record_id, person in assignment.items()
        if before.get(record_id) != str(person)
    ]
    update_rows(session, Record.__table__, changes)
    moved = [c for c in changes if before.get(str(c["id"])) is not None]
    for change in moved:
        log_event(
            session,
            "relink",
            "records",
            change["id"],
            before={"person_id": int(before[str(change["id"])])},
            after={"person_id": change["person_id"]},
            note=f"linkage run {run_id}",
        )


def _retract_emptied(
    session: Session,
    before: dict[str, str],
    assignment: dict[str, int],
    emptied: set[str],
    run_id: int,
) -> None:
    """Retract persons left without records, saying which persons their records joined."""
    went: dict[str, set[int]] = {}
    for record_id, old in before.items():
        if old in emptied and record_id in assignment:
            went.setdefault(old, set()).add(assignment[record_id])
    for person_id in emptied:
        person = session.get(Person, int(person_id))
        if person is not None and person.retracted_at is None:
            ids = went.get(person_id, set())
            labels = sorted(session.scalars(select(Person.label).where(Person.id.in_(ids))))
            where = ", ".join(labels) or "other persons"
            retract(session, person, f"its records now belong to {where} (linkage run {run_id})")


def _pairs_to_review(result) -> dict[tuple[str, str], str]:
    """Why each pair waits for a reviewer, by its records' ids."""
    review = result.review_pairs
    keys = zip(review["record_id_l"].astype(str), review["record_id_r"].astype(str), strict=True)
    return dict(zip(keys, review["reason"], strict=True))


def _carry_pairs(session: Session, last_run_id: int, run_id: int, result) -> bool:
    """Move the last run's scored pairs to this run instead of writing them again, when this
    run clustered those very pairs again (only decisions changed): the pairs and their
    weights are the same, only which of them wait for review, or are kept at all, can differ.
    The last run's pairs this run no longer keeps (a pair kept only for a decision since
    undone; a pair kept for a rival whose weight, stored to two decimals, now falls short)
    are deleted, as pruning would delete them. The pairs the cluster check scored are
    written anew. False, with nothing changed, when this run keeps a pair the last run did
    not store: the caller then writes them all."""
    pairs = result.pairs.dropna(subset=["match_probability"])
    rescored = pairs["rescored"].eq(True)
    last_pairs = (CandidatePair.run_id == last_run_id) & ~CandidatePair.rescored
    carried = pairs[~rescored]
    kept = set(
        zip(carried["record_id_l"].astype(str), carried["record_id_r"].astype(str), strict=True)
    )
    stored = session.execute(
        select(CandidatePair.id, CandidatePair.record_a_id, CandidatePair.record_b_id).where(
            last_pairs
        )
    ).all()
    dropped = [pair for pair, a, b in stored if (str(a), str(b)) not in kept]
    if len(stored) - len(dropped) != len(carried):
        return False
    for start in range(0, len(dropped), 5000):
        chunk = dropped[start : start + 5000]
        session.execute(delete(CandidatePair).where(CandidatePair.id.in_(chunk)))
    session.execute(
        update(CandidatePair)
        .where(last_pairs)
        .values(run_id=run_id, needs_review=False, review_reason=None)
    )
    review = _pairs_to_review(result)
    flag = (
        update(CandidatePair)
        .where(
            CandidatePair.run_id == run_id,
            CandidatePair.record_a_id == bindparam("_a"),
            CandidatePair.record_b_id == bindparam("_b"),
        )
        .values(needs_review=True, review_reason=bindparam("_reason"))
    )
    flags = [{"_a": int(a), "_b": int(b), "_reason": why} for (a, b), why in review.items()]
    if flags:
        session.connection().execute(flag, flags)
    _save_pairs(session, run_id, pairs[rescored], result.weight_columns, review)
    return True


def _save_pairs(
    session: Session, run_id: int, pairs: pd.DataFrame, weight_columns: list[str], review: dict
) -> None:
    """Write scored pairs with their field weights, flagging those that wait for review."""
    pairs = pairs.dropna(subset=["match_probability"])
    weights = pairs[weight_columns].round(2)
    weights.columns = [column.removeprefix("mw_") for column in weights.columns]
    field_weights = weights.astype(object).where(weights.notna(), None).to_dict("records")
    match_weights = pairs["match_weight"].fillna(0.0)
    rows = [
        {
            "run_id": run_id,
            "record_a_id": int(left),
            "record_b_id": int(right),
            "match_probability": float(probability),
            "match_weight": float(weight),
            "field_weights": fields,
            "needs_review": (left, right) in review,
            "review_reason": review.get((left, right)),
            "rescored": bool(rescored),
        }
        for left, right, probability, weight, fields, rescored in zip(
            pairs["record_id_l"].astype(str),
            pairs["record_id_r"].astype(str),
            pairs["match_probability"],
            match_weights,
            field_weights,
            pairs["rescored"].eq(True),
            strict=True,
        )
    ]
    for start in range(0, len(rows), 5000):
        session.execute(CandidatePair.__table__.insert(), rows[start : start + 5000])
