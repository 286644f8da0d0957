"""`toll recognitions` and `toll recognition add|extract`: who recognised an event, and how."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json

recognition_app = typer.Typer(
    help="Acts of recognition (resolutions, judgments, declarations) and characterisations "
    "(massacre, genocide, war crime), each an attributed claim."
)
app.add_typer(recognition_app, name="recognition")
Text = Annotated[str | None, typer.Option()]


@app.command()
def recognitions(
    incident: Annotated[str | None, typer.Option(help="One incident (id or name).")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Claimed counts of recognitions beside the acts recorded one by one, and who called the
    event what: complete and check a count rather than take it on trust."""
    from toll.incidents import list_recognitions

    with open_store(db, create=False).session() as session:
        found = list_recognitions(session, incident)
    if json:
        print_json([item.to_dict() for item in found])
        return
    for item in found:
        lines = [f"{item.incident_id}: {item.incident}" if item.incident_id else "no incident"]
        for claim in item.claimed:
            lines.append(
                f"  claimed: {claim['count']} ({claim['words']!r}) · {claim['source']}"
                f" · #{claim['id']}"
            )
        lines.append(
            f"  recorded: {len(item.recorded)} acts from {item.jurisdictions} bodies "
            "or jurisdictions"
        )
        for act in item.recorded:
            parts = [act["body"], act["jurisdiction"], act["act"], act["date"], act["document"]]
            lines.append("    " + " · ".join(p for p in parts if p) + f" · #{act['id']}")
        for term, rows in item.characterisations.items():
            who = sorted({r["body"] or r["source"] or "?" for r in rows})
            lines.append(f"  called {term!r} by: {'; '.join(who)}")
        console.print("\n".join(lines), markup=False, soft_wrap=True)


@recognition_app.command("add")
def add(
    incident: Annotated[str, typer.Argument(help="The incident (id or name).")],
    body: Annotated[str, typer.Option(help='Who: "National Assembly of Pakistan".')],
    act: Annotated[str, typer.Option(help="resolution, judgment, declaration, law...")],
    jurisdiction: Text = None,
    date: Text = None,
    document: Text = None,
    wording: Annotated[str | None, typer.Option(help="The act's words about the event.")] = None,
    term: Annotated[str | None, typer.Option(help="What it recognised it as (genocide).")] = None,
    source: Annotated[int | None, typer.Option(help="The source showing it, if stored.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Record one act of recognition by hand."""
    from toll.incidents import add_recognition

    with open_store(db, create=False).session() as session:
        row = add_recognition(
            session,
            incident,
            body=body,
            act=act,
            jurisdiction=jurisdiction,
            date=date,
            document=document,
            wording=wording,
            term=term,
            source_id=source,
        )
        data = row.column_values()
    if json:
        print_json(data)
        return
    console.print(f"Recognition {data['id']} recorded: {body}, {act}.", markup=False)


@recognition_app.command("extract")
def extract(
    source: Annotated[int, typer.Argument(help="A stored source's id.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Store the characterisations and recognitions a source's text states (English, Russian)."""
    from toll.incidents import extract_characterisations

    with open_store(db, create=False).session() as session:
        rows = [row.column_values() for row in extract_characterisations(session, source)]
    if json:
        print_json(rows)
        return
    for row in rows:
        console.print(
            f"#{row['id']} {row['kind']}: {row['text']!r} (incident {row['incident_id'] or '–'})",
            markup=False,
        )
