"""Store: articles, their analysis and the story built over them, behind one protocol.

`open_store(url)` picks the backend: a path or `sqlite:///PATH` (the default, one file) or
`postgresql://...` (the `postgres` extra). `Store(path)` still opens SQLite directly."""
from dateline.store.base import (AnalysedArticle, DocumentRecord, DocumentState, Store as StoreProtocol, StoreBusy,
                                 StoredArticle)
from dateline.store.open import is_url, open_store
from dateline.store.migrations import SCHEMA_VERSION
from dateline.store.sqlite import SqliteStore, Store

__all__ = ["Store", "StoreProtocol", "SqliteStore", "StoredArticle", "DocumentRecord", "DocumentState",
           "AnalysedArticle", "StoreBusy", "open_store", "is_url", "SCHEMA_VERSION"]
