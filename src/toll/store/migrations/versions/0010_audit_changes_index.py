"""an index of the audit events that changed the store (not views or sign-ins)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 02:00:00

The web dashboard keeps the figures it drew until the store changes, and asks for the latest
change on every visit (`toll.store.history.last_change`). Every view of personal data is an
audit event too, so without this partial index that question steps back over every view since
the last change, a number that grows all day on a busy workspace.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NOT_CHANGES = ("view", "login", "logout", "token", "revoke", "password", "export")
WHERE = f"action NOT IN ({', '.join(repr(a) for a in NOT_CHANGES)})"


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_audit_events_changes ON audit_events (id) WHERE {WHERE}")


def downgrade() -> None:
    op.execute("DROP INDEX ix_audit_events_changes")
