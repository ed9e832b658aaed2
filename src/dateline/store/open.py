"""`open_store(url)`: the backend for a store address. Apart from `base.py` so the protocol never
imports the backends that implement it."""
from __future__ import annotations

from pathlib import Path

from dateline.errors import StoreError
from dateline.store.base import Store


def open_store(url: str | Path, **options) -> Store:
    """A path or `sqlite:///PATH` opens SQLite; `postgresql://...` opens PostgreSQL (the `postgres`
    extra); anything else is refused with a StoreError naming the scheme."""
    text = str(url)
    if isinstance(url, Path) or "://" not in text:
        from dateline.store.sqlite import SqliteStore

        return SqliteStore(Path(text), **options)
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        from dateline.store.sqlite import SqliteStore

        rest = text[len("sqlite://"):]
        if not rest.startswith("/") or rest == "/":
            raise StoreError(f"{text}: a SQLite URL is sqlite:///relative/path or sqlite:////absolute/path")
        return SqliteStore(Path(rest[1:]), **options)
    if scheme in ("postgresql", "postgres"):
        from dateline.store.postgres import PostgresStore

        return PostgresStore(text, **options)
    raise StoreError(f"{text}: unknown store scheme {scheme!r} (use a file path, sqlite:///PATH or postgresql://...)")


def is_url(target: str | Path) -> bool:
    return not isinstance(target, Path) and "://" in str(target)
