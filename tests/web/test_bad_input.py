"""Bad input through the web: refused with a clear answer and nothing written, or shown escaped."""

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from toll.model import AuditEvent, Person, Record, Source
from toll.names import name_keys
from toll.web import create_app

from .conftest import sign_in

SCRIPT = "<script>alert('x')</script>"


def counts(store) -> tuple[int, int, int]:
    with store.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (Source, Record, AuditEvent)
        )


def upload(client, path: str, name: str, content: bytes, **fields):
    return client.post(
        path,
        files={"file": (name, content)},
        headers={"x-csrf-token": client.csrf},
        data=fields,
    )


def test_a_huge_upload_is_refused_before_anything_is_stored(web_store):
    client = TestClient(create_app(store=web_store, max_body=20_000))
    client.csrf = sign_in(client, "editor")
    before = counts(web_store)
    response = upload(client, "/api/lists", "big.csv", b"Name\n" + b"Amira Testova\n" * 5000)
    assert response.status_code == 413 and "nothing was stored" in response.json()["detail"]
    after = counts(web_store)
    assert after[:2] == before[:2]  # no source, no record (the sign-in itself is audited)


def test_a_malformed_list_is_refused_naming_the_file_and_nothing_is_written(browser, web_store):
    client = browser("editor")
    before = counts(web_store)
    response = upload(client, "/api/lists", "garbage.csv", b"a;b;c\n1;2;3\n4;5;6\n")
    assert response.status_code == 400
    assert "garbage.csv" in response.json()["detail"]
    assert "no column of names" in response.json()["detail"]
    assert counts(web_store) == before


def test_an_empty_or_broken_document_is_refused(browser, web_store):
    client = browser("editor")
    before = counts(web_store)
    for name, content in (("empty.txt", b""), ("broken.pdf", b"%PDF-1.4 this is not a pdf")):
        response = upload(client, "/api/sources", name, content)
        assert response.status_code == 400, response.text
        assert name in response.json()["detail"]
    assert counts(web_store) == before


def test_a_form_field_far_too_long_is_refused(browser, web_store):
    client = browser("reviewer")
    before = counts(web_store)
    response = client.post(
        "/claims/1/reject",
        data={"reason": "x" * 5000, "csrf": client.csrf},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert counts(web_store) == before


def test_a_script_tag_in_a_name_or_title_is_shown_as_text(browser, web_store):
    with web_store.session() as session:
        source = session.scalars(select(Source).where(Source.kind == "list")).first()
        person = Person(label="P-99999", display_name=SCRIPT)
        session.add(person)
        session.flush()
        session.add(
            Record(
                source_id=source.id,
                row_number=99999,
                original={"name": SCRIPT},
                person_id=person.id,
                full_name=SCRIPT,
                name_key=name_keys(full=SCRIPT).name_tokens_sorted,
            )
        )
    client = browser("editor")
    added = upload(
        client,
        "/api/sources",
        "note.txt",
        b"Five people were killed.",
        title=SCRIPT,
        publisher=SCRIPT,
    )
    assert added.status_code == 200, added.text
    pages = [
        client.get("/persons/P-99999"),
        client.get("/register", params={"name": "script"}),
        client.get("/sources"),
        client.get(f"/sources/{added.json()['source_id']}"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert SCRIPT not in page.text
        assert "&lt;script&gt;" in page.text


def test_a_search_that_looks_like_sql_is_only_a_search(browser, web_store):
    client = browser("admin")
    before = counts(web_store)
    for text in ("' OR 1=1 --", "x'); DROP TABLE persons; --", '" OR ""="', "%' OR '%'='"):
        page = client.get("/register", params={"name": text})
        assert page.status_code == 200, page.text
        assert client.get("/api/sources", params={"q": text}).json() == []
        assert client.get(
            "/api/persons", params={"name": text, "status": "killed"}
        ).status_code in (200,)
    with web_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) > 0
    assert counts(web_store)[:2] == before[:2]
