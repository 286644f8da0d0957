"""The `toll` command line: a thin layer over the Python API.

Each command module registers its commands on `toll.cli.app.app`; importing it here adds it.
"""

import sys

from toll.cli import commands  # noqa: F401  (registers every command)
from toll.cli.app import app
from toll.errors import TollError


def main() -> None:
    """Run the CLI, turning a TollError into one clear line on stderr."""
    try:
        app()
    except TollError as error:
        print(f"Error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
