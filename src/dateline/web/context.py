"""`WebContext`: the shared state of one app (settings, story data, templates, builds, response
cache), reached by views through the `context` dependency. Kept apart from `app.py` so the routers
depend on it and the app on the routers, never in a circle."""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from dateline import __version__
from dateline.export.html import TEMPLATES as EXPORT_TEMPLATES
from dateline.web import render
from dateline.web.builds import BuildRunner
from dateline.web.data import StoryData
from dateline.web.settings import WebSettings

HERE = Path(__file__).parent
SHARED_MACROS = ["_quote.html.j2", "_naming.html.j2"]  # in export/templates


class WebContext:
    """Shared state of one app: settings, story data, templates, builds and the response cache."""

    def __init__(self, settings: WebSettings, data: StoryData):
        self.settings = settings
        self.data = data
        own = FileSystemLoader(HERE / "templates")
        self.templates = Environment(
            # the report's templates too: what both show alike (a quote's words) is written once, in export/templates
            loader=ChoiceLoader([own, FileSystemLoader(EXPORT_TEMPLATES)]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True, auto_reload=False,
        )
        self.templates.globals.update(render.GLOBALS, version=__version__)
        self.templates.filters.update(render.FILTERS)
        # compile now, not on a reader's first visit: the app's pages and the macros they share with the report (not
        # the report itself, which the app never renders)
        for name in own.list_templates() + SHARED_MACROS:
            self.templates.get_template(name)
        self.builds = BuildRunner(settings.db, on_done=self.story_changed, keep=settings.keep_builds)
        self._cache: OrderedDict = OrderedDict()
        self._cache_size = 0
        self._cache_lock = threading.Lock()

    def story_changed(self) -> None:
        self.data.reload()
        with self._cache_lock:
            self._cache.clear()
            self._cache_size = 0

    def lookup(self, path: str, query: str):
        """(body, status, media type, headers) cached for this URL and the current story, or None."""
        if not self.settings.cache_entries:
            return None
        view = self.data.current()
        key = (view.generation if view else None, path, query)
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def cached(self, request: Request, make: Callable[[], Response]) -> Response:
        """The rendered response for this URL and story, made once (a new story empties the cache)."""
        view = self.data.current()
        limit = self.settings.cache_entries
        if not limit:
            return make()
        key = (view.generation if view else None, request.url.path, request.url.query)
        hit = self.lookup(request.url.path, request.url.query)
        if hit is not None:
            body, status, media, headers = hit
            return Response(body, status_code=status, media_type=media, headers=headers)
        response = make()
        if response.status_code == 200 and hasattr(response, "body"):
            headers = {k: v for k, v in response.headers.items() if k.lower() in ("content-disposition", "link", "cache-control")}
            media = response.headers.get("content-type", response.media_type or "application/octet-stream")
            with self._cache_lock:
                if key not in self._cache and len(response.body) <= self.settings.cache_bytes:
                    self._cache[key] = (response.body, response.status_code, media, headers)
                    self._cache_size += len(response.body)
                while self._cache and (len(self._cache) > limit or self._cache_size > self.settings.cache_bytes):
                    _, (body, *_) = self._cache.popitem(last=False)
                    self._cache_size -= len(body)
        return response

    def page(self, request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
        html = self.templates.get_template(template).render(
            request=request, view=self.data.current(), path=request.url.path, **values)
        return HTMLResponse(html, status_code=status)


async def context(request: Request) -> WebContext:
    return request.app.state.ctx
