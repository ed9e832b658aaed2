"""`create_app(settings, store)`: the one application object. It owns the settings, the story data,
the templates, the build runner and the response cache; views receive it as `request.app.state.ctx`
(through the `context` dependency), so there are no module globals.

Every response carries a strict Content-Security-Policy (scripts and styles only from this app, no
inline script), nosniff and frame-ancestors 'none'. Every error is JSON under /api and a page
elsewhere, with a plain message and never a stack trace."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline import __version__
from dateline.web.data import StoryData
from dateline.web.context import WebContext
from dateline.web.settings import WebSettings

HERE = Path(__file__).parent
log = logging.getLogger("dateline.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Front:
    """Pure ASGI middleware in front of the app (cheaper than BaseHTTPMiddleware): adds the security
    headers to every response, and answers a GET whose rendered response is cached for the current
    story without going through routing at all."""

    def __init__(self, app, ctx: WebContext):
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["method"] == "GET":
            hit = self.ctx.lookup(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            if hit is not None:
                body, status, media, headers = hit
                raw = [(b"content-type", media.encode()), (b"content-length", str(len(body)).encode())]
                raw += [(k.encode(), v.encode()) for k, v in headers.items()] + SECURITY_HEADERS
                await send({"type": "http.response.start", "status": status, "headers": raw})
                await send({"type": "http.response.body", "body": body})
                return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error_payload(status: int, message: str, **extra) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.startswith("/-/")


def _install_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, message: str, headers: Optional[dict] = None, **extra) -> Response:
        if _wants_json(request):
            return JSONResponse(_error_payload(status, message, **extra), status_code=status, headers=headers)
        ctx: WebContext = request.app.state.ctx
        return ctx.page(request, "error.html", status=status, status_code=status, message=message, title=f"Error {status}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return respond(request, 422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return respond(request, 500, "internal error: the server could not answer this request (see the server log)")


STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}


def _static_routes(app: FastAPI) -> None:
    """The app's few static files, read once at startup and served from memory (and the response cache)."""
    files = {f.name: (f.read_bytes(), STATIC_TYPES[f.suffix]) for f in sorted((HERE / "static").iterdir())
             if f.suffix in STATIC_TYPES}

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str, request: Request):
        if name not in files:
            raise StarletteHTTPException(404, f"no static file {name!r}")
        body, media = files[name]
        return request.app.state.ctx.cached(request, lambda: Response(
            body, media_type=media, headers={"Cache-Control": f"public, max-age={request.app.state.ctx.settings.static_max_age_s}"}))


def create_app(settings: WebSettings, store: Optional[StoryData] = None) -> FastAPI:
    """The whole web app over one store: pages, /api, static files, exports."""
    from dateline.web import api, views

    data = store or StoryData(settings.db, settings)
    app = FastAPI(
        title="Dateline API", version=__version__,
        description="Read a Dateline story (articles, sentences, actors, quotes, events, timeline, search, exports) "
                    "and add articles. Reads are open; writes need `Authorization: Bearer $DATELINE_TOKEN`.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.ctx = ctx = WebContext(settings, data)
    _install_error_handlers(app)
    app.add_middleware(Front, ctx=ctx)
    _static_routes(app)
    app.include_router(api.router)
    app.include_router(views.router)
    return app
