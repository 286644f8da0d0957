"""Fact sheets: every number footnoted, charts drawn, PDF rendered and looked at, scripts right."""

import re
import shutil
import subprocess

import pytest
from sqlalchemy import select

from filled_store import fill
from toll.claims.store import save_extracted_claims
from toll.demo.build import build_demo
from toll.incidents import add_names, attach
from toll.model import Claim, Incident, Person, Record, Source
from toll.records.store import import_list
from toll.remains.figures import remains_figures
from toll.reports import ReportScope, build_fact_sheet, to_html, to_markdown, write_report
from toll.reports.labels import label
from toll.reports.sheet import ANNEX_HEADING, NOTES_HEADING, UNATTACHED_HEADING
from toll.sources import SourceMetadata, add_document
from toll.store import Store

# A number, a range (150–200) or an open figure (24+), not inside a footnote marker.
NUMBER = re.compile(r"(?<![\w^\[:.,–-])\d[\d,.]*(?:\s?[–-]\s?\d[\d,.]*)?\+?")
RUSSIAN = "В результате обстрела погибли 12 мирных жителей, ещё 30 человек получили ранения.\n"
PUBLISHER_AZ = "Azərbaycan Respublikasının İnsan Hüquqları üzrə Müvəkkili"


def unfootnoted(markdown: str) -> list[str]:
    """Numbers in the body of a report (before the annex and notes) without a footnote.

    A heading names one thing (an incident: "Northfield shelling — 14-15 March 2023"), and
    its footnote at its end covers every number in it."""
    body = markdown.split(f"## {ANNEX_HEADING}")[0].split(f"## {NOTES_HEADING}")[0]
    body = re.sub(r"(?m)^#+ .*\[\^\d+\]$", "#", body)
    return [
        body[max(0, m.start() - 30) : m.end() + 5]
        for m in NUMBER.finditer(body)
        if not body.startswith("[^", m.end())
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, persons=400)
    store = Store.open(str(path), actor="tester")
    yield store
    store.close()


@pytest.fixture
def scripts(store, tmp_path):
    """A store with a Russian statement, an Azerbaijani publisher and linked records."""
    fill(store, tmp_path)
    statement = tmp_path / "ru.txt"
    statement.write_text(RUSSIAN, encoding="utf-8")
    with store.session() as session:
        meta = SourceMetadata(publisher=PUBLISHER_AZ, published="2020-10", language="ru")
        save_extracted_claims(session, add_document(session, statement, meta).source)
    return store


def test_every_number_in_the_demo_report_has_a_footnote(demo):
    with demo.session() as session:
        sheet = build_fact_sheet(session)
    markdown = sheet.markdown
    assert "## What the sources say" in markdown and "## Estimates" in markdown
    assert unfootnoted(markdown) == []
    assert len(NUMBER.findall(markdown.split(f"## {NOTES_HEADING}")[0])) > 50
    notes = markdown.split(f"## {NOTES_HEADING}")[1]
    assert "SHA-256" in notes and "“" in notes and "published 2025-03-14" in notes
    assert "loglinear-bic" in notes and "interval by" in notes
    assert "“”" not in notes, "a figure from a data file's row names its row, not empty words"
    assert "row 1, event" in notes
    assert "overlap of 0 lists" not in notes  # a stratified estimate names its strata's lists


def test_the_check_finds_a_number_without_a_footnote():
    assert unfootnoted("| killed | 213 |\n") == ["| killed | 213 |\n"]
    assert unfootnoted("| killed | 213[^4] | 150–200[^5] |\n") == []


def test_the_demo_report_renders_to_html_with_charts_and_footnotes(demo):
    with demo.session() as session:
        html = to_html(build_fact_sheet(session))
    assert html.count("<svg") >= 3 and 'class="footnotes"' in html
    assert not re.search(r"\[\d+:\d+\]", html)  # a footnote referred to again reads [3]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_the_demo_report_renders_to_pdf_and_to_page_images(demo, tmp_path):
    with demo.session() as session:
        sheet = build_fact_sheet(session, public=True)
    pdf = tmp_path / "demo.pdf"
    write_report(sheet, "pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-l", "3", pdf, tmp_path / "page"], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3 and all(page.stat().st_size > 5000 for page in pages)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_russian_and_azerbaijani_text_renders_in_the_pdf(scripts, tmp_path):
    with scripts.session() as session:
        sheet = build_fact_sheet(session)
    assert unfootnoted(sheet.markdown) == []
    pdf = tmp_path / "scripts.pdf"
    write_report(sheet, "pdf", pdf)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "погибли 12 мирных жителей" in " ".join(text.split())
    assert "Müvəkkili" in text
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts or "Noto" in fonts


def test_a_public_report_names_nobody_and_suppresses_small_counts(scripts):
    with scripts.session() as session:
        names = {r.family_name for r in session.scalars(select(Record))} - {None}
        public = build_fact_sheet(session, public=True).markdown
        restricted = build_fact_sheet(session).markdown
    assert ANNEX_HEADING in restricted and "Şəxs 1" in restricted
    assert ANNEX_HEADING not in public and "Şəxs" not in public
    assert not any(name in public for name in names)
    assert "fewer than five" in public and unfootnoted(public) == []


def test_a_period_narrows_the_claims(scripts):
    with scripts.session() as session:
        all_years = build_fact_sheet(session).markdown
        narrowed = build_fact_sheet(session, ReportScope(period="2020")).markdown
    assert f"### {UNATTACHED_HEADING}" in narrowed
    assert "Killed · 2020" in narrowed and "Killed · 2021" in all_years
    assert "Killed · 2021" not in narrowed and "# Fact sheet: 2020" in narrowed


def test_markdown_says_where_the_charts_are(demo):
    with demo.session() as session:
        text = to_markdown(build_fact_sheet(session))
    assert "<!-- chart" not in text and "*Chart: Persons in the register, by sex" in text


def test_cli_report(scripts, db, tmp_path, toll):
    result = toll("report", "--format", "md", "--public", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Fact sheet")
    out = tmp_path / "r.html"
    result = toll("report", "-o", out, "--db", db)
    assert result.exit_code == 0 and "<svg" in out.read_text(encoding="utf-8")
    result = toll("report", "--format", "md", "--period", "2020..2021", "--db", db)
    assert result.stdout.startswith("# Fact sheet: 2020–2021")
    result = toll("report", "--period", "last year", "--db", db)
    assert result.exit_code == 1 and "--period" in result.stderr
    result = toll("report", "--format", "pdf", "--db", db)
    assert result.exit_code == 1 and "-o FILE" in result.stderr
    for format in ("pdf", "md"):
        target = tmp_path / "no" / f"sheet.{format}"
        result = toll("report", "--format", format, "-o", target, "--db", db)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: cannot write {target}")


def test_family_figures_are_footnoted(store, tmp_path):
    family = tmp_path / "family.csv"
    family.write_text(
        "Full name,Household,Relation to head,Status,Year of birth,Date of death\n"
        "Ali Aliyev,H-1,head,killed,1960,2020-10-04\n"
        "Leyla Aliyeva,H-1,wife,killed,1965,2020-10-04\n"
        "Rauf Aliyev,H-1,son,alive,2010,\n",
        encoding="utf-8",
    )
    with store.session() as session:
        import_list(session, family, SourceMetadata())
        for i, record in enumerate(session.scalars(select(Record).order_by(Record.id)), 1):
            person = Person(label=f"P-{i:05d}", display_name=record.full_name)
            session.add(person)
            session.flush()
            record.person_id = person.id
    with store.session() as session:
        markdown = build_fact_sheet(session).markdown
    assert "## Families" in markdown and "children who lost both parents" in markdown
    assert unfootnoted(markdown) == []


def _remains_table(markdown: str) -> dict[str, str]:
    table = markdown.split("## Remains\n")[1].strip().split("\n\n")[0]
    return {
        row.split(" | ")[0].strip("| "): re.sub(r"\[\^\d+\]", "", row.split(" | ")[1]).strip(" |")
        for row in table.splitlines()[2:]
    }


def test_remains_figures_are_footnoted_and_small_ones_suppressed(demo):
    with demo.session() as session:
        figures = remains_figures(session)
        markdown = build_fact_sheet(session).markdown
        public = build_fact_sheet(session, public=True).markdown
    assert figures["recovered"] == 5 and figures["identified"] > 0
    assert _remains_table(markdown) == {
        "remains recovered": "5",
        "identified": str(figures["identified"]),
        "not identified": str(figures["unidentified"]),
    }
    assert unfootnoted(markdown) == [] and unfootnoted(public) == []
    notes = markdown.split(f"## {NOTES_HEADING}")[1]
    remains_note = notes.split("Remains recorded in the store")[1].splitlines()[0]
    assert "imported from lists of remains (" in remains_note  # each by file and SHA-256
    assert "(exhumation-report-2019.csv, SHA-256 " in remains_note
    # 5 recovered is shown; each part is under 5, so both are hidden
    assert _remains_table(public) == {
        "remains recovered": "5",
        "identified": "fewer than five",
        "not identified": "fewer than five",
    }


def test_a_report_of_a_store_without_remains_has_no_remains_section(scripts):
    with scripts.session() as session:
        assert "## Remains" not in build_fact_sheet(session).markdown


def test_a_report_of_an_incident_nobody_recorded_is_refused(scripts, db, toll):
    result = toll("report", "--format", "md", "--incident", "Atlantis", "--db", db)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: --incident 'Atlantis': no incident is named")


def section(markdown: str, heading: str) -> str:
    """The text of the section under `heading` (to the next heading of its level or higher)."""
    level = heading.split(" ")[0]
    after = markdown.split(heading, 1)[1]
    ends = [m.start() for m in re.finditer(rf"(?m)^#{{1,{len(level)}}} ", after)]
    return after[: ends[0]] if ends else after


def test_the_demo_report_sets_figures_side_by_side_per_incident(demo):
    with demo.session() as session:
        markdown = build_fact_sheet(session).markdown
    northfield = section(markdown, "### Northfield shelling")
    war = section(markdown, "### Hostilities in eastern Valdoria")
    eastbrook = section(markdown, "### Eastbrook, 2023-03-20")
    assert "| 213[^" in northfield and "Relief agency" not in northfield
    assert "| 260[^" in war and "Office of the Ombudsman" not in war
    assert "| 6[^" in eastbrook and "| 213[^" not in eastbrook
    assert "*Part of Hostilities in eastern Valdoria.*" in northfield
    assert "Incident 2 of the store: Northfield shelling" in markdown
    assert unfootnoted(markdown) == []


@pytest.fixture
def attached_store(scripts):
    """The incident of the filled store holds the Russian statement's figures and two records."""
    with scripts.session() as session:
        claims = session.scalars(
            select(Claim.id).join(Source).where(Source.publisher == PUBLISHER_AZ)
        ).all()
        records = session.scalars(
            select(Record.id).where(Record.person_id.isnot(None)).order_by(Record.id).limit(2)
        ).all()
        incident = session.scalar(select(Incident.id))
        add_names(session, incident, ["Shelling of Northfield"])
        attach(session, incident, claims=claims, records=records, note="test")
    return scripts


def test_figures_of_no_incident_stand_apart(attached_store):
    with attached_store.session() as session:
        markdown = build_fact_sheet(session).markdown
    incident = section(markdown, "### Shelling of Northfield")
    loose = section(markdown, f"### {UNATTACHED_HEADING}")
    assert "| 12[^" in incident and "| 4,242[^" not in incident
    assert "| 4,242[^" in loose and "| 12[^" not in loose
    assert "may count different events" in loose


def test_an_incident_narrows_figures_register_and_estimates(attached_store):
    with attached_store.session() as session:
        whole = build_fact_sheet(session).markdown
        markdown = build_fact_sheet(session, ReportScope(incident="Northfield")).markdown
    assert markdown.startswith("# Fact sheet: Shelling of Northfield")
    assert UNATTACHED_HEADING not in markdown and "4,242" not in markdown
    assert "| 12[^" in markdown
    register = section(markdown, "## The register of persons")
    persons = sum(int(n) for n in re.findall(r"\| (\d+)\[\^", register.split("###")[0]))
    assert (
        1
        <= persons
        <= 2
        < sum(
            int(n)
            for n in re.findall(r"\| (\d+)\[\^", section(whole, "## The register").split("###")[0])
        )
    )
    assert "only records attached to the incident Shelling of Northfield" in markdown
    assert "## Estimates" in whole and "## Estimates" not in markdown
    assert unfootnoted(markdown) == []


def test_a_public_report_hides_a_second_count_where_a_row_total_would_give_one_away(demo):
    with demo.session() as session:
        markdown = build_fact_sheet(session, public=True).markdown
    for heading in ("### By sex", "### By age group"):
        rows = [line for line in section(markdown, heading).splitlines() if line.startswith("| ")]
        assert all(row.count("fewer than five") != 1 for row in rows[1:]), rows
    assert "fewer than five" in section(markdown, "### By sex")
    assert "cannot be worked out from the total" in markdown


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", ("Что сообщают источники", "Реестр лиц", "Убиты")),
     ("az", ("Mənbələr nə deyir", "Şəxslərin reyestri", "Həlak olub"))],
)  # fmt: skip
def test_a_report_in_russian_or_azerbaijani(demo, tmp_path, language, words):
    with demo.session() as session:
        sheet = build_fact_sheet(session, public=True, language=language)
    notes = f"## {label(NOTES_HEADING, language)}"
    body = sheet.markdown.split(notes)[0]
    assert all(word in body for word in words) and "What the sources say" not in body
    assert unfootnoted(body + notes) == []
    pdf = tmp_path / f"{language}.pdf"
    write_report(sheet, "pdf", pdf)
    text = " ".join(
        subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split()
    )
    assert all(word in text for word in words)
    assert '<html lang="' + language in to_html(sheet)


def test_an_unknown_language_is_refused(scripts, db, toll):
    result = toll("report", "--format", "md", "--language", "fr", "--db", db)
    assert result.exit_code == 2 and "--language" in result.stderr


ENGLISH_NOTES = (
    "Made by Toll", "a public report", "a restricted report", "Counts from one", "Figures attached",
    "register of persons", "Age at the event", "Stored estimate", "interval by", "the overlap of",
    "shows every input", "Missing-person cases", "Families in the register", "published ",
    "claim ", "Incident ", "shows why", "under 18", "known member", "The first",
    "Remains recorded", "laboratory found",
)  # fmt: skip
SCRIPT = {"ru": re.compile("[а-яё]", re.IGNORECASE), "az": re.compile("[əışğçöü]", re.IGNORECASE)}


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("language", ["ru", "az"])
def test_footnotes_are_in_the_language_of_the_report(demo, language, public):
    """Footnotes describe their sources in the report's language (the quotes stay as written)."""
    with demo.session() as session:
        markdown = build_fact_sheet(session, public=public, language=language).markdown
    notes = markdown.split(f"## {label(NOTES_HEADING, language)}")[1]
    annex = markdown.split(f"## {label(ANNEX_HEADING, language)}")[-1].split("## ")[0]
    described = re.sub(r"“[^”]*”", "", notes + ("" if public else annex))  # not the quotes
    assert [phrase for phrase in ENGLISH_NOTES if phrase in described] == []
    lines = [line for line in notes.splitlines() if line.startswith("[^")]
    assert len(lines) > 5 and all(SCRIPT[language].search(line) for line in lines), lines
