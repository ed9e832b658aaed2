"""The unit ingest hands on: one article's raw content plus what the source said about it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional


@dataclass
class RawDocument:
    path: str  # file path, with "#line=N" or "#record=N" for records inside a file
    content: str
    kind: Literal["text", "html"]
    encoding: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    crawled: Optional[str] = None  # when a crawler fetched it (WARC-Date): an upper bound for publication
    extra: dict = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.path.split("#", 1)[0]
