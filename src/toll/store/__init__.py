"""The store: where sources, claims, records, persons and estimates live, with their history."""

from toll.store import history  # noqa: F401  (installs the audit listeners)
from toll.store.database import Store, current_actor, database_url

__all__ = ["Store", "current_actor", "database_url"]
