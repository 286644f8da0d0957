"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="toll",
    help=(
        "Toll documents the human toll of armed conflict: figures from statements, "
        "one register of persons from many lists, and estimates of the victims no list recorded."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
