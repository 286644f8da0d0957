"""Remains (postmortem records): added, imported, matched against the open cases, identified.

Use::

    from toll.remains import import_remains, match_remains, identify
    import_remains(session, Path("exhumation.csv"), SourceMetadata(publisher="Forensic institute"))
    best = match_remains(session, "R-00007")["candidates"][0]  # score explained per field
    identify(session, "R-00007", best.case_id, source_id=14)
    unidentify(session, "R-00007", reason="DNA re-test excluded him")  # the case reopens
"""

from toll.remains.match import Candidate, case_candidates, load_candidates, match_remains, rank
from toll.remains.reading import RemainsDraft, read_remains
from toll.remains.store import (
    RemainsImport,
    add_remains,
    get_remains,
    identify,
    import_remains,
    unidentify,
)

__all__ = [
    "Candidate",
    "RemainsDraft",
    "RemainsImport",
    "add_remains",
    "case_candidates",
    "get_remains",
    "identify",
    "import_remains",
    "load_candidates",
    "match_remains",
    "rank",
    "read_remains",
    "unidentify",
]
