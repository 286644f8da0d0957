"""`toll extractor version|examples|compare`: which extractor made the claims, what reviewers
taught it, and what the current one would extract from a stored source."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table
from toll.cli.progress import progress_bar

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


@extractor_app.command("retrain")
def retrain(
    out: Annotated[Path, typer.Option(help="Where to write the model (JSON).")] = Path(
        "extractor-model.json"),
    corpus: Annotated[Path | None, typer.Option(
        help="The annotated corpus folder (default: the checkout's tests/claims/corpus).",
        show_default=False)] = None,
    folds: Annotated[int, typer.Option(help="Folds of the cross-validation.")] = 5,
    db: Annotated[str | None, typer.Option(
        "--db", help="Also learn from this store's reviewed claims (confirmed, corrected, "
        "rejected).", show_default=False)] = None,
    links_out: Annotated[Path | None, typer.Option(
        help="Also rebuild the link model (which figure is a part of which) from the "
        "corpus's gold and write it here; extraction uses it when TOLL_LINK_MODEL names "
        "the file.", show_default=False)] = None,
    json: JsonOption = False,
) -> None:
    """Rebuild the category model from the annotated corpus and the store's reviewed claims,
    report its cross-validated score and write it; extraction uses it when
    TOLL_EXTRACTOR_MODEL names the file. With --links-out, the link model too."""
    import time

    from toll.claims.examples import from_files
    from toll.claims.training import build_examples, corpus_files, cross_validate, train
    from toll.errors import TollError

    started = time.perf_counter()
    files = corpus_files(corpus)
    if not files:
        raise TollError(f"{corpus or 'tests/claims/corpus'}: no annotated *.jsonl files; "
                        "give the corpus folder with --corpus")
    texts = from_files(files)
    reviewed = []
    if db is not None:
        from toll.claims.store import review_examples

        with open_store(db, create=False).session() as session:
            reviewed = review_examples(session)
    with progress_bar("reading examples", quiet=json) as update:
        examples = build_examples(texts + reviewed, lambda done, total: update(done, total, ""))
    report = cross_validate(texts + reviewed, folds, examples)
    model = train(texts + reviewed, examples)
    out.write_text(model.to_json(), encoding="utf-8")
    data = {"model": str(out), "model_hash": model.digest, "passages": len(texts),
            "reviewed_claims": sum(len(t.labels) for t in reviewed), **report.to_dict()}
    if links_out is not None:
        from toll.claims.training import corpus_passages, train_links

        links = train_links(corpus_passages(files))
        links_out.write_text(links.to_json(), encoding="utf-8")
        data |= {"links_model": str(links_out), "links_model_hash": links.digest}
    data["seconds"] = round(time.perf_counter() - started, 1)
    if json:
        print_json(data)
        return
    console.print(
        f"Model {model.digest} written to {out}: {data['examples']:,} examples from "
        f"{len(texts):,} passages and {data['reviewed_claims']:,} reviewed claims, "
        f"{data['seconds']} s. Cross-validated ({report.folds} folds) category F1: rules "
        f"{report.rules_f1}, with the model {report.combined_f1} (model alone right "
        f"{report.model_accuracy:.0%}). Use it with TOLL_EXTRACTOR_MODEL={out}.",
        markup=False,
    )
    if links_out is not None:
        console.print(f"Link model {data['links_model_hash']} written to {links_out}; use it "
                      f"with TOLL_LINK_MODEL={links_out}.", markup=False)
