"""`toll family relate|unrelate|show` and `toll figures families`: who belongs to which family."""

from dataclasses import asdict
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.cases import PublicOption, SourceOption, shown_count
from toll.cli.figures import figures_app
from toll.cli.output import console, print_json, print_table

family_app = typer.Typer(help="Families: households from the lists and relations entered by hand.")
app.add_typer(family_app, name="family")


@family_app.command("relate")
def relate(
    person: Annotated[str, typer.Argument(help="A person label (P-00012).")],
    relative: Annotated[str, typer.Argument(help="The relative's person label.")],
    kind: Annotated[str, typer.Option("--as", help="parent, child, spouse, sibling or household.")],
    source: SourceOption = None,
    note: Annotated[str | None, typer.Option(help="A note kept with the relation.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Record that PERSON is the parent (child, spouse...) of RELATIVE."""
    from toll.families import relate as relate_persons

    with open_store(db, create=False).session() as session:
        relation = relate_persons(session, person, relative, kind, source_id=source, note=note)
        data = {"relation_id": relation.id, "person": person, "kind": kind, "relative": relative}
    if json:
        print_json(data)
    else:
        console.print(f"Relation {data['relation_id']}: {person} is {kind} of {relative}.")


@family_app.command("unrelate")
def unrelate(
    relation_id: Annotated[int, typer.Argument(help="The relation's id (`toll family show`).")],
    reason: Annotated[str, typer.Option(help="Why the relation was wrong.")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Retract a relation entered by hand, with its reason (kept in the store, retracted)."""
    from toll.families import unrelate as unrelate_persons

    with open_store(db, create=False).session() as session:
        relation = unrelate_persons(session, relation_id, reason=reason)
        data = {
            "relation_id": relation.id,
            "retracted_by": relation.retracted_by,
            "retracted_at": relation.retracted_at.isoformat(),
            "reason": relation.retraction_reason,
        }
    if json:
        print_json(data)
    else:
        console.print(f"Relation {relation_id} retracted: {data['reason']}", markup=False)


@family_app.command("show")
def show(
    person: Annotated[str, typer.Argument(help="A person label (P-00012).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """The family a person belongs to: members, roles, statuses, parents and where each comes
    from (each list's own household number, relations entered by hand)."""
    from toll.families import family_of

    with open_store(db, create=False).session() as session:
        view = family_of(session, person)
    if json:
        print_json(asdict(view))
        return
    console.print(f"Family {view.family_id} (head {view.head or 'unknown'})", markup=False)
    print_table(
        [
            (
                m["person_id"],
                m["name"],
                m["role"],
                m["sex"],
                m["born"],
                ", ".join(m["statuses"]),
                ", ".join(m["parents"]),
                ", ".join(map(str, m["records"])),
            )
            for m in view.members
        ],
        ["person", "name", "role", "sex", "born", "status", "parents", "records"],
    )
    for h in view.households:
        console.print(f"  {h['source_file']}: household {h['household']}", markup=False)
    for r in view.relations:
        console.print(
            f"  relation {r['relation_id']}: {r['person_id']} {r['kind']} of {r['relative_id']}"
            f"{' (source ' + str(r['source_id']) + ')' if r['source_id'] else ''} by {r['by']}",
            markup=False,
        )


@figures_app.command("families")
def figures_families(
    incident: Annotated[int | None, typer.Option(help="Only losses in this incident (id).")] = None,
    min_members: Annotated[int, typer.Option(min=1, help="Known members a family needs.")] = 2,
    child_under: Annotated[int, typer.Option(min=1, help="A child is younger than this.")] = 18,
    missing_counts: Annotated[
        bool, typer.Option("--missing-counts", help="Count the missing as lost.")
    ] = False,
    public: PublicOption = False,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Families wiped out, children who lost one parent, children who lost both; --json lists
    the families and persons behind each number, with the definitions used; --public: counts
    only, each under 5 suppressed, nobody listed."""
    from toll.families import Definitions, family_figures

    rules = Definitions(min_members, child_under, missing_counts)
    with open_store(db, create=False).session() as session:
        data = family_figures(session, rules, incident, public=public)
    if json:
        print_json(data)
        return
    count = {
        k: shown_count(v["count"]) for k, v in data.items() if isinstance(v, dict) and "count" in v
    }
    console.print(
        f"families wiped out {count['families_wiped_out']} · children who lost both "
        f"parents {count['children_lost_both_parents']} · lost one parent "
        f"{count['children_lost_one_parent']}   (of {shown_count(data['families'])} families"
        f"{'; counts under 5 suppressed' if public else '; --json lists the persons'})",
        markup=False,
    )
    for name, text in data["definitions"].items():
        console.print(f"  {name}: {text}", markup=False)
    if data["children_age_unknown"]["count"] != 0:
        console.print(
            f"  {count['children_age_unknown']} children who lost a parent have no "
            "known age and are not counted",
            markup=False,
        )
