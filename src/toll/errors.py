"""The exception types users see: a clear, one-line message instead of a traceback."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class TollError(Exception):
    """A problem the user can act on.

    The message says what went wrong, where (file, row, column or field) and why,
    and ideally what to do about it. The CLI prints it as one line and exits non-zero, so
    line breaks (from a header or a cell quoted in the message) are folded into spaces.
    """

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class NotAllowed(TollError):
    """The acting user's role or grants do not allow this (the web answers 403)."""


class NotFound(TollError):
    """No such source, claim, person... (the web answers 404)."""


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failure to write `path` (no such folder, no permission, disk full) into one line."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise TollError(
            f"cannot write {path}: {reason}; give a file path in a folder that exists and "
            "that you may write to"
        ) from None
