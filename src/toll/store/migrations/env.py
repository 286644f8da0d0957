"""Alembic environment: runs migrations on the engine (or the open connection) Toll hands over.

A caller that must migrate inside its own transaction (a restore, all or nothing) hands over
`connection`; otherwise migrations run in a transaction of their own on `engine`.
"""

from alembic import context

from toll.model import Base
from toll.store.schema import modelled


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=modelled,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()


if context.config.attributes.get("connection") is not None:
    _run(context.config.attributes["connection"])
else:
    with context.config.attributes["engine"].begin() as connection:
        _run(connection)
