"""Store: one SQLite file holding articles, their analysis and the built story."""
from dateline.store.sqlite import SCHEMA_VERSION, Store, StoredArticle

__all__ = ["Store", "StoredArticle", "SCHEMA_VERSION"]
