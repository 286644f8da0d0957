"""`toll synth`: write overlapping synthetic victim lists with known truth."""

from pathlib import Path

import typer

from toll.cli.app import app
from toll.cli.output import err_console, print_json, print_table
from toll.errors import TollError
from toll.synth import SynthSettings, write_lists


@app.command()
def synth(
    out_dir: Path = typer.Argument(
        ..., help="Folder to write the lists, truth.csv and population.csv into."
    ),
    persons: int = typer.Option(
        2000, "--persons", "-n", help="Persons in the synthetic population."
    ),
    lists: int = typer.Option(4, "--lists", "-k", help="Number of lists to write."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed writes the same files."),
    records: int | None = typer.Option(
        None,
        "--records",
        help="Instead of --persons: size the population so that the lists "
        "hold about this many rows in all (for benchmarks, e.g. 1000000).",
    ),
    households: bool = typer.Option(
        False,
        "--households",
        help="Group the persons into households (head, wife, children) with household and "
        "relation-to-head columns, and write the true family figures to families.json.",
    ),
    json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Write K overlapping lists of one synthetic population, each in its own script and
    convention (Azerbaijani, Russian, English...), with typos, missing values, age noise and
    duplicates, plus truth.csv (file, row, person_id) saying who each row is."""
    if persons < 1 or lists < 1 or (records is not None and records < 1):
        raise TollError(
            f"--persons ({persons}), --lists ({lists}) and --records must be at least 1."
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise TollError(f"{out_dir} exists and is not a folder: choose another OUT_DIR.")
    settings = (
        SynthSettings.for_records(records, lists=lists, seed=seed, households=households)
        if records is not None
        else SynthSettings(persons=persons, lists=lists, seed=seed, households=households)
    )
    with err_console.status(f"Writing {lists} lists of {settings.persons} persons…"):
        result = write_lists(out_dir, settings)
    summary = result.summary()
    if json:
        print_json(summary)
        return
    rows = [(f"{name}.csv", count) for name, count in summary["lists"].items()]
    rows.append(("truth.csv", summary["records"]))
    rows.append(("population.csv", summary["persons"]))
    print_table(rows, ["file", "rows"], title=f"Wrote to {out_dir}")
    print(
        f"{summary['persons_listed']} of {summary['persons']} persons are on at least one list; "
        f"{summary['persons_unlisted']} on none."
    )
    if summary["families"]:
        true = summary["families"]
        print(
            f"families.json: {true['families']} families; wiped out "
            f"{true['families_wiped_out']}, children who lost both parents "
            f"{true['children_lost_both_parents']}, lost one parent "
            f"{true['children_lost_one_parent']} (the true figures)."
        )
