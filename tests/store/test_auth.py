"""Passwords, browser sessions and API tokens: only hashes kept, nothing secret in the audit."""

import pytest
from sqlalchemy import select

from toll.errors import NotAllowed, NotFound, TollError
from toll.model import AuditEvent, Credential
from toll.store.access import add_user
from toll.store.auth import (
    create_token,
    log_in,
    log_out,
    revoke_token,
    set_password,
    user_for_secret,
)

SECRET = "correct horse battery"


@pytest.fixture
def users(store):
    store.actor = "amina"
    with store.session() as session:
        add_user(session, "amina", "admin", True)
        add_user(session, "viktor", "viewer", False)
        set_password(session, "amina", SECRET)
        set_password(session, "viktor", SECRET + "!")
    return store


def test_a_password_is_kept_only_as_an_argon2_hash(users):
    with users.session() as session:
        hashes = session.scalars(select(Credential.secret_hash)).all()
        events = session.scalars(select(AuditEvent)).all()
    assert all(h.startswith("$argon2") for h in hashes) and SECRET not in " ".join(hashes)
    audit = " ".join(str(vars(e)) for e in events)
    assert "$argon2" not in audit and SECRET not in audit
    assert any(e.action == "password" for e in events)


def test_log_in_opens_a_session_that_log_out_ends(users):
    with users.session() as session:
        secret = log_in(session, "amina", SECRET)
        assert user_for_secret(session, secret).name == "amina"
        log_out(session, secret)
        assert user_for_secret(session, secret) is None


@pytest.mark.parametrize("name, password", [("amina", "wrong password"), ("nobody", SECRET)])
def test_a_wrong_name_or_password_says_the_same(users, name, password):
    with users.session() as session, pytest.raises(NotAllowed, match="wrong user name or password"):
        log_in(session, name, password)


def test_a_new_password_ends_the_open_sessions(users):
    with users.session() as session:
        secret = log_in(session, "amina", SECRET)
        set_password(session, "amina", "another long password")
        assert user_for_secret(session, secret) is None
        with pytest.raises(NotAllowed):
            log_in(session, "amina", SECRET)


def test_short_passwords_are_refused(users):
    with users.session() as session, pytest.raises(TollError, match="at least 10"):
        set_password(session, "amina", "short")


def test_only_admins_manage_others_credentials(users):
    users.actor = "viktor"
    with users.session() as session:
        with pytest.raises(NotAllowed):
            set_password(session, "amina", "taken over at last")
        create_token(session, "viktor", "my own script")  # their own: allowed


def test_an_api_token_works_until_it_is_revoked(users):
    with users.session() as session:
        secret = create_token(session, "viktor", "nightly export")
        assert user_for_secret(session, secret, kinds=("token",)).name == "viktor"
        assert user_for_secret(session, secret, kinds=("session",)) is None
        token = session.scalar(select(Credential).where(Credential.kind == "token"))
        revoke_token(session, token.id)
        assert user_for_secret(session, secret) is None
        with pytest.raises(NotFound):
            revoke_token(session, 999)
