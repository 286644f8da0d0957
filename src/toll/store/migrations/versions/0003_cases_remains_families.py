"""cases with their history and reporters, remains, relations, households in records

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 20:10:00

The `cases` and `relations` tables of the first schema were placeholders no command wrote to;
they are replaced by the shapes the missing-persons work needs.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _created() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
    ]


def _retractable() -> list[sa.Column]:
    return [
        sa.Column("retracted_at", sa.DateTime(), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
    ]


def _fk(column: str, table: str, owner: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{owner}_{column}_{table}")
    )


def _index(table: str, *columns: str, unique: bool = False) -> None:
    with op.batch_alter_table(table) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=unique)


def upgrade() -> None:
    op.drop_table("cases")
    op.drop_table("relations")
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Text(), nullable=True),
        sa.Column("last_seen_earliest", sa.Date(), nullable=True),
        sa.Column("last_seen_latest", sa.Date(), nullable=True),
        sa.Column("last_seen_place", sa.Text(), nullable=True),
        sa.Column("place_key", sa.Text(), nullable=True),
        sa.Column("circumstances", sa.Text(), nullable=True),
        sa.Column("marks", sa.Text(), nullable=True),
        sa.Column("effects", sa.Text(), nullable=True),
        sa.Column("stature", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        *_created(),
        *_retractable(),
        _fk("incident_id", "incidents", "cases"),
        _fk("person_id", "persons", "cases"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("label", name=op.f("uq_cases_label")),
    )
    _index("cases", "person_id", "status")
    op.create_table(
        "remains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("lab_reference", sa.Text(), nullable=True),
        sa.Column("found_on", sa.Text(), nullable=True),
        sa.Column("found_earliest", sa.Date(), nullable=True),
        sa.Column("found_latest", sa.Date(), nullable=True),
        sa.Column("found_place", sa.Text(), nullable=True),
        sa.Column("place_key", sa.Text(), nullable=True),
        sa.Column("sex", sa.String(length=10), nullable=True),
        sa.Column("sex_raw", sa.Text(), nullable=True),
        sa.Column("age_low", sa.Integer(), nullable=True),
        sa.Column("age_high", sa.Integer(), nullable=True),
        sa.Column("stature_low", sa.Integer(), nullable=True),
        sa.Column("stature_high", sa.Integer(), nullable=True),
        sa.Column("marks", sa.Text(), nullable=True),
        sa.Column("effects", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=True),
        sa.Column("original", sa.JSON(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        *_created(),
        *_retractable(),
        _fk("case_id", "cases", "remains"),
        _fk("source_id", "sources", "remains"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remains")),
        sa.UniqueConstraint("label", name=op.f("uq_remains_label")),
    )
    _index("remains", "case_id", "lab_reference", "source_id")
    op.create_table(
        "case_reporters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("relationship", sa.Text(), nullable=True),
        sa.Column("consent", sa.Text(), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        *_created(),
        _fk("case_id", "cases", "case_reporters"),
        _fk("record_id", "records", "case_reporters"),
        _fk("source_id", "sources", "case_reporters"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_reporters")),
    )
    _index("case_reporters", "case_id", "record_id")
    op.create_table(
        "case_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=30), nullable=True),
        sa.Column("to_status", sa.String(length=30), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("remains_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_created(),
        _fk("case_id", "cases", "case_transitions"),
        _fk("remains_id", "remains", "case_transitions"),
        _fk("source_id", "sources", "case_transitions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_transitions")),
    )
    _index("case_transitions", "case_id")
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("relative_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_created(),
        *_retractable(),
        _fk("person_id", "persons", "relations"),
        _fk("relative_id", "persons", "relations"),
        _fk("source_id", "sources", "relations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    _index("relations", "person_id", "relative_id")
    with op.batch_alter_table("records") as batch_op:
        batch_op.add_column(sa.Column("household", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("relation_to_head", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("relation_to_head_raw", sa.Text(), nullable=True))
    with op.batch_alter_table("persons") as batch_op:
        batch_op.add_column(sa.Column("fate", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("persons") as batch_op:
        batch_op.drop_column("fate")
    with op.batch_alter_table("records") as batch_op:
        for column in ("relation_to_head_raw", "relation_to_head", "household"):
            batch_op.drop_column(column)
    for table in ("relations", "case_transitions", "case_reporters", "remains", "cases"):
        op.drop_table(table)
