"""Signing in and out, and (for admins) the users of the store."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from toll.errors import NotAllowed
from toll.store.access import add_user, list_users
from toll.store.auth import SESSION_HOURS, log_in, log_out, set_password
from toll.web.context import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Admin, Db, signed_in
from toll.web.render import page

router = APIRouter()
Text = Annotated[str, Form(max_length=500)]


class UserOut(BaseModel):
    name: str
    role: str
    restricted: bool


def _user_out(user) -> UserOut:
    return UserOut(name=user.name, role=user.role, restricted=user.can_see_restricted)


def _local(target: str | None) -> str:
    """Only a path on this site (never //elsewhere) is followed after signing in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/", failed: bool = False):
    token = secrets.token_urlsafe(16)
    response = page(request, "login.html", next=_local(next), login_csrf=token, failed=failed)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.post("/login", include_in_schema=False)
def login(request: Request, session: Db, name: Text, password: Text, csrf: Text, next: Text = "/"):
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not secrets.compare_digest(expected, csrf):
        raise HTTPException(403, "the login form is out of date; reload it and sign in again")
    try:
        secret = log_in(session, name.strip(), password)
    except NotAllowed:
        return RedirectResponse(f"/login?failed=1&next={_local(next)}", status_code=303)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request, session: Db):
    await signed_in(request, session)
    log_out(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/api/me", response_model=UserOut, tags=["access"])
async def me(request: Request, session: Db) -> UserOut:
    """Who the token or cookie belongs to, and their role."""
    return _user_out(await signed_in(request, session))


@router.get("/api/users", response_model=list[UserOut], tags=["access"])
def users_json(session: Db, _: Admin) -> list[UserOut]:
    """Every user of the store with their role (admins only)."""
    return [_user_out(u) for u in list_users(session)]


@router.get("/users", include_in_schema=False)
def users_page(request: Request, session: Db, _: Admin):
    return page(request, "users.html", users=users_json(session, _))


@router.post("/users", include_in_schema=False)
def users_add(
    session: Db,
    _: Admin,
    name: Annotated[str, Form(min_length=1, max_length=200)],
    role: Text,
    password: Text = "",
    restricted: Annotated[bool, Form()] = False,
):
    add_user(session, name.strip(), role, restricted)
    if password:
        set_password(session, name.strip(), password)
    return RedirectResponse("/users", status_code=303)
