"""`toll persons`, `toll person`: the register of persons (exports are in cli/exports)."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, err_console, print_json, print_table, weights_text


@app.command()
def persons(
    name: Annotated[str | None, typer.Option(help="A name in any script or spelling.")] = None,
    status: Annotated[str | None, typer.Option(help="killed, missing, captured, ...")] = None,
    sex: Annotated[str | None, typer.Option(help="male or female.")] = None,
    age_min: Annotated[int | None, typer.Option(min=0, help="Youngest age at the event.")] = None,
    age_max: Annotated[int | None, typer.Option(min=0, help="Oldest age at the event.")] = None,
    place: Annotated[str | None, typer.Option(help="A place in any script or former name.")] = None,
    source: Annotated[int | None, typer.Option(help="Listed by this source id.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many persons.")] = 100,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Search the register of persons."""
    from toll.persons import PersonFilter, search_persons

    where = PersonFilter(name, status, sex, age_min, age_max, place, source)
    with open_store(db, create=False).session() as session:
        found = search_persons(session, where, limit)
    rows = found.to_dict()["persons"]
    total, similar, unlinked = found.total, found.similar, found.unlinked
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
    if any(value is not None for value in vars(where).values()) and not rows:
        err_console.print("No person matches these conditions.")
    elif not rows and not unlinked:
        err_console.print("No persons in the register yet: `toll import FILE`, then `toll link`.")
    if similar and rows:
        err_console.print(f"No record spells {name!r} so; these persons have similar spellings.")
    if total > len(rows):
        err_console.print(f"{len(rows):,} of {total:,} persons shown; --limit shows more.")
    if unlinked:
        err_console.print(f"{unlinked:,} records are not linked into persons yet: `toll link`.")


@app.command()
def person(
    reference: Annotated[str, typer.Argument(help="A person label (P-00417) or number.")],
    split_from: Annotated[
        str | None, typer.Argument(help="With `split`: the person to split.", show_default=False)
    ] = None,
    record: Annotated[
        int | None, typer.Option(help="With `split`: the record to take out.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="With `split`: why; kept in history.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """One person: every record side by side with its source, why they were joined (match
    weight per field) and reviewers' decisions about them. Each view is written to the audit trail.

    `toll person split P-00417 --record 12` takes record 12 out into a new person of its own.
    """
    from toll.persons import person_view

    if reference == "split":
        _split(split_from, record, note, db, json)
        return
    with open_store(db, create=False).session() as session:
        data = person_view(session, reference).to_dict()
    if json:
        print_json(data)
    else:
        _print_person(data)


def _split(reference: str | None, record: int | None, note, db, json: bool) -> None:
    from toll.errors import TollError
    from toll.persons import split_person

    if reference is None or record is None:
        raise TollError(
            "to split a person, give it and a record: toll person split P-00417 --record 12"
        )
    with open_store(db, create=False).session() as session:
        data = split_person(session, reference, record, note).to_dict()
    if json:
        print_json(data)
    else:
        console.print(
            f"Split: record {data['record']} left {data['person']} for a new person "
            f"{data['new_person']} ({len(data['decisions'])} decisions keep them apart).",
            markup=False,
        )


def _print_person(data: dict) -> None:
    records = data["records"]
    console.print(f"{data['person_id']} {data['name'] or ''}", markup=False, style="bold")
    if data["retracted"]:
        gone = data["retracted"]
        console.print(
            f"{data['person_id']} is no longer in the register: {gone['reason']} "
            f"({gone['by']}, {gone['at']:%Y-%m-%d}).",
            markup=False,
        )
        return
    print_table(
        [
            (
                r["record_id"],
                f"{r['source_file']} row {r['row']}",
                r["name"],
                r["sex"],
                r["born"],
                r["age"],
                r["place"],
                r["status"],
                r["event_date"],
            )
            for r in records
        ],
        ["record", "source", "name", "sex", "born", "age", "place", "status", "date"],
    )
    if len(records) > 1:
        console.print("Why joined (match weight per field; + for, - against):")
    for link_ in data["links"]:
        console.print(
            f"  records {link_['record_a']} ~ {link_['record_b']}: p={link_['probability']} "
            f"weight {link_['weight']:+.1f}: {weights_text(link_['field_weights'])}",
            markup=False,
        )
    if len(records) > 1 and not data["links"]:
        console.print("  joined by a reviewer's decision, or through other records", markup=False)
    for apart in data.get("kept_apart", []):
        console.print(
            f"Kept out: record {apart['other_record']} (p={apart['probability']} with record "
            f"{apart['record']}): {apart['reason']}; decide with `toll decide`.",
            markup=False,
        )
    for made in data["decisions"]:
        console.print(
            f"Decision {made['id']}: records {made['record_a']} and {made['record_b']} are "
            f"{'the same person' if made['decision'] == 'same' else 'different persons'} "
            f"({made['by']}, {made['at']:%Y-%m-%d}{'; ' + made['note'] if made['note'] else ''})",
            markup=False,
        )
