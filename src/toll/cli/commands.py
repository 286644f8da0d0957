"""Import every command module so that its commands register on the app.

The order of the imports is the order `toll --help` lists the commands in: the pipeline's.
"""

# ruff: noqa: F401, I001
from toll.cli import demo
from toll.cli import sources, extract, claims, figures
from toll.cli import extractor
from toll.cli import incidents, events, reconcile, recognitions
from toll.cli import records, linking, persons
from toll.cli import cases, remains, families
from toll.cli import estimate, estimates
from toll.cli import synth, users, credentials, database, keys
from toll.cli import report, exports, backup
from toll.cli import serve
