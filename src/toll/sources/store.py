"""Adding sources to the store, listing them, and verifying their original bytes."""

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.claims.language import guess_language
from toll.errors import TollError
from toll.model import Original, Source
from toll.sources.text import media_type, read_bytes, text_from_bytes
from toll.store.access import get_readable, require
from toll.store.locks import in_turn


@dataclass
class SourceMetadata:
    """What the user tells Toll about a source. All optional."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    speaker: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    kind: str | None = None


@dataclass
class AddedSource:
    source: Source
    created: bool  # False when the same bytes were already in the store


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def add_document(session: Session, path: Path, metadata: SourceMetadata) -> AddedSource:
    """Keep the document's bytes, extract its text and record its metadata.

    Adding the same bytes again returns the existing source (`created` is False).
    """
    require(session, "edit")
    content = read_bytes(path)
    existing = find_by_hash(session, sha256_of(content))
    if existing is not None:
        return AddedSource(existing, created=False)
    kind = media_type(path)
    text = text_from_bytes(content, path.name, kind)
    metadata.language = metadata.language or guess_language(text)
    return store_original(session, content, path.name, kind, text, metadata)


def store_original(
    session: Session,
    content: bytes,
    file_name: str,
    kind: str,
    text: str | None,
    metadata: SourceMetadata,
) -> AddedSource:
    """Store bytes content-addressed and create their Source (or return the existing one)."""
    digest = sha256_of(content)
    existing = find_by_hash(session, digest)
    if existing is not None:
        return AddedSource(existing, created=False)
    if session.get(Original, digest) is None:
        session.add(Original(sha256=digest, size=len(content), content=content))
    earliest, latest = published_interval(metadata.published)
    source = Source(
        sha256=digest,
        file_name=file_name,
        media_type=kind,
        size=len(content),
        text=text,
        created_by=session.info.get("actor"),
        published_earliest=earliest,
        published_latest=latest,
        **asdict(metadata),
    )
    session.add(source)
    session.flush()
    return AddedSource(source, created=True)


def find_by_hash(session: Session, digest: str) -> Source | None:
    in_turn(session, f"source {digest}")  # two imports of one file: the second finds the first
    return session.scalar(select(Source).where(Source.sha256 == digest))


def get_source(session: Session, source_id: int) -> Source:
    return get_readable(session, Source, source_id, "source", "`toll source list` shows them")


def list_sources(session: Session) -> list[Source]:
    require(session, "read")
    return list(session.scalars(select(Source).order_by(Source.id)))


def published_interval(published: str | None) -> tuple[date | None, date | None]:
    """Earliest and latest day of a publication date given as YYYY, YYYY-MM or YYYY-MM-DD."""
    if not published:
        return None, None
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published.strip())
    if not match:
        raise TollError(f"--published {published!r}: write the date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            return date(year, month, day), date(year, month, day)
        if month:
            last = date(year + month // 12, month % 12 + 1, 1) - date.resolution
            return date(year, month, 1), last
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        raise TollError(f"--published {published!r} is not a real date") from None


@dataclass
class VerifyProblem:
    sha256: str
    source_ids: list[int]
    file_names: list[str]
    reason: str

    def __str__(self) -> str:
        names = ", ".join(self.file_names) or "(no source)"
        ids = ", ".join(str(i) for i in self.source_ids)
        return f"source {ids} ({names}): {self.reason}"


def verify_originals(session: Session) -> tuple[int, list[VerifyProblem]]:
    """Re-hash every stored original; return how many were checked and any that changed."""
    require(session, "read")
    checked, problems = 0, []
    rows = session.execute(select(Original.sha256, Original.size, Original.content)).yield_per(50)
    for digest, size, content in rows:
        checked += 1
        reasons = []
        if sha256_of(content) != digest:
            reasons.append("its bytes changed since it was added (SHA-256 differs)")
        if len(content) != size:
            reasons.append(f"its size changed from {size} to {len(content)} bytes")
        if reasons:
            sources = list(session.scalars(select(Source).where(Source.sha256 == digest)))
            problems.append(
                VerifyProblem(
                    digest,
                    [s.id for s in sources],
                    [s.file_name for s in sources],
                    "; ".join(reasons),
                )
            )
    return checked, problems
