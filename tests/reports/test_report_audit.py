"""A fact sheet is written to the audit trail by the reports API itself, not by the CLI."""

from sqlalchemy import select

from documents import STATEMENT
from toll.model import AuditEvent
from toll.reports import build_fact_sheet
from toll.sources import add_statement


def test_every_fact_sheet_built_is_in_the_audit_trail_with_its_form(store, tmp_path):
    path = tmp_path / "ombudsman.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    with store.session() as session:
        add_statement(session, path)
    with store.session() as session:
        build_fact_sheet(session, public=True)
        build_fact_sheet(session)
    with store.session() as session:
        notes = session.scalars(select(AuditEvent.note).where(AuditEvent.action == "report"))
        assert [note.split(":")[0] for note in notes] == ["public report", "restricted report"]
