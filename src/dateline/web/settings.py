"""The web app's settings as one table: each has a default and a line saying what it is for.

`/-/settings.json` shows the resolved values (never the token), and a test checks that every
field is described."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class WebSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    db: Path = Field(Path("dateline.sqlite"), description="SQLite store the app reads and, with a token, adds to.")
    host: str = Field("127.0.0.1", description="Address to listen on; loopback unless told otherwise.")
    port: int = Field(8000, ge=0, le=65535, description="Port to listen on.")
    token: Optional[str] = Field(None, exclude=True, repr=False,
                                 description="Bearer token for writes (from $DATELINE_TOKEN); none means writes are refused.")
    max_upload_bytes: int = Field(5 * 1024 * 1024, ge=1, description="Largest request body POST /api/articles takes (413 above it).")
    page_size: int = Field(50, ge=1, le=1000, description="Items per page in pages and API lists when none is asked for.")
    max_page_size: int = Field(500, ge=1, description="Most items one API page returns, whatever is asked.")
    cache_entries: int = Field(2048, ge=0, description="Rendered responses kept per story (a new story empties the cache); 0 turns the cache off.")
    cache_bytes: int = Field(64 * 1024 * 1024, ge=0, description="Most bytes the rendered responses kept may take; the least recently used go first.")
    recheck_seconds: float = Field(1.0, ge=0, description="How stale a page may be after another process saved a new story: the store file is checked at most this often.")
    keep_builds: int = Field(50, ge=1, description="Finished builds the API lists; older ones are forgotten.")
    static_max_age_s: int = Field(3600, ge=0, description="Seconds a browser may reuse the stylesheet and script without asking.")
    compare_outlets: int = Field(8, ge=1, description="Outlets side by side on the comparison page: a table a reader takes in at once on a laptop screen.")
    compare_events: int = Field(25, ge=1, description="Events (most covered first) in the comparison's coverage table.")
    compare_speakers: int = Field(6, ge=1, description="Most-quoted speakers listed per outlet on the comparison page.")
    compare_names: int = Field(30, ge=1, description="Actors whose spellings per outlet the comparison page lists.")

    @classmethod
    def from_env(cls, **values) -> "WebSettings":
        token = os.environ.get("DATELINE_TOKEN") or None
        return cls(token=token, **{k: v for k, v in values.items() if v is not None})

    def public(self) -> dict:
        """Resolved values with their descriptions, for /-/settings.json (the token only as set or not)."""
        values = self.model_dump(mode="json")
        out = {name: {"value": values.get(name), "description": f.description}
               for name, f in type(self).model_fields.items() if name != "token"}
        out["token"] = {"value": "set" if self.token else "not set", "description": type(self).model_fields["token"].description}
        return out
