"""incidents: names in every script, attachments (with a review queue), dataset provenance,
characterisations and recognitions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 20:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "characterisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("term", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("jurisdiction", sa.Text(), nullable=True),
        sa.Column("act", sa.Text(), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("incident", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("retracted_at", sa.DateTime(), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_characterisations_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_characterisations_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_characterisations")),
    )
    with op.batch_alter_table("characterisations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_characterisations_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_characterisations_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "incident_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("retracted_at", sa.DateTime(), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_names_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_names")),
    )
    with op.batch_alter_table("incident_names", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_names_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "incident_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("estimate_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("retracted_at", sa.DateTime(), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_incident_links_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_incident_links_claim_id_claims")
        ),
        sa.ForeignKeyConstraint(
            ["estimate_id"], ["estimates.id"], name=op.f("fk_incident_links_estimate_id_estimates")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_links_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_incident_links_record_id_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_links")),
    )
    with op.batch_alter_table("incident_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_links_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_links_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_incident_links_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_incident_links_record_id"), ["record_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_incident_links_state"), ["state"], unique=False)

    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("date_precision", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("source_row", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("event_id", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_incidents_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_parent_id"), ["parent_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_parent_id"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_id"))
        batch_op.drop_column("event_id")
        batch_op.drop_column("source_row")
        batch_op.drop_column("date_precision")
        batch_op.drop_column("country")

    with op.batch_alter_table("incident_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_links_state"))
        batch_op.drop_index(batch_op.f("ix_incident_links_record_id"))
        batch_op.drop_index(batch_op.f("ix_incident_links_incident_id"))
        batch_op.drop_index(batch_op.f("ix_incident_links_claim_id"))
        batch_op.drop_index(batch_op.f("ix_incident_links_case_id"))

    op.drop_table("incident_links")
    with op.batch_alter_table("incident_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_names_incident_id"))

    op.drop_table("incident_names")
    with op.batch_alter_table("characterisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_characterisations_source_id"))
        batch_op.drop_index(batch_op.f("ix_characterisations_incident_id"))

    op.drop_table("characterisations")
