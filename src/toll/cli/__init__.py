"""The `toll` command line: a thin layer over the Python API.

Each command module registers its commands on `toll.cli.app.app`; importing `commands` adds
them all. Errors the user can act on (`TollError`) print as one line, without a traceback.
"""

import json
import re
import sys
import warnings
from typing import NoReturn

import typer

from toll.cli import commands  # noqa: F401  (registers every command)
from toll.cli.app import app
from toll.cli.keys import ask_when_needed
from toll.errors import TollError

try:  # Typer 0.26 and later carry their own copy of Click, whose errors they raise
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover (older Typer)
    from click import exceptions as click


def main() -> None:
    """Run the `toll` command."""
    # Deprecation chatter between splink, duckdb and pandas is not for users of the CLI.
    warnings.filterwarnings("ignore", category=FutureWarning)
    ask_when_needed()  # an encrypted store's passphrase, asked for at a terminal
    command = typer.main.get_command(app)
    try:
        # Not standalone: Click's and Typer's own errors come here, to be told in one line.
        code = command.main(prog_name="toll", standalone_mode=False)
    except TollError as error:
        fail(str(error), where(error), getattr(error, "exit_code", 1))  # 2: a wrong key
    except click.NoArgsIsHelpError as shown:  # `toll group` alone: its help
        shown.show()
        sys.exit(2)
    except click.ClickException as error:
        fail(*usage_error(error), error.exit_code)
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C, or end of input at a prompt
        code = 130
    if code == 130:  # Typer turns Ctrl-C into exit 130
        print(f"interrupted: {kept()}", file=sys.stderr)
    sys.exit(code if isinstance(code, int) else 0)


def fail(message: str, place: str | None, code: int) -> NoReturn:
    """Tell the error in one line (JSON with --json, for scripts) and exit with `code`."""
    if "--json" in sys.argv[1:]:  # scripts read the error as they read the output
        print(json.dumps({"error": message, "where": place}, ensure_ascii=False))
    else:
        print(f"Error: {message}", file=sys.stderr)
    sys.exit(code)


def usage_error(error: click.ClickException) -> tuple[str, str | None]:
    """A mistyped command, option or value as one line: what, where, why, what to do."""
    context = getattr(error, "ctx", None)
    path = context.command_path if context is not None else "toll"
    message = " ".join(error.format_message().split()).rstrip(".")
    message = re.sub(r"\. Did you mean (.*)$", r" (did you mean \1)", message)
    message = message[:1].lower() + message[1:]
    return f"{path}: {message}; see `{path} --help`", _named(error)


def _named(error: click.ClickException) -> str | None:
    """The option or argument an error is about, as the user writes it."""
    if isinstance(error, click.NoSuchOption):
        return error.option_name
    param = getattr(error, "param", None)
    if param is None:
        return None
    if param.param_type_name == "option":
        return max(param.opts, key=len)
    return (param.name or "").upper() or None


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
