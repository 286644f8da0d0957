"""`toll demo`: build a demo store and say what it holds."""

from pathlib import Path
from typing import Annotated

import typer

from toll.cli.app import JsonOption, app
from toll.cli.keys import PassphraseFileOption, new_passphrase, show_recovery_key
from toll.cli.output import console, print_json, print_table
from toll.cli.progress import progress_bar


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to write the demo store.")] = Path(
        "demo.db"
    ),
    persons: Annotated[int, typer.Option(help="Persons in the synthetic population.")] = 1500,
    json: JsonOption = False,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then open it in the web workspace (toll serve).")
    ] = False,
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port for --serve.")] = 8000,
    encrypt: Annotated[
        bool, typer.Option("--encrypt", help="Encrypt the demo store (see `toll init --encrypt`).")
    ] = False,
    passphrase_file: PassphraseFileOption = None,
) -> None:
    """Build a demo store from invented data and say what it holds.

    Invented statements become figures; four synthetic lists in Azerbaijani, Russian and English
    spellings become one register of persons; the register gives an estimate of the victims no
    list recorded. The lists' truth is known, so the register and the estimate can be checked.
    """
    from toll.demo import build_demo

    passphrase = new_passphrase(passphrase_file) if encrypt else None
    with progress_bar("Building the demo", quiet=json) as update:
        summary = build_demo(db, persons=persons, progress=update, passphrase=passphrase)
    data = {k: v for k, v in summary.__dict__.items() if k != "path"} | {"db": str(summary.path)}
    if not encrypt:
        data.pop("recovery_key")
    if json:
        print_json(data)
    else:
        _explain(summary, db)
        if encrypt:
            show_recovery_key(data, False, f"{db} is encrypted.")
    if serve:
        from toll.cli.serve import serve_demo

        serve_demo(db, port=port)


def _explain(summary, db: Path) -> None:
    """What the demo store holds, stage by stage, in words a newcomer follows."""
    console.print(
        f"Built {summary.path} from invented data:\n"
        f"  {summary.sources} statements → {summary.figures} figures, each with its source\n"
        f"  {summary.lists} synthetic lists, {summary.records:,} rows: the same people written "
        "in\n  Azerbaijani, Russian and English spellings\n"
        f"  → {summary.persons:,} persons after linking (truth: {summary.true_listed:,}); "
        f"{summary.to_review} pairs for review",
        markup=False,
    )
    print_table(
        [(m["name"], _n(m["estimate"]), _n(m["low"]), _n(m["high"])) for m in summary.estimates],
        ["method", "estimated total", "95% low", "95% high"],
        title=f"Victims in all, listed or not (truth: {summary.true_total:,})",
    )
    missing = summary.missing
    console.print(
        f"  {missing['cases']:,} cases for the missing and captive, {missing['remains']} remains "
        f"({missing['identified']} identified); {missing['families']:,} families: "
        f"{missing['families_wiped_out']} wiped out, {missing['children_lost_both_parents']} "
        f"children lost both parents, {missing['children_lost_one_parent']} one",
        markup=False,
    )
    console.print(
        "Look around (a name in any script finds every spelling):\n"
        f"  toll figures --db {db}\n"
        f"  toll reconcile --incident Northfield --db {db}\n"
        f"  toll persons --name Мамедов --db {db}\n"
        f"  toll person P-00001 --db {db}\n"
        f"  toll review --db {db}\n"
        f"  toll case list --db {db}\n"
        f"  toll remains match R-00001 --db {db}\n"
        f"  toll figures families --db {db}\n"
        f"  toll estimate --db {db}",
        markup=False,
        soft_wrap=True,  # commands to copy: never broken across lines
    )


def _n(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"
