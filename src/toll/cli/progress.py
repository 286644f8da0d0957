"""Progress bars on stderr for long work (linking, importing, estimating)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from toll.cli.output import err_console


@contextmanager
def progress_bar(title: str, quiet: bool = False) -> Iterator[Callable[[int, int, str], None]]:
    """Yield `update(done, total, message)` that drives one bar; silent when quiet (--json).

    The bar appears at the first update, so work that fails before it starts (a file that
    cannot be read) shows only its one-line error; a bar cut short by an error is erased, and
    one whose work ends stands at 100%, "done".
    """
    if quiet:
        yield lambda done, total, message="": None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
    )
    bar = Progress(*columns, console=err_console, transient=False)
    task = bar.add_task(title, total=None)

    def update(done: int, total: int, message: str = "") -> None:
        if not bar.live.is_started:
            bar.start()
        bar.update(
            task,
            completed=done,
            total=total,
            description=f"{title}: {message}" if message else title,
        )

    try:
        yield update
        if bar.live.is_started:  # the work is done: the bar says so, whatever step it last saw
            shown = bar.tasks[0]
            bar.update(task, completed=shown.total, description=f"{title}: done")
    except BaseException:
        bar.live.transient = True
        raise
    finally:
        if bar.live.is_started:
            bar.stop()
