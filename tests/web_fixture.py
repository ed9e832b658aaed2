"""A built store with the example corpus and the hostile fixture, and real `dateline serve` processes
on free loopback ports. Shared by the web and export tests (one build per test session)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import httpx

from conftest import EXAMPLE, FIXTURES, ROOT, run_cli

HOSTILE = FIXTURES / "web" / "hostile.jsonl"
TOKEN = "test-token-7f3a"
_BUILT: dict[str, Path] = {}


def hostile_store(tmp_path_factory) -> Path:
    """examples/mackerel plus the hostile articles, built once per session."""
    if "db" not in _BUILT:
        out = tmp_path_factory.mktemp("web-store")
        result = run_cli("build", str(EXAMPLE / "articles"), str(HOSTILE), "--manifest", str(EXAMPLE / "manifest.csv"),
                         "--out", str(out))
        assert result.returncode == 0, result.stderr
        _BUILT["db"] = out / "dateline.sqlite"
    return _BUILT["db"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, token: str | None = TOKEN, extra: tuple[str, ...] = (), log: Path | None = None):
    """`dateline serve` in a subprocess, as a user starts it; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATELINE_TOKEN", None)
    if token:
        env["DATELINE_TOKEN"] = token
    sink = open(log, "w") if log else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port), *extra],
                            cwd=ROOT, env=env, stdout=sink, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"dateline serve exited with {proc.returncode}" + (f": {log.read_text()}" if log else ""))
            try:
                if httpx.get(base + "/api/story", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("dateline serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            sink.close()


def copy_store(db: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "dateline.sqlite"
    shutil.copy(db, target)
    return target


class _Tags(HTMLParser):
    """Every tag and attribute the browser would see (escaped text is text, not tags)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def active_content(text: str) -> list[str]:
    """Inline scripts, event-handler attributes and javascript: links in an HTML text."""
    found = []
    for tag, attrs in _Tags(text).tags:
        if tag == "script" and attrs.get("src") != "/static/app.js":
            found.append(f"<script {attrs}>")
        found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        found += [f"<{tag} {k}={v}>" for k, v in attrs.items() if k in ("href", "src", "action", "formaction")
                  and (v or "").strip().lower().startswith(("javascript:", "data:text/html"))]
    return found
