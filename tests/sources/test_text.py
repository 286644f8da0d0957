"""Reading the text of documents, and refusing bad files with one clear reason."""

import pytest

from documents import STATEMENT, write_docx, write_html, write_pdf
from toll.errors import TollError
from toll.sources.text import extract_text


def test_plain_text_utf8_with_and_without_bom(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_text(STATEMENT, encoding="utf-8")
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + STATEMENT.encode())
    assert extract_text(plain) == STATEMENT
    assert extract_text(bom) == STATEMENT


def test_utf16_and_windows_1251_are_decoded(tmp_path):
    russian = "Обстрел унёс жизни 41 мирного жителя, в том числе 9 детей. " * 5
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(russian.encode("utf-16"))
    cp1251 = tmp_path / "cp.txt"
    cp1251.write_bytes(russian.encode("cp1251"))
    assert extract_text(utf16) == russian
    assert extract_text(cp1251) == russian


def test_html_keeps_the_article_not_the_menus(tmp_path):
    page = write_html(
        tmp_path / "page.html",
        [
            "Shelling in Northfield killed 41 civilians, including 9 children, officials said.",
            "Rescue teams were still searching the ruins of the market on Tuesday evening.",
        ],
    )
    text = extract_text(page)
    assert "killed 41 civilians" in text
    assert "Weather menu entry" not in text


def test_pdf_text_layer(tmp_path):
    pdf = write_pdf(tmp_path / "report.pdf", ["The attack killed 41 civilians.", "Page end."])
    assert "killed 41 civilians" in extract_text(pdf)


def test_docx_paragraphs(tmp_path):
    document = write_docx(
        tmp_path / "statement.docx", ["First paragraph.", "It killed 41 civilians."]
    )
    assert "It killed 41 civilians." in extract_text(document)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("image.txt", bytes(range(256)) * 20, "binary"),
        ("truncated.pdf", None, "truncated"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "not a .docx"),
        ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type"),
        ("victims.csv", b"name\nA B\n", "toll import"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        full = write_pdf(tmp_path / "full.pdf", ["Some text that will be cut."]).read_bytes()
        content = full[: len(full) // 2]
    path.write_bytes(content)
    with pytest.raises(TollError) as caught:
        extract_text(path)
    message = str(caught.value)
    assert name in message and reason in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(TollError, match="no such file"):
        extract_text(tmp_path / "nope.txt")
    with pytest.raises(TollError, match="folder"):
        extract_text(tmp_path)
