"""The Store protocol every backend implements, and the records it takes (`dateline.store.open_store` picks a backend).

SQL stays inside the backends; the pipeline, the CLI and the web app go through these methods.
No NLP here: importing the store never imports spaCy (tests/test_store.py checks).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, ContextManager, Iterable, Iterator, Optional, Protocol, runtime_checkable

from dateline.errors import StoreError
from dateline.models import (Actor, Article, ArticleAnalysis, ArticleGroup, BriefingLine, Event, Quote, SkippedInput, SourceCoverage, Story,
                             TimelineEntry)


class StoreBusy(StoreError):
    """Another build holds the store's writer lock."""


@dataclass
class StoredArticle:
    article: Article
    analysis: ArticleAnalysis
    raw: str  # the text as extracted, before chrome removal


@dataclass
class DocumentRecord:
    """One document as read and extracted, before cleaning: what a build stores first, so a kill loses
    at most one batch, and what later builds re-clean from when new evidence changes its verdict."""

    id: str
    path: str
    source_text: str
    paragraph_lines: bool = False  # extracted HTML: one paragraph a line
    url: Optional[str] = None
    title: Optional[str] = None  # from the source's metadata, not the cleaner's guess
    outlet: Optional[str] = None
    published_meta: Optional[str] = None
    published_from: Optional[str] = None
    crawled: Optional[str] = None
    encoding: Optional[str] = None
    line_hashes: list[int] = field(default_factory=list)

    def meta_key(self) -> str:
        """What a manifest or a re-read can change about a document: a changed key means a correction."""
        return "\x1f".join(str(v or "") for v in (self.path, self.url, self.title, self.outlet, self.published_meta,
                                                   self.published_from, self.crawled, self.encoding))


@dataclass
class DocumentState:
    """Where one stored document stands: pending (not analysed yet), stored, or skipped with a reason."""

    id: str
    path: str
    meta_key: str
    status: str
    clean_key: Optional[str]
    analysis_key: Optional[str]
    skip_reason: Optional[str] = None


@dataclass
class AnalysedArticle:
    """One cleaned and analysed article with the keys that say what it was built from."""

    article: Article
    analysis: ArticleAnalysis
    clean_key: str
    analysis_key: str
    notes: list[str] = field(default_factory=list)  # document-level skips that still store it (an unreadable date)


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Readers use the first group; builds use the second."""

    # -- readers ---------------------------------------------------------------------------------
    def version(self) -> int: ...
    def article_ids(self) -> set[str]: ...
    def get_article(self, article_id: str) -> Optional[Article]: ...
    def iter_articles(self) -> Iterator[StoredArticle]: ...
    def load_story(self) -> Optional[Story]: ...
    def actors(self) -> list[Actor]: ...
    def events(self) -> list[Event]: ...
    def timeline(self) -> list[TimelineEntry]: ...
    def quotes(self) -> list[Quote]: ...
    def sources(self) -> list[SourceCoverage]: ...
    def briefing(self) -> list[BriefingLine]: ...
    def groups(self) -> list[ArticleGroup]: ...

    # -- builds ----------------------------------------------------------------------------------
    def transaction(self) -> ContextManager[None]: ...
    def writer(self, timeout: float, on_wait: Optional[Callable[[str], None]] = None) -> ContextManager[None]: ...
    def document_states(self) -> dict[str, DocumentState]: ...
    def put_documents(self, documents: list[DocumentRecord]) -> dict[str, str]: ...
    def line_evidence(self) -> dict[str, list[int]]: ...
    def iter_documents(self, ids: Iterable[str]) -> Iterator[DocumentRecord]: ...
    def save_analysed(self, items: list[AnalysedArticle], skips: list[tuple[str, str, str]],
                      reused: Iterable[tuple[str, str]] = ()) -> None: ...
    def document_notes(self) -> list[tuple[str, SkippedInput]]: ...
    def record_input_skips(self, read_paths: list[str], skips: list[SkippedInput]) -> None: ...
    def input_skips(self) -> list[SkippedInput]: ...
    def save_story(self, story: Story) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc) -> None: ...
