"""Hostile input through the real command line: names and titles full of markup, HTML in every
field, broken archives, and the exit codes the README promises. No run may show a traceback."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import FIXTURES, run_cli

HOSTILE = FIXTURES / "hostile"
TEXT = ("OSLO, March 3 - Norwegian and Icelandic ministers met in Oslo on Monday to resume talks on mackerel quotas "
        "after the last round collapsed in January, officials said.\n\nThe talks will continue on Wednesday.\n")


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "MarkupError" not in result.stdout + result.stderr


def cut_warc(path: Path) -> None:
    """A crawl interrupted mid-write: the second record's member is cut in half."""
    page = f"<html><head><title>Talks</title></head><body><article><p>{TEXT * 3}</p></article></body></html>".encode()
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    sizes = []
    for url in ("https://x.example/one", "https://x.example/two"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(page.replace(b"Oslo", url[-3:].encode())),
                                                      http_headers=headers))
        sizes.append(out.tell())
    path.write_bytes(out.getvalue()[: sizes[0] + (sizes[1] - sizes[0]) // 2])


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(HOSTILE, corpus)
    cut_warc(corpus / "crawl.warc.gz")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "fake\nskipped: forged\x1b[2J.txt").write_bytes(b"\x00\x01" * 50)  # a name that forges a line
    out = corpus.parent / "out"
    result = run_cli("build", str(corpus), "--out", str(out))
    return corpus, out, result


def test_hostile_corpus_builds_reports_and_exits_1(hostile_build):
    corpus, out, result = hostile_build
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    err = result.stderr
    assert f"{corpus / 'crawl.warc.gz'}: the compressed file is cut off after" in err
    assert f"{corpus / 'loop'}: symbolic link loop" in err
    assert "\x1b" not in err + result.stdout and "fake\\nskipped: forged\\x1b[2J.txt: binary file" in err
    story = json.loads((out / "story.json").read_text())
    paths = sorted(Path(a["path"].split("#")[0]).name for a in story["articles"])
    assert paths == ["b].txt", "crawl.warc.gz", "hostile.jsonl", "script-title.html", "utf16-bom.txt"]
    assert [a["path"] for a in story["articles"] if "crawl" in a["path"]] == [f"{corpus / 'crawl.warc.gz'}#record=1"]
    assert any(a["encoding"] == "utf-16-le" for a in story["articles"])  # UTF-16 with a BOM is text, not "binary"


def test_names_with_brackets_print_as_written(hostile_build):
    corpus, out, result = hostile_build
    listing = run_cli("articles", "--db", str(out / "dateline.sqlite"))
    no_traceback(listing)
    assert listing.returncode == 0 and "\x1b" not in listing.stdout
    assert "[bold" in listing.stdout and "\\x1b[2J" in listing.stdout  # shown as text, escapes visible
    for command in ("actors", "events", "timeline"):
        shown = run_cli(command, "--db", str(out / "dateline.sqlite"))
        no_traceback(shown)
        assert shown.returncode == 0
    named = corpus / "[draft]" / "[" / "b].txt"
    single = run_cli("build", str(named), "--out", str(out.parent / "single"))
    no_traceback(single)
    assert single.returncode == 0 and f"Wrote {out.parent / 'single' / 'story.json'}" in single.stdout


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def live(html: str) -> list[str]:
    """Script, event handlers and non-web links in rendered HTML."""
    parser = Tags()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.found:
        if tag in ("script", "img", "iframe", "b", "object", "embed"):
            bad.append(f"<{tag}>")
        bad += [f"{tag} {k}" for k in attrs if k.startswith("on")]
        bad += [f"{tag} {k}={v}" for k, v in attrs.items() if k in ("href", "src") and not (v or "").startswith(("#", "http"))]
    return bad


def test_every_report_escapes_the_hostile_articles(hostile_build):
    _, out, _ = hostile_build
    md = (out / "report.md").read_text()
    assert "<script" not in md and "<img" not in md and not re.search(r"(?<!\\)\]\(javascript", md)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert live(rendered) == []
    html = (out / "report.html").read_text()
    assert live(html) == [] and "&lt;script&gt;" in html
    data = json.loads((out / "story.json").read_text())
    assert any("<script>" in a["text"] for a in data["articles"])  # JSON keeps the data as it was, escaped by JSON


def test_missing_input_exits_2_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", str(tmp_path / "nope"), str(tmp_path / "*.none"), "--out", str(out))
    no_traceback(result)
    assert result.returncode == 2 and "no such file or folder" in result.stderr and "pattern matched no file" in result.stderr
    assert not out.exists()


def test_nothing_readable_exits_2_and_leaves_no_store(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "empty.html").write_bytes(b"")
    out = tmp_path / "out"
    result = run_cli("build", str(corpus), "--out", str(out))
    no_traceback(result)
    assert result.returncode == 2 and "binary file" in result.stderr and "empty file" in result.stderr
    assert not (out / "dateline.sqlite").exists() and not (out / "story.json").exists()


@pytest.mark.parametrize("where", ["under-a-file", "a-folder"])
def test_unusable_store_path_is_one_line_and_exit_2(tmp_path, where):
    (tmp_path / "a.txt").write_text(TEXT)
    db = tmp_path / "a.txt" / "x.sqlite" if where == "under-a-file" else tmp_path
    result = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--db", str(db))
    no_traceback(result)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and str(db) in result.stderr


def test_debug_shows_the_traceback_and_plain_runs_do_not(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    bad = tmp_path / "store.sqlite"
    bad.write_text("not sqlite at all")
    plain = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--db", str(bad))
    no_traceback(plain)
    assert plain.returncode == 2 and "not a SQLite file" in plain.stderr
    debug = run_cli("--debug", "build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--db", str(bad))
    assert debug.returncode == 2 and "Traceback" in debug.stderr and "not a SQLite file" in debug.stderr


def test_limits_from_the_command_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT * 3)
    result = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--max-file-bytes", "100")
    no_traceback(result)
    assert result.returncode == 2 and "over the limit of 100 bytes" in result.stderr
