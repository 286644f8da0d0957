"""The backup archive: one ZIP file with every table, every original and a manifest of hashes.

    manifest.json            what the archive holds; the SHA-256 and size of every other file
    tables/NAME.jsonl        one table: one JSON array per row, in the manifest's column order
    originals/SHA256         the original bytes of a source, named by their own hash

The manifest is the archive's table of contents: a restore re-hashes every file against it
before it writes anything, and refuses an archive with a file changed, missing or added.
"""

import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from toll.errors import TollError

FORMAT = "toll-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


def table_file(name: str) -> str:
    return f"tables/{name}.jsonl"


def original_file(sha256: str) -> str:
    return f"originals/{sha256}"


class ArchiveWriter:
    """Writes files into a new archive, hashing each one as it goes."""

    def __init__(self, target: IO[bytes]):
        self.zip = zipfile.ZipFile(
            target, "w", zipfile.ZIP_DEFLATED, compresslevel=1, allowZip64=True
        )
        self.files: dict[str, dict[str, Any]] = {}

    @contextmanager
    def file(self, name: str) -> Iterator[Callable[[bytes], None]]:
        """Yield `write(bytes)` for the file `name`; its hash goes into the manifest."""
        digest, size = hashlib.sha256(), 0
        with self.zip.open(name, "w", force_zip64=True) as handle:

            def write(data: bytes) -> None:
                nonlocal size
                digest.update(data)
                size += len(data)
                handle.write(data)

            yield write
        self.files[name] = {"sha256": digest.hexdigest(), "size": size}

    def close(self, manifest: dict[str, Any]) -> None:
        """Write the manifest (with every file's hash) and finish the archive."""
        manifest = {"format": FORMAT, "version": VERSION, **manifest, "files": self.files}
        text = json.dumps(manifest, ensure_ascii=False, indent=1)
        self.zip.writestr(MANIFEST, text.encode("utf-8"))
        self.zip.close()


# zipfile's errors for a member it cannot open: a changed version or compression field, or a
# member marked encrypted (a damaged archive, never one Toll wrote).
UNREADABLE = (NotImplementedError, RuntimeError)


class Archive:
    """An archive opened for reading. `verify()` before trusting anything in it."""

    def __init__(self, data: IO[bytes], label: str):
        self.label = label
        try:
            self.zip = zipfile.ZipFile(data)
            raw = self.zip.read(MANIFEST)
        except (zipfile.BadZipFile, KeyError, zlib.error, EOFError, OSError, *UNREADABLE) as error:
            raise TollError(
                f"{label} is not a Toll backup or is damaged ({error}); nothing was restored"
            ) from None
        try:
            self.manifest = json.loads(raw)
            assert self.manifest["format"] == FORMAT
            self.files: dict[str, dict[str, Any]] = self.manifest["files"]
        except (ValueError, KeyError, TypeError, AssertionError):
            raise TollError(
                f"{label}: {MANIFEST} is damaged or not a Toll backup manifest; nothing was "
                "restored"
            ) from None
        if self.manifest.get("version", 0) > VERSION:
            raise TollError(
                f"{label} was made by a newer version of Toll (archive format "
                f"{self.manifest['version']}); restore it with that version"
            )

    def _refuse(self, name: str, reason: str) -> TollError:
        return TollError(f"{self.label}: {name} {reason}; nothing was restored")

    def verify(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Re-hash every file against the manifest; raise naming the first one that differs."""
        names = [info.filename for info in self.zip.infolist()]
        extra = sorted(set(names) - set(self.files) - {MANIFEST})
        if extra:
            raise self._refuse(extra[0], "is not listed in the manifest: the archive was changed")
        if len(names) != len(set(names)):
            raise self._refuse("the archive", "holds a file twice: it was changed")
        total = sum(entry["size"] for entry in self.files.values()) or 1
        done = 0
        for name, expected in self.files.items():
            if name not in names:
                raise self._refuse(name, "is missing from the archive")
            digest, size = self._hash(name)
            if digest != expected["sha256"] or size != expected["size"]:
                raise self._refuse(name, "differs from its SHA-256 in the manifest: it was changed")
            if name.startswith("originals/") and name.removeprefix("originals/") != digest:
                raise self._refuse(name, "does not hash to its own name")
            done += size
            if progress:
                progress(done, total)

    def _hash(self, name: str) -> tuple[str, int]:
        digest, size = hashlib.sha256(), 0
        try:
            with self.zip.open(name) as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, *UNREADABLE) as error:
            raise self._refuse(name, f"is damaged ({error})") from None
        return digest.hexdigest(), size

    def lines(self, name: str) -> Iterator[str]:
        """The lines of a text file in the archive."""
        with self.zip.open(name) as handle:
            yield from io.TextIOWrapper(handle, encoding="utf-8")

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def close(self) -> None:
        self.zip.close()
