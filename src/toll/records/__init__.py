"""Reading lists of persons (CSV, XLSX, ODS, JSON) into draft records, independent of the store.

Use::

    imported = read_list(Path("ministry.csv"), mapping=None)
    print(dry_run_summary(imported))
    for record in imported.records:  # RecordDraft: names as written, values, original row
        ...
"""

from toll.records.drafts import ImportedList, ImportProblem, RecordDraft
from toll.records.importer import read_list
from toll.records.summary import dry_run_summary

__all__ = ["ImportProblem", "ImportedList", "RecordDraft", "dry_run_summary", "read_list"]
