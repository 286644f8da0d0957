"""`toll link`, `toll review`, `toll decide`, `toll persons`, `toll person`, `toll export`."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table
from toll.cli.progress import progress_bar


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


@app.command()
def link(
    engine: Annotated[
        Engine, typer.Option(help="duckdb on one machine; spark beyond.")
    ] = Engine.duckdb,
    threshold: Annotated[float, typer.Option(help="Match probability to join two records.")] = 0.9,
    review_below: Annotated[
        float, typer.Option(help="Pairs between this and --threshold go to review.")
    ] = 0.5,
    full: Annotated[
        bool, typer.Option("--full", help="Re-link everything, not just new records.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Link the records of every list into one register of persons.

    The first run trains a model without labels and links everything; later runs link new lists
    against the register, keeping person labels and every reviewer's decision.
    """
    from toll.persons.register import link_register

    with open_store(db).session() as session, progress_bar("Linking", quiet=json) as update:
        summary = link_register(
            session,
            engine=engine.value,
            threshold=threshold,
            review_low=review_below,
            full=full,
            progress=update,
        )
    if json:
        print_json(summary.__dict__)
        return
    console.print(
        f"{summary.records:,} records → {summary.persons:,} persons "
        f"({summary.new_persons:,} new); {summary.to_review:,} pairs to review "
        "(toll review)."
    )


def _pair_row(session, pair) -> dict:
    from toll.model import Record

    a, b = session.get(Record, pair.record_a_id), session.get(Record, pair.record_b_id)
    return {
        "record_a": pair.record_a_id,
        "record_b": pair.record_b_id,
        "name_a": _name(a),
        "name_b": _name(b),
        "born_a": a.birth_year,
        "born_b": b.birth_year,
        "place_a": a.place,
        "place_b": b.place,
        "probability": round(pair.match_probability, 3),
        "weight": pair.match_weight,
        "field_weights": pair.field_weights,
    }


def _name(record) -> str:
    parts = (record.family_name, record.given_name, record.patronymic)
    return record.full_name or " ".join(part for part in parts if part)


def weights_text(weights: dict) -> str:
    """Match weights as a reviewer reads them: "family +4.1 given +3.0 birth -1.2"."""
    return " ".join(f"{field} {value:+.1f}" for field, value in weights.items() if value)


@app.command()
def review(
    limit: Annotated[int, typer.Option(help="How many pairs to show.")] = 50,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Decide pair by pair at a prompt.")
    ] = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show the pairs linkage was unsure about; decide them with `toll decide` or -i."""
    from toll.persons.reviewing import review_queue

    store = open_store(db)
    with store.session() as session:
        rows = [_pair_row(session, pair) for pair in review_queue(session, limit)]
    if json:
        print_json(rows)
        return
    if not interactive:
        print_table(
            [
                (
                    r["record_a"],
                    r["name_a"],
                    r["born_a"],
                    r["place_a"],
                    r["record_b"],
                    r["name_b"],
                    r["born_b"],
                    r["place_b"],
                    r["probability"],
                    weights_text(r["field_weights"]),
                )
                for r in rows
            ],
            ["rec", "name", "born", "place", "rec", "name", "born", "place", "p", "weights"],
        )
        console.print(f"{len(rows)} pairs. Decide: toll decide A B same|different")
        return
    _review_interactively(store, rows)


def _review_interactively(store, rows: list[dict]) -> None:
    from toll.persons.reviewing import decide

    choices = {"s": "same", "d": "different"}
    for row in rows:
        console.print(
            f"\n{row['record_a']}: {row['name_a']} · {row['born_a']} · {row['place_a']}\n"
            f"{row['record_b']}: {row['name_b']} · {row['born_b']} · {row['place_b']}\n"
            f"p={row['probability']}  {weights_text(row['field_weights'])}",
            markup=False,
        )
        answer = typer.prompt("same (s), different (d), skip (k), quit (q)", default="k")
        if answer.lower().startswith("q"):
            break
        if answer.lower()[:1] in choices:
            with store.session() as session:
                decide(session, row["record_a"], row["record_b"], choices[answer.lower()[:1]])


class Decision(StrEnum):
    same = "same"
    different = "different"


@app.command()
def decide(
    record_a: Annotated[int, typer.Argument(help="A record id (see toll review).")],
    record_b: Annotated[int, typer.Argument(help="Another record id.")],
    decision: Annotated[Decision, typer.Argument(help="same or different.")],
    note: Annotated[str | None, typer.Option(help="Why; kept in history.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Decide that two records are, or are not, the same person; every re-link keeps it."""
    from toll.persons.reviewing import decide as decide_pair

    with open_store(db).session() as session:
        made = decide_pair(session, record_a, record_b, decision.value, note)
        data = {
            "id": made.id,
            "record_a": made.record_a_id,
            "record_b": made.record_b_id,
            "decision": made.decision,
            "note": made.note,
        }
    if json:
        print_json(data)
    else:
        console.print(
            f"Decided: records {record_a} and {record_b} are {decision.value}"
            f"{' persons' if decision.value == 'different' else ' person'}."
        )


@app.command()
def persons(
    name: Annotated[str | None, typer.Option(help="A name in any script or spelling.")] = None,
    status: Annotated[str | None, typer.Option(help="killed, missing, captured, ...")] = None,
    sex: Annotated[str | None, typer.Option(help="male or female.")] = None,
    age_min: Annotated[int | None, typer.Option(help="Youngest age at the event.")] = None,
    age_max: Annotated[int | None, typer.Option(help="Oldest age at the event.")] = None,
    place: Annotated[str | None, typer.Option(help="A place in any script or former name.")] = None,
    source: Annotated[int | None, typer.Option(help="Listed by this source id.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many persons.")] = 100,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Search the register of persons."""
    from toll.persons.lookup import PersonFilter, find_persons, person_records
    from toll.store.access import may_see_personal_data

    where = PersonFilter(name, status, sex, age_min, age_max, place, source)
    with open_store(db).session() as session:
        rows = []
        named = may_see_personal_data(session)
        for person in find_persons(session, where, limit):
            records = person_records(session, person)
            rows.append(
                {
                    "person_id": person.label,
                    "name": person.display_name if named else "[restricted]",
                    "records": len(records),
                    "sources": sorted({source.file_name for _, source in records}),
                    "statuses": sorted({r.status for r, _ in records if r.status}),
                }
            )
    if json:
        print_json(rows)
        return
    print_table(
        [
            (
                r["person_id"],
                r["name"],
                r["records"],
                ", ".join(r["sources"]),
                ", ".join(r["statuses"]),
            )
            for r in rows
        ],
        ["person", "name", "records", "sources", "status"],
    )


@app.command()
def person(
    reference: Annotated[str, typer.Argument(help="A person label (P-00417) or number.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """One person: every record side by side with its source, and why they were joined."""
    from toll.persons.lookup import get_person, person_links, person_records
    from toll.store.history import log_event

    with open_store(db).session() as session:
        found = get_person(session, reference)
        log_event(session, "view", "persons", found.id)
        records = [_record_dict(r, s) for r, s in person_records(session, found)]
        links = [
            {
                "record_a": p.record_a_id,
                "record_b": p.record_b_id,
                "probability": round(p.match_probability, 3),
                "weight": p.match_weight,
                "field_weights": p.field_weights,
            }
            for p in person_links(session, found)
        ]
        data = {
            "person_id": found.label,
            "name": found.display_name,
            "records": records,
            "links": links,
        }
    if json:
        print_json(data)
        return
    console.print(f"[bold]{data['person_id']}[/bold] {data['name'] or ''}")
    for r in records:
        cells = [
            r["full_name"]
            or " | ".join(filter(None, (r["family_name"], r["given_name"], r["patronymic"]))),
            r["sex"],
            r["birth_date"] or r["birth_year"],
            r["age"],
            r["place"],
            r["status"],
            r["event_date"],
        ]
        console.print(
            f"  {r['source_file']} row {r['row']} (record {r['record_id']}): "
            + " | ".join(str(c) for c in cells if c not in (None, "")),
            markup=False,
        )
    for link_ in links:
        console.print(
            f"  records {link_['record_a']}~{link_['record_b']}: p={link_['probability']} "
            f"weight {link_['weight']:+.1f}  {weights_text(link_['field_weights'])}",
            markup=False,
        )


def _record_dict(record, source) -> dict:
    from toll.persons.export import record_fields

    return {
        "record_id": record.id,
        "source_file": source.file_name,
        "row": record.row_number,
        "source_id": source.id,
        **record_fields(record),
    }


export_app = typer.Typer(help="Export data from the store as CSV or JSON.")
app.add_typer(export_app, name="export")


class Format(StrEnum):
    csv = "csv"
    json = "json"


@export_app.command("records")
def export_records(
    format: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.csv,
    output: Annotated[
        Path | None, typer.Option(help="Write to this file (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """One row per record, with source_file, row (1-based data row) and person_id."""
    from toll.persons.export import write_records

    with open_store(db).session() as session:
        count = write_records(session, format.value, output)
    if output:
        console.print(f"{count:,} records written to {output}.")
