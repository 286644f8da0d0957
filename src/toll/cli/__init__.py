"""The `toll` command line: a thin layer over the Python API.

Each command module registers its commands on `toll.cli.app.app`; importing `commands` adds
them all. Errors the user can act on (`TollError`) print as one line, without a traceback.
"""

import json
import re
import sys
import warnings

from toll.cli import commands  # noqa: F401  (registers every command)
from toll.cli.app import app
from toll.cli.keys import ask_when_needed
from toll.errors import TollError


def main() -> None:
    """Run the `toll` command."""
    # Deprecation chatter between splink, duckdb and pandas is not for users of the CLI.
    warnings.filterwarnings("ignore", category=FutureWarning)
    ask_when_needed()  # an encrypted store's passphrase, asked for at a terminal
    try:
        app()
    except TollError as error:
        if "--json" in sys.argv[1:]:  # scripts read the error as they read the output
            print(json.dumps({"error": str(error), "where": where(error)}, ensure_ascii=False))
        else:
            print(f"Error: {error}", file=sys.stderr)
        sys.exit(getattr(error, "exit_code", 1))  # 2: a wrong or missing key
    except KeyboardInterrupt:
        print(f"interrupted: {kept()}", file=sys.stderr)
        sys.exit(130)
    except SystemExit as leaving:  # Typer turns Ctrl-C into a silent exit 130
        if leaving.code == 130 and _interrupted(leaving):
            print(f"interrupted: {kept()}", file=sys.stderr)
        raise


def _interrupted(error: BaseException) -> bool:
    while error is not None:
        if isinstance(error, KeyboardInterrupt):
            return True
        error = error.__cause__ or error.__context__
    return False


# "ministry.csv, line 3: ...", "bare.yaml: ...", "x.csv, rows 2 and 5, column "Age": ..."
_WHERE = re.compile(
    r"^((?:[^\s:,]+\.\w{1,5}|row \d+|line \d+)"  # a file, or a row or line
    r"(?:, (?:line|row|rows|record) \d+(?: and \d+)?)?"
    r'(?:, column "[^"]*")?):\s'
)


def where(error: TollError) -> str | None:
    """The file, line, row or column an error names at its start, if it names one."""
    found = _WHERE.match(str(error))
    return found.group(1).strip() if found else None


def kept() -> str:
    """What an interrupted command left in the store: each step is one transaction."""
    from toll.store.database import committed_transactions

    done = committed_transactions()
    if not done:
        return "nothing written (the store is as it was)"
    return (
        f"{done} step(s) finished before the interruption are kept; "
        "the step under way wrote nothing"
    )
