"""Telling what a file really is, and which text encoding a text file uses.

Lists arrive as whatever the sender had: a CSV saved by Excel in Windows-1251, a UTF-16 export,
a workbook renamed to .csv, a PDF. The file's first bytes say what it is; the extension only says
what the sender believed. A mismatch is an error that names both, so nobody imports a PDF as CSV.
"""

import codecs
import io
import re
import unicodedata
import zipfile

from charset_normalizer import from_bytes

from toll.errors import TollError

FORMATS_BY_EXTENSION = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# What a file's first bytes say it is, in words a user understands.
_MAGIC = [
    (b"%PDF", "a PDF document"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-style Microsoft Office file (.xls or .doc) or a password-protected workbook",
    ),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
]
_ZIP_KINDS = {
    "xlsx": "an XLSX workbook",
    "ods": "an ODS spreadsheet",
    "docx": "a Word document (.docx)",
    "odt": "an OpenDocument text",
    "zip": "a ZIP archive",
    "damaged-zip": "a damaged ZIP archive",
}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
]
# Single-byte encodings lists are saved in, most likely first.
_LEGACY = ["cp1251", "cp1254", "cp1252", "koi8_r", "cp866"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Bytes where ISO-8859-9/CP1254 (Turkish, legacy Azerbaijani) differ from Latin-1: ğ ı ş İ Ş Ğ.
_TURKISH_BYTES = re.compile(rb"[\xd0\xdd\xde\xf0\xfd\xfe]")


def content_kind(data: bytes) -> tuple[str, str] | None:
    """What the bytes are when they are not plain text: (kind, description), else None."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        kind = _zip_kind(data)
        return kind, _ZIP_KINDS[kind]
    for magic, description in _MAGIC:
        if data.startswith(magic):
            return "binary", description
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table")):
        return "html", "an HTML page"
    if head.startswith(b"<?xml"):
        return "xml", "an XML document"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace") if ("mimetype" in names) else ""
            )
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError):
        return "damaged-zip"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "spreadsheet" in mimetype:
        return "ods"
    if "opendocument.text" in mimetype:
        return "odt"
    return "zip"


def choose_format(extension: str, data: bytes, file: str) -> str:
    """The format to read `data` as, or a TollError when the content contradicts the name."""
    expected = FORMATS_BY_EXTENSION.get(extension)
    kind = content_kind(data)
    if extension == ".xls":
        if kind is None or kind[0] in ("xlsx", "ods"):
            what = kind[1] if kind else "a text file"
            raise TollError(f"{file}: named .xls but it is {what}; {_rename_hint(kind, data)}")
        raise TollError(
            f"{file}: the old Excel .xls format is not read (this file is {kind[1]}); "
            "open it in a spreadsheet program and save it as .xlsx or CSV"
        )
    if expected is None:
        return _format_from_content(kind, data, file)
    if expected in ("xlsx", "ods"):
        if kind is not None and kind[0] == "damaged-zip":
            raise TollError(
                f"{file}: unreadable or damaged {expected.upper()} file (its ZIP container is "
                "broken or cut short); open it in a spreadsheet program and save it again"
            )
        if kind is None or kind[0] != expected:
            what = kind[1] if kind else "a text file"
            raise TollError(
                f"{file}: not {_ZIP_KINDS[expected]} although its name ends in {extension}: "
                f"it is {what}; {_rename_hint(kind, data)}"
            )
        return expected
    if kind is not None:
        raise TollError(
            f"{file}: not a {expected.upper()} text file although its name ends in {extension}: "
            f"it is {kind[1]}; {_rename_hint(kind, data)}"
        )
    if expected == "csv" and _looks_like_json(data):
        raise TollError(
            f"{file}: looks like JSON, not CSV (it starts with [ or {{); rename it to .json"
        )
    return expected


def _looks_like_json(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"[" and head[1:].lstrip()[:1] in (b"{", b"]") or head[:2] == b'{"'


def _format_from_content(kind: tuple[str, str] | None, data: bytes, file: str) -> str:
    if kind is not None and kind[0] in ("xlsx", "ods"):
        return kind[0]
    if kind is not None:
        raise TollError(
            f"{file}: cannot read {kind[1]} as a list of persons; "
            "give a CSV, XLSX, ODS or JSON file"
        )
    head = data[:64].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return "json" if head[:1] in (b"[", b"{") else "csv"


def _rename_hint(kind: tuple[str, str] | None, data: bytes) -> str:
    if kind is None:
        head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        suffix = ".json" if head[:1] in (b"[", b"{") else ".csv"
        return f"rename it to {suffix}"
    if kind[0] == "xlsx":
        return "rename it to .xlsx"
    if kind[0] == "ods":
        return "rename it to .ods"
    return "export the list from it as CSV, XLSX, ODS or JSON"


def decode_text(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file, returning (text, name of the encoding used).

    Byte-order marks decide first; then strict UTF-8; then the single-byte encodings lists are
    kept in (Windows-1251, CP1254/ISO-8859-9, Latin-1, KOI8-R...), checked for plausible words.
    A file that is partly UTF-8 and partly something else is an error naming the first odd line.
    """
    if encoding:
        return _decode_named(data, encoding, file), encoding
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_strict(data[len(bom) :], codec, file), file), name
    if b"\x00" in data[:4096]:
        return _checked(_decode_utf16_without_bom(data, file), file), "utf-16"
    try:
        return _checked(data.decode("utf-8"), file), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed_utf8(data, file)
    codec = _guess_legacy(data, file)
    return _checked(_decode_strict(data, codec, file), file), _report_name(codec, data)


def _decode_named(data: bytes, encoding: str, file: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise TollError(f"{file}: unknown encoding {encoding!r} in the mapping") from None
    return _checked(_decode_strict(data, encoding, file), file)


def _decode_strict(data: bytes, codec: str, file: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = _line_of_byte(data, error.start, codec)
        raise TollError(
            f"{file}, line {line}: bytes that are not valid {codec} ({error.reason}); "
            "the file may mix encodings: save it again as UTF-8"
        ) from None


def _line_of_byte(data: bytes, offset: int, codec: str) -> int:
    prefix = data[:offset].decode(codec, errors="replace")
    return prefix.count("\n") + 1


def _decode_utf16_without_bom(data: bytes, file: str) -> str:
    """UTF-16 without a byte-order mark, in whichever byte order reads as letters.

    NUL bytes alone do not tell the order: a list in Cyrillic or Armenian has them only
    beside its digits, commas and line breaks. Read the wrong way round, the same bytes
    give CJK or Hangul characters, never the letters and punctuation of a list.
    """
    shares = {codec: _share_of_text(data, codec) for codec in ("utf-16-le", "utf-16-be")}
    codec = max(shares, key=shares.__getitem__)
    if shares[codec] < 0.95 or len(data) % 2:
        raise TollError(
            f"{file}: contains NUL bytes, so it is a binary file, not text; "
            "give a CSV, XLSX, ODS or JSON file"
        )
    return _decode_strict(data, codec, file)


# Scripts lists are written in: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Georgian,
# Latin Extended Additional, general punctuation, letter-like symbols (№).
_TEXT_BLOCKS = (
    (0x0000, 0x024F),
    (0x0370, 0x06FF),
    (0x10A0, 0x10FF),
    (0x1E00, 0x206F),
    (0x2100, 0x214F),
)


def _share_of_text(data: bytes, codec: str) -> float:
    """Share of the characters of a sample that are letters, digits, punctuation or spaces
    of the scripts lists are written in (control characters other than tab and line breaks
    do not count)."""
    sample = data[:65536].decode(codec, errors="replace")
    if not sample:
        return 0.0
    good = sum(
        1
        for char in sample
        if (char.isprintable() or char in "\t\r\n")
        and any(low <= ord(char) <= high for low, high in _TEXT_BLOCKS)
    )
    return good / len(sample)


def _refuse_mixed_utf8(data: bytes, file: str) -> None:
    """Raise when some lines are UTF-8 with non-ASCII letters and others are not UTF-8 at all."""
    utf8_line = bad_line = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_line = utf8_line or number
        except UnicodeDecodeError:
            bad_line = bad_line or number
        if utf8_line and bad_line:
            raise TollError(
                f"{file}, line {bad_line}: not UTF-8, while line {utf8_line} is UTF-8: the file "
                "mixes encodings; save it again from one program as UTF-8"
            )


def _guess_legacy(data: bytes, file: str) -> str:
    """Pick the single-byte encoding whose reading of the file gives the most plausible words."""
    sample = _sample(data)
    ranked = [m.encoding for m in from_bytes(sample, cp_isolation=_LEGACY, explain=False)]
    candidates = ranked + [c for c in _LEGACY if c not in ranked]
    best, best_score = None, -1.0
    for codec in candidates:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score > best_score + 1e-9:
            best, best_score = codec, score
    if best is None or best_score < 0.5:
        line = _first_implausible_line(sample, best or "latin_1")
        raise TollError(
            f"{file}, line {line}: cannot tell the text encoding (not UTF-8, and no usual "
            "encoding gives readable words); save the file as UTF-8, or name the encoding in "
            "a mapping file (encoding: cp1251)"
        )
    if best in ("cp1252", "cp1254"):
        # The two differ in ğ ı ş İ Ş Ğ (Turkish, legacy Azerbaijani) against ð ý þ Ý Þ Ð.
        preferred = "cp1254" if _TURKISH_BYTES.search(sample) else "cp1252"
        best = preferred if _decodes(sample, preferred) else best
    return best


def _sample(data: bytes, size: int = 200_000) -> bytes:
    """The start, middle and end of a big file: enough to judge its encoding, quickly."""
    if len(data) <= 3 * size:
        return data
    middle = len(data) // 2
    return data[:size] + b"\n" + data[middle : middle + size] + b"\n" + data[-size:]


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _report_name(codec: str, data: bytes) -> str:
    if codec == "cp1252" and not re.search(rb"[\x80-\x9f]", data):
        return "latin-1"
    if codec == "cp1254" and not re.search(rb"[\x80-\x9f]", data):
        return "iso-8859-9"
    return codec.replace("_", "-")


_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII_SYMBOL = re.compile(r"[^\x00-\x7f\w\s«»—–“”„’‘…№€°]")


def plausibility(text: str) -> float:
    """How much `text` looks like real words, from 0 to 1 (1.0 when it is all ASCII).

    A real word keeps to one script and to one case pattern (lower, UPPER or Title), and words are
    not broken by box-drawing or currency signs. Text read in the wrong single-byte encoding breaks
    that: "Èâàíîâ", "Юahin", "иБЮМНБ", "╚трэют".
    """
    odd = total = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        total += 1
        if not _looks_like_a_word(word):
            odd += 1
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if total == 0 or non_ascii == 0:
        return 1.0
    symbols = len(_NON_ASCII_SYMBOL.findall(text))
    return (1 - odd / total) * (1 - symbols / non_ascii)


def _looks_like_a_word(word: str) -> bool:
    scripts = {_script(ch) for ch in word}
    if len(scripts) != 1 or "other" in scripts:
        return False
    if "latin" in scripts and len(word) >= 3 and not any(ch.isascii() for ch in word):
        return False
    return word.islower() or word.isupper() or word.istitle() or word[1:].islower()


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "other"


def _first_implausible_line(data: bytes, codec: str) -> int:
    text = data.decode(codec, errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        if plausibility(line) < 1.0:
            return number
    return 1


def _checked(text: str, file: str) -> str:
    """Refuse decoded text full of control characters: it is a binary file."""
    text = text.removeprefix("\ufeff").rstrip("\x1a")  # byte-order mark, DOS end-of-file
    controls = _CONTROL.findall(text[:100_000])
    if "\x00" in controls or len(controls) > max(2, len(text[:100_000]) // 100):
        line = text[: text.find(controls[0])].count("\n") + 1
        raise TollError(
            f"{file}, line {line}: control characters in the text, so this is a binary file, "
            "not a CSV or JSON list; give a CSV, XLSX, ODS or JSON file"
        )
    return text
