"""The test users, who may use each route of the workspace, and a request that exercises it."""

from fastapi.testclient import TestClient

ROLES_IN_ORDER = ("viewer", "reviewer", "editor", "admin")
PASSWORD = "a long test password"
# name: (role, may see personal data)
USERS = {
    "admin": ("admin", True),
    "editor": ("editor", True),
    "reviewer": ("reviewer", True),
    "viewer": ("viewer", False),
}

# (method, path): "public" | "user" (anyone signed in) | a role, "+personal" for the grant
WHO_MAY = {
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "user",
    ("GET", "/api/me"): "user",
    ("GET", "/api/users"): "admin",
    ("GET", "/users"): "admin",
    ("POST", "/users"): "admin",
    ("GET", "/api/dashboard"): "viewer",
    ("GET", "/"): "viewer",
    ("GET", "/api/sources"): "viewer",
    ("GET", "/api/sources/{source_id}"): "viewer",
    ("GET", "/sources"): "viewer",
    ("GET", "/sources/{source_id}"): "viewer",
    ("GET", "/api/claims/{claim_id}/history"): "viewer",
    ("POST", "/api/claims/{claim_id}/confirm"): "reviewer",
    ("POST", "/api/claims/{claim_id}/correct"): "reviewer",
    ("POST", "/api/claims/{claim_id}/reject"): "reviewer",
    ("POST", "/claims/{claim_id}/confirm"): "reviewer",
    ("POST", "/claims/{claim_id}/reject"): "reviewer",
    ("POST", "/claims/{claim_id}/correct"): "reviewer",
    ("POST", "/api/sources"): "editor",
    ("POST", "/api/lists"): "editor",
    ("POST", "/sources"): "editor",
    ("GET", "/api/persons"): "viewer",
    ("GET", "/api/persons/{reference}"): "viewer+personal",
    ("GET", "/register"): "viewer",
    ("GET", "/persons/{reference}"): "viewer+personal",
    ("GET", "/api/review"): "reviewer",
    ("POST", "/api/decisions"): "reviewer",
    ("GET", "/review"): "reviewer",
    ("POST", "/review"): "reviewer",
    ("GET", "/api/review/figures"): "reviewer",
    ("GET", "/review/figures"): "reviewer",
    ("GET", "/api/review/incidents"): "reviewer",
    ("GET", "/review/incidents"): "reviewer",
    ("POST", "/api/review/incidents/{link_id}"): "reviewer",
    ("POST", "/review/incidents/{link_id}"): "reviewer",
    ("GET", "/api/cases"): "viewer",
    ("GET", "/api/cases/{case}"): "viewer",
    ("GET", "/api/cases/{case}/remains"): "viewer",
    ("GET", "/cases"): "viewer",
    ("GET", "/cases/{case}"): "viewer",
    ("GET", "/api/families"): "viewer",
    ("GET", "/families"): "viewer",
    ("GET", "/api/families/{person}"): "viewer+personal",
    ("GET", "/families/{person}"): "viewer+personal",
    ("GET", "/api/incidents"): "viewer",
    ("GET", "/api/incidents/{incident_id}"): "viewer",
    ("GET", "/api/incidents/{incident_id}/reconcile"): "viewer",
    ("GET", "/incidents"): "viewer",
    ("GET", "/incidents/{incident_id}"): "viewer",
    ("GET", "/api/recognitions"): "viewer",
    ("GET", "/recognitions"): "viewer",
    ("GET", "/api/estimates"): "viewer",
    ("GET", "/api/estimates/{estimate_id}"): "viewer",
    ("GET", "/estimates"): "viewer",
    ("GET", "/estimates/{estimate_id}"): "viewer",
    ("GET", "/api/audit"): "admin",
    ("GET", "/audit"): "admin",
    ("GET", "/api/public"): "public",
    ("GET", "/public"): "public",
}

SAMPLE_PATHS = {
    "{source_id}": "1",
    "{claim_id}": "1",
    "{reference}": "P-00001",
    "{estimate_id}": "1",
    "{case}": "C-00001",
    "{person}": "P-00003",  # in a family of the demo store
    "{incident_id}": "1",
    "{link_id}": "999999",  # no such attachment: past the access check, refused as unknown
}
STATEMENT = b"Officials said that 12 civilians were killed and 30 injured in the attack."
LIST = b"Full name,Sex,Year of birth\nAmira Testova,f,1970\nBoris Testov,m,1965\n"

# What a request sends, beyond the CSRF token: JSON for the API, form fields for pages.
BODIES = {
    "/api/claims/{claim_id}/confirm": {"json": {"note": "checked"}},
    "/api/claims/{claim_id}/correct": {"json": {"value": 214, "note": "typo"}},
    "/api/claims/{claim_id}/reject": {"json": {"reason": "a date, not a figure"}},
    "/claims/{claim_id}/confirm": {"data": {"note": "checked"}},
    "/claims/{claim_id}/correct": {"data": {"value": "215"}},
    "/claims/{claim_id}/reject": {"data": {"reason": "a date"}},
    "/api/sources": {"files": {"file": ("statement.txt", STATEMENT)}},
    "/api/lists": {"files": {"file": ("persons.csv", LIST)}},
    "/sources": {"files": {"file": ("statement2.txt", STATEMENT + b" ")}},
    # records that do not exist: past the access check, refused as not found
    "/api/decisions": {"json": {"record_a": 999998, "record_b": 999999, "decision": "same"}},
    "/review": {"data": {"record_a": "999998", "record_b": "999999", "decision": "same"}},
    "/api/review/incidents/{link_id}": {"json": {"accept": True}},
    "/review/incidents/{link_id}": {"data": {"decision": "accept"}},
    "/users": {"data": {"name": "newcomer", "role": "viewer"}},
    "/login": {"data": {"name": "nobody", "password": "wrong", "csrf": "x"}},
}


def request_for(client: TestClient, method: str, path: str):
    url = path
    for placeholder, value in SAMPLE_PATHS.items():
        url = url.replace(placeholder, value)
    if method == "GET":
        return client.get(url, follow_redirects=False)
    body = {key: dict(value) for key, value in BODIES.get(path, {}).items()}
    csrf = getattr(client, "csrf", None)
    headers = {"x-csrf-token": csrf} if csrf and "json" in body else {}
    if csrf and "json" not in body:
        body.setdefault("data", {}).setdefault("csrf", csrf)
    if path == "/login":
        client.cookies.set("toll_login_csrf", "x")
    return client.post(url, headers=headers, follow_redirects=False, **body)
