"""Adding a statement (a press release, report, article, judgment) and the figures it states.

One use case for the CLI, the demo, the web and scripts: keep the document's bytes and text
(`add_document`), then store the harm figures extracted from its text as claims of the source
(`toll.claims.store`), with what a reviewer should look at first.
"""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from toll.claims.store import save_extracted_claims, source_checks
from toll.model import Claim, Source
from toll.sources.store import SourceMetadata, add_document


@dataclass
class AddedStatement:
    source: Source
    created: bool  # False when the same bytes were already in the store: nothing changed
    claims: list[Claim] | None = None  # the figures extracted; None when nothing was extracted
    checks: list[str] = field(default_factory=list)  # what a reviewer should look at first


def add_statement(
    session: Session,
    path: Path,
    metadata: SourceMetadata | None = None,
    *,
    extract: bool = True,
) -> AddedStatement:
    """Add the document at `path` as a source and, with `extract`, its figures as claims.

    Adding the same bytes again changes nothing (`created` is False, no claims extracted).
    Needs the editor role.
    """
    added = add_document(session, path, metadata or SourceMetadata())
    if not (added.created and extract):
        return AddedStatement(added.source, added.created)
    claims = save_extracted_claims(session, added.source)
    return AddedStatement(added.source, True, claims, source_checks(session, added.source.id))
