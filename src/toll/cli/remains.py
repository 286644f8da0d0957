"""`toll remains add|import|match|identify|unidentify`: postmortem records vs the missing."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.cases import SourceOption, day, print_case, refused_exits_2
from toll.cli.output import console, err_console, print_json, print_table

remains_app = typer.Typer(help="Remains (postmortem records), matched against the open cases.")
app.add_typer(remains_app, name="remains")


@remains_app.command("add")
def add(
    lab_ref: Annotated[str, typer.Option("--lab-ref", help="The laboratory's reference.")],
    found: Annotated[str | None, typer.Option(help="Date found, as known.")] = None,
    place: Annotated[str | None, typer.Option(help="Place found.")] = None,
    sex: Annotated[str | None, typer.Option(help="Estimated sex.")] = None,
    age: Annotated[str | None, typer.Option(help="Estimated age or range: 12-16.")] = None,
    stature: Annotated[str | None, typer.Option(help="Stature in cm: 165 or 160-170.")] = None,
    marks: Annotated[str | None, typer.Option(help="Distinguishing marks.")] = None,
    effects: Annotated[str | None, typer.Option(help="Clothing, personal effects.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    source: SourceOption = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add one remains by hand."""
    from toll.remains import RemainsDraft, add_remains
    from toll.remains.reading import read_value

    draft = RemainsDraft(lab_reference=lab_ref, marks=marks, effects=effects, notes=notes)
    given = {"found_on": found, "found_place": place, "sex": sex, "age": age, "stature": stature}
    for name, text in given.items():
        if text:
            option = {"found_on": "--found", "found_place": "--place"}.get(name, f"--{name}")
            read_value(
                draft,
                name,
                text,
                lambda why, o=option, t=text: draft.warnings.append(f"{o} {t!r}: {why}"),
            )
    with open_store(db).session() as session:
        remains = add_remains(session, draft, source)
        data = {"remains_id": remains.label, "lab_reference": remains.lab_reference}
    if json:
        print_json(data)
    else:
        console.print(f"Remains {data['remains_id']} added (lab ref {lab_ref}).", markup=False)


@remains_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV, XLSX, ODS or JSON, one remains a row.")],
    publisher: Annotated[str | None, typer.Option(help="Who produced the file.")] = None,
    published: Annotated[
        str | None, typer.Option(help="When: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Import a file of remains, all or nothing, with the same rules and errors as lists.
    The file is kept byte for byte as a source; importing it again changes nothing."""
    from toll.remains import import_remains
    from toll.sources.store import SourceMetadata

    with open_store(db).session() as session:
        result = import_remains(
            session, file, SourceMetadata(publisher=publisher, published=published)
        )
    data = vars(result)
    if json:
        print_json(data)
        return
    if not result.created:
        console.print(
            f"{file.name} was imported before (source {result.source_id}); nothing changed."
        )
        return
    console.print(
        f"{result.remains:,} remains imported from {file.name} (source {result.source_id})."
    )
    for warning in result.warnings:
        err_console.print(f"  {warning}", markup=False)


@remains_app.command("match")
def match(
    remains: Annotated[str, typer.Argument(help="Remains label (R-00007) or lab reference.")],
    top: Annotated[int, typer.Option(min=1, help="How many cases to show.")] = 10,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Rank the open cases for these remains, the score explained field by field (sex, age at
    disappearance vs age range, date and place, stature, marks, effects)."""
    from dataclasses import asdict

    from toll.remains import match_remains

    with open_store(db, create=False).session() as session:
        data = match_remains(session, remains, top)
    if json:
        print_json(data | {"candidates": [asdict(c) for c in data["candidates"]]})
        return
    found = data["remains"]
    console.print(
        f"{found['remains_id']} lab ref {found['lab_reference']} · {found['sex'] or 'sex ?'} · "
        f"found {found['found_place'] or '?'} {found['found_on'] or ''} · "
        f"{data['open_cases']:,} open cases compared",
        markup=False,
    )
    names = ["sex", "age", "date", "place", "stature", "marks", "effects"]
    rows = []
    for c in data["candidates"]:
        weights = {f["field"]: f.get("weight") for f in c.fields}
        rows.append(
            (
                c.rank,
                c.case_id,
                c.person_id,
                f"{c.score:+.1f}",
                *(f"{weights[n]:+.1f}" if weights[n] else "·" for n in names),
            )
        )
    print_table(rows, ["rank", "case", "person", "score", *names])
    err_console.print("Weights: + for, - against, · not known on one side; --json explains each.")


@remains_app.command("identify")
def identify(
    remains: Annotated[str, typer.Argument(help="Remains label (R-00007) or lab reference.")],
    case: Annotated[str, typer.Argument(help="The case (C-00031).")],
    source: SourceOption = None,
    on: Annotated[str | None, typer.Option(help="Date identified, YYYY-MM-DD (today).")] = None,
    note: Annotated[str | None, typer.Option(help="A note kept with the change.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Confirm an identification: the case moves to identified (through remains_recovered),
    the person's fate is recorded, and both are in the history."""
    from toll.remains import identify as identify_remains

    when = day(on, "--on")
    with open_store(db, create=False).session() as session:
        view = refused_exits_2(
            lambda: identify_remains(session, remains, case, source_id=source, on=when, note=note)
        )
    print_case(view, json)


@remains_app.command("unidentify")
def unidentify(
    remains: Annotated[str, typer.Argument(help="Remains label (R-00007) or lab reference.")],
    reason: Annotated[str, typer.Option(help="Why the identification was wrong.")],
    source: SourceOption = None,
    on: Annotated[str | None, typer.Option(help="Date retracted, YYYY-MM-DD (today).")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Retract a mistaken identification with its reason: it stays in the store marked
    retracted, the case is reopened (fate_unknown), the person's fate is as before."""
    from toll.remains import unidentify as unidentify_remains

    when = day(on, "--on")
    with open_store(db, create=False).session() as session:
        view = refused_exits_2(
            lambda: unidentify_remains(session, remains, reason=reason, source_id=source, on=when)
        )
    print_case(view, json)
