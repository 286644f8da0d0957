"""The workspace in headless Chromium (Debian's package, driven by Playwright), as users use it:
sign in, import a list (and have a malformed one refused), review a match from the keyboard,
confirm a figure, accept an unsure attachment to an incident, search a name in another script,
open a missing-person case, view the public page. A screenshot of each page is
kept: in TOLL_SCREENSHOTS (a folder) when set, else in the test's tmp folder.
"""

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ._web import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )


@pytest.fixture
def server(app):
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server, tmp_path):
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=server)
        page.shots = Path(os.environ.get("TOLL_SCREENSHOTS") or tmp_path / "screenshots")
        page.shots.mkdir(parents=True, exist_ok=True)
        yield page
        browser.close()


def shot(page, name: str) -> Path:
    path = page.shots / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000
    return path


def sign_in(page, name: str) -> None:
    page.goto("/")
    assert "/login" in page.url  # not signed in: sent to the login form
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(lambda url: urlparse(url).path == "/")


def test_sign_in_and_see_the_dashboard(page):
    page.goto("/login")
    page.fill("input[name=name]", "admin")
    page.fill("input[name=password]", "not the password")
    page.click("button:has-text('Sign in')")
    assert page.locator(".error").inner_text() == "Wrong user name or password."
    sign_in(page, "admin")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("figure svg").count() >= 2  # the charts, drawn on the server
    shot(page, "dashboard")


def test_review_a_match_from_the_keyboard(page):
    sign_in(page, "reviewer")
    page.goto("/review")
    waiting = int(page.locator("main p.muted").first.inner_text().split()[0])
    assert waiting >= 1
    shot(page, "review")
    with page.expect_navigation():  # the decision is posted, then the next pair is shown
        page.keyboard.press("s")  # same person
    left = page.locator("main p.muted").first.inner_text()
    assert left.startswith(f"{waiting - 1} pairs") or "Nothing" in page.content()


def test_confirm_a_figure_in_its_source(page):
    sign_in(page, "reviewer")
    page.goto("/sources/1")
    first = page.locator(".claim").first
    claim_id = first.get_attribute("id")
    assert page.locator("a.fig").count() >= 3  # figures highlighted in the text
    shot(page, "source")
    first.locator("button:has-text('Confirm')").click()
    page.wait_for_url(f"**/sources/1#{claim_id}")
    assert page.locator(f"#{claim_id} .badge").inner_text() == "confirmed"


def test_search_a_name_in_another_script(page):
    sign_in(page, "editor")
    page.goto("/register")
    page.fill("input[name=name]", "Мамедов")
    page.click("button:has-text('Search')")
    page.wait_for_url("**/register?*")
    names = page.locator("table tbody tr td:nth-child(2)").all_inner_texts()
    assert names and any(name.startswith(("Məmmədov", "Mammadov", "Mamedov")) for name in names)
    shot(page, "register")
    page.locator("table tbody tr td a").first.click()
    page.wait_for_url("**/persons/P-*")
    assert "This view is written to the audit trail" in page.content()
    shot(page, "person")


def test_the_public_page_needs_no_sign_in_and_shows_no_names(page, web_store):
    from sqlalchemy import select

    from toll.model import Person

    page.goto("/public")
    assert page.locator("h1").inner_text() == "Public view"
    text = page.locator("main").inner_text()
    with web_store.session() as session:
        names = [n for n in session.scalars(select(Person.display_name).limit(200)) if n]
    assert names and not any(name in text for name in names)
    shot(page, "public")


NEW_LIST = (
    "Full name,Sex,Year of birth,Status\n"
    "Zarina Browserova,f,1971,killed\n"
    "Pavel Browserov,m,1968,missing\n"
)


def test_import_a_list(page):
    sign_in(page, "editor")
    page.goto("/sources")
    page.set_input_files(
        "input[name=file]",
        {"name": "village_list.csv", "mimeType": "text/csv", "buffer": NEW_LIST.encode()},
    )
    page.select_option("select[name=kind]", "list")
    page.fill("input[name=publisher]", "Village council (test)")
    shot(page, "import")
    with page.expect_navigation():
        page.click("button:has-text('Add')")
    assert "/sources/" in page.url
    page.goto("/sources")
    row = page.locator("tr", has_text="village_list.csv")
    assert row.count() == 1 and "Village council (test)" in row.inner_text()


def test_open_a_case_and_the_pages_of_the_later_stages(page):
    sign_in(page, "editor")
    page.click("header nav a:has-text('Missing')")
    page.wait_for_url("**/cases")
    assert page.locator(".board .column").count() >= 5
    shot(page, "cases")
    page.locator("a.case-card", has_text="C-00003").click()
    page.wait_for_url("**/cases/C-00003")
    assert page.locator("h2", has_text="History").count() == 1
    assert page.locator("h2:has-text('Remains candidates') + p + table tbody tr").count() >= 1
    shot(page, "case")
    for path, name, heading in (
        ("/families", "families", "Families"),
        ("/incidents", "incidents", "Incidents"),
        ("/incidents/1", "incident", "Hostilities in eastern Valdoria"),
        ("/recognitions", "recognitions", "Recognitions"),
        ("/review/figures", "review_figures", "Figures no one has reviewed"),
        ("/review/incidents", "review_incidents", "Unsure attachments to incidents"),
    ):
        page.goto(path)
        assert page.locator("h1").inner_text() == heading, path
        shot(page, name)


def waiting_attachment(store) -> tuple[int, int]:
    """A figure (of another incident, or of none) that the automatic attachment was unsure
    of, waiting for review to join incident 1, as `toll incident attach --auto` leaves one:
    (link, claim)."""
    from sqlalchemy import select

    from toll.model import Claim, IncidentLink

    with store.session() as session:
        linked = select(IncidentLink.claim_id).where(
            IncidentLink.incident_id == 1, IncidentLink.claim_id.isnot(None)
        )
        claim = session.scalar(select(Claim).where(Claim.id.notin_(linked)).order_by(Claim.id))
        link = IncidentLink(
            incident_id=1,
            claim_id=claim.id,
            method="hint",
            state="review",
            reason="only the incident's name fits (written by the test)",
            created_by="tester",
        )
        session.add(link)
        session.flush()
        return link.id, claim.id


def attached_figures(page) -> int:
    said = page.locator("p", has_text="Attached:").inner_text()
    return int(re.search(r"Attached: (\d+) figures", said).group(1))


def test_accept_an_unsure_attachment_to_an_incident(page, web_store):
    link, claim = waiting_attachment(web_store)
    sign_in(page, "reviewer")
    page.goto("/incidents/1")
    before = attached_figures(page)
    assert "1 attachments wait for review" in page.locator("main").inner_text()
    page.goto("/review/incidents")
    row = page.locator("tbody tr", has=page.locator(f"td:text-is('{link}')"))
    assert f"claim {claim}:" in row.inner_text()
    shot(page, "review_incidents_waiting")
    with page.expect_navigation():
        row.locator("button:has-text('Attach')").click()
    assert page.locator("tbody tr", has=page.locator(f"td:text-is('{link}')")).count() == 0
    page.goto("/incidents/1")
    assert attached_figures(page) == before + 1  # accepted: the figure is the incident's now
    assert "wait for review" not in page.locator("main").inner_text()


def test_a_malformed_list_is_refused_in_one_clear_line_and_nothing_is_stored(page):
    sign_in(page, "editor")
    page.goto("/sources")
    page.set_input_files(
        "input[name=file]",
        {"name": "garbage.csv", "mimeType": "text/csv", "buffer": b"a;b;c\n1;2;3\n4;5;6\n"},
    )
    page.select_option("select[name=kind]", "list")
    with page.expect_navigation():
        page.click("button:has-text('Add')")
    message = page.locator("p.error").inner_text()
    assert "garbage.csv" in message and "no column of names" in message
    assert page.locator("h1").inner_text() == "Cannot do that"
    assert "Traceback" not in page.content()
    shot(page, "import_refused")
    page.goto("/sources")
    assert page.locator("tr", has_text="garbage.csv").count() == 0
