"""Ingest: discovery, formats, encodings, manifests and the errors bad input gets."""
from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.errors import InputError, PassedOver
from dateline.ingest import discover, load_manifest, read_path
from dateline.ingest.documents import RawDocument

BODY = "Ministers met in Oslo on Monday to discuss fishing quotas for the coming season."


def read_all(path: Path):
    items = list(read_path(path))
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputError) and not isinstance(i, PassedOver)]


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2024-05-02T10:00:00Z"}))


def test_discover_folder_glob_and_missing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(BODY)
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "two.html").write_text("<p>x</p>")
    (tmp_path / "a" / "notes.csv").write_text("x")
    files, passed = discover([str(tmp_path / "a"), str(tmp_path / "a" / "*.txt"), str(tmp_path / "nope.txt")])
    assert sorted(f.name for f in files) == ["one.txt", "two.html"]  # the glob's match is not read twice
    reasons = dict(passed)
    assert "not an article file type" in reasons[str(tmp_path / "a" / "notes.csv")]
    assert reasons[str(tmp_path / "nope.txt")] == "no such file or folder"
    (tmp_path / "empty").mkdir()
    files, passed = discover([str(tmp_path / "empty")])
    assert files == [] and passed == [(str(tmp_path / "empty"), "folder holds no article files")]


def test_text_encodings(tmp_path):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("Café “quoted” text. " + BODY, encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(("Café society in Zürich: " + BODY + " Ça va.").encode("cp1252"))
    docs, errors = read_all(utf8)
    assert docs[0].content.startswith("Café “quoted”") and docs[0].encoding == "utf-8" and not errors
    docs, errors = read_all(legacy)
    assert not errors and "Café society in Zürich" in docs[0].content and docs[0].encoding != "utf-8"


@pytest.mark.parametrize(
    "name,data,problem",
    [
        ("empty.txt", b"  \n\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("broken.txt", "Café “quoted”".encode("utf-8") + b" \xff\xfe broken " + "naïve".encode("utf-8"), "invalid UTF-8 at byte"),
    ],
)
def test_bad_text_files_name_the_file_and_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    docs, errors = read_all(path)
    assert not docs and len(errors) == 1
    assert errors[0].path == str(path) and problem in errors[0].problem


def test_jsonl_records_and_broken_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": BODY, "title": "Quota talks", "url": "https://x.example/1", "published": "2024-05-01", "outlet": "X"}),
        "{not json",
        json.dumps({"html": "<html><body><article><p>" + BODY * 3 + "</p></article></body></html>"}),
        json.dumps({"title": "no body"}),
        json.dumps({"text": 42}),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, errors = read_all(path)
    assert [d.kind for d in docs] == ["text", "html"]
    assert docs[0].title == "Quota talks" and docs[0].published == "2024-05-01" and docs[0].outlet == "X"
    assert docs[0].path.endswith("#line=1")
    assert [e.path.rsplit("=", 1)[1] for e in errors] == ["2", "4", "5"]
    assert "invalid JSON" in errors[0].problem and "neither 'text' nor 'html'" in errors[1].problem
    assert "must be a string" in errors[2].problem


def test_warc_response_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    page = f"<html><head><title>T</title></head><body><article><p>{BODY}</p></article></body></html>".encode()
    write_warc(path, [("https://x.example/a", page, "text/html; charset=utf-8"),
                      ("https://x.example/logo.png", b"\x89PNG", "image/png")])
    docs, errors = read_all(path)
    assert not errors and len(docs) == 1
    assert docs[0].kind == "html" and docs[0].url == "https://x.example/a" and docs[0].crawled == "2024-05-02"


def test_broken_warc_keeps_records_before_the_break(tmp_path):
    good = tmp_path / "good.warc.gz"
    page = f"<html><body><p>{BODY}</p></body></html>".encode()
    write_warc(good, [("https://x.example/a", page, "text/html"), ("https://x.example/b", page, "text/html")])
    data = good.read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data + b"this is not a warc record at all\r\n\r\n" * 3)
    docs, errors = read_all(broken)
    assert len(docs) == 2 and len(errors) == 1
    assert errors[0].path == str(broken) and "broken WARC" in errors[0].problem
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"hello, this is not WARC\n" * 10)
    docs, errors = read_all(garbage)
    assert not docs and errors and errors[0].path == str(garbage)


def test_manifest_lookup_and_missing_file(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,published,outlet,title\na.txt,2024-05-01,Herald,A title\nmissing.txt,2024-01-01,,\n")
    loaded = load_manifest(manifest)
    assert len(loaded.errors) == 1 and "missing.txt" in loaded.errors[0].problem and "row=3" in loaded.errors[0].path
    doc = RawDocument(path=str(tmp_path / "a.txt"), content=BODY, kind="text")
    loaded.apply(doc)
    assert (doc.published, doc.outlet, doc.title) == ("2024-05-01", "Herald", "A title")


def test_manifest_without_key_column_is_an_error(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("name,published\na.txt,2024-05-01\n")
    with pytest.raises(InputError, match="'file' or 'url' column"):
        load_manifest(manifest)


def test_html_declared_legacy_charset(tmp_path):
    path = tmp_path / "page.html"
    page = ('<html><head><meta charset="windows-1252"><title>Zürich</title></head><body><p>'
            "Café owners in Zürich said on Monday that prices would rise again. " + BODY + "</p></body></html>")
    path.write_bytes(page.encode("cp1252"))
    docs, errors = read_all(path)
    assert not errors and docs[0].encoding == "windows-1252" and "Café owners in Zürich" in docs[0].content


def test_manifest_rows_by_url(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("url,published,outlet\nhttps://x.example/1,2024-05-01,Herald\n")
    loaded = load_manifest(manifest)
    doc = RawDocument(path=str(tmp_path / "feed.jsonl#line=1"), content=BODY, kind="text", url="https://x.example/1")
    other = RawDocument(path=str(tmp_path / "feed.jsonl#line=2"), content=BODY, kind="text", url="https://x.example/2")
    loaded.apply(doc)
    loaded.apply(other)
    assert (doc.published, doc.outlet) == ("2024-05-01", "Herald")
    assert (other.published, other.outlet) == (None, None)
