"""`toll claims` and `toll claim confirm|correct|reject`: reviewing stored figures."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json, print_table

claim_app = typer.Typer(
    help="Review one claim: confirm it, correct it or reject it (history is kept)."
)
app.add_typer(claim_app, name="claim")

ClaimId = Annotated[int, typer.Argument(help="The claim's id (see `toll claims`).")]
Note = Annotated[str | None, typer.Option(help="Why: kept in the claim's history.")]


def claim_dict(claim) -> dict:
    return {
        "id": claim.id,
        "source_id": claim.source_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "category": claim.category,
        "subject": claim.subject,
        "subgroup": claim.subgroup,
        "part_of": claim.part_of_id,
        "incident": claim.incident,
        "speaker": claim.speaker,
        "confidence": claim.confidence,
        "review_state": claim.review_state,
        "review_note": claim.review_note,
        "extractor_version": claim.extractor_version,
    }


def _number(value: float | None) -> str | None:
    return None if value is None else f"{value:,.0f}" if value == int(value) else f"{value:,}"


@app.command("claims")
def list_claims(
    source: Annotated[int | None, typer.Option(help="Only the claims of this source id.")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category, e.g. killed.")] = None,
    extractor_version: Annotated[str | None, typer.Option(
        help="Only claims this extractor version made (`toll extractor version`); "
        "none: made before versions were recorded.")] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """List the figures stored from sources, with their review state."""
    from toll.claims.store import find_claims

    store = open_store(db, create=False)
    with store.session() as session:
        rows = [claim_dict(c) for c in find_claims(
            session, source_id=source, category=category, extractor_version=extractor_version)]
    if json:
        print_json(rows)
        return
    print_table(
        [
            (
                r["id"],
                r["source_id"],
                r["text"],
                _number(r["value"]),
                r["qualifier"],
                r["category"],
                r["subgroup"],
                r["part_of"],
                r["speaker"],
                r["review_state"],
            )
            for r in rows
        ],
        [
            "id",
            "source",
            "words",
            "value",
            "qualifier",
            "category",
            "subgroup",
            "part of",
            "speaker",
            "review",
        ],
    )


def _show(claim, json: bool) -> None:
    data = claim_dict(claim)
    if json:
        print_json(data)
    else:
        console.print(
            f"Claim {data['id']} is now {data['review_state']}: {data['text']!r} "
            f"= {_number(data['value'])} {data['category'] or ''}",
            markup=False,
        )


@claim_app.command("confirm")
def confirm(
    claim_id: ClaimId, note: Note = None, db: DbOption = None, json: JsonOption = False
) -> None:
    """Mark a claim as checked against its words and right."""
    from toll.claims.store import confirm_claim

    with open_store(db, create=False).session() as session:
        _show(confirm_claim(session, claim_id, note), json)


@claim_app.command("correct")
def correct(
    claim_id: ClaimId,
    value: Annotated[float | None, typer.Option(help="The figure's value.")] = None,
    low: Annotated[float | None, typer.Option(help="Lower bound.")] = None,
    high: Annotated[float | None, typer.Option(help="Upper bound.")] = None,
    qualifier: Annotated[str | None, typer.Option(help="exact, approx, more_than, ...")] = None,
    category: Annotated[str | None, typer.Option(help="killed, injured, missing, ...")] = None,
    subject: Annotated[str | None, typer.Option(help="What was counted.")] = None,
    subgroup: Annotated[str | None, typer.Option(help="women, children, ...")] = None,
    incident: Annotated[str | None, typer.Option(help="Place/date the figure refers to.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Who made the claim.")] = None,
    note: Note = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Correct what extraction got wrong; the old values stay in the history."""
    from toll.claims.store import correct_claim

    given = dict(
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        category=category,
        subject=subject,
        subgroup=subgroup,
        incident=incident,
        speaker=speaker,
    )
    changes = {field: v for field, v in given.items() if v is not None}
    with open_store(db, create=False).session() as session:
        _show(correct_claim(session, claim_id, changes, note), json)


@claim_app.command("reject")
def reject(
    claim_id: ClaimId,
    reason: Annotated[str, typer.Option(help="Why the claim is wrong (required).")],
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Reject a claim that is not a harm figure; it stays visible, marked rejected."""
    from toll.claims.store import reject_claim

    with open_store(db, create=False).session() as session:
        _show(reject_claim(session, claim_id, reason), json)


@claim_app.command("show")
def show(claim_id: ClaimId, db: DbOption = None, json: JsonOption = False) -> None:
    """Where a figure comes from: the exact words, the sentence around them, the source (file
    and SHA-256), the claims it includes and every change made to it."""
    from toll.figures import claim_provenance

    with open_store(db, create=False).session() as session:
        data = claim_provenance(session, claim_id).to_dict()
    if json:
        print_json(data)
        return
    figure, source = data["figure"], data["source"]
    console.print(
        f"Claim {data['claim_id']}: {_number(figure['value'])} {figure['category'] or ''} "
        f"({figure['qualifier']}, {figure['review_state']}"
        f"{', retracted' if data['retracted'] else ''})",
        markup=False,
        style="bold",
    )
    console.print(f"Words: {data['words']!r} (characters {data['start']}–{data['end']})")
    console.print(f"Sentence: {data['sentence']}", markup=False)
    said = ", ".join(v for v in (source["publisher"], source["published"]) if v)
    console.print(
        f"Source {source['id']}: {source['file_name']}{f' ({said})' if said else ''}, "
        f"sha256 {source['sha256'][:12]}…",
        markup=False,
    )
    if data["part_of"] is not None:
        console.print(f"Part of claim {data['part_of']}.")
    if data["parts"]:
        console.print(f"Includes claims {', '.join(map(str, data['parts']))}.")
    for change in data["history"]:
        changed = _change_text(change)
        console.print(
            f"{change['at']:%Y-%m-%d %H:%M} {change['actor']}: {change['action']}"
            f"{': ' + changed if changed else ''}",
            markup=False,
        )


def _change_text(change: dict) -> str:
    """What one change did, as a reviewer reads it: "value 41 → 42; review_state … → …"."""
    if change["action"] == "create":
        return ""
    before = change["before"] or {}
    return "; ".join(
        f"{field} {_plain(before.get(field))} → {_plain(value)}"
        for field, value in (change["after"] or {}).items()
        if field not in ("updated_at",)
    )


def _plain(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


@claim_app.command("history")
def history(claim_id: ClaimId, db: DbOption = None, json: JsonOption = False) -> None:
    """Every change to a claim: who, when, before and after."""
    from toll.claims.store import claim_history

    with open_store(db, create=False).session() as session:
        events = [
            {"at": e.at, "actor": e.actor, "action": e.action, "before": e.before, "after": e.after}
            for e in claim_history(session, claim_id)
        ]
    if json:
        print_json(events)
        return
    print_table(
        [(f"{e['at']:%Y-%m-%d %H:%M}", e["actor"], e["action"], _change_text(e)) for e in events],
        ["when (UTC)", "who", "what", "change"],
    )
