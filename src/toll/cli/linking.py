"""`toll link`, `toll review`, `toll decide`, `toll decisions`: building the register."""

from enum import StrEnum
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, count, err_console, print_json, print_table, weights_text
from toll.cli.progress import progress_bar


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


@app.command()
def link(
    engine: Annotated[
        Engine, typer.Option(help="duckdb on one machine; spark beyond.")
    ] = Engine.duckdb,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Match probability to join two records.")
    ] = 0.9,
    review_below: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Pairs between this and --threshold go to review."),
    ] = 0.5,
    full: Annotated[
        bool, typer.Option("--full", help="Link every record again, even if nothing changed.")
    ] = False,
    incremental: Annotated[
        bool,
        typer.Option(
            "--incremental",
            help="Link only new records against the register, with the last model: faster, "
            "but persons then depend on the order lists came in, until the next toll link.",
        ),
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Link the records of every list into one register of persons.

    Each run trains a model without labels on all the records and links them all, so the same
    lists give the same persons in whatever order they came; person labels and every
    reviewer's decision are kept. With nothing changed since the last run, nothing is done.
    """
    from toll.figures.breakdown import keep_register_tallies
    from toll.persons import link_register

    store = open_store(db, create=False)
    with store.session() as session, progress_bar("Linking", quiet=json) as update:
        summary = link_register(
            session,
            engine=engine.value,
            threshold=threshold,
            review_low=review_below,
            full=full,
            incremental=incremental,
            progress=update,
        )
    keep_register_tallies(store)
    if json:
        print_json(summary.__dict__)
    elif not summary.linked:
        waiting = "pair waits" if summary.to_review == 1 else "pairs wait"
        console.print(
            f"Nothing new to link: {count(summary.records, 'record')} in the register "
            f"({count(summary.persons, 'person')}; {summary.to_review:,} {waiting} for review). "
            "`toll link --full` links everything again."
        )
    else:
        console.print(
            f"{count(summary.records, 'record')} → {count(summary.persons, 'person')} "
            f"({summary.new_persons:,} new); {count(summary.to_review, 'pair')} to review "
            "(toll review)."
        )
        _say_how_linked(summary)
        if summary.split:
            reasons = ", ".join(f"{n:,} for {why}" for why, n in sorted(summary.split.items()))
            console.print(
                f"Split {count(sum(summary.split.values()), 'would-be person')} whose records "
                f"disagree ({reasons}); the links cut wait for review."
            )


def _say_how_linked(summary) -> None:
    """After a register existed: whether all records were linked again or only the new ones."""
    new = count(summary.new_records, "new record")
    if summary.reclustered:
        console.print(
            "Only decisions changed: clustered the last run's scored pairs again with them "
            "(no retraining, no rescoring); labels kept."
        )
    elif summary.incremental:
        console.print(
            f"Linked only the {new} against the register (--incremental): until the next "
            "`toll link`, persons depend on the order the lists came in."
        )
    elif summary.new_records < summary.records:
        console.print(
            f"Linked all {count(summary.records, 'record')} again ({new}) with a model trained on "
            "them all; labels and decisions kept."
        )


def born_or_age(row: dict, side: str) -> str | None:
    """What a reviewer reads of a record's age: "1961", "1978–1982" or "age 45"."""
    age = row[f"age_{side}"]
    return row[f"born_{side}"] or (None if age is None else f"age {age}")


@app.command()
def review(
    limit: Annotated[int, typer.Option(min=1, help="How many pairs to show.")] = 50,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Decide pair by pair at a prompt.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show the pairs linkage was unsure about; decide them with `toll decide` or -i.

    "joined" says whether the two records are now one person. Users without the personal-data
    grant see the pairs without names.
    """
    from toll.persons import replaced_for, review_pairs

    store = open_store(db, create=False)
    with store.session() as session:
        rows = [pair.to_dict() for pair in review_pairs(session, limit)]
        replaced = replaced_for(session, store.actor)
    if not json:
        for made in replaced[:10]:
            err_console.print(
                f"Note: your decision {made.id} ({made.decision}, records {made.record_a} and "
                f"{made.record_b}) was {made.replaced_why} by {made.replaced_by} "
                f"at {made.replaced_at:%Y-%m-%d %H:%M} UTC (toll decisions --all).",
                markup=False,
            )
    if json:
        print_json(rows)
    elif interactive:
        _review_interactively(store, rows)
    else:
        _print_queue(rows)


def _print_queue(rows: list[dict]) -> None:
    print_table(
        [
            (
                _side_text(r, "a"),
                _side_text(r, "b"),
                "yes" if r["joined"] else "no",
                r["probability"],
                weights_text(r["field_weights"]),
                r["why"] or "",
            )
            for r in rows
        ],
        ["record A", "record B", "joined", "p", "weights", "why"],
    )
    if rows:
        noun = "pair" if len(rows) == 1 else "pairs"
        console.print(f"{len(rows)} {noun}. Decide: toll decide A B same|different")
    else:
        console.print("No pairs wait for review.")


def _side_text(row: dict, side: str) -> str:
    """One record of a pair: its id and name, birth or age and place, then its file and row."""
    facts = " · ".join(str(v or "–") for v in (born_or_age(row, side), row[f"place_{side}"]))
    return (
        f"{row[f'record_{side}']}: {row[f'name_{side}']}\n{facts}\n"
        f"{row[f'source_{side}']} row {row[f'row_{side}']}"
    )


def _review_interactively(store, rows: list[dict]) -> None:
    from toll.errors import TollError
    from toll.persons import decide

    choices = {"s": "same", "d": "different"}
    for row in rows:
        a, b = (
            " · ".join(
                str(v or "–") for v in (row[f"name_{s}"], born_or_age(row, s), row[f"place_{s}"])
            )
            for s in "ab"
        )
        console.print(
            f"\n{row['record_a']}: {a} ({row['source_a']} row {row['row_a']})\n"
            f"{row['record_b']}: {b} ({row['source_b']} row {row['row_b']})\n"
            f"p={row['probability']} {'joined' if row['joined'] else 'not joined'}  "
            f"{weights_text(row['field_weights'])}\n"
            f"why: {row['why'] or 'uncertain'}",
            markup=False,
        )
        answer = typer.prompt("same (s), different (d), skip (k), quit (q)", default="k")
        if answer.lower().startswith("q"):
            break
        if answer.lower()[:1] in choices:
            try:
                with store.session() as session:
                    decide(session, row["record_a"], row["record_b"], choices[answer.lower()[:1]])
            except TollError as error:  # one refused decision does not end the review
                err_console.print(f"Not decided: {error}", markup=False)


@app.command()
def decide(
    record_a: Annotated[int, typer.Argument(help="A record id (see toll review).")],
    record_b: Annotated[int, typer.Argument(help="Another record id.")],
    decision: Annotated[str, typer.Argument(help="same or different (any case).")],
    note: Annotated[str | None, typer.Option(help="Why; kept in history.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Decide that two records are, or are not, the same person; every re-link keeps it."""
    from toll.persons import decide as decide_pair

    with open_store(db, create=False).session() as session:
        data = decide_pair(session, record_a, record_b, decision, note).to_dict()
    if json:
        print_json(data)
    else:
        what = "the same person" if data["decision"] == "same" else "different persons"
        console.print(f"Decided: records {record_a} and {record_b} are {what}.")
        for earlier in data["replaces"]:
            console.print(f"This replaces {earlier}; `toll review` tells them.", markup=False)


@app.command()
def decisions(
    all_: Annotated[
        bool, typer.Option("--all", help="Also decisions later replaced by another.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Reviewers' decisions: which records are, or are not, one person; who decided, when, why."""
    from toll.persons import decisions as list_decisions

    with open_store(db, create=False).session() as session:
        rows = [made.to_dict() for made in list_decisions(session, include_replaced=all_)]
    if json:
        print_json(rows)
        return
    print_table(
        [
            (
                r["id"],
                r["record_a"],
                r["record_b"],
                r["decision"],
                r["by"],
                f"{r['at']:%Y-%m-%d %H:%M}",
                r["note"],
                r["replaced_why"] or "",
            )
            for r in rows
        ],
        ["id", "record", "record", "decision", "by", "at (UTC)", "note", "replaced"],
    )


decision_app = typer.Typer(help="One reviewer's decision: undo it (history is kept).")
app.add_typer(decision_app, name="decision")


@decision_app.command("undo")
def undo(
    decision_id: Annotated[int, typer.Argument(help="The decision's id (see toll decisions).")],
    reason: Annotated[str | None, typer.Option(help="Why; kept in history.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Withdraw a decision; it stays in `toll decisions --all`, and the next `toll link`
    decides the pair by the model again (other decisions still hold)."""
    from toll.persons import undo_decision

    with open_store(db, create=False).session() as session:
        data = undo_decision(session, decision_id, reason).to_dict()
    if json:
        print_json(data)
    else:
        console.print(
            f"Undone: decision {decision_id} (records {data['record_a']} and {data['record_b']} "
            f"{data['decision']}); `toll link` decides the pair again.",
            markup=False,
        )
