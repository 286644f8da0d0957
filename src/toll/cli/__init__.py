"""The `toll` command line: a thin layer over the Python API.

Each command module registers its commands on `toll.cli.app.app`; importing `commands` adds
them all. Errors the user can act on (`TollError`) print as one line, without a traceback.
"""

import sys
import warnings

from toll.cli import commands  # noqa: F401  (registers every command)
from toll.cli.app import app
from toll.errors import TollError


def main() -> None:
    """Run the `toll` command."""
    # Deprecation chatter between splink, duckdb and pandas is not for users of the CLI.
    warnings.filterwarnings("ignore", category=FutureWarning)
    try:
        app()
    except TollError as error:
        print(f"Error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
