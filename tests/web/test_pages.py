"""The pages of the later stages on the demo store: missing-person cases, families, incidents
and their reconciliation, recognitions and the review queues for figures and attachments."""

import re

from toll.web.app import STATIC


def test_the_case_board_and_a_case_with_its_history_and_remains_candidates(browser):
    client = browser("editor")
    board = client.get("/cases")
    assert board.status_code == 200
    assert "C-00003" in board.text and "fate unknown" in board.text
    case = client.get("/cases/C-00003")
    assert case.status_code == 200
    assert "reported → <strong>fate unknown</strong>" in case.text
    candidates = client.get("/api/cases/C-00003/remains").json()
    assert candidates and all(r["identified_as_case"] is None for r in candidates)
    assert candidates[0]["remains_id"] in case.text
    (done,) = client.get("/api/cases?status=identified").json()
    identified = client.get(f"/cases/{done['case_id']}")
    assert "not open, so it is not matched" in identified.text


def test_a_viewer_sees_a_case_without_names_or_contacts(browser):
    client = browser("viewer")
    shown = client.get("/api/cases/C-00001").json()
    assert shown["name"] == "[restricted]"
    assert all(r["name"] == "[restricted]" for r in shown["reporters"])
    page = client.get("/cases/C-00001").text
    assert 'href="/persons/' not in page


def test_family_figures_list_the_families_behind_each_count(browser):
    client = browser("editor")
    figures = client.get("/api/families").json()
    page = client.get("/families").text
    assert f'<div class="big">{figures["families_wiped_out"]["count"]}</div>' in page
    wiped = figures["families_wiped_out"]["families"]
    assert wiped and wiped[0]["family_id"] in page
    member = wiped[0]["members"][0]["person_id"]
    family = client.get(f"/families/{member}")
    assert family.status_code == 200 and member in family.text
    assert client.get("/api/families?missing_counts=true").json()["definitions"]["lost"] == (
        "killed or missing"
    )


def test_an_incident_sets_every_source_figure_beside_the_register(browser):
    client = browser("viewer")
    account = client.get("/api/incidents/1/reconcile").json()[0]
    page = client.get("/incidents/1").text
    group = account["groups"][0]
    assert group["figures"] and f"#claim-{group['figures'][0]['claim_id']}" in page
    assert "ucdp_ged_valdoria.csv row 1" in page
    assert "Northfield shelling" in client.get("/incidents").text
    recognitions = client.get("/recognitions").text
    assert "war crime" in recognitions and "Ostland" in recognitions


def test_a_figure_confirmed_from_the_queue_leaves_it(browser):
    client = browser("reviewer")
    waiting = client.get("/api/review/figures").json()
    first = waiting[0]["id"]
    assert f"/claims/{first}/confirm" in client.get("/review/figures").text
    sent = client.post(
        f"/claims/{first}/confirm",
        data={"csrf": client.csrf, "back": "/review/figures"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/review/figures"
    assert [c["id"] for c in client.get("/api/review/figures").json()] == [
        c["id"] for c in waiting[1:]
    ]
    elsewhere = client.post(
        f"/claims/{waiting[1]['id']}/confirm",
        data={"csrf": client.csrf, "back": "https://elsewhere.example/"},
        follow_redirects=False,
    )
    assert elsewhere.status_code == 422  # only the queue is a place to go back to


def test_the_attachment_queue_refuses_an_unknown_attachment_in_one_line(browser):
    client = browser("reviewer")
    assert "No attachment waits for review" in client.get("/review/incidents").text
    refused = client.post(
        "/api/review/incidents/4242", json={"accept": True}, headers={"x-csrf-token": client.csrf}
    )
    assert refused.status_code == 400
    assert re.match(r"no attachment 4242 waits for review", refused.json()["detail"])


def test_while_one_reader_redraws_the_dashboard_the_others_see_the_figures_before(app, browser):
    client = browser("reviewer")
    before = client.get("/api/dashboard").json()
    claim = before["headlines"][0]["claims"][0]
    assert claim["review_state"] != "confirmed"
    sent = client.post(
        f"/api/claims/{claim['claim_id']}/confirm",
        json={"note": "checked"},
        headers={"x-csrf-token": client.csrf},
    )
    assert sent.status_code == 200
    with app.state.figures_lock:  # another reader is drawing the new figures
        assert client.get("/api/dashboard").json() == before
    after = client.get("/api/dashboard").json()
    confirmed = [c for c in after["headlines"][0]["claims"] if c["claim_id"] == claim["claim_id"]]
    assert confirmed[0]["review_state"] == "confirmed"


def test_a_confirmed_figure_redraws_the_sources_figures_but_not_the_register(app, browser):
    client = browser("editor")
    assert client.get("/").status_code == 200
    cache = app.state.figures_cache
    drawn = {part: cache[part][0] for part in ("headlines", "register", "charts")}
    claim = client.get("/api/dashboard").json()["headlines"][0]["claims"][0]
    sent = client.post(
        f"/api/claims/{claim['claim_id']}/confirm", json={}, headers={"x-csrf-token": client.csrf}
    )
    assert sent.status_code == 200
    assert client.get("/").status_code == 200
    assert cache["headlines"][0] > drawn["headlines"]  # drawn again
    assert cache["register"][0] == drawn["register"] and cache["charts"][0] == drawn["charts"]
    listed = client.post(
        "/api/lists",
        files={"file": ("more.csv", b"Full name,Sex,Status\nIrada Cacheva,f,killed\n")},
        headers={"x-csrf-token": client.csrf},
    )
    assert listed.status_code == 200, listed.text
    page = client.get("/")
    assert cache["register"][0] > drawn["register"] and cache["charts"][0] > drawn["charts"]
    assert "records not linked yet" in page.text  # the new list's row, counted


def test_every_worker_opens_the_store_named_in_the_environment(web_store, monkeypatch):
    from fastapi.testclient import TestClient

    from toll.web import create_app

    monkeypatch.setenv("TOLL_DATABASE_URL", web_store.url)
    served = create_app()  # as `toll serve --workers N` makes it in each process
    try:
        assert TestClient(served).get("/login").status_code == 200
        assert served.state.store.url == web_store.url
    finally:
        served.state.store.close()


def test_the_served_app_leaves_the_loaded_libraries_out_of_the_collectors_passes(web_store):
    import gc

    from fastapi.testclient import TestClient

    from toll.web import served_app

    try:
        served = served_app(store=web_store)  # as `toll serve` makes it
        assert gc.get_freeze_count() > 10_000
        assert TestClient(served).get("/login").status_code == 200
    finally:
        gc.unfreeze()


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


def test_every_answer_has_the_security_headers_and_only_static_files_may_be_kept(browser):
    client, anonymous = browser("viewer"), browser()
    answers = {
        "page": client.get("/"),
        "api": client.get("/api/dashboard"),
        "not found": client.get("/persons"),
        "not signed in": anonymous.get("/api/me"),
        "login": anonymous.get("/login"),
    }
    for what, answer in answers.items():
        for name in (*SECURITY_HEADERS, "referrer-policy"):
            assert name in answer.headers, (what, name)
        assert answer.headers["cache-control"] == "no-store", what
    assert answers["page"].headers["x-frame-options"] == "DENY"
    static = client.get("/static/" + next(p.name for p in STATIC.iterdir() if p.is_file()))
    assert static.status_code == 200 and "no-store" not in static.headers.get("cache-control", "")
    assert all(name in static.headers for name in SECURITY_HEADERS)
    docs = client.get("/docs")
    assert "no-store" not in docs.headers.get("cache-control", "")
    assert docs.headers.get("content-security-policy")


def test_an_unknown_address_is_a_page_in_the_browser_and_json_in_the_api(browser):
    client = browser("viewer")
    shown = client.get("/persons")
    assert shown.status_code == 404
    assert "text/html" in shown.headers["content-type"]
    assert "there is no page at /persons" in shown.text and 'href="/register"' in shown.text
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}


def test_the_dashboard_says_why_its_statuses_add_up_to_more_than_its_persons(browser):
    client = browser("viewer")
    figures = client.get("/api/dashboard").json()
    counted = sum(figures["persons_by_status"].values())
    assert counted > figures["persons"]  # the demo's lists disagree on some persons' fates
    page = client.get("/").text
    assert f"these add up to {counted:,}: a person whose lists give two fates" in page
    public = client.get("/api/public").json()
    shown = [row["persons"] for row in public["by_status"]]
    if None not in shown:
        assert f"these add up to {sum(shown):,}" in client.get("/public").text


def test_a_pair_to_review_says_which_person_each_record_is_in_now(browser):
    client = browser("reviewer")
    (pair,) = client.get("/api/review?limit=1").json()
    page = client.get("/review").text
    for side in (pair["record_a"], pair["record_b"]):
        assert side["person"] and side["person_records"] >= 1
        assert f'now in <a href="/persons/{side["person"]}">{side["person"]}</a>' in page
    person = client.get(f"/api/persons/{pair['record_a']['person']}").json()
    assert len(person["records"]) == pair["record_a"]["person_records"]


def test_a_decision_is_answered_first_and_the_register_counted_after(browser, web_store):
    from sqlalchemy import select

    from toll.figures.breakdown import register_version
    from toll.model import RegisterTally

    client = browser("reviewer")
    (pair,) = client.get("/api/review?limit=1").json()
    body = {"record_a": pair["record_a"]["record_id"], "record_b": pair["record_b"]["record_id"],
            "decision": "different"}
    made = client.post("/api/decisions", json=body, headers={"x-csrf-token": client.csrf})
    assert made.status_code == 200, made.text
    with web_store.session() as session:  # the test client has run the task sent after it
        version = register_version(session)
        stored = session.scalars(select(RegisterTally.version)).all()
    assert stored == [version]
