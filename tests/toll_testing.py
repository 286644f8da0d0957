"""Helpers for tests: run the CLI as a user would, find the shared corpus."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED_ARTICLE = CORPUS / "000_fedf56173e1d7ac0.txt"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_toll(
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    timeout: float = 300,
    input: str | None = None,
) -> Result:
    """Run the real `toll` command in a subprocess, as a user would."""
    completed = subprocess.run(
        [sys.executable, "-m", "toll", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "TOLL_USER": "tester", **(env or {})},
        timeout=timeout,
        input=input,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def invoke_toll(*args: str, input: str | None = None, env: dict | None = None) -> Result:
    """Run the CLI in this process (fast); a TollError becomes exit 1 with "Error: ..."."""
    from typer.testing import CliRunner

    from toll.cli import app
    from toll.errors import TollError

    result = CliRunner().invoke(
        app, [str(arg) for arg in args], input=input, env={"TOLL_USER": "tester", **(env or {})}
    )
    if isinstance(result.exception, TollError):
        return Result(1, result.stdout, f"Error: {result.exception}\n")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)




def figures_in(text: str, *fields: str, **options) -> list[tuple]:
    """The figures `extract_figures` finds in `text`, each as a tuple of the fields named
    ("text", "value", "category", ...), for tests that compare them at a glance."""
    from toll.claims import extract_figures

    return [tuple(getattr(f, name) for name in fields) for f in extract_figures(text, **options)]
