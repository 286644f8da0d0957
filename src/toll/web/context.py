"""What every request needs: the store session acting as the signed-in user, and CSRF."""

import hashlib
import hmac
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import BackgroundTasks, Depends, HTTPException, Path, Request
from sqlalchemy.orm import Session

from toll.figures.breakdown import keep_register_tallies
from toll.model import User
from toll.store.access import require
from toll.store.auth import user_for_secret

SESSION_COOKIE = "toll_session"
LOGIN_CSRF_COOKIE = "toll_login_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class SignedIn:
    """Who made the request, as pages show them (kept after the transaction ends)."""

    name: str
    role: str
    can_see_restricted: bool

    @classmethod
    def of(cls, user: User | None) -> "SignedIn | None":
        return None if user is None else cls(user.name, user.role, user.can_see_restricted)


def csrf_for(secret: str) -> str:
    """The CSRF token of a browser session: derived from its secret, so never stored."""
    return hmac.new(secret.encode(), b"toll-csrf", hashlib.sha256).hexdigest()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def store_session(request: Request) -> Iterator[Session]:
    """One transaction per request, acting as whoever the cookie or token names.

    Committed when the request succeeds, rolled back entirely when it fails.
    """
    with request.app.state.store.session() as session:
        token, cookie = _bearer(request), request.cookies.get(SESSION_COOKIE)
        user = _user_of(session, token, cookie)
        request.state.user = SignedIn.of(user)
        request.state.csrf = csrf_for(cookie) if cookie and user and not token else None
        session.info["actor"] = user.name if user else ANONYMOUS
        if user is not None:
            session.info["user"] = user  # the stages' access checks need not look them up
        yield session


def _user_of(session: Session, token: str | None, cookie: str | None) -> User | None:
    if token:
        return user_for_secret(session, token, kinds=("token",))
    return user_for_secret(session, cookie, kinds=("session",)) if cookie else None


def signed_in_user(request: Request) -> "SignedIn | None":
    """Who the request comes from, also where no route ran (an unknown address's error page)."""
    if not hasattr(request.state, "user"):
        with request.app.state.store.session() as session:
            user = _user_of(session, _bearer(request), request.cookies.get(SESSION_COOKIE))
            request.state.user = SignedIn.of(user)
    return request.state.user


# Committed before the response is sent, so that the page a redirect leads to sees the change;
# at most SESSIONS at once (fewer than the engine's pool holds), the other requests wait.
SESSIONS = 10
Db = Annotated[Session, Depends(store_session, scope="function", max_concurrency=SESSIONS)]


async def _check_csrf(request: Request) -> None:
    """A state-changing request sent with the session cookie must carry the session's CSRF
    token (form field `csrf` or header X-CSRF-Token); API tokens are not sent by browsers."""
    if request.method not in UNSAFE or request.state.csrf is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        sent = (await request.form()).get("csrf")
    if not sent or not hmac.compare_digest(str(sent), request.state.csrf):
        raise HTTPException(403, "the form is out of date or was not sent by Toll; reload it")


async def signed_in(request: Request, session: Db) -> SignedIn:
    """The signed-in user; 401 for anyone else (pages send them to the login form)."""
    user = request.state.user
    if user is None:
        raise HTTPException(401, "sign in first (a session cookie or an API token)")
    await _check_csrf(request)
    return user


def allowed(permission: str):
    """A dependency: the signed-in user, once their role allows `permission` (else 403)."""

    async def dependency(request: Request, session: Db) -> SignedIn:
        user = await signed_in(request, session)
        require(session, permission)
        return user

    dependency.permission = permission
    return Depends(dependency)


MAX_ID = 2**31 - 1  # what every database's INTEGER holds
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="A row's id, as lists show it")]

Reader = Annotated[SignedIn, allowed("read")]
Reviewer = Annotated[SignedIn, allowed("review")]
Editor = Annotated[SignedIn, allowed("edit")]
Admin = Annotated[SignedIn, allowed("admin")]


def count_register_after(request: Request, tasks: BackgroundTasks) -> None:
    """Once the answer is sent, count the register's tallies at its new version: the change
    waits for no count, and the next dashboard is a lookup."""
    tasks.add_task(_keep_register_tallies, request.app.state.store)


def _keep_register_tallies(store) -> None:
    try:
        keep_register_tallies(store)
    except Exception as error:  # the next read counts them instead
        logging.getLogger("toll.web").warning("register tallies not counted: %s", error)


# For the routes that change the register: a decision, a list imported.
CountRegisterAfter = Annotated[None, Depends(count_register_after)]

