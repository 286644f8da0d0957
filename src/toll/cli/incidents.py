"""`toll incident add|show|list|attach|detach|review|decide`: one account per event."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

incident_app = typer.Typer(
    help="Incidents: names in every script, place, dates, parent and child, and what is "
    "attached to them (claims, records, cases, estimates)."
)
app.add_typer(incident_app, name="incident")

IncidentRef = Annotated[str, typer.Argument(help="The incident's id, or a name in any script.")]
Ids = Annotated[list[int] | None, typer.Option(help="An id (repeat the option for more).")]


@incident_app.command("add")
def add(
    title: Annotated[str, typer.Argument(help='What it is called, e.g. "Khojaly massacre".')],
    name: Annotated[
        list[str] | None,
        typer.Option(help='Another name, language first if known: "ru:Ходжалы" (repeat).'),
    ] = None,
    place: Annotated[str | None, typer.Option(help="Where, as written.")] = None,
    country: Annotated[str | None, typer.Option(help="The country.")] = None,
    latitude: Annotated[float | None, typer.Option(help="Decimal degrees.")] = None,
    longitude: Annotated[float | None, typer.Option(help="Decimal degrees.")] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            help='When: "1992-02-26", "25-26 February 1992", "late February 1992", "spring 1992".',
        ),
    ] = None,
    parent: Annotated[str | None, typer.Option(help="The incident it is part of.")] = None,
    description: Annotated[str | None, typer.Option(help="A few words on what happened.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add an incident (a massacre, an attack, a shelling, a war with its attacks as children)."""
    from toll.incidents import add_incident

    with open_store(db).session() as session:
        shown = add_incident(
            session,
            title,
            names=name or [],
            place=place,
            country=country,
            latitude=latitude,
            longitude=longitude,
            when=when,
            parent=parent,
            description=description,
        )
    if json:
        print_json(shown.to_dict())
        return
    console.print(f"Incident {shown.id} added: {shown.title}", markup=False)


@incident_app.command("name")
def name(
    incident: IncidentRef,
    names: Annotated[list[str], typer.Argument(help='Names to add, e.g. "az:Xocalı".')],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Give an incident more names, in other languages, scripts or spellings."""
    from toll.incidents import add_names

    with open_store(db, create=False).session() as session:
        shown = add_names(session, incident, names)
    _print_incident(shown, json)


@incident_app.command("show")
def show(incident: IncidentRef, db: DbOption = None, json: JsonOption = False) -> None:
    """One incident: its names, place, dates, parent, children and what is attached."""
    from toll.incidents import show_incident

    with open_store(db, create=False).session() as session:
        shown = show_incident(session, incident)
    _print_incident(shown, json)


def _print_incident(shown, json: bool) -> None:
    if json:
        print_json(shown.to_dict())
        return
    when = shown.date or "date unknown"
    if shown.date_earliest:
        when += f" ({_period(shown.date_earliest, shown.date_latest)})"
    where = shown.place or "place unknown"
    if shown.latitude is not None:
        where += f" ({shown.latitude:.4f}, {shown.longitude:.4f})"
    lines = [f"{shown.id}: {shown.title}", f"  when:  {when}", f"  where: {where}"]
    names = [f"{n['name']} ({n['language']})" if n["language"] else n["name"] for n in shown.names]
    lines.append("  names: " + " · ".join(names))
    if shown.parent:
        lines.append(f"  part of: {shown.parent['id']}: {shown.parent['title']}")
    for child in shown.children:
        lines.append(f"  contains: {child['id']}: {child['title']}")
    if shown.source:
        lines.append(
            f"  from: source {shown.source['source_id']}, row {shown.source['row']}, "
            f"event {shown.source['event_id']}"
        )
    lines.append("  attached: " + ", ".join(f"{n} {k}" for k, n in shown.attached.items()))
    console.print("\n".join(lines), markup=False)


def _period(earliest, latest) -> str:
    if earliest == latest:
        return earliest.isoformat()
    return f"{earliest.isoformat()} to {latest.isoformat()}"


@incident_app.command("list")
def list_(
    search: Annotated[
        str | None, typer.Option(help="Only those with this name, any script.")
    ] = None,
    within: Annotated[str | None, typer.Option(help="Only the children of this incident.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """The incidents in the store, oldest first (or those a name in any script finds)."""
    from toll.incidents import find_incidents, list_incidents

    with open_store(db, create=False).session() as session:
        found = (
            find_incidents(session, search) if search else list_incidents(session, within=within)
        )
    if json:
        print_json([i.to_dict() for i in found])
        return
    print_table(
        [(i.id, i.title, i.date, i.place, i.parent["id"] if i.parent else None) for i in found],
        ["id", "incident", "date", "place", "part of"],
    )


@incident_app.command("attach")
def attach(
    incident: Annotated[
        str | None, typer.Argument(help="The incident (id or name); with --auto, optional.")
    ] = None,
    claim: Ids = None,
    record: Ids = None,
    case: Ids = None,
    estimate: Annotated[int | None, typer.Option(help="A stored estimate's id.")] = None,
    category: Annotated[str | None, typer.Option(help="What the estimate counts.")] = None,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help="Attach claims by their incident hints and records by place "
            "and date of event; unsure ones wait in `toll incident review`.",
        ),
    ] = False,
    note: Annotated[str | None, typer.Option(help="Why: kept with the attachment.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Attach claims, records, cases or an estimate to an incident, by hand or --auto."""
    from toll.errors import TollError
    from toll.incidents import attach as attach_by_hand
    from toll.incidents import attach_automatically

    with open_store(db, create=False).session() as session:
        if auto:
            data = attach_automatically(session, incident).to_dict()
        elif incident is None:
            raise TollError("name the incident to attach to, or use --auto")
        elif not (claim or record or case or estimate is not None):
            raise TollError("nothing to attach: give --claim, --record, --case or --estimate")
        else:
            data = attach_by_hand(
                session,
                incident,
                claims=claim or [],
                records=record or [],
                cases=case or [],
                estimate=estimate,
                category=category,
                note=note,
            ).to_dict()
    if json:
        print_json(data)
        return
    if auto:
        console.print(
            f"Claims: {data['claims_attached']} attached, {data['claims_review']} to review. "
            f"Records: {data['records_attached']} attached, {data['records_review']} to review"
            + (
                " (toll incident review)."
                if data["claims_review"] + data["records_review"]
                else "."
            ),
            markup=False,
        )
        return
    done = ", ".join(f"{n} {kind}" for kind, n in data["attached"].items() if n)
    console.print(f"Attached to incident {data['incident_id']}: {done}.", markup=False)
    for moved in data["moved"]:
        console.print(
            f"  {moved['kind']} {moved['id']} moved from incident {moved['from']}", markup=False
        )


@incident_app.command("detach")
def detach(
    incident: IncidentRef,
    kind: Annotated[str, typer.Argument(help="claim, record, case or estimate.")],
    item: Annotated[int, typer.Argument(help="Its id.")],
    reason: Annotated[str, typer.Option(help="Why (required; kept in the history).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Take a claim, record, case or estimate off an incident (the attachment is retracted)."""
    from toll.incidents import detach as detach_one

    with open_store(db, create=False).session() as session:
        detach_one(session, incident, kind, item, reason)
    if json:
        print_json({"detached": {"kind": kind, "id": item}})
        return
    console.print(f"{kind} {item} detached.", markup=False)


@incident_app.command("review")
def review(
    incident: Annotated[str | None, typer.Argument(help="Only this incident.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Automatic attachments that wait for a person (`toll incident decide LINK yes|no`)."""
    from toll.incidents import review_queue

    with open_store(db, create=False).session() as session:
        items = review_queue(session, incident)
    if json:
        print_json(items)
        return
    if not items:
        console.print("Nothing waits for review.")
        return
    print_table(
        [
            (
                i["link"],
                f"{i['incident_id']}: {i['incident']}",
                f"{i['kind']} {i['id']}",
                i["what"],
                i["reason"],
            )
            for i in items
        ],
        ["link", "incident", "attach", "what", "why it waits"],
    )


@incident_app.command("decide")
def decide(
    link: Annotated[
        int, typer.Argument(help="The waiting attachment (see `toll incident review`).")
    ],
    answer: Annotated[str, typer.Argument(help="yes (attach) or no (reject).")],
    note: Annotated[str | None, typer.Option(help="Why: kept with the attachment.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Accept or reject an automatic attachment that waits for review."""
    from toll.errors import TollError
    from toll.incidents import decide as decide_link

    if answer not in ("yes", "no"):
        raise TollError(f"answer yes or no, not {answer!r}")
    with open_store(db, create=False).session() as session:
        data = decide_link(session, link, answer == "yes", note)
    if json:
        print_json(data)
        return
    console.print(f"Attachment {link}: {data['state']}.", markup=False)
