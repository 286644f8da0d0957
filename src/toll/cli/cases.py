"""`toll case open|show|transition|list|sync` and `toll figures missing`: the missing, followed."""

import sys
from dataclasses import asdict
from datetime import date
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.figures import figures_app
from toll.cli.output import console, err_console, print_json, print_table

case_app = typer.Typer(help="Cases for missing persons, followed until their fate is known.")
app.add_typer(case_app, name="case")

SourceOption = Annotated[
    int | None, typer.Option("--source", help="The source id that says so (`toll source list`).")
]
PublicOption = Annotated[
    bool, typer.Option("--public", help="Counts only, each under 5 suppressed; nobody listed.")
]
NoteOption = Annotated[str | None, typer.Option(help="A note kept with the change.")]


def day(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option as a date, else a clear error."""
    from toll.errors import TollError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TollError(f"{option} {text!r}: write the date as YYYY-MM-DD") from None


def shown_count(count: int | None) -> str:
    """A count as printed; None is a count under 5 suppressed for publication."""
    return "fewer than 5" if count is None else f"{count:,}"


def refused_exits_2(action):
    """Run `action`; a refused transition prints one line and exits with status 2."""
    from toll.cases import TransitionRefused

    try:
        return action()
    except TransitionRefused as refused:
        print(f"Error: {refused}", file=sys.stderr)
        raise typer.Exit(refused.exit_code) from None


@case_app.command("open")
def open_(
    person: Annotated[str, typer.Argument(help="The missing person's label (P-00417).")],
    reported: Annotated[str | None, typer.Option(help="Date reported, YYYY-MM-DD.")] = None,
    reporter: Annotated[str | None, typer.Option(help="Who reported (restricted).")] = None,
    contact: Annotated[str | None, typer.Option(help="How to reach them (restricted).")] = None,
    relationship: Annotated[str | None, typer.Option(help="Reporter's relation.")] = None,
    consent: Annotated[str | None, typer.Option(help="Scope of sharing consented to.")] = None,
    last_seen: Annotated[str | None, typer.Option(help="Date last seen, as known.")] = None,
    place: Annotated[str | None, typer.Option(help="Place last seen.")] = None,
    circumstances: Annotated[str | None, typer.Option(help="Circumstances.")] = None,
    marks: Annotated[str | None, typer.Option(help="Distinguishing marks.")] = None,
    effects: Annotated[str | None, typer.Option(help="Clothing, personal effects.")] = None,
    stature: Annotated[int | None, typer.Option(min=30, max=250, help="Height in cm.")] = None,
    source: SourceOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Open a case for a person of the register reported missing (status `reported`)."""
    from toll.cases import CaseDetails, Reporter, open_case

    details = CaseDetails(
        day(reported, "--reported"),
        last_seen,
        place,
        circumstances,
        marks,
        effects,
        stature,
        source,
        note,
    )
    who = None
    if reporter or contact or relationship or consent:
        who = Reporter(reporter, contact, relationship, consent, details.reported_on, source)
    with open_store(db, create=False).session() as session:
        view = open_case(session, person, details, who)
    print_case(view, json)


@case_app.command("show")
def show(
    case: Annotated[str, typer.Argument(help="A case label (C-00031) or number.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """A case: the person, the disappearance, who reported it (restricted) and every change of
    status with its date, source and user."""
    from toll.cases import show_case

    with open_store(db, create=False).session() as session:
        view = show_case(session, case)
    print_case(view, json)


@case_app.command("transition")
def transition(
    case: Annotated[str, typer.Argument(help="A case label (C-00031).")],
    status: Annotated[
        str,
        typer.Argument(
            help="fate_unknown, located_alive, released, remains_recovered, identified or closed."
        ),
    ],
    on: Annotated[str | None, typer.Option(help="When it happened, YYYY-MM-DD (today).")] = None,
    source: SourceOption = None,
    note: NoteOption = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Move a case to another status. An impossible change is refused (exit status 2) with the
    changes allowed; nothing is written. Going back to fate_unknown reopens a case."""
    from toll.cases import transition_case

    when = day(on, "--on") or date.today()
    with open_store(db, create=False).session() as session:
        view = refused_exits_2(
            lambda: transition_case(session, case, status, on=when, source_id=source, note=note)
        )
    print_case(view, json)


@case_app.command("list")
def list_(
    status: Annotated[str | None, typer.Option(help="Only cases in this status.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many cases.")] = 100,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """The cases, oldest first."""
    from toll.cases import list_cases

    with open_store(db, create=False).session() as session:
        rows = list_cases(session, status, limit)
    if json:
        print_json([asdict(row) for row in rows])
        return
    print_table(
        [
            (
                r.case_id,
                r.person_id,
                r.name,
                r.status,
                r.reported_on,
                r.last_seen,
                r.last_seen_place,
                r.reporters,
            )
            for r in rows
        ],
        ["case", "person", "name", "status", "reported", "last seen", "place", "reporters"],
    )
    if not rows:
        err_console.print("No cases: `toll case sync` opens them from the lists.")


@case_app.command("sync")
def sync(db: DbOption = None, json: JsonOption = False) -> None:
    """Open a case for every person whose records say missing or captive and who has none.
    Running it again opens nothing; two lists reporting one person give one case."""
    from toll.cases import sync_cases
    from toll.cli.output import count

    with open_store(db, create=False).session() as session:
        result = sync_cases(session)
    if json:
        print_json(asdict(result))
        return
    console.print(
        f"{count(result.persons, 'person')} whose records say missing or captive → "
        f"{count(result.opened, 'case')} opened ({count(result.reporters_merged, 'case')} "
        f"with several reporters merged); {result.already:,} had a case already, "
        f"{result.fate_known:,} left out as another list gives their fate."
    )
    if result.reporters_added:
        console.print(f"{count(result.reporters_added, 'reporting record')} added to cases.")


def print_case(view, json: bool) -> None:
    if json:
        print_json(asdict(view))
        return
    age = f" · {view.age_at_disappearance} at disappearance" if view.age_at_disappearance else ""
    seen = " ".join(filter(None, (view.last_seen_place, view.last_seen)))
    console.print(
        f"{view.case_id} {view.person_id} {view.name or ''} · {view.sex or 'sex unknown'}{age}"
        f"{' · last seen ' + seen if seen else ''} · {view.status}",
        markup=False,
    )
    for r in view.reporters:
        console.print(
            f"  reported{' ' + str(r.reported_on) if r.reported_on else ''} by "
            f"{r.name or 'unknown'}"
            f"{' (' + r.relationship + ')' if r.relationship else ''}"
            f"{' · ' + r.contact if r.contact else ''}"
            f"{' · consent: ' + r.consent if r.consent else ''}"
            f"{' · record ' + str(r.record_id) if r.record_id else ''}",
            markup=False,
        )
    for field in ("circumstances", "marks", "effects", "stature", "outcome"):
        if getattr(view, field):
            console.print(f"  {field}: {getattr(view, field)}", markup=False)
    for t in view.transitions:
        source = f" (source {t.source_id}: {t.source})" if t.source_id else ""
        remains = f" remains {t.remains}" if t.remains else ""
        console.print(
            f"  {t.on} {t.from_status or '·'} → {t.to_status}{source}{remains} by {t.by}"
            f"{' — ' + t.note if t.note else ''}",
            markup=False,
        )


@figures_app.command("missing")
def figures_missing(
    by: Annotated[str | None, typer.Option(help="sex, age or sex,age.")] = None,
    public: PublicOption = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Cases by status and subgroup (women, children, elderly), opened and resolved per month;
    --public: counts only, each under 5 suppressed, no case listed."""
    from toll.cases import missing_figures

    wanted = tuple(part.strip() for part in by.split(",") if part.strip()) if by else ()
    with open_store(db, create=False).session() as session:
        data = missing_figures(session, wanted, public=public)
    if json:
        print_json(data)
        return
    print_table(
        [(s, shown_count(v["count"])) for s, v in data["by_status"].items()],
        ["status", "cases"],
        title=f"{shown_count(data['total'])} cases",
    )
    for name, statuses in data["subgroups"].items():
        shown = ", ".join(f"{s} {shown_count(v['count'])}" for s, v in statuses.items()) or "none"
        console.print(f"{name} ({data['definitions'][name]}): {shown}", markup=False)
    if data["groups"]:
        print_table(
            [
                (*(g.get(k, "") for k in wanted), g["status"], shown_count(g["count"]))
                for g in data["groups"]
            ],
            [*wanted, "status", "cases"],
        )
    if data["per_month"]:
        print_table(
            [
                (m["month"], shown_count(m["opened"]), shown_count(m["resolved"]))
                for m in data["per_month"]
            ],
            ["month", "opened", "resolved"],
        )
