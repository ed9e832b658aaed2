"""One reader per input format. Each yields documents and the errors it met, so one
bad record never costs the rest of the file."""
from __future__ import annotations

import contextlib
import gzip
import io
import json
from pathlib import Path
from typing import Iterator, Union

from dateline.errors import InputError
from dateline.ingest.documents import RawDocument
from dateline.ingest.encoding import decode

ReadResult = Iterator[Union[RawDocument, InputError]]


def read_text(path: Path) -> ReadResult:
    text, enc = decode(path.read_bytes(), str(path))
    yield RawDocument(path=str(path), content=text, kind="text", encoding=enc)


def read_html(path: Path) -> ReadResult:
    text, enc = decode(path.read_bytes(), str(path), html=True)
    yield RawDocument(path=str(path), content=text, kind="html", encoding=enc)


def _str_field(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(where, f"field '{key}' must be a string, got {type(value).__name__}")
    return value


def read_jsonl(path: Path) -> ReadResult:
    """One article a line: `text` or `html`, optional `title`, `url`, `published`, `outlet`."""
    data = path.read_bytes()
    text, _ = decode(data, str(path), strict_utf8=True)
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{path}#line={number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(where, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "a line must be a JSON object")
            continue
        try:
            body = _str_field(record, "text", where)
            html = _str_field(record, "html", where)
            if not body and not html:
                raise InputError(where, "record has neither 'text' nor 'html'")
            published = _str_field(record, "published", where)
            yield RawDocument(
                path=where,
                content=html if html and not body else body,
                kind="html" if html and not body else "text",
                encoding="utf-8",
                title=_str_field(record, "title", where),
                url=_str_field(record, "url", where),
                published=published,
                outlet=_str_field(record, "outlet", where),
                extra={"published_from": "JSON field 'published'"} if published else {},
            )
        except InputError as err:
            yield err


def _warc_magic(path: Path) -> bytes:
    with path.open("rb") as raw:
        head = raw.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as stream:  # type: ignore[operator]
            return stream.read(5)
    except (OSError, EOFError) as err:
        raise InputError(str(path), f"broken WARC: {err}") from err


def read_warc(path: Path) -> ReadResult:
    """HTML response records of a WARC file; other records are not articles and are passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if _warc_magic(path) != b"WARC/":
        raise InputError(str(path), "not a WARC file (it does not start with a WARC/1.x record)")
    number = 0
    warnings = io.StringIO()
    try:
        with path.open("rb") as stream, contextlib.redirect_stderr(warnings):
            for record in ArchiveIterator(stream, arc2warc=False):
                if record.rec_type != "response":
                    continue
                number += 1
                where = f"{path}#record={number}"
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                try:
                    body = record.content_stream().read()
                    text, enc = decode(body, where, html=True)
                except InputError as err:
                    yield err
                    continue
                yield RawDocument(
                    path=where,
                    content=text,
                    kind="html",
                    encoding=enc,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    crawled=(record.rec_headers.get_header("WARC-Date") or "")[:10] or None,
                )
    except (ArchiveLoadFailed, gzip.BadGzipFile, EOFError, OSError, ValueError) as err:
        yield InputError(str(path), f"broken WARC after {number} response record(s): {str(err).strip().splitlines()[0]}")
        return
    if "WARNING" in warnings.getvalue():
        yield InputError(str(path), f"WARC record after response {number} has a wrong Content-Length; the rest of the file may be lost")
    elif number == 0:
        yield InputError(str(path), "WARC file holds no response record")


def read_path(path: Path) -> ReadResult:
    """Read one file by its type; an unreadable file yields a single InputError."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        reader = read_warc
    elif name.endswith(".jsonl"):
        reader = read_jsonl
    elif name.endswith((".html", ".htm")):
        reader = read_html
    elif name.endswith(".txt"):
        reader = read_text
    else:
        yield InputError(str(path), "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)")
        return
    try:
        yield from reader(path)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror or err}")
