"""`dateline serve`: the web app and API over a store, served by uvicorn on loopback by default."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from dateline.cli.app import DB_OPTION, OUT_OPTION, _fail, app, errors, store_path


@app.command()
def serve(
    db: Optional[Path] = DB_OPTION,
    out: Optional[Path] = OUT_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default; 0.0.0.0 opens it to the network)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    max_upload: Optional[int] = typer.Option(None, "--max-upload", min=1, help="Largest upload in bytes (default 5 MiB)."),
) -> None:
    """Serve the story as web pages and a JSON API (docs at /api/docs).

    Reads are open; adding articles (POST /api/articles) needs the token in $DATELINE_TOKEN."""
    try:
        import uvicorn

        from dateline.web import WebSettings, create_app
    except ImportError as err:
        _fail(f"the web app needs its extra: pip install 'dateline[web]' ({err.name} is missing)")
        return
    from dateline.errors import StoreError

    path = store_path(db, out)
    settings = WebSettings.from_env(db=path, host=host, port=port, max_upload_bytes=max_upload)
    try:
        application = create_app(settings)
    except StoreError as err:
        _fail(str(err))
        return
    if application.state.ctx.data.current() is None:
        errors.print(f"note: {path} holds no story yet; pages will say so until a build finishes", highlight=False)
    if not settings.token:
        errors.print("note: DATELINE_TOKEN is not set, so writes (POST /api/articles) are refused", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        errors.print(f"warning: listening on {host}, not only this machine", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
