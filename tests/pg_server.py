"""A throwaway PostgreSQL server for the store tests: Debian's `postgresql` package, a new cluster in
a temporary folder, listening on loopback only, run as a non-root user (the server refuses root).
`start()` returns (url_factory, stop) or raises Unavailable with the reason the tests skip with."""
from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class Unavailable(Exception):
    pass


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for root in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (root / name).exists():
            return str(root / name)
    raise Unavailable(f"{name} not found (apt-get install postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start():
    try:
        import psycopg
    except ImportError as err:
        raise Unavailable("psycopg is not installed (pip install 'dateline[postgres]')") from err
    if os.environ.get("DATELINE_TEST_POSTGRES_URL"):  # a server provided by CI
        base = os.environ["DATELINE_TEST_POSTGRES_URL"].rstrip("/")
        return _factory(psycopg, base.rsplit("/", 1)[0], lambda: None)
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    data = folder / "data"
    port = _free_port()
    as_root = os.geteuid() == 0
    if as_root:
        try:
            import pwd

            account = pwd.getpwnam("postgres")
        except KeyError as err:
            raise Unavailable("running as root and there is no 'postgres' user to run the server as") from err
        os.chown(folder, account.pw_uid, account.pw_gid)

    def run(*args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if as_root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in command)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    done = run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    if done.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"initdb failed: {done.stderr.strip()[-300:]}")
    options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off -c full_page_writes=off"
    done = run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "-t", "60", "start")
    if done.returncode:
        log = (folder / "log").read_text(errors="replace")[-300:] if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"pg_ctl start failed: {done.stderr.strip()[-200:]} {log}")

    def stop() -> None:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)

    return _factory(psycopg, f"postgresql://postgres@127.0.0.1:{port}", stop)


def _factory(psycopg, server: str, stop):
    """(new_database() -> url, stop): each call makes an empty database, so tests never share state."""
    counter = itertools.count()

    def new_database() -> str:
        name = f"dateline_test_{os.getpid()}_{next(counter)}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{server}/{name}"

    try:
        new_database()
    except Exception as err:  # noqa: BLE001 - any failure to reach the server means: skip
        stop()
        raise Unavailable(f"cannot reach the test server: {err}") from err
    return new_database, stop
