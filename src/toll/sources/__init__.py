"""Sources: documents and lists as received, kept byte for byte, with their text."""

from toll.sources.statements import AddedStatement, add_statement
from toll.sources.store import (
    AddedSource,
    SourceMetadata,
    add_document,
    get_source,
    list_sources,
    store_original,
    verify_originals,
)
from toll.sources.text import extract_text

__all__ = [
    "AddedSource",
    "AddedStatement",
    "SourceMetadata",
    "add_document",
    "add_statement",
    "extract_text",
    "get_source",
    "list_sources",
    "store_original",
    "verify_originals",
]
