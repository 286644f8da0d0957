"""Progress bars on stderr for long work (linking, importing, estimating)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from toll.cli.output import err_console


@contextmanager
def progress_bar(title: str, quiet: bool = False) -> Iterator[Callable[[int, int, str], None]]:
    """Yield `update(done, total, message)` that drives one bar; silent when quiet (--json)."""
    if quiet:
        yield lambda done, total, message="": None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=False) as bar:
        task = bar.add_task(title, total=None)

        def update(done: int, total: int, message: str = "") -> None:
            bar.update(
                task,
                completed=done,
                total=total,
                description=f"{title}: {message}" if message else title,
            )

        yield update
