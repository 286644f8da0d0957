"""Exports: what the store holds, in open formats (CSV, HXL-tagged CSV, XLSX, JSON).

Nothing put into Toll is locked in it: every export reads back (`read_export`), and every
full export imports again (`toll.exports.reimport.import_export`, `toll import-export FILE`).
"""

from pathlib import Path

from sqlalchemy.orm import Session

from toll.exports.formats import FORMATS, read_export, write_export
from toll.exports.kinds import EXPORTS, export_table
from toll.exports.originals import originals_folder, write_originals
from toll.exports.tables import Column, ExportTable
from toll.store.history import log_event


def export(
    session: Session, what: str, format: str, output: Path | None, public: bool = False
) -> int:
    """Write the export `what` as `format` to `output` (stdout when None); return the rows.

    The export is written to the audit trail: who exported what, in which form. A full
    sources export to a file writes the sources' originals beside it (`originals_folder`), so
    that it imports again into any store.
    """
    table = export_table(session, what, public)
    count = write_export(table, format, output)
    if what == "sources" and output is not None and not table.public:
        write_originals(session, originals_folder(output))
    form = "public " if public else ""
    log_event(session, "export", what, None, note=f"{count} rows, {form}{format}")
    return count


__all__ = [
    "EXPORTS",
    "FORMATS",
    "Column",
    "ExportTable",
    "export",
    "export_table",
    "originals_folder",
    "read_export",
    "write_export",
]
