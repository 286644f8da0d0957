"""The `toll` command's entry point, kept light so that Ctrl-C is told in one line even while
the command line and the stages behind it are still loading (a second or so)."""

import sys


def main() -> None:
    """Load the command line and run it; Ctrl-C while loading writes nothing and says so."""
    try:
        from toll.cli import main as run
    except KeyboardInterrupt:
        print("interrupted: nothing written (the store is as it was)", file=sys.stderr)
        sys.exit(130)
    run()
