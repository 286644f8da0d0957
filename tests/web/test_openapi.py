"""schemathesis against /openapi.json: generated requests (as an admin, through an API token)
never cause a server error, and every answer matches the documented schema and status codes.

Bounded: a few examples per operation, so the whole run stays around a minute.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from toll.store.auth import create_token

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(web_store):
    with web_store.session() as session:
        session.info["actor"] = "admin"
        return create_token(session, "admin", "schemathesis")


def test_the_api_keeps_to_its_schema(app, token):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failed = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as error:  # noqa: BLE001 - every operation's failure is reported
            failed.append(f"{operation.label}: {str(error)[:600]}")
    assert not failed, "\n\n".join(failed)


def test_the_schema_documents_the_api(app):
    from fastapi.testclient import TestClient

    document = TestClient(app).get("/openapi.json").json()
    paths = set(document["paths"])
    assert {
        "/api/persons",
        "/api/persons/{reference}",
        "/api/sources",
        "/api/decisions",
        "/api/estimates/{estimate_id}",
        "/api/public",
    } <= paths
    assert not any(not p.startswith("/api/") for p in paths), "pages stay out of the API schema"
