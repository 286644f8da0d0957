"""A fact sheet rendered as Markdown, HTML (with SVG charts) or PDF (WeasyPrint)."""

import html
import re
from pathlib import Path

from toll.errors import TollError, writing
from toll.reports.sheet import FactSheet

FORMATS = ("html", "pdf", "md")
CHART = re.compile(r"<!-- chart:(\w+) -->")
REPEATED_REF = re.compile(r"\[(\d+):\d+\]")  # a footnote referred to again: [3], not [3:1]
STYLE = """
@page { size: A4; margin: 18mm 16mm 20mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 9.5pt; line-height: 1.35;
       color: #1a1a1a; max-width: 60em; margin: auto; }
h1 { font-size: 17pt; margin-bottom: 0.2em; } h2 { font-size: 13pt; border-bottom: 1px solid #999;
     margin-top: 1.4em; } h3 { font-size: 11.5pt; margin: 1.1em 0 0.3em; }
h4 { font-size: 10pt; margin: 0.8em 0 0.2em; }
table { border-collapse: collapse; margin: 0.3em 0 0.8em; min-width: 50%; }
th, td { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
tr { break-inside: avoid; } thead { display: table-header-group; }
h2, h3, h4 { break-after: avoid; }
th { background: #f2f2f2; } figure { margin: 0.4em 0 1em; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
sup { font-size: 70%; } a { color: #1a4f8b; text-decoration: none; }
.footnotes { font-size: 8pt; } .footnotes li { margin-bottom: 0.25em; word-break: break-word; }
hr.footnotes-sep { display: none; }
@media print { .footnote-backref { display: none; } }
"""


def to_markdown(sheet: FactSheet) -> str:
    def note(match: re.Match) -> str:
        chart = sheet.charts.get(match.group(1))
        return f"*Chart: {chart.title} (in the HTML and PDF forms).*" if chart else ""

    return CHART.sub(note, sheet.markdown)


def to_html(sheet: FactSheet) -> str:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from toll.reports.charts import chart_svg

    parser = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin)
    body = parser.render(sheet.markdown)

    def figure(match: re.Match) -> str:
        chart = sheet.charts.get(match.group(1))
        if chart is None or not chart.rows:
            return ""
        return f'<figure class="chart">{chart_svg(chart)}</figure>'

    body = CHART.sub(figure, REPEATED_REF.sub(r"[\1]", body))
    return (
        f'<!DOCTYPE html>\n<html lang="{sheet.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(sheet.title)}</title><style>{STYLE}</style></head><body>\n{body}</body></html>\n"
    )


def write_report(sheet: FactSheet, format: str, output: Path | None) -> str | None:
    """Write the sheet as `format` to `output`; return the text instead when no file is given."""
    if format not in FORMATS:
        raise TollError(f"--format {format!r}: choose from {', '.join(FORMATS)}")
    if format == "pdf":
        if output is None:
            raise TollError("a PDF is a binary file: give the file to write with -o FILE")
        from weasyprint import HTML

        with writing(output):
            HTML(string=to_html(sheet)).write_pdf(output)
        return None
    text = to_markdown(sheet) if format == "md" else to_html(sheet)
    if output is None:
        return text
    with writing(output):
        output.write_text(text, encoding="utf-8")
    return None
