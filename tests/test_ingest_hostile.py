"""Hostile and broken input at the readers: truncation anywhere, bombs, limits, encodings, loops.
Every probe checks that each record is either read whole or named with its reason."""
from __future__ import annotations

import gzip
import os
import resource
import time
from io import BytesIO
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import run_cli
from dateline.errors import InputError, PassedOver
from dateline.ingest import discover, read_path
from dateline.ingest.discover import MISSING
from dateline.ingest.documents import RawDocument
from dateline.ingest.limits import ReadLimits, cut_text

BODY = "Ministers met in Oslo on Monday to discuss fishing quotas for the coming season. " * 8
PAGE = f"<html><head><title>T</title></head><body><article><p>{BODY}</p></article></body></html>".encode()
SMALL = ReadLimits(max_file_bytes=4096, max_record_bytes=4096, min_bomb_bytes=64 * 1024, max_expansion=20)


def items(path: Path, limits: ReadLimits | None = None):
    got = list(read_path(path, limits))
    docs = [i for i in got if isinstance(i, RawDocument)]
    errors = [i for i in got if isinstance(i, InputError) and not isinstance(i, PassedOver)]
    passed = [i for i in got if isinstance(i, PassedOver)]
    assert len(docs) + len(errors) + len(passed) == len(got) and got, f"{path}: nothing reported"
    return docs, errors, passed


def warc_bytes(records: list[tuple], gz: bool) -> bytes:
    """records: (url, body, content type[, status[, extra WARC headers[, extra HTTP headers]]])."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body, ctype, *rest in records:
        status = rest[0] if rest else "200 OK"
        warc_headers = {"WARC-Date": "2024-05-02T10:00:00Z", **(rest[1] if len(rest) > 1 else {})}
        http = [("Content-Type", ctype), *(rest[2] if len(rest) > 2 else [])]
        headers = StatusAndHeaders(status, http, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                                      warc_headers_dict=warc_headers))
    return out.getvalue()


THREE = [("https://x.example/a", PAGE, "text/html"), ("https://x.example/b", PAGE.replace(b"Oslo", b"Bergen"), "text/html"),
         ("https://x.example/c", PAGE.replace(b"Oslo", b"Tromso"), "text/html")]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_cut_anywhere_never_stores_a_short_record(tmp_path, gz):
    """Cut the file at every position (a crawl killed mid-write): each record comes out whole or
    not at all, and a cut that loses anything is reported."""
    data = warc_bytes(THREE, gz)
    whole = {url: body.decode() for url, body, _ in THREE}
    archive = ArchiveIterator(BytesIO(data))
    spans = [(archive.get_record_offset(), archive.get_record_length()) for _ in archive]
    # A cut between two records leaves a valid, shorter file: nothing to tell it from a complete one.
    between = {n for (o, n_len), (nxt, _) in zip(spans, spans[1:] + [(len(data), 0)]) for n in range(o + n_len, nxt + 1)}
    step = 1 if gz else 7
    for cut in range(0, len(data), step):
        path = tmp_path / f"cut.warc{'.gz' if gz else ''}"
        path.write_bytes(data[:cut])
        docs, errors, passed = items(path)
        for doc in docs:
            assert doc.content == whole[doc.url], f"cut at {cut}: record stored short"
        if len(docs) < 3 and cut not in between and cut > 0:
            assert errors, f"cut at {cut}: {3 - len(docs)} record(s) lost in silence"


def test_warc_gz_cut_inside_second_record_names_it(tmp_path):
    data = warc_bytes(THREE, True)
    first = len(warc_bytes(THREE[:1], True))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data[: first + 200])
    docs, errors, _ = items(path)
    assert [d.url for d in docs] == ["https://x.example/a"]
    assert len(errors) == 1 and errors[0].path == str(path) and "cut off" in errors[0].problem


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_record_over_the_limit_is_streamed_past_and_the_next_one_read(tmp_path, gz):
    big = b"<html><body><p>" + b"word " * 5000 + b"</p></body></html>"
    path = tmp_path / f"big.warc{'.gz' if gz else ''}"
    path.write_bytes(warc_bytes([("https://x.example/big", big, "text/html"), THREE[0]], gz))
    docs, errors, _ = items(path, SMALL)
    assert [d.url for d in docs] == ["https://x.example/a"]
    assert errors[0].path.endswith("#record=1") and "over the limit" in errors[0].problem


def test_decompression_bomb_is_stopped_early(tmp_path):
    bomb = b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>"
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(warc_bytes([THREE[0], ("https://x.example/bomb", bomb, "text/html"), THREE[1]], True))
    start = time.perf_counter()
    docs, errors, _ = items(path, SMALL)
    assert time.perf_counter() - start < 5
    assert [d.url for d in docs] == ["https://x.example/a"]
    assert "decompression bomb" in errors[-1].problem and "record 2 was being read" in errors[-1].problem


def test_http_body_content_encoding_is_undone_and_a_broken_one_reported(tmp_path):
    zipped = gzip.compress(PAGE)
    path = tmp_path / "enc.warc"
    path.write_bytes(warc_bytes([
        ("https://x.example/gz", zipped, "text/html", "200 OK", {}, [("Content-Encoding", "gzip")]),
        ("https://x.example/bad", zipped[:40], "text/html", "200 OK", {}, [("Content-Encoding", "gzip")]),
    ], False))
    docs, errors, _ = items(path)
    assert [d.content for d in docs] == [PAGE.decode()]
    assert errors and errors[0].path.endswith("#record=2")


def test_non_html_redirects_and_truncated_records_are_named(tmp_path):
    only_images = tmp_path / "images.warc.gz"
    only_images.write_bytes(warc_bytes([("https://x.example/a.png", b"\x89PNG", "image/png"),
                                        ("https://x.example/b.pdf", b"%PDF-1.4", "application/pdf")], True))
    docs, errors, _ = items(only_images)
    assert not docs and "no HTML article" in errors[0].problem and "image/png" in errors[0].problem
    mixed = tmp_path / "mixed.warc.gz"
    mixed.write_bytes(warc_bytes([THREE[0], ("https://x.example/a.png", b"\x89PNG", "image/png"),
                                  ("https://x.example/moved", b"", "text/html", "301 Moved Permanently"),
                                  ("https://x.example/cut", PAGE[:100], "text/html", "200 OK", {"WARC-Truncated": "length"})],
                                 True))
    docs, errors, passed = items(mixed)
    assert len(docs) == 1
    assert len(errors) == 1 and "truncated" in errors[0].problem and errors[0].path.endswith("#record=4")
    assert "image/png" in passed[0].problem and "HTTP 301" in passed[0].problem


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be"])
def test_encodings_by_byte_order_mark(tmp_path, codec):
    text = "Ministers met in Tromsø on Monday — «quotas» were discussed. 漁業"
    data = text.encode(codec)
    if codec in ("utf-16-be", "utf-16-le", "utf-32-be"):
        data = {"utf-16-be": b"\xfe\xff", "utf-16-le": b"\xff\xfe", "utf-32-be": b"\x00\x00\xfe\xff"}[codec] + data
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    docs, errors, _ = items(path)
    assert not errors and docs[0].content == text


def test_utf16_without_mark_and_broken_utf16(tmp_path):
    text = "Ministers met in Oslo on Monday to discuss fishing quotas."
    plain = tmp_path / "nomark.txt"
    plain.write_bytes(text.encode("utf-16-le"))
    docs, errors, _ = items(plain)
    assert docs[0].content == text and docs[0].encoding == "utf-16-le"
    broken = tmp_path / "broken.txt"
    broken.write_bytes("\ufeffOslo talks".encode("utf-16-le") + b"\x00\xd8A\x00")  # a lone high surrogate
    docs, errors, _ = items(broken)
    assert not docs and "invalid UTF-16-LE at byte" in errors[0].problem


def test_big_text_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "one-line.txt"
    with path.open("wb") as out:
        out.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs, errors, _ = items(path)
    assert "over the limit" in errors[0].problem and "--max-file-bytes" in errors[0].problem
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20_000  # KiB: nothing was read


def test_jsonl_lines_streamed_with_limits_and_hostile_strings(tmp_path):
    path = tmp_path / "feed.jsonl"
    long_line = '{"text": "' + "word " * 2000 + '"}'
    rows = [
        '{"text": "' + BODY + '", "title": "bad \\ud800 surrogate \\u0000 nul"}',
        long_line,
        '{"text": "split \u2028 inside a string stays one record ' + BODY + '"}',
        "[" * 3000,
        '{"text": "cut off',
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    docs, errors, _ = items(path, SMALL)
    assert docs[0].title == "bad \ufffd surrogate  nul"
    assert "\u2028" in docs[1].content and len(docs) == 2
    why = {e.path.rsplit("=", 1)[1]: e.problem for e in errors}
    assert "over the limit" in why["2"] and "invalid JSON" in why["4"] and "cut off" in why["5"]


def test_jsonl_with_a_utf16_mark(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(('{"text": "' + BODY + '"}\n{"text": "Zweite Zeile über Fisch ' + BODY + '"}\n').encode("utf-16"))
    docs, errors, _ = items(path)
    assert len(docs) == 2 and not errors and "über" in docs[1].content


def test_invalid_utf8_costs_one_jsonl_line_not_the_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "bad \xff byte"}\n' + ('{"text": "' + BODY + '"}\n').encode())
    docs, errors, _ = items(path)
    assert len(docs) == 1 and errors[0].path.endswith("#line=1") and "invalid UTF-8" in errors[0].problem


def test_loops_broken_links_and_special_files_are_named(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(BODY)
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # a loop through the tree
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "gone.txt").symlink_to(root / "missing.txt")
    os.mkfifo(root / "pipe.txt")
    files, passed = discover([str(root), str(root / "self")])
    assert files == [root / "sub" / "a.txt"]
    why = dict(passed)
    assert why[str(root / "sub" / "back")].startswith("symbolic link loop (it points back to")
    assert why[str(root / "self")].startswith("symbolic link loop")
    assert why[str(root / "gone.txt")].startswith("broken symbolic link")
    assert why[str(root / "pipe.txt")].startswith("not a regular file")
    assert all(reason in MISSING for reason in why.values())  # counted as skipped, not passed over


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder, so permissions cannot be tested")
def test_unreadable_folder_is_named(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(BODY)
    locked.chmod(0)
    try:
        files, passed = discover([str(tmp_path)])
        assert not files and any(p == str(locked) and r.startswith("cannot read folder") for p, r in passed)
    finally:
        locked.chmod(0o755)


def test_cut_text_at_paragraph_then_sentence_or_skip():
    paragraphs = "\n\n".join(["One paragraph of prose. " * 10] * 20)
    kept, note = cut_text(paragraphs, 1000)
    assert len(kept) <= 1000 and kept.endswith("prose.") and "paragraph boundary" in note
    one_line = "A sentence ends here. " * 200
    kept, note = cut_text(one_line, 1000)
    assert len(kept) <= 1000 and kept.endswith(".") and "sentence boundary" in note
    kept, note = cut_text("x" * 5000, 1000)
    assert kept is None and "not analysed" in note
    assert cut_text("short", 1000) == ("short", None)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_header_line_without_end_is_not_held_in_memory(tmp_path, gz):
    import tracemalloc

    data = warc_bytes(THREE[:1], False) + b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * 8_000_000
    path = tmp_path / f"junk.warc{'.gz' if gz else ''}"
    path.write_bytes(gzip.compress(data) if gz else data)
    tracemalloc.start()
    try:
        docs, errors, _ = items(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.url for d in docs] == ["https://x.example/a"]
    assert "header line runs past" in errors[0].problem
    assert peak < 4_000_000, f"{peak:,} bytes held for an 8 MB header line"


def test_long_text_is_cut_for_analysis_and_the_cut_reported(tmp_path):
    from dateline.pipeline import build
    from dateline.settings import Settings

    paragraph = "Ministers met in Oslo on Monday to discuss fishing quotas for the coming season, officials said. " * 3
    long_text = "\n\n".join([paragraph] * 40)
    (tmp_path / "long.txt").write_text(long_text)
    (tmp_path / "line.txt").write_text("and on and on without a stop " * 400)
    report = build([str(tmp_path / "long.txt"), str(tmp_path / "line.txt")], tmp_path / "s.sqlite",
                   settings=Settings(read=ReadLimits(max_text_chars=1000)))
    [stored] = report.story.articles
    assert stored.path.endswith("long.txt") and len(stored.text) <= 1000 and stored.text.endswith("officials said.")
    why = {Path(s.path).name: s.reason for s in report.story.skipped}
    assert why["long.txt"].startswith("text cut at a paragraph boundary") and f"of {len(long_text):,}" in why["long.txt"]
    assert "no paragraph or sentence break" in why["line.txt"]


def test_every_limit_has_a_default_and_a_reason():
    for name, info in ReadLimits.model_fields.items():
        assert info.default is not None and len(info.description or "") > 40, name


def test_the_build_command_tells_a_cut_text_from_a_skipped_one(tmp_path):
    """A cut text is stored and analysed in part: the command says "cut", not "skipped", and counts both."""
    paragraph = "Ministers met in Oslo on Monday to discuss fishing quotas for the coming season, officials said. " * 3
    (tmp_path / "long.txt").write_text("\n\n".join([paragraph] * 40))
    (tmp_path / "line.txt").write_text("and on and on without a stop " * 400)
    result = run_cli("build", str(tmp_path / "long.txt"), str(tmp_path / "line.txt"), "--out", str(tmp_path / "out"),
                     "--set", "read.max_text_chars=1000", "-q")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert any(l.startswith("cut: ") and "long.txt: text cut at a paragraph boundary" in l for l in lines), result.stderr
    assert any(l.startswith("skipped: ") and "line.txt" in l for l in lines), result.stderr
    assert "1 input(s) skipped, 1 cut short" in result.stderr
