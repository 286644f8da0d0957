"""Every route for every role and for anonymous visitors: allowed or refused, as declared.

A route added without an entry in WHO_MAY makes this test fail: decide who may use it first.
"""

import pytest

from toll.web.app import routes

from ._web import ROLES_IN_ORDER, USERS, WHO_MAY, request_for


def test_every_route_has_an_entry():
    assert set(routes()) == set(WHO_MAY), "add new routes to WHO_MAY (and remove old ones)"


def allowed(rule: str, user: str | None) -> bool:
    needed, _, grant = rule.partition("+")
    if needed == "public":
        return True
    if user is None:
        return False
    role, personal = USERS[user]
    if grant == "personal" and not (personal or role == "admin"):
        return False
    return needed == "user" or ROLES_IN_ORDER.index(role) >= ROLES_IN_ORDER.index(needed)


@pytest.mark.parametrize("user", [None, "viewer", "reviewer", "editor", "admin"])
def test_route_by_role_matrix(browser, user):
    client = browser(user)
    wrong = []
    # signing out last, so that the other routes are tried signed in
    for method, path in sorted(WHO_MAY, key=lambda route: route[1] == "/logout"):
        rule = WHO_MAY[(method, path)]
        response = request_for(client, method, path)
        refused = response.status_code in (401, 403) or (
            response.status_code == 303 and "/login?next=" in response.headers.get("location", "")
        )
        if allowed(rule, user) == refused or response.status_code >= 500:
            wrong.append(
                f"{method} {path} as {user or 'anonymous'} ({rule}): "
                f"{response.status_code} {response.text[:120]}"
            )
        if not allowed(rule, user) and user is None:
            expected = 401 if path.startswith("/api/") else 303
            if response.status_code != expected:
                wrong.append(f"{method} {path} anonymous: {response.status_code}, not {expected}")
        if not allowed(rule, user) and user is not None and response.status_code != 403:
            wrong.append(f"{method} {path} as {user}: {response.status_code}, not 403")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("route", sorted(r for r in WHO_MAY if r[0] == "POST" and r[1] != "/login"))
def test_a_form_without_the_csrf_token_is_refused(browser, route):
    client = browser("admin")
    client.csrf = None  # sent without the token: as a forged form on another site would be
    response = request_for(client, *route)
    assert response.status_code == 403, response.text
    assert "out of date" in response.text or "not sent by Toll" in response.text
