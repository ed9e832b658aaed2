"""Shared fixtures: paths to the example corpus and the reference corpus, and builds that
several tests read (built once per session, on real files, with the real spaCy model)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mackerel"
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
REFERENCE = SHARED / "corpora" / "japan-russia"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real `dateline` command in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args], capture_output=True, text=True, cwd=cwd or ROOT,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    result = run_cli("build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


def reference_or_skip() -> Path:
    if not (REFERENCE / "manifest.csv").exists():
        pytest.skip(f"reference corpus not found at {REFERENCE} (shared/ is checked out beside the project in CI)")
    return REFERENCE


@pytest.fixture(scope="session")
def reference_build(tmp_path_factory) -> Path:
    """The reference corpus built once per session with its manifest: the folder with story.json and the store."""
    corpus = reference_or_skip()
    out = tmp_path_factory.mktemp("reference")
    result = run_cli("build", str(corpus), "--manifest", str(corpus / "manifest.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def reference_story(reference_build):
    import json

    return json.loads((reference_build / "story.json").read_text())


@pytest.fixture(scope="session")
def reference_story_undated(tmp_path_factory):
    import json

    corpus = reference_or_skip()
    out = tmp_path_factory.mktemp("reference-undated")
    result = run_cli("build", str(corpus), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads((out / "story.json").read_text())


@pytest.fixture(scope="session")
def postgres():
    """new_database() -> URL of an empty database on a throwaway PostgreSQL server (tests/pg_server.py);
    skips with the reason when no server can be started."""
    import pg_server

    try:
        new_database, stop = pg_server.start()
    except pg_server.Unavailable as why:
        pytest.skip(f"PostgreSQL store tests need a server: {why}")
    yield new_database
    stop()
