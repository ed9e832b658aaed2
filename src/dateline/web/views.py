"""The pages: one small function per kind of page, each reading the StoryView and rendering a template.
Server-rendered and readable without JavaScript; `static/app.js` only makes the filters quicker."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse

from dateline.web.context import WebContext, context

router = APIRouter(include_in_schema=False)


@dataclass
class Pager:
    items: list
    page: int
    pages: int
    total: int
    size: int

    @classmethod
    def of(cls, items: list, page: int, size: int) -> "Pager":
        pages = max(1, math.ceil(len(items) / size))
        page = min(max(page, 1), pages)
        return cls(items[(page - 1) * size: page * size], page, pages, len(items), size)


def parse_day(value: Optional[str], name: str) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (write it as YYYY-MM-DD)") from None


def parse_page(value: Optional[str]) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        raise HTTPException(400, f"page: {value!r} is not a number") from None


def _view_or_empty(ctx: WebContext, request: Request):
    view = ctx.data.current()
    if view is None:
        raise HTTPException(404, "this store holds no story yet: build one with `dateline build ... --db FILE`")
    return view


@router.get("/")
async def overview(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        days = [a.published.earliest for a in view.story.articles if a.published.precision == "day"]
        return ctx.page(request, "overview.html", title="Overview", first=min(days, default=None),
                        last=max(days, default=None))
    return ctx.cached(request, make)


@router.get("/timeline")
async def timeline(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        q = request.query_params
        filters = {"from": q.get("from", ""), "to": q.get("to", ""), "actor": q.get("actor", ""),
                   "source": q.get("source", ""), "kind": q.get("kind", ""), "q": q.get("q", "")}
        start, end = parse_day(filters["from"], "from"), parse_day(filters["to"], "to")
        if start and end and start > end:
            raise HTTPException(400, f"from ({start}) is after to ({end})")
        if filters["actor"] and filters["actor"] not in view.actors:
            raise HTTPException(400, f"actor: no actor with id {filters['actor']!r}")
        entries = view.filter_timeline(view.story.timeline, start=start, end=end, actor=filters["actor"] or None,
                                       source=filters["source"] or None, kind=filters["kind"] or None,
                                       text=filters["q"] or None)
        background = view.filter_timeline(view.background, start=start, end=end, actor=filters["actor"] or None,
                                          source=filters["source"] or None, kind=filters["kind"] or None,
                                          text=filters["q"] or None)
        pager = Pager.of(entries, parse_page(q.get("page")), ctx.settings.page_size)
        filtered = any(filters.values())
        return ctx.page(request, "timeline.html", title="Timeline", filters=filters, pager=pager, background=background,
                        filtered=filtered, all_count=len(view.story.timeline))
    return ctx.cached(request, make)


@router.get("/day/{day}")
async def day(day: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        when = parse_day(day, "day")
        entries, published = view.day(when)
        prev = max((d for d in view.days if d < when), default=None)
        nxt = min((d for d in view.days if d > when), default=None)
        return ctx.page(request, "day.html", title=when.isoformat(), day=when, entries=entries, published=published,
                        prev=prev, next=nxt)
    return ctx.cached(request, make)


@router.get("/articles")
async def articles(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        source = request.query_params.get("source", "")
        items = [a for a in view.story.articles if not source or source in view.sources_of(a.id)]
        pager = Pager.of(items, parse_page(request.query_params.get("page")), ctx.settings.page_size)
        return ctx.page(request, "articles.html", title="Articles", pager=pager, source=source)
    return ctx.cached(request, make)


@router.get("/articles/{article_id}")
async def article(article_id: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        a = view.articles.get(article_id) or view.articles.get(view.by_label.get(article_id, ""))
        if a is None:
            raise HTTPException(404, f"no article {article_id!r} in this story")
        cited = {(a.id, i) for i in view.cited_sentences.get(a.id, ())}
        return ctx.page(request, "article.html", title=view.labels.article(a.id) + " " + (a.title or ""), article=a,
                        paragraphs=view.paragraphs_of(a.id), groups=view.groups_of.get(a.id, []), cited=cited,
                        quotes=[q for q in view.story.quotes if q.article == a.id])
    return ctx.cached(request, make)


@router.get("/actors")
async def actors(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        kind = request.query_params.get("type", "")
        items = [a for a in view.story.actors if not kind or a.type == kind]
        pager = Pager.of(items, parse_page(request.query_params.get("page")), ctx.settings.page_size)
        types = sorted({a.type for a in view.story.actors})
        passing = sorted((a for a in view.story.mentioned_once if not kind or a.type == kind), key=lambda a: a.name)
        return ctx.page(request, "actors.html", title="Actors", pager=pager, type=kind, types=types, passing=passing)
    return ctx.cached(request, make)


@router.get("/actors/{actor_id}")
async def actor(actor_id: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        a = view.actors.get(actor_id)
        if a is None:
            raise HTTPException(404, f"no actor {actor_id!r} in this story")
        return ctx.page(request, "actor.html", title=a.name, actor=a, quotes=view.quotes_by_speaker.get(a.id, []),
                        events=view.events_of_actor.get(a.id, []), names=view.names_by_outlet.get(a.id, {}),
                        roles=view.roles_over_time(a))
    return ctx.cached(request, make)


@router.get("/sources")
async def sources(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        return ctx.page(request, "sources.html", title="Outlets compared", comparison=view.comparison)
    return ctx.cached(request, make)


@router.get("/events")
async def events(request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        kind = request.query_params.get("kind", "")
        items = [e for e in view.story.events if not kind or e.kind == kind]
        pager = Pager.of(items, parse_page(request.query_params.get("page")), ctx.settings.page_size)
        return ctx.page(request, "events.html", title="Events", pager=pager, kind=kind)
    return ctx.cached(request, make)


@router.get("/events/{event_id}")
async def event(event_id: str, request: Request, ctx: WebContext = Depends(context)):
    def make():
        view = _view_or_empty(ctx, request)
        e = view.events.get(event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id!r} in this story")
        return ctx.page(request, "event.html", title=e.title or e.kind, event=e)
    return ctx.cached(request, make)


@router.get("/search")
async def search(request: Request, ctx: WebContext = Depends(context)):
    def make():
        _view_or_empty(ctx, request)  # a store with no story yet answers 404 here too
        text = request.query_params.get("q", "").strip()
        page = parse_page(request.query_params.get("page"))
        size = ctx.settings.page_size
        hits, total = ctx.data.search(text, size, (page - 1) * size) if text else ([], 0)
        pages = max(1, math.ceil(total / size))
        return ctx.page(request, "search.html", title=f"Search: {text}" if text else "Search", q=text, hits=hits,
                        total=total, page=page, pages=pages, size=size)
    return ctx.cached(request, make)


@router.get("/exports")
async def exports(request: Request, ctx: WebContext = Depends(context)):
    return ctx.cached(request, lambda: ctx.page(request, "exports.html", title="Exports"))


@router.get("/api/docs")
async def api_docs(request: Request, ctx: WebContext = Depends(context)):
    """The OpenAPI description as a page (Swagger UI needs a CDN and inline script, which the CSP forbids)."""
    spec = request.app.openapi()
    return ctx.cached(request, lambda: ctx.page(request, "api_docs.html", title="API", spec=spec))


@router.get("/favicon.ico")
async def favicon():
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/-/settings.json")
async def settings_json(ctx: WebContext = Depends(context)):
    return JSONResponse(ctx.settings.public())
