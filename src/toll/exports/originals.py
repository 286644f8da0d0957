"""The original files of a sources export, kept beside it and named by their SHA-256.

`toll export sources -o sources.csv` writes each source's original bytes, unchanged, to the
folder `sources.csv.originals/`, one file per original named by its SHA-256. Importing the
export finds each original by the hash of its bytes (whatever the file is called), so a folder
of the original documents, as they were received, serves as well.
"""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import TollError, writing
from toll.model import Original, Source
from toll.sources.store import sha256_of


def originals_folder(export_file: Path) -> Path:
    """Where the originals of a sources export are written: beside it."""
    return export_file.with_name(export_file.name + ".originals")


def write_originals(session: Session, folder: Path) -> int:
    """Write the original bytes of every source into `folder`; return how many."""
    query = select(Original.sha256, Original.content).where(
        Original.sha256.in_(select(Source.sha256))
    )
    written = 0
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        for digest, content in session.execute(query.execution_options(yield_per=50)):
            target = folder / digest
            if not target.is_file() or target.stat().st_size != len(content):
                target.write_bytes(content)
            written += 1
    return written


def find_originals(folder: Path) -> dict[str, Path]:
    """The files of `folder` (and below), by the SHA-256 of their bytes."""
    if not folder.is_dir():
        return {}
    try:
        return {sha256_of(path.read_bytes()): path for path in folder.rglob("*") if path.is_file()}
    except OSError as error:
        raise TollError(f"{folder}: its files cannot be read ({error.strerror})") from None
