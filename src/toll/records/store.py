"""Storing an imported list: the file as a Source, each row as a Record, all or nothing.

Reading the file is `toll.records.read_list`'s job; this module puts what it read into the
store in one transaction. Importing the same bytes again changes nothing.
"""

from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from toll.errors import TollError
from toll.model import Record, Source
from toll.names import name_keys, place_key
from toll.sources.store import SourceMetadata, find_by_hash, sha256_of, store_original
from toll.sources.text import read_bytes
from toll.store.access import require
from toll.store.history import log_event

LIST_MEDIA_TYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".json": "application/json",
    ".jsonl": "application/jsonl",
}
BATCH = 5000


@dataclass
class ImportResult:
    source: Source
    created: bool  # False when the same file was imported before: nothing changed
    records: int
    warnings: list[str] = field(default_factory=list)
    columns: dict[str, str | None] = field(default_factory=dict)
    replaced: dict | None = None  # with --replaces: the old list's retraction and what carried


def import_list(
    session: Session,
    path: Path,
    metadata: SourceMetadata,
    *,
    mapping=None,
    progress=None,
    replaces: int | None = None,
    new_list: bool = False,
) -> ImportResult:
    """Read the list at `path` and store it as a source with one record per row.

    `replaces`: the source id of the list this file is a revised version of; that list is
    retracted with the reason, its rows' persons and decisions carried to the equal rows here.
    Without it, a file whose rows mostly equal a standing list's is refused unless `new_list`.
    """
    from toll.records import read_list
    from toll.records.versions import carry_over, near_copy, retract_source

    require(session, "edit")
    content = read_bytes(path, empty="there is no list to import")  # as a dry run says
    existing = find_by_hash(session, sha256_of(content))
    if existing is not None:
        count = session.query(Record).filter(Record.source_id == existing.id).count()
        return ImportResult(existing, created=False, records=count)
    imported = read_list(path, mapping=mapping)
    old = _replaced_list(session, replaces) if replaces is not None else None
    if old is None and not new_list:
        near_copy(session, [draft.original for draft in imported.records], path.name)
    metadata.kind = metadata.kind or "list"
    metadata.title = metadata.title or path.name
    media_type = LIST_MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    source = store_original(session, content, path.name, media_type, None, metadata).source
    rows = [_record_row(source.id, draft, session.info.get("actor")) for draft in imported.records]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(Record), rows[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(rows)), len(rows))
    replaced = None
    if old is not None:
        replaced = carry_over(session, old, source)
        reason = f"replaced by its revised version, source {source.id} ({path.name})"
        replaced.update(retract_source(session, old.id, reason).to_dict())
    warnings = [str(problem) for problem in imported.warnings]
    log_event(
        session,
        "import",
        "sources",
        source.id,
        after={
            "file": path.name,
            "records": len(rows),
            "warnings": len(warnings),
            "columns": imported.columns,
            **({"replaces": old.id} if old is not None else {}),
        },
    )
    return ImportResult(source, True, len(rows), warnings, imported.columns, replaced)


def _replaced_list(session: Session, source_id: int) -> Source:
    from toll.sources.store import get_source

    old = get_source(session, source_id)
    if old.kind != "list":
        raise TollError(f"--replaces {source_id}: source {source_id} is not a list of persons")
    if old.retracted_at is not None:
        raise TollError(
            f"--replaces {source_id}: source {source_id} was retracted already "
            f"({old.retraction_reason}); import the file without --replaces"
        )
    return old


def _record_row(source_id: int, draft, actor: str | None) -> dict:
    row = {key: _storable(value) for key, value in asdict(draft).items()}
    row.update(
        source_id=source_id,
        created_by=actor,
        name_key=name_search_key(draft),
        place_key=place_key(draft.place) if draft.place else None,
    )
    return row


def _storable(value):
    """NUL characters cannot be stored in PostgreSQL text; show them as U+FFFD instead."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value


def name_search_key(draft) -> str | None:
    """The record's name tokens in Latin ASCII, sorted: what `toll persons --name` searches."""
    keys = name_keys(
        full=draft.full_name,
        given=draft.given_name,
        family=draft.family_name,
        patronymic=draft.patronymic,
    )
    return keys.name_tokens_sorted or None
