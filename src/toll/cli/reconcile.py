"""`toll reconcile`: one account per incident, every source's figure side by side."""

from typing import Annotated

import typer

from toll.cli.app import DbOption, JsonOption, app, open_store
from toll.cli.output import console, print_json


@app.command()
def reconcile(
    incident: Annotated[
        str | None, typer.Option(help="One incident (id or a name in any script).")
    ] = None,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """Per incident, category and subgroup: every source's figure with its qualifier, speaker
    and words; the low, high and median across sources; the register's persons; the stored
    estimate; and why figures differ where the data shows it. Toll decides nothing."""
    from toll.figures import reconcile as reconcile_incidents

    with open_store(db, create=False).session() as session:
        accounts = reconcile_incidents(session, incident)
    if json:
        print_json([account.to_dict() for account in accounts])
        return
    for account in accounts:
        _print_account(account)


def _print_account(account) -> None:
    """Each group: one line per source's figure, then the spread, register, estimate, notes."""
    incident = account.incident
    head = " · ".join(p for p in (incident["date"], incident["place"]) if p)
    lines = [f"{incident['id']}: {incident['title']}" + (f" · {head}" if head else "")]
    for group in account.groups:
        lines.append("  " + " · ".join(p for p in (group.category, group.subgroup) if p))
        for figure in group.figures:
            replaced = " (superseded)" if figure.claim_id in group.superseded else ""
            who = f"{figure.source} ({figure.published or 'undated'})"
            if figure.speaker and figure.speaker != figure.source:
                who += f", {figure.speaker}"
            lines.append(
                f"    {_figure(figure) + replaced:<34} {figure.qualifier or '':<10} "
                f"{who} · claim {figure.claim_id}"
            )
        lines.append(
            f"    across sources: {_spread(group)} · register {_register(group)} · "
            f"estimate {_estimate(group)}"
        )
        lines += [f"    note: {note}" for note in group.notes]
    if account.waiting_for_review:
        lines.append(f"  {account.waiting_for_review} attachments wait in `toll incident review`")
    console.print("\n".join(lines) + "\n", markup=False, soft_wrap=True)


def _n(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _figure(figure) -> str:
    if figure.qualifier == "range" and figure.low is not None and figure.value is not None:
        return f"low {_n(figure.low)} / best {_n(figure.value)} / high {_n(figure.high)}"
    if figure.value is not None:
        return _n(figure.value)
    if figure.high is None:
        return f"{_n(figure.low)}+"
    return f"{_n(figure.low)}–{_n(figure.high)}"


def _spread(group) -> str:
    if group.median is None:
        return "–"
    low = _n(group.low.value) if group.low else "–"
    high = _n(group.high.value) + ("+" if group.high.open else "") if group.high else "–"
    flag = " CONFLICT" if group.conflict else ""
    return f"low {low} · median {_n(group.median.value)} · high {high}{flag}"


def _register(group) -> str:
    return "–" if group.register is None else f"{group.register['count']:,}"


def _estimate(group) -> str:
    if not group.estimate or not group.estimate["methods"]:
        return "–"
    method = group.estimate["methods"][0]
    return f"{_n(method['estimate'])} ({_n(method['low'])}–{_n(method['high'])}) {method['name']}"
