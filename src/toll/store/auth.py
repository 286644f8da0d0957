"""Proving who a user is: passwords (argon2), browser sessions and API tokens.

Only hashes are stored (`toll.model.Credential`), never the secrets; a secret is shown once,
when it is made. Logins, logouts, new passwords and tokens are written to the audit trail
(without any hash). What a user may then do is `toll.store.access`'s business.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from toll.errors import NotAllowed, NotFound, TollError
from toll.model import Credential, User
from toll.model.base import utcnow
from toll.store.access import current_user, require
from toll.store.history import log_event

MIN_PASSWORD = 10
SESSION_HOURS = 12
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password anyone has")  # so an unknown name takes as long
REFUSED = "wrong user name or password"


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user {name!r}; `toll user list` shows them")
    return user


def _may_manage(session: Session, user: User) -> None:
    """Users manage their own password and tokens; admins anyone's."""
    acting = current_user(session)
    if acting is None or acting.id != user.id:
        require(session, "admin")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _live(kind: str, user_id: int | None = None):
    query = select(Credential).where(Credential.kind == kind, Credential.revoked_at.is_(None))
    return query if user_id is None else query.where(Credential.user_id == user_id)


def set_password(session: Session, name: str, password: str) -> User:
    """Give a user a new password (the old one and their browser sessions stop working)."""
    user = _user(session, name)
    _may_manage(session, user)
    if len(password) < MIN_PASSWORD:
        raise TollError(f"a password needs at least {MIN_PASSWORD} characters")
    now = utcnow()
    for old in session.scalars(_live("password", user.id)):
        old.revoked_at = now
    for old in session.scalars(_live("session", user.id)):
        old.revoked_at = now
    session.add(Credential(user_id=user.id, kind="password", secret_hash=_hasher.hash(password)))
    log_event(session, "password", "users", user.id, note=f"new password for {name}")
    session.flush()
    return user


def log_in(session: Session, name: str, password: str) -> str:
    """Check the password and open a browser session; returns its secret (for the cookie)."""
    user = session.scalar(select(User).where(User.name == name))
    stored = None
    if user is not None:
        stored = session.scalar(_live("password", user.id).order_by(Credential.id.desc()))
    try:
        _hasher.verify(stored.secret_hash if stored else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        raise NotAllowed(REFUSED) from None
    if stored is None:
        raise NotAllowed(REFUSED)
    secret = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=SESSION_HOURS)
    session.add(
        Credential(user_id=user.id, kind="session", secret_hash=_digest(secret), expires_at=expires)
    )
    session.info["actor"] = user.name
    log_event(session, "login", "users", user.id)
    session.flush()
    return secret


def log_out(session: Session, secret: str) -> None:
    """End the browser session that `secret` opened."""
    found = session.scalar(_live("session").where(Credential.secret_hash == _digest(secret)))
    if found is not None:
        found.revoked_at = utcnow()
        log_event(session, "logout", "users", found.user_id)


def user_for_secret(session: Session, secret: str, kinds=("session", "token")) -> User | None:
    """The user a session cookie or API token belongs to, or None (unknown, expired, revoked)."""
    if not secret:
        return None
    query = (
        select(User, Credential.expires_at)
        .join(Credential, Credential.user_id == User.id)
        .where(
            Credential.secret_hash == _digest(secret),
            Credential.kind.in_(kinds),
            Credential.revoked_at.is_(None),
        )
    )
    found = session.execute(query).first()
    if found is None or (found.expires_at is not None and found.expires_at < utcnow()):
        return None
    return found.User


def create_token(session: Session, name: str, purpose: str, days: int | None = None) -> str:
    """An API token for a user's scripts; returns the secret, shown only this once."""
    user = _user(session, name)
    _may_manage(session, user)
    secret = "toll_" + secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(days=days) if days else None
    token = Credential(
        user_id=user.id, kind="token", name=purpose, secret_hash=_digest(secret), expires_at=expires
    )
    session.add(token)
    session.flush()
    log_event(session, "token", "users", user.id, note=f"API token {token.id}: {purpose}")
    return secret


def list_tokens(session: Session, name: str) -> list[Credential]:
    """A user's API tokens that still work (their purpose and dates, never the secret)."""
    user = _user(session, name)
    _may_manage(session, user)
    return list(session.scalars(_live("token", user.id).order_by(Credential.id)))


def revoke_token(session: Session, token_id: int) -> Credential:
    """Withdraw an API token; scripts using it are refused from now on."""
    token = session.get(Credential, token_id)
    if token is None or token.kind != "token":
        raise NotFound(f"no API token {token_id}; `toll user tokens NAME` lists them")
    _may_manage(session, session.get(User, token.user_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        log_event(session, "revoke", "users", token.user_id, note=f"API token {token.id}")
    return token


def session_expiry(now: datetime | None = None) -> datetime:
    return (now or utcnow()) + timedelta(hours=SESSION_HOURS)
