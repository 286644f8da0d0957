"""The text of a document: .txt, .html (its main text, not menus), .pdf and .docx.

Every failure is a `TollError` naming the file and the reason, so that a bad file never
reaches the store.
"""

import io
import zipfile
from pathlib import Path

from charset_normalizer import from_bytes

from toll.errors import TollError

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LIST_SUFFIXES = {".csv", ".tsv", ".xlsx", ".ods", ".json", ".jsonl"}


def media_type(path: Path) -> str:
    """The media type Toll reads a document as, from its name; unsupported names raise."""
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    if suffix in LIST_SUFFIXES:
        raise TollError(
            f"{path.name}: a list of persons, not a document; use `toll import {path.name}`"
        )
    supported = ", ".join(sorted(MEDIA_TYPES))
    raise TollError(
        f"{path.name}: unsupported file type {suffix or '(none)'}; Toll reads {supported}"
    )


def read_bytes(path: Path, empty: str | None = None) -> bytes:
    """The file's bytes, with clear errors for missing, unreadable and empty files; `empty`
    says, for an empty file, what that means to the caller ("there is no list to import")."""
    if not path.exists():
        raise TollError(f"{path}: no such file")
    if path.is_dir():
        raise TollError(f"{path}: is a folder, not a file")
    try:
        content = path.read_bytes()
    except OSError as error:
        raise TollError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not content.strip():
        raise TollError(f"{path.name}: the file is empty" + (f"; {empty}" if empty else ""))
    return content


def extract_text(path: Path) -> str:
    """The main text of the document at `path`."""
    return text_from_bytes(read_bytes(path), path.name, media_type(path))


def text_from_bytes(content: bytes, name: str, kind: str) -> str:
    """The main text of `content`, read as media type `kind`; `name` is used in errors."""
    text = TEXT_READERS[kind](content, name)
    if not text.strip():
        raise TollError(f"{name}: no text found in the file")
    # A stray NUL cannot be stored in PostgreSQL text; one character for one keeps offsets.
    return text.replace("\x00", "\ufffd")


def decode_text(content: bytes, name: str) -> str:
    """Decode plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else detected."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict_decode(content, "utf-16", name)
    if _looks_binary(content):
        raise TollError(f"{name}: this is a binary file, not text (is it named correctly?)")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is None or best.encoding is None:
        raise TollError(f"{name}: the text encoding could not be recognised; save it as UTF-8")
    return _strict_decode(content, best.encoding, name)


def _strict_decode(content: bytes, encoding: str, name: str) -> str:
    try:
        return content.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise TollError(f"{name}, line {line}: bytes that are not valid {encoding}") from None


def _looks_binary(content: bytes) -> bool:
    head = content[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def _html_text(content: bytes, name: str) -> str:
    import trafilatura

    html = decode_text(content, name)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        from lxml import html as lxml_html

        try:
            text = lxml_html.fromstring(html).text_content()
        except Exception:  # lxml raises several types on broken markup
            raise TollError(f"{name}: the HTML could not be read") from None
    return text


def _pdf_text(content: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not content.startswith(b"%PDF"):
        raise TollError(f"{name}: not a PDF file (it does not start with %PDF)")
    if b"%%EOF" not in content[-2048:]:
        raise TollError(f"{name}: the PDF is truncated or damaged (no end-of-file marker)")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise TollError(f"{name}: the PDF is damaged and cannot be read ({error})") from None
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise TollError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _docx_text(content: bytes, name: str) -> str:
    import docx

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise TollError(f"{name}: not a .docx file (it is not a ZIP package)")
    try:
        document = docx.Document(io.BytesIO(content))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise TollError(f"{name}: the .docx is damaged and cannot be read ({error})") from None
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


# The media types whose text Toll reads (a list's or a dataset's rows are read as records).
TEXT_READERS = {
    "text/plain": decode_text,
    "text/html": _html_text,
    "application/pdf": _pdf_text,
    MEDIA_TYPES[".docx"]: _docx_text,
}
