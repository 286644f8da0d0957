"""Small documents of our own, in every format Toll reads, for tests."""

from pathlib import Path

STATEMENT = (
    "Statement of the Regional Ombudsman, 3 March 2021.\n\n"
    "The shelling of Northfield on 12 January 2021 killed 41 civilians, including 9 children, "
    "and injured more than 120 people. Around 300 houses were destroyed. "
    "Twelve residents remain missing.\n"
)


def write_pdf(path: Path, lines: list[str]) -> Path:
    """Write a minimal, valid one-page PDF whose text layer holds `lines`."""
    stream_lines = ["BT", "/F1 11 Tf", "50 780 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream_lines.append(f"({escaped}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)
    return path


def write_html(path: Path, body_paragraphs: list[str]) -> Path:
    menu = "".join(
        f"<li><a href='/{w}'>{w} menu entry</a></li>" for w in ["Home", "Sport", "Weather"]
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    path.write_text(
        "<html><head><title>Regional news</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>Ombudsman statement</h1>{paragraphs}</article>"
        "<footer>Copyright footer text. Subscribe to our newsletter.</footer></body></html>",
        encoding="utf-8",
    )
    return path
