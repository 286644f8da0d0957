"""`toll extractor version|examples|compare`: which extractor made the claims, what reviewers
taught it, and what the current one would extract from a stored source."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

extractor_app = typer.Typer(
    help="The figure extractor: its version, the examples reviewers made, re-extraction."
)
app.add_typer(extractor_app, name="extractor")


@extractor_app.command("version")
def version(json: JsonOption = False) -> None:
    """The version recorded on claims extracted now (rules and model, by content hash)."""
    from toll.claims.store import current_extractor_version

    current = current_extractor_version()
    if json:
        print_json({"extractor_version": current})
    else:
        console.print(current, markup=False)


@extractor_app.command("examples")
def examples(db: DbOption = None, json: JsonOption = False) -> None:
    """The training examples reviewers made: every confirmed, corrected or rejected claim."""
    from toll.claims.store import review_examples

    with open_store(db, create=False).session() as session:
        texts = review_examples(session)
    rows = [{"origin": t.origin, "language": t.language, "start": label.start, "end": label.end,
             "words": t.text[label.start:label.end], "category": label.category}
            for t in texts for label in t.labels]
    if json:
        print_json(rows)
        return
    print_table([(r["origin"], r["words"], r["category"] or "not a figure") for r in rows],
                ["from", "words", "label"], title=f"{len(rows)} reviewed examples")


@extractor_app.command("compare")
def compare(
    source: Annotated[int, typer.Argument(help="The source's id (see `toll sources`).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Extract a stored source again with the current extractor and set the figures beside
    its stored claims: same, changed (which fields), gone or new. Nothing is written."""
    from toll.claims.store import compare_source

    with open_store(db, create=False).session() as session:
        current, rows = compare_source(session, source)
    if json:
        print_json({"extractor_version": current, "figures": [r.to_dict() for r in rows]})
        return
    print_table(
        [(r.state, r.claim_id, r.figure_index, r.text, _changes(r.changes), r.stored_version)
         for r in rows],
        ["state", "claim", "figure now", "words", "changes (stored → now)", "stored by"],
        title=f"source {source} against {current}",
    )


def _changes(changes: dict) -> str:
    return "; ".join(f"{field} {old} → {new}" for field, (old, new) in changes.items())
