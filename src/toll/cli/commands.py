"""Import every command module so that its commands register on the app.

One line per module; keep them in pipeline order.
"""

# ruff: noqa: F401
from toll.cli import (
    claims,
    database,
    demo,
    estimate,
    estimates,
    extract,
    figures,
    persons,
    records,
    sources,
    synth,
    users,
)
