"""`toll source add|list|show|retract` and `toll verify`."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, count, err_console, print_json, print_table
from toll.sources import SourceMetadata, add_statement, get_source, list_sources, verify_originals

source_app = typer.Typer(help="Add documents (statements, reports, articles) and look at them.")
app.add_typer(source_app, name="source")


def _source_summary(source) -> dict:
    return {
        "id": source.id,
        "file_name": source.file_name,
        "sha256": source.sha256,
        "media_type": source.media_type,
        "size": source.size,
        "kind": source.kind,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "speaker": source.speaker,
        "published": source.published,
        "url": source.url,
        "language": source.language,
        "chars": len(source.text or ""),
        "added_at": source.created_at,
        "added_by": source.created_by,
        "retracted": source.retracted_at is not None,
    }


@source_app.command("add")
def add(
    file: Annotated[Path, typer.Argument(help="A .txt, .html, .pdf or .docx document.")],
    title: Annotated[str | None, typer.Option(help="The document's title.")] = None,
    publisher: Annotated[
        str | None, typer.Option(help="Who published it (agency, ministry, NGO).")
    ] = None,
    author: Annotated[str | None, typer.Option(help="Who wrote it.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Whose statement it reports, if any.")] = None,
    published: Annotated[
        str | None, typer.Option(help="When: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where it was found.")] = None,
    language: Annotated[
        str | None, typer.Option(help="ISO 639-1 code; guessed if not given.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="statement, news, report, judgment, ...")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Add a document: keep its original bytes (SHA-256), its text, and the figures it states.

    Adding the same bytes twice gives the same source and says so.
    """
    metadata = SourceMetadata(title, publisher, author, speaker, published, url, language, kind)
    store = open_store(db)
    with store.session() as session:
        added = add_statement(session, file, metadata)
        claims, checks = added.claims, added.checks
        summary = _source_summary(added.source) | {"created": added.created, "checks": checks}
    if claims is not None:
        summary["figures"] = len(claims)
    if json:
        print_json(summary)
    elif added.created:
        figures = f" {len(claims)} figures extracted, {len(checks)} warnings."
        console.print(
            f"Source {summary['id']} added (sha256 {summary['sha256'][:12]}…, "
            f"{summary['chars']:,} chars, {summary['language'] or 'language unknown'}).{figures}"
        )
        for check in checks:
            err_console.print(f"warning: {check}", markup=False)
    else:
        console.print(
            f"Already in the store as source {summary['id']} ({summary['file_name']}, "
            f"sha256 {summary['sha256'][:12]}…); nothing changed."
        )


@source_app.command("list")
def list_(db: DbOption = None, json: JsonOption = False) -> None:
    """List every source with its id, file, publisher and date."""
    store = open_store(db, create=False)
    with store.session() as session:
        rows = [_source_summary(source) for source in list_sources(session)]
    if json:
        print_json(rows)
        return
    print_table(
        [
            (
                r["id"],
                r["file_name"],
                r["kind"],
                r["publisher"],
                r["published"],
                r["language"],
                f"{r['chars']:,}",
                "retracted" if r["retracted"] else "",
            )
            for r in rows
        ],
        ["id", "file", "kind", "publisher", "published", "lang", "chars", "state"],
    )


@source_app.command("show")
def show(
    source_id: Annotated[int, typer.Argument(help="The source's id (see `toll source list`).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Show a source's metadata, hash and text."""
    store = open_store(db, create=False)
    with store.session() as session:
        source = get_source(session, source_id)
        summary = _source_summary(source) | {"text": source.text}
    if json:
        print_json(summary)
        return
    for key, value in summary.items():
        if key != "text" and value not in (None, ""):
            console.print(f"[bold]{key}[/bold]: {value}")
    console.print()
    console.print(summary["text"] or "", markup=False, highlight=False)


@source_app.command("retract")
def retract(
    source_id: Annotated[int, typer.Argument(help="The source's id (see `toll source list`).")],
    reason: Annotated[str, typer.Option(help="Why it is withdrawn (required; kept in history).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Retract a source with its claims and records: kept and shown as retracted, left out of
    counts, linkage and estimates from now on."""
    from toll.records.versions import retract_source

    with open_store(db, create=False).session() as session:
        data = retract_source(session, source_id, reason).to_dict()
    if json:
        print_json(data)
        return
    console.print(
        f"Retracted source {source_id}: {count(data['claims'], 'claim')}, "
        f"{count(data['records'], 'record')}, {count(data['persons'], 'person')} left with no "
        f"record (kept in history: {data['reason']}).",
        markup=False,
    )


@app.command()
def verify(db: DbOption = None, json: JsonOption = False) -> None:
    """Re-hash every stored original and name any whose bytes changed."""
    store = open_store(db, create=False)
    with store.session() as session:
        checked, problems = verify_originals(session)
    if json:
        print_json({"checked": checked, "problems": [str(p) for p in problems]})
    else:
        for problem in problems:
            err_console.print(f"CHANGED {problem}", markup=False)
        console.print(f"{checked} originals checked, {len(problems)} changed.")
    if problems:
        raise typer.Exit(1)
