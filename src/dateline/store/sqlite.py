"""The SQLite store, the default: one file, WAL journal (readers never block the writer and a kill
at any moment leaves the file consistent), a writer lock so one build writes at a time.
No NLP here: the store saves and loads models."""
from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

from dateline.errors import StoreError
from dateline.store.base import StoreBusy, StoredArticle
from dateline.store.migrations import SCHEMA_VERSION
from dateline.store.sql import SqlStore

__all__ = ["SqliteStore", "Store", "StoredArticle", "SCHEMA_VERSION"]
LOCK_POLL_S = 0.2  # how often a waiting build tries the lock again


def _when_free(step: Callable[[], object], timeout: float) -> None:
    """Run `step`, again while SQLite answers "locked" without waiting, up to `timeout` seconds.

    Two processes opening a fresh file at once both turn it to WAL: each holds a read lock and wants
    the exclusive one, and SQLite answers one of them "database is locked" at once instead of calling
    its busy handler, since waiting could deadlock. Once the other has finished, the step succeeds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) and "busy" not in str(err) or time.monotonic() >= deadline:
                raise
            time.sleep(LOCK_POLL_S / 4)


class SqliteStore(SqlStore):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, path: str | Path, busy_timeout_ms: int = 10_000):
        self.path = Path(path)
        self.where = str(self.path)
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a store file")
        if self.path.exists() and self.path.stat().st_size > 0:
            try:
                with self.path.open("rb") as f:
                    head = f.read(16)
            except OSError as err:
                raise StoreError(f"{self.path}: cannot read the store ({err.strerror or err})") from err
            if head != b"SQLite format 3\x00":
                raise StoreError(f"{self.path}: not a SQLite file")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout_ms / 1000)
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _when_free(lambda: self.conn.execute("PRAGMA journal_mode = WAL"), busy_timeout_ms / 1000)
            self.conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash of the process
            self.conn.execute("PRAGMA foreign_keys = ON")
        except (OSError, sqlite3.Error) as err:
            raise StoreError(f"{self.path}: cannot open the store ({getattr(err, 'strerror', None) or err})") from err
        try:
            _when_free(self._migrate, busy_timeout_ms / 1000)
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable SQLite file ({err})") from err

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _table_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None

    def integrity(self) -> str:
        """SQLite's own check of the file: "ok" when consistent."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]

    @contextmanager
    def writer(self, timeout: float, on_wait: Optional[Callable[[str], None]] = None) -> Iterator[None]:
        """Hold the store's writer lock (a lock on FILE.lock beside it; the kernel releases it when the
        process dies, SIGKILL included). Waits up to `timeout` seconds, telling `on_wait` once."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise StoreError(f"{lock_path}: cannot create the writer lock ({err.strerror or err})") from err
        try:
            deadline = time.monotonic() + timeout
            told = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                    if time.monotonic() >= deadline:
                        raise StoreBusy(
                            f"{self.path}: another build (process {holder}) is writing to this store; "
                            f"gave up after waiting {timeout:g} s. Run again when it has finished "
                            f"(or wait longer: --wait SECONDS)") from None
                    if on_wait and not told:
                        on_wait(f"{self.path}: another build (process {holder}) is writing to this store; "
                                f"waiting up to {timeout:g} s for it to finish")
                        told = True
                    time.sleep(LOCK_POLL_S)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


Store = SqliteStore  # `Store(path)` as before: the default backend
