"""A case's lifecycle: which status may follow which, and why a change is refused.

    reported → fate_unknown → located_alive | released | remains_recovered → identified → closed

The search presumes the person alive and never expires: a case closes only from a recorded
outcome (located alive, released, identified). Any later status may go back to fate_unknown:
a case is reopened (a mistaken identification, a person missing again), and the reopening is
kept in its history like every other change.
"""

from toll.errors import TollError
from toll.model.case import CASE_STATUSES

FORWARD: dict[str | None, tuple[str, ...]] = {
    None: ("reported",),
    "reported": ("fate_unknown",),
    "fate_unknown": ("located_alive", "released", "remains_recovered"),
    "remains_recovered": ("identified",),
    "located_alive": ("closed",),
    "released": ("closed",),
    "identified": ("closed",),
    "closed": (),
}
REOPENED = "fate_unknown"  # where a reopened case goes back to
OPEN_STATUSES = ("reported", "fate_unknown")  # the search goes on: matched against remains
OUTCOMES = ("located_alive", "released", "identified")


class TransitionRefused(TollError):
    """A change of status the lifecycle does not allow (the CLI exits with status 2)."""

    exit_code = 2


def allowed_next(status: str | None) -> tuple[str, ...]:
    """The statuses a case in `status` may move to, reopening included."""
    forward = FORWARD[status]
    if status in (None, "reported", "fate_unknown"):
        return forward
    return (*forward, REOPENED)


def check_transition(label: str, status: str | None, wanted: str) -> None:
    """Raise TransitionRefused unless a case in `status` may move to `wanted`."""
    if wanted not in CASE_STATUSES:
        raise TransitionRefused(
            f"{wanted!r} is not a case status; the statuses are {', '.join(CASE_STATUSES)}"
        )
    allowed = allowed_next(status)
    if wanted in allowed:
        return
    if wanted == "closed":
        why = "a case closes only after its outcome is recorded (the search never expires); "
    else:
        why = ""
    raise TransitionRefused(
        f"case {label} is {status}; it cannot move to {wanted}: {why}from {status} it can "
        f"move to {' or '.join(allowed) if allowed else 'nothing'}"
    )


def is_reopening(status: str | None, wanted: str) -> bool:
    return wanted == REOPENED and status not in (None, "reported", "fate_unknown")
