"""Uploaded files: written to a private temporary folder under their own (base) name, so that
the stages read them as they read a file given on the command line."""

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from toll.errors import TollError


def safe_name(name: str | None) -> str:
    """The file's base name with anything but letters, digits, '.', '-' and '_' replaced."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\-]+", "_", base).strip("._") or "upload"
    return cleaned[:200]


@contextmanager
def saved(upload: UploadFile) -> Iterator[Path]:
    if not upload.filename:
        raise TollError("choose a file to upload")
    with tempfile.TemporaryDirectory(prefix="toll-upload-") as folder:
        path = Path(folder) / safe_name(upload.filename)
        with path.open("wb") as out:
            while chunk := upload.file.read(1 << 20):
                out.write(chunk)
        yield path
