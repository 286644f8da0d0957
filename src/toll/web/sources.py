"""Sources: the list, one source's text with every figure highlighted in place, review of
each figure (confirm, correct, reject), and adding statements and lists."""

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from toll.claims.store import (
    CORRECTABLE,
    claim_history,
    confirm_claim,
    correct_claim,
    find_claims,
    get_claim,
    reject_claim,
    source_checks,
)
from toll.records.store import import_list
from toll.sources import SourceMetadata, add_statement, get_source, list_sources
from toll.web.context import (
    CountRegisterAfter,
    Db,
    Editor,
    Id,
    Reader,
    Reviewer,
    count_register_after,
)
from toll.web.render import page
from toll.web.uploads import saved

router = APIRouter()
Note = Annotated[str | None, Form(max_length=2000)]


class SourceOut(BaseModel):
    id: int
    file_name: str
    title: str | None
    publisher: str | None
    speaker: str | None
    published: str | None
    kind: str | None
    language: str | None
    sha256: str
    claims: int
    retracted: bool


class ClaimOut(BaseModel):
    id: int
    source_id: int
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    category: str | None
    subject: str | None
    subgroup: str | None
    part_of: int | None
    incident: str | None
    speaker: str | None
    review_state: str
    review_note: str | None


class SourceDetail(SourceOut):
    text: str | None
    claim_list: list[ClaimOut]
    checks: list[str]


class Correction(BaseModel):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = Field(None, max_length=20)
    category: str | None = Field(None, max_length=50)
    subject: str | None = Field(None, max_length=500)
    subgroup: str | None = Field(None, max_length=200)
    incident: str | None = Field(None, max_length=500)
    speaker: str | None = Field(None, max_length=500)
    note: str | None = Field(None, max_length=2000)


class Rejection(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class Confirmation(BaseModel):
    note: str | None = Field(None, max_length=2000)


def claim_out(claim) -> ClaimOut:
    fields = {name: getattr(claim, name) for name in ClaimOut.model_fields if name != "part_of"}
    return ClaimOut(**fields, part_of=claim.part_of_id)


def source_out(source, claims: int) -> SourceOut:
    return SourceOut(
        **{
            name: getattr(source, name)
            for name in SourceOut.model_fields
            if name not in ("claims", "retracted")
        },
        claims=claims,
        retracted=source.retracted_at is not None,
    )


def sources_data(session: Session, q: str | None = None) -> list[SourceOut]:
    counts: dict[int, int] = {}
    for claim in find_claims(session):
        counts[claim.source_id] = counts.get(claim.source_id, 0) + 1
    wanted = (q or "").casefold().strip()
    return [
        source_out(s, counts.get(s.id, 0))
        for s in list_sources(session)
        if not wanted
        or any(
            wanted in (text or "").casefold()
            for text in (s.title, s.publisher, s.text, s.file_name, s.speaker)
        )
    ]


def source_detail(session: Session, source_id: int) -> SourceDetail:
    source = get_source(session, source_id)
    claims = find_claims(session, source_id=source_id)
    return SourceDetail(
        **source_out(source, len(claims)).model_dump(),
        text=source.text,
        claim_list=[claim_out(c) for c in claims],
        checks=source_checks(session, source_id),
    )


def highlighted(text: str, claims: list[ClaimOut]) -> list[tuple[str, ClaimOut | None]]:
    """The text cut into pieces, each figure's words a piece carrying its claim."""
    pieces, at = [], 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.start < at or claim.end > len(text) or claim.start >= claim.end:
            continue  # nested in a figure already marked, or outside the text
        pieces += [(text[at : claim.start], None), (text[claim.start : claim.end], claim)]
        at = claim.end
    return [*pieces, (text[at:], None)]


@router.get("/api/sources", response_model=list[SourceOut], tags=["sources"])
def sources_json(
    session: Db, _: Reader, q: Annotated[str | None, Query(max_length=200)] = None
) -> list[SourceOut]:
    """Every source; `q` keeps those whose title, publisher, speaker or text contains it."""
    return sources_data(session, q)


@router.get("/api/sources/{source_id}", response_model=SourceDetail, tags=["sources"])
def source_json(session: Db, _: Reader, source_id: Id) -> SourceDetail:
    """One source with its text, its claims (with character offsets) and checks."""
    return source_detail(session, source_id)


@router.get("/sources", include_in_schema=False)
def sources_page(
    request: Request, session: Db, _: Reader, q: Annotated[str | None, Query(max_length=200)] = None
):
    return page(request, "sources.html", sources=sources_data(session, q), q=q or "")


@router.get("/sources/{source_id}", include_in_schema=False)
def source_page(request: Request, session: Db, _: Reader, source_id: Id):
    detail = source_detail(session, source_id)
    return page(
        request,
        "source.html",
        source=detail,
        pieces=highlighted(detail.text or "", detail.claim_list),
        correctable=CORRECTABLE,
    )


@router.get("/api/claims/{claim_id}/history", tags=["sources"])
def claim_history_json(session: Db, _: Reader, claim_id: Id) -> list[dict]:
    """Every change to the claim, oldest first: who, when, before and after."""
    return [
        {
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "before": e.before,
            "after": e.after,
        }
        for e in claim_history(session, claim_id)
    ]


@router.post("/api/claims/{claim_id}/confirm", response_model=ClaimOut, tags=["sources"])
def confirm_json(session: Db, _: Reviewer, claim_id: Id, body: Confirmation) -> ClaimOut:
    """A reviewer checked the figure against its words and found it right."""
    return claim_out(confirm_claim(session, claim_id, body.note))


@router.post("/api/claims/{claim_id}/correct", response_model=ClaimOut, tags=["sources"])
def correct_json(session: Db, _: Reviewer, claim_id: Id, body: Correction) -> ClaimOut:
    """A reviewer fixed what extraction got wrong (only the fields given change)."""
    changes = body.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    return claim_out(correct_claim(session, claim_id, changes, note))


@router.post("/api/claims/{claim_id}/reject", response_model=ClaimOut, tags=["sources"])
def reject_json(session: Db, _: Reviewer, claim_id: Id, body: Rejection) -> ClaimOut:
    """A reviewer found it is not a harm figure (or not this one); it stays visible."""
    return claim_out(reject_claim(session, claim_id, body.reason))


def _back_to(session: Session, claim_id: int) -> RedirectResponse:
    claim = get_claim(session, claim_id)
    return RedirectResponse(f"/sources/{claim.source_id}#claim-{claim_id}", status_code=303)


QUEUE = "/review/figures"  # where a confirmation from the review queue goes back to


@router.post("/claims/{claim_id}/confirm", include_in_schema=False)
def confirm_form(
    session: Db,
    _: Reviewer,
    claim_id: Id,
    note: Note = None,
    back: Annotated[Literal["/review/figures"] | None, Form()] = None,
):
    confirm_claim(session, claim_id, note or None)
    return RedirectResponse(QUEUE, status_code=303) if back else _back_to(session, claim_id)


@router.post("/claims/{claim_id}/reject", include_in_schema=False)
def reject_form(
    session: Db, _: Reviewer, claim_id: Id, reason: Annotated[str, Form(max_length=2000)]
):
    reject_claim(session, claim_id, reason)
    return _back_to(session, claim_id)


@router.post("/claims/{claim_id}/correct", include_in_schema=False)
async def correct_form(request: Request, session: Db, _: Reviewer, claim_id: Id):
    form = await request.form()
    claim = get_claim(session, claim_id)
    changes = {}
    for name in CORRECTABLE:
        sent = str(form.get(name, "")).strip()[:500]
        current = getattr(claim, name)
        shown = "" if current is None else _shown(current)
        if sent != shown:
            changes[name] = _parsed(name, sent)
    correct_claim(session, claim_id, changes, str(form.get("note", ""))[:2000] or None)
    return _back_to(session, claim_id)


def _shown(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _parsed(name: str, sent: str):
    from toll.errors import TollError

    if not sent:
        return None
    if name in ("value", "low", "high"):
        try:
            return float(sent.replace(",", ""))
        except ValueError:
            raise TollError(f"{name} must be a number, not {sent!r}") from None
    return sent


class Added(BaseModel):
    source_id: int
    created: bool
    figures: int | None = None
    records: int | None = None
    warnings: list[str] = []


Upload = Annotated[UploadFile, File(description="The document or list, as received.")]
Meta = Annotated[str | None, Form(max_length=500)]


def statement_upload(session, file, publisher, published, speaker, title) -> Added:
    metadata = SourceMetadata(
        title=title or None,
        publisher=publisher or None,
        speaker=speaker or None,
        published=published or None,
    )
    with saved(file) as path:
        added = add_statement(session, path, metadata)
    return Added(
        source_id=added.source.id,
        created=added.created,
        figures=None if added.claims is None else len(added.claims),
        warnings=added.checks,
    )


def add_list(session, file, publisher, published) -> Added:
    metadata = SourceMetadata(publisher=publisher or None, published=published or None)
    with saved(file) as path:
        result = import_list(session, path, metadata)
    return Added(
        source_id=result.source.id,
        created=result.created,
        records=result.records,
        warnings=result.warnings,
    )


@router.post("/api/sources", response_model=Added, tags=["sources"])
def add_source_json(
    session: Db,
    _: Editor,
    file: Upload,
    publisher: Meta = None,
    published: Meta = None,
    speaker: Meta = None,
    title: Meta = None,
) -> Added:
    """Add a statement, report or article; its figures are extracted as claims."""
    return statement_upload(session, file, publisher, published, speaker, title)


@router.post("/api/lists", response_model=Added, tags=["sources"])
def add_list_json(
    session: Db,
    _: Editor,
    file: Upload,
    counted: CountRegisterAfter,
    publisher: Meta = None,
    published: Meta = None,
) -> Added:
    """Import a list of persons (CSV, XLSX, ODS, JSON): all rows or none."""
    return add_list(session, file, publisher, published)


@router.post("/sources", include_in_schema=False)
def add_source_form(
    request: Request,
    tasks: BackgroundTasks,
    session: Db,
    _: Editor,
    file: Upload,
    kind: Annotated[str, Form()] = "statement",
    publisher: Meta = None,
    published: Meta = None,
    speaker: Meta = None,
    title: Meta = None,
):
    if kind == "list":
        added = add_list(session, file, publisher, published)
        count_register_after(request, tasks)
    else:
        added = statement_upload(session, file, publisher, published, speaker, title)
    return RedirectResponse(f"/sources/{added.source_id}", status_code=303)
