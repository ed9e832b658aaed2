"""The web app and HTTP API over a story's store (FastAPI, Jinja2, uvicorn). No NLP is imported here:
reads go through `web.data`, and adding articles hands a file to `dateline.pipeline.build` in a worker."""
from dateline.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]


def create_app(settings: WebSettings, store=None):
    from dateline.web.app import create_app as make

    return make(settings, store)
