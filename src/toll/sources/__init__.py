"""Sources: documents and lists as received, kept byte for byte, with their text."""

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
    "SourceMetadata",
    "add_document",
    "extract_text",
    "get_source",
    "list_sources",
    "store_original",
    "verify_originals",
]
