"""The JSON API under /api: paginated reads of the story, search, exports, and adding articles.

Reads are open. `POST /api/articles` needs `Authorization: Bearer $DATELINE_TOKEN` (no token
configured: writes are refused), takes a JSON body or a file upload in a format `build` reads, and
runs the pipeline in the background, one build at a time."""
from __future__ import annotations

import hmac
import json
import math
import re
from datetime import date
from pathlib import PurePath
from typing import Any, Generic, Literal, Optional, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from dateline.models import Actor, Article, Event, PublicationDate, Quote, TimelineEntry
from dateline.web.context import WebContext, context
from dateline.web.builds import BuildBusy
from dateline.web.data import StoryView, budget_timeline

router = APIRouter(prefix="/api")
T = TypeVar("T")
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")  # what `dateline build` reads


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="items matching, over all pages")
    page: int
    per_page: int
    pages: int
    next: Optional[str] = Field(None, description="URL of the next page, null on the last")


class ArticleSummary(BaseModel):
    id: str
    label: str = Field(description="short label used in citations: A3 in A3:5")
    title: str
    outlet: Optional[str]
    agency: Optional[str]
    url: Optional[str] = Field(description="the original's address when it is an http(s) URL")
    published: PublicationDate
    duplicate_of: Optional[str]
    event_group: Optional[str]
    sentences: int


class SentenceOut(BaseModel):
    article: str
    index: int
    cite: str = Field(description="citation as the reports print it (A2:15)")
    text: str


class QuoteOut(Quote):
    cite: str
    speaker_name: Optional[str]


class SearchHitOut(BaseModel):
    article: str
    sentence: int
    cite: str
    text: str
    snippet: str = Field(description="the match in context, matched words between [[ and ]]")
    source: str
    rank: float = Field(description="bm25 score: lower ranks first")


class TimelineOut(BaseModel):
    background: list[TimelineEntry]
    timeline: Page[TimelineEntry]


class StoryInfo(BaseModel):
    generated_at: str
    articles: int
    actors: int
    quotes: int
    events: int
    timeline: int
    sources: list[str]


class NewArticle(BaseModel):
    text: str = Field(min_length=1, description="the article's plain text (or give `html`)")
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="publication date as written, ISO preferred")
    outlet: Optional[str] = None


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


ERRORS = {code: {"model": ErrorOut} for code in (400, 401, 403, 404, 409, 413, 415, 422)}


def _view(ctx: WebContext) -> StoryView:
    view = ctx.data.current()
    if view is None:
        raise HTTPException(404, "this store holds no story yet")
    return view


def _paged(request: Request, ctx: WebContext, items: list, page: int, per_page: Optional[int], dump) -> dict:
    size = min(per_page or ctx.settings.page_size, ctx.settings.max_page_size)
    pages = max(1, math.ceil(len(items) / size))
    chunk = items[(page - 1) * size: page * size]
    nxt = str(request.url.include_query_params(page=page + 1)) if page < pages else None
    if nxt:
        nxt = nxt[nxt.index("/api"):]  # relative, so it works behind any host name
    return {"items": [dump(i) for i in chunk], "total": len(items), "page": page, "per_page": size, "pages": pages, "next": nxt}


def _json(payload: Any, status: int = 200, headers: Optional[dict] = None) -> Response:
    body = json.dumps(payload, ensure_ascii=False, default=str, separators=(",", ":")).encode()
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _one(item: Any, noun: str, key: str) -> Response:
    """One model as JSON, or a 404 naming what was asked for."""
    if item is None:
        raise HTTPException(404, f"no {noun} {key!r} in this story")
    return _json(item.model_dump(mode="json"))


PAGE = Query(1, ge=1, description="page number, from 1")
PER_PAGE = Query(None, ge=1, description="items per page (default from settings, capped by max_page_size)")


def _summary(view: StoryView, a: Article) -> dict:
    return ArticleSummary(
        id=a.id, label=view.labels.article(a.id), title=view.labels.title(a), outlet=a.outlet, agency=a.agency,
        url=view.labels.web_url(a.url), published=a.published, duplicate_of=a.duplicate_of, event_group=a.event_group,
        sentences=len(a.sentences)).model_dump(mode="json")


@router.get("/story", response_model=StoryInfo, summary="What the store holds")
async def story_info(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        s = view.story
        return _json(StoryInfo(generated_at=s.generated_at, articles=len(s.articles), actors=len(s.actors),
                               quotes=len(s.quotes), events=len(s.events), timeline=len(s.timeline),
                               sources=view.outlets).model_dump(mode="json"))
    return ctx.cached(request, make)


@router.get("/articles", response_model=Page[ArticleSummary], responses=ERRORS, summary="Articles, in story order")
async def list_articles(request: Request, source: Optional[str] = Query(None, description="outlet or agency name"),
                  page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        items = [a for a in view.story.articles if not source or source in view.sources_of(a.id)]
        return _json(_paged(request, ctx, items, page, per_page, lambda a: _summary(view, a)))
    return ctx.cached(request, make)


@router.get("/articles/{article_id}", response_model=Article, responses=ERRORS, summary="One article, with its analysis")
async def get_article(request: Request, article_id: str = Path(description="article id, or its label (A3)"),
                ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        return _one(view.articles.get(article_id) or view.articles.get(view.by_label.get(article_id, "")), "article", article_id)
    return ctx.cached(request, make)


@router.get("/sentences", response_model=Page[SentenceOut], responses=ERRORS, summary="Sentences, with their citations")
async def list_sentences(request: Request, article: Optional[str] = Query(None, description="only this article (id)"),
                   page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        if article and article not in view.articles:
            raise HTTPException(404, f"no article {article!r} in this story")
        arts = [view.articles[article]] if article else view.story.articles
        items = [(a.id, s) for a in arts for s in a.sentences]
        return _json(_paged(request, ctx, items, page, per_page, lambda i: {
            "article": i[0], "index": i[1].index, "cite": view.labels.cite(i[0], i[1].index), "text": i[1].text}))
    return ctx.cached(request, make)


@router.get("/actors", response_model=Page[Actor], responses=ERRORS, summary="Actors, most mentioned first")
async def list_actors(request: Request, type: Optional[str] = Query(None, description="PERSON, ORG, GPE, LOC, NORP, FAC"),
                page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        items = [a for a in view.story.actors if not type or a.type == type]
        return _json(_paged(request, ctx, items, page, per_page, lambda a: a.model_dump(mode="json")))
    return ctx.cached(request, make)


@router.get("/actors/{actor_id}", response_model=Actor, responses=ERRORS, summary="One actor")
async def get_actor(actor_id: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        return _one(_view(ctx).actors.get(actor_id), "actor", actor_id)
    return ctx.cached(request, make)


@router.get("/quotes", response_model=Page[QuoteOut], responses=ERRORS, summary="Quotes with their speakers")
async def list_quotes(request: Request, speaker: Optional[str] = Query(None, description="actor id"),
                article: Optional[str] = Query(None, description="article id"),
                page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        items = [q for q in view.story.quotes if (not speaker or speaker in q.speaker_ids()) and (not article or q.article == article)]
        return _json(_paged(request, ctx, items, page, per_page, lambda q: {
            **q.model_dump(mode="json"), "cite": view.labels.cite(q.article, q.sentence),
            "speaker_name": view.labels.actor(q.speaker) if q.speaker else None}))
    return ctx.cached(request, make)


@router.get("/events", response_model=Page[Event], responses=ERRORS, summary="Events, in date order")
async def list_events(request: Request, kind: Optional[str] = Query(None, description="event kind (meeting, statement ...)"),
                page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        items = [e for e in view.story.events if not kind or e.kind == kind]
        return _json(_paged(request, ctx, items, page, per_page, lambda e: e.model_dump(mode="json")))
    return ctx.cached(request, make)


@router.get("/events/{event_id}", response_model=Event, responses=ERRORS, summary="One event")
async def get_event(event_id: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        return _one(_view(ctx).events.get(event_id), "event", event_id)
    return ctx.cached(request, make)


@router.get("/timeline", response_model=TimelineOut, responses=ERRORS, summary="The timeline within a budget")
async def get_timeline(request: Request,
                 dates: Optional[int] = Query(None, ge=1, description="at most this many dates"),
                 per_date: Optional[int] = Query(None, ge=1, description="at most this many sentences per date"),
                 start: Optional[date] = Query(None, alias="from", description="first day (YYYY-MM-DD)"),
                 end: Optional[date] = Query(None, alias="to", description="last day (YYYY-MM-DD)"),
                 query: Optional[str] = Query(None, description="only sentences containing this text"),
                 page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        if start and end and start > end:
            raise HTTPException(400, f"from ({start}) is after to ({end})")
        entries = budget_timeline(view.story.timeline, dates, per_date, start, end, query)
        background = budget_timeline(view.background, None, per_date, start, end, query)
        return _json({"background": [b.model_dump(mode="json") for b in background],
                      "timeline": _paged(request, ctx, entries, page, per_page, lambda t: t.model_dump(mode="json"))})
    return ctx.cached(request, make)


@router.get("/search", response_model=Page[SearchHitOut], responses=ERRORS, summary="Full-text search over sentences (bm25)")
async def search(request: Request, q: str = Query(..., min_length=1, description="words to find; all must match; `word*` for a prefix"),
           page: int = PAGE, per_page: Optional[int] = PER_PAGE, ctx: WebContext = Depends(context)):
    def make():
        view = _view(ctx)
        size = min(per_page or ctx.settings.page_size, ctx.settings.max_page_size)
        hits, total = ctx.data.search(q, size, (page - 1) * size)
        pages = max(1, math.ceil(total / size))
        items = [{"article": h.article, "sentence": h.sentence, "cite": view.labels.cite(h.article, h.sentence),
                  "text": view.sentence_text(h.article, h.sentence),
                  "snippet": "".join(f"[[{t}]]" if m else t for t, m in h.segments),
                  "source": view.source_of(h.article), "rank": round(h.rank, 4)} for h in hits]
        nxt = f"/api/search?{request.url.include_query_params(page=page + 1).query}" if page < pages else None
        return _json({"items": items, "total": total, "page": page, "per_page": size, "pages": pages, "next": nxt})
    return ctx.cached(request, make)


@router.get("/export/{fmt}", responses=ERRORS, summary="The story as TimelineJS JSON, CSV, story JSON, Markdown or HTML")
async def export(request: Request, fmt: Literal["timelinejs", "csv", "json", "md", "html"],
           table: Literal["timeline", "actors", "quotes"] = Query("timeline", description="which CSV table"),
           ctx: WebContext = Depends(context)):
    from dateline.export.formats import EXPORTERS

    def make():
        view = _view(ctx)
        exporter = EXPORTERS[fmt]
        body = exporter.render(view.story, table=table)
        name = exporter.filename(table)
        return Response(body, media_type=exporter.media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return ctx.cached(request, make)


# -- writes -------------------------------------------------------------------------------------
async def require_token(request: Request, ctx: WebContext = Depends(context)) -> None:
    token = ctx.settings.token
    if not token:
        raise HTTPException(403, "writes are disabled: the server has no DATELINE_TOKEN configured")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise HTTPException(401, "writes need an `Authorization: Bearer <token>` header",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "the bearer token is not the one this server accepts",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload too large: {int(declared):,} bytes; the limit is {limit:,}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"upload too large: over {limit:,} bytes")
    return bytes(body)


def _safe_name(name: str, n: int) -> str:
    base = PurePath(name.replace("\\", "/")).name
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".") or "upload"
    return f"{n:03d}-{stem}"


def _check_jsonl(content: bytes, name: str) -> None:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as err:
        raise HTTPException(400, f"{name}: not UTF-8 ({err.reason} at byte {err.start})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise HTTPException(400, f"{name}: line {number} is not JSON ({err.msg})") from None
        if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
            raise HTTPException(400, f"{name}: line {number} has no `text` or `html`")


def _check_file(name: str, content: bytes) -> None:
    lower = name.lower()
    if not lower.endswith(UPLOAD_SUFFIXES):
        raise HTTPException(415, f"{name}: not a format build reads ({', '.join(UPLOAD_SUFFIXES)})")
    if not content.strip():
        raise HTTPException(400, f"{name}: the file is empty")
    if lower.endswith(".jsonl"):
        _check_jsonl(content, name)
    elif lower.endswith((".txt", ".html", ".htm")) and b"\x00" in content[:4096]:
        raise HTTPException(400, f"{name}: looks binary, not text")
    elif lower.endswith(".gz") and not content.startswith(b"\x1f\x8b"):
        raise HTTPException(400, f"{name}: not gzip data")


async def _uploaded_files(request: Request, body: bytes) -> dict[str, bytes]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise HTTPException(400, f"the body is not valid JSON ({getattr(err, 'msg', err)})") from None
        records = payload.get("articles") if isinstance(payload, dict) and "articles" in payload else payload
        records = records if isinstance(records, list) else [records]
        if not records:
            raise HTTPException(400, "no articles in the body")
        lines = []
        for n, record in enumerate(records):
            try:
                item = NewArticle.model_validate(record)
            except Exception as err:  # pydantic ValidationError: say which article and field
                problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'article'}: {e['msg']}" for e in err.errors())
                raise HTTPException(400, f"article {n}: {problems}") from None
            lines.append(item.model_dump_json(exclude_none=True))
        return {"000-articles.jsonl": ("\n".join(lines) + "\n").encode()}
    if kind == "multipart/form-data":
        request._body = body  # the form parser reads the body already read (and size-checked) above
        try:
            form = await request.form()
        except Exception:  # noqa: BLE001 - a broken multipart body
            raise HTTPException(400, "the multipart body could not be read") from None
        files = {}
        for n, (_, value) in enumerate(form.multi_items()):
            if hasattr(value, "read"):
                name = value.filename or "upload"
                content = await value.read()
                _check_file(name, content)
                files[_safe_name(name, n)] = content
        if not files:
            raise HTTPException(400, "the form holds no file: send it in a `file` field")
        return files
    raise HTTPException(415, "send application/json (an article or {\"articles\": [...]}) or multipart/form-data with a file")


@router.post("/articles", status_code=202, responses=ERRORS, dependencies=[Depends(require_token)],
             summary="Add articles and rebuild the story (needs the bearer token)",
             openapi_extra={"requestBody": {"content": {
                 "application/json": {"schema": {"anyOf": [NewArticle.model_json_schema(),
                                                           {"type": "object", "properties": {"articles": {"type": "array", "items": NewArticle.model_json_schema()}}}]}},
                 "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
             }}})
async def add_articles(request: Request, ctx: WebContext = Depends(context)):
    body = await _read_limited(request, ctx.settings.max_upload_bytes)
    files = await _uploaded_files(request, body)
    try:
        job = ctx.builds.start(files)
    except BuildBusy as busy:
        return JSONResponse({"error": {"status": 409, "message": str(busy), "build": busy.job.public()}}, status_code=409)
    return JSONResponse(job.public(), status_code=202, headers={"Location": f"/api/builds/{job.id}"})


@router.get("/builds", summary="Builds started over HTTP, the running one first")
async def list_builds(ctx: WebContext = Depends(context)):
    jobs = sorted(ctx.builds.jobs.values(), key=lambda j: (j.state != "running", j.started_at), reverse=False)
    return {"running": ctx.builds.running.id if ctx.builds.running else None, "builds": [j.public() for j in jobs]}


@router.get("/builds/{build_id}", responses=ERRORS, summary="One build's state and result")
async def get_build(build_id: str, ctx: WebContext = Depends(context)):
    job = ctx.builds.jobs.get(build_id)
    if job is None:
        raise HTTPException(404, f"no build {build_id!r}")
    return job.public()
