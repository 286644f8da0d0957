"""The FastAPI application: routers, error pages, limits and security headers."""

import gc
import threading
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from toll import __version__
from toll.errors import NotAllowed, NotFound, TollError
from toll.store import Store
from toll.web.context import signed_in_user
from toll.web.headers import SecurityHeaders
from toll.web.limits import MAX_BODY, BodyLimit
from toll.web.render import page

STATIC = Path(__file__).parent / "static"


class Problem(BaseModel):
    detail: str


PROBLEMS = {
    status: {"model": Problem, "description": words}
    for status, words in (
        (400, "Refused: the message says what is wrong and what to do"),
        (401, "Not signed in: send a session cookie or `Authorization: Bearer TOKEN`"),
        (403, "The user's role or grants do not allow it, or the CSRF token is missing"),
        (404, "No such source, claim, person or estimate"),
        (413, "The upload is too large; nothing was stored"),
    )
}


def routers() -> list:
    """Every router of the workspace, in the order they are mounted."""
    from toll.web import (
        access,
        audit,
        cases,
        dashboard,
        estimates,
        families,
        incidents,
        public,
        queues,
        register,
        review,
        sources,
    )

    modules = (access, dashboard, sources, register, review, queues, cases, families)
    modules += (incidents, estimates, audit, public)
    return [module.router for module in modules]


def routes() -> list[tuple[str, str]]:
    """(method, path) of every page and API route, e.g. ("GET", "/persons/{reference}")."""
    return [
        (method, route.path)
        for router in routers()
        for route in router.routes
        for method in sorted(route.methods - {"HEAD"})
    ]


def create_app(db: str | None = None, *, store: Store | None = None, max_body: int = MAX_BODY):
    """The workspace on the store named by `db` (a path or database URL), or on `store`."""
    app = FastAPI(
        title="Toll",
        version=__version__,
        description="The human toll of armed conflict: sources and their figures, the register "
        "of persons, review and estimates. Authenticate with a session cookie (the login page) "
        "or `Authorization: Bearer TOKEN` (`toll user token NAME`).",
    )
    app.state.store = store or Store.open(db)
    app.state.figures_cache, app.state.figures_lock = {}, threading.Lock()
    _concurrent_readers(app.state.store)
    for router in routers():
        app.include_router(router, responses=PROBLEMS)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)  # outermost: the refusal of a large body has them too

    for error, status in ((NotAllowed, 403), (NotFound, 404), (TollError, 400)):
        app.add_exception_handler(error, _toll_error(status))
    # Starlette's own: an unknown address is a page in the browser too, not a line of JSON
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


def served_app(db: str | None = None, *, store: Store | None = None) -> FastAPI:
    """`create_app` for a process that serves it (`toll serve`, each of its workers): the
    objects made so far (the libraries, the routes) are frozen out of the garbage collector's
    full passes. Each request makes enough objects that a full pass comes every hundred or
    so, and it walked every object of the libraries loaded (pandas, altair, SQLAlchemy...):
    150-200 ms of CPU each time, a few ms per request on average."""
    app = create_app(db, store=store)
    gc.collect()
    gc.freeze()
    return app


def _concurrent_readers(store: Store) -> None:
    """A SQLite store served to many users keeps a write-ahead log, so that a long read (the
    dashboard) does not hold up a write (an audited view, a review decision)."""
    if store.engine.dialect.name == "sqlite" and store.engine.url.database not in (
        None,
        "",
        ":memory:",
    ):
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _answer(request: Request, status: int, message: str):
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    return page(request, "error.html", status_code=status, status=status, message=message)


def _toll_error(status: int):
    async def handler(request: Request, error: TollError):
        return _answer(request, status, str(error))

    return handler


async def _http_error(request: Request, error: StarletteHTTPException):
    if error.status_code == 401 and not is_api(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if is_api(request) or error.status_code == 405:
        headers = {"WWW-Authenticate": "Bearer"} if error.status_code == 401 else None
        return JSONResponse({"detail": error.detail}, error.status_code, headers=headers)
    message = str(error.detail)
    if error.status_code == 404 and message == "Not Found":  # no route of that address
        message = f"there is no page at {request.url.path}; the menu leads to every page"
        signed_in_user(request)  # no route ran to say who asks: the menu is theirs
    return _answer(request, error.status_code, message)
