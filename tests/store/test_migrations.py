"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from toll.model import Base
from toll.store.schema import modelled


def test_migrated_schema_matches_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": modelled}), Base.metadata
        )
    assert differences == []


def test_candidate_pairs_say_why_they_wait_for_review(store):
    from sqlalchemy import inspect

    columns = {c["name"] for c in inspect(store.engine).get_columns("candidate_pairs")}
    assert "review_reason" in columns
