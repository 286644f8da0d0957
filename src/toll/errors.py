"""The one exception type users see: a clear, one-line message instead of a traceback."""


class TollError(Exception):
    """A problem the user can act on.

    The message says what went wrong, where (file, row, column or field) and why,
    and ideally what to do about it. The CLI prints it as one line and exits non-zero.
    """
