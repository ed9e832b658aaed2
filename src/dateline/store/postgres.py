"""The PostgreSQL store (`pip install dateline[postgres]`): the same schema and SQL as SQLite through
psycopg 3, for a store shared by several machines (a Dask cluster, a web app beside the builds).
One build writes at a time: the writer lock is a session-level advisory lock, which the server
releases when the connection ends, a killed build included."""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from dateline.errors import StoreError
from dateline.store.base import StoreBusy
from dateline.store.sql import SqlStore

WRITER_LOCK_KEY = 0x6461746C  # "datl": the advisory lock id every Dateline build takes
LOCK_POLL_S = 0.2


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url:
        return url
    head, _, tail = url.rpartition("@")
    scheme, _, creds = head.partition("://")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{tail}"


class PostgresStore(SqlStore):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str, busy_timeout_ms: int = 10_000, connect_timeout_s: int = 10):
        self.url = url
        self.where = _redact(url)
        try:
            import psycopg
        except ImportError as err:
            raise StoreError(f"{self.where}: the PostgreSQL store needs psycopg: pip install 'dateline[postgres]'") from err
        self._errors = psycopg.Error
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout_s)
            self.conn.execute(f"SET lock_timeout = {int(busy_timeout_ms)}")
        except psycopg.Error as err:
            raise StoreError(f"{self.where}: cannot connect ({str(err).strip().splitlines()[0]})") from err
        try:
            self._migrate()
        except psycopg.Error as err:
            self.conn.close()
            raise StoreError(f"{self.where}: cannot prepare the schema ({str(err).strip().splitlines()[0]})") from err

    def _begin(self) -> None:
        self.conn.execute("BEGIN")
        # one migration or writer batch at a time, whatever the isolation level
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK_KEY + 1,))

    def _table_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT to_regclass(%s)", (name,)).fetchone()[0] is not None

    @contextmanager
    def writer(self, timeout: float, on_wait: Optional[Callable[[str], None]] = None) -> Iterator[None]:
        deadline = time.monotonic() + timeout
        told = False
        while not self.conn.execute("SELECT pg_try_advisory_lock(%s)", (WRITER_LOCK_KEY,)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{self.where}: another build is writing to this store; gave up after waiting "
                                f"{timeout:g} s. Run again when it has finished (or wait longer: --wait SECONDS)")
            if on_wait and not told:
                on_wait(f"{self.where}: another build is writing to this store; waiting up to {timeout:g} s")
                told = True
            time.sleep(LOCK_POLL_S)
        try:
            yield
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (WRITER_LOCK_KEY,))
