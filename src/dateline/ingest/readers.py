"""One reader per input format. Each yields documents and the errors it met, so one
bad record never costs the rest of the file.

Readers stream: a file, a JSONL line or a WARC record is read up to its limit (`ReadLimits`) and
no further; what lies beyond a limit is streamed through and reported, never held in memory.
Every record is accounted for: yielded as a document, or as an InputError (skipped) or a
PassedOver (not an article) naming it and why."""
from __future__ import annotations

import contextlib
import gzip
import io
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional, Union

from dateline.errors import InputError, LimitExceeded, PassedOver
from dateline.ingest.documents import RawDocument
from dateline.ingest.encoding import bom_encoding, decode, safe_text
from dateline.ingest.limits import DEFAULT_LIMITS, ReadLimits

ReadResult = Iterator[Union[RawDocument, InputError]]
BOOKKEEPING = ("warcinfo", "request", "metadata")  # WARC records that describe the crawl, not content
CHUNK = 1 << 16  # bytes read at a time when streaming through what is not kept


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def read_bounded(path: Path, limit: int) -> bytes:
    """A whole file, or an InputError when it is larger than `limit` (checked before reading)."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), f"file is {_size(size)}, over the limit of {_size(limit)} for one article "
                                    "(--max-file-bytes); not read")
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew while we looked, or stat lied (a special file)
        raise InputError(str(path), f"file is over the limit of {_size(limit)} for one article (--max-file-bytes); not read")
    return data


def read_text(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> ReadResult:
    text, enc = decode(read_bounded(path, limits.max_file_bytes), str(path))
    yield RawDocument(path=str(path), content=text, kind="text", encoding=enc)


def read_html(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> ReadResult:
    text, enc = decode(read_bounded(path, limits.max_file_bytes), str(path), html=True)
    yield RawDocument(path=str(path), content=text, kind="html", encoding=enc)


def _str_field(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(where, f"field '{key}' must be a string, got {type(value).__name__}")
    return safe_text(value)


def _byte_lines(stream, limit: int) -> Iterator[tuple[Optional[str], int, bool]]:
    """(line, its size, ended by a newline); line is None when it is longer than `limit` bytes
    (streamed through to its end) or not valid UTF-8 (its problem is in place of its size)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        ended = line.endswith(b"\n")
        if len(line) > limit and not ended:
            size = len(line)
            while True:
                more = stream.readline(CHUNK)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield None, size, True
            continue
        try:
            yield line.decode("utf-8"), len(line), ended
        except UnicodeDecodeError as err:
            yield None, -1 - err.start, ended


def _text_lines(stream, limit: int) -> Iterator[tuple[Optional[str], int, bool]]:
    """The same over a decoded stream (UTF-16 or UTF-32 with a mark); sizes in characters."""
    first = True
    while True:
        line = stream.readline(limit + 1)
        if first:
            line, first = line.lstrip("\ufeff"), False
        if not line:
            return
        ended = line.endswith("\n")
        if len(line) > limit and not ended:
            size = len(line)
            while True:
                more = stream.readline(CHUNK)
                size += len(more)
                if not more or more.endswith("\n"):
                    break
            yield None, size, True
            continue
        yield line, len(line), ended


def read_jsonl(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> ReadResult:
    """One article a line: `text` or `html`, optional `title`, `url`, `published`, `outlet`.
    Lines are read one at a time; a line over `max_record_bytes` is streamed through and reported."""
    limit = limits.max_record_bytes
    any_line = False
    with path.open("rb") as raw:
        marked = bom_encoding(raw.read(4))
        raw.seek(0)
        if marked and marked[0] != "utf-8":
            stream = io.TextIOWrapper(raw, encoding=marked[0], errors="strict", newline="")
            lines = _text_lines(stream, limit)
        else:
            if marked:
                raw.seek(marked[1])
            lines = _byte_lines(raw, limit)
        number = 0
        try:
            for number, (line, size, ended) in enumerate(lines, start=1):
                where = f"{path}#line={number}"
                if line is None:
                    any_line = True
                    if size >= 0:
                        yield InputError(where, f"line is {_size(size)}, over the limit of {_size(limit)} for one "
                                                "record (--max-record-bytes); not read")
                    else:
                        yield InputError(where, f"invalid UTF-8 at byte {-1 - size} of the line")
                    continue
                if not line.strip():
                    continue
                any_line = True
                yield from _jsonl_record(line, where, ended)
        except UnicodeDecodeError as err:
            yield InputError(f"{path}#line={number + 1}", f"invalid {marked[0].upper() if marked else 'text'} "
                                                          f"({err.reason}); the rest of the file is not read")
            return
    if not any_line:
        raise InputError(str(path), "empty file")


def _jsonl_record(line: str, where: str, ended: bool) -> ReadResult:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        why = f"invalid JSON ({err.msg} at column {err.colno})" if isinstance(err, json.JSONDecodeError) \
            else "invalid JSON (nested too deeply)"
        if not ended:
            why += "; the file ends inside this line, so it was probably cut off"
        yield InputError(where, why)
        return
    if not isinstance(record, dict):
        yield InputError(where, "a line must be a JSON object")
        return
    try:
        body = _str_field(record, "text", where)
        html = _str_field(record, "html", where)
        if not (body and body.strip()) and not (html and html.strip()):
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


# WARC and HTTP header lines are short (a long URL runs to a few KB): a line past this is no header,
# and warcio would hold all of it in memory looking for its end.
MAX_HEADER_LINE = 1 << 20


class _Source(io.RawIOBase):
    """A WARC's bytes as warcio reads them: gunzipped (every member in turn) under the decompression
    limit, and, while warcio parses headers, no line longer than MAX_HEADER_LINE."""

    def __init__(self, raw, gz: bool, limit: Optional[int]):
        self._read = gzip.GzipFile(fileobj=raw, mode="rb").read1 if gz else raw.read1
        self.limit = limit
        self.total = 0
        self.pending: Optional[BaseException] = None
        self._headers = False
        self._run = 0  # bytes since the last line break, while parsing headers

    def readable(self) -> bool:
        return True

    @contextlib.contextmanager
    def parsing_headers(self):
        self._headers, self._run = True, 0
        try:
            yield
        finally:
            self._headers = False

    def readinto(self, buffer) -> int:
        if self.pending is not None:  # a break met on the previous read: raise it now, where it lies (it stays
            raise self.pending      # set: warcio takes an EOFError for the end, so the reader checks it after)
        want = len(buffer) if self.limit is None else min(len(buffer), self.limit + 1 - self.total)
        if want <= 0:
            raise LimitExceeded("decompressed", self.total)
        try:
            data = self._read(want)  # one step at a time, so the records before a break are read first
        except (OSError, EOFError, zlib.error) as err:
            self.pending = err
            return 0
        self.total += len(data)
        if self.limit is not None and self.total > self.limit:
            raise LimitExceeded("decompressed", self.total)
        if self._headers:
            newline = data.rfind(b"\n")
            self._run = self._run + len(data) if newline < 0 else len(data) - newline - 1
            if self._run > MAX_HEADER_LINE:
                raise LimitExceeded("header", self._run)
        buffer[: len(data)] = data
        return len(data)


def _warc_stream(path: Path, raw, limits: ReadLimits):
    """The WARC's bytes, decompressed when gzipped (under the decompression limit), header lines bounded."""
    head = raw.read(2)
    raw.seek(0)
    gz = head == b"\x1f\x8b"
    source = _Source(raw, gz, limits.decompressed_limit(path.stat().st_size) if gz else None)
    return io.BufferedReader(source, buffer_size=CHUNK), source


def _header(headers, name: str) -> str:
    return ((headers.get_header(name) if headers else None) or "").strip()


def _decode_body(record, body: bytes, limit: int, where: str) -> bytes:
    """The HTTP body with its Transfer-Encoding and Content-Encoding undone, up to `limit` bytes."""
    original = record.raw_stream
    record.raw_stream = io.BytesIO(body)
    try:
        decoded = record.content_stream().read(limit + 1)
    except (OSError, EOFError, ValueError, zlib.error) as err:
        raise InputError(where, f"HTTP body cannot be decoded ({_header(record.http_headers, 'Content-Encoding') or 'chunked'}: {err})") from err
    finally:
        record.raw_stream = original
    if len(decoded) > limit:
        raise InputError(where, f"record decodes to more than {_size(limit)}, the limit for one record (--max-record-bytes); not stored")
    return decoded


def _drain(stream, keep: int) -> tuple[Optional[bytes], int]:
    """Read a record's block to its end: (its first `keep` bytes, or None when longer; bytes read)."""
    kept: Optional[bytearray] = bytearray()
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if kept is not None:
            if len(kept) + len(chunk) > keep:
                kept = None  # over the limit: stream through the rest, keep nothing
            else:
                kept += chunk
    return (bytes(kept) if kept is not None else None), total


def read_warc(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> ReadResult:
    """HTML response (and resource) records of a WARC file. Other records are counted and named
    as passed over; a record cut short, over a limit or undecodable is named as skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0  # response and resource records seen
    stored = failed = 0
    other: Counter = Counter()  # what was passed over, by kind
    where = str(path)
    with path.open("rb") as raw:
        stream, source = _warc_stream(path, raw, limits)
        try:
            head = stream.peek(5)[:5]
        except (OSError, EOFError, zlib.error, LimitExceeded) as err:
            raise InputError(str(path), f"broken WARC: {_first_line(err)}") from err
        if head != b"WARC/":
            if source.pending is not None:
                raise InputError(str(path), f"broken gzip: {_first_line(source.pending)}")
            raise InputError(str(path), "not a WARC file (it does not start with a WARC/1.x record)")
        archive = ArchiveIterator(stream, arc2warc=False)
        records = iter(archive)
        warnings = io.StringIO()
        in_hand = ""
        try:
            while True:
                errors_before = archive.err_count
                # warcio warns on stderr: catch it only around its own reads, where it also parses headers
                with contextlib.redirect_stderr(warnings), source.parsing_headers():
                    record = next(records, None)
                if archive.err_count > errors_before:
                    yield InputError(where, "the record's Content-Length does not match its block: it may be cut "
                                            "short or run into the next record")
                if record is None:
                    break
                kind = record.rec_type
                if not kind or record.length is None:
                    _drain(record.raw_stream, 0)
                    failed += 1
                    yield InputError(str(path), f"a record after response record {number} has incomplete headers "
                                                "(no WARC-Type or Content-Length): the file is cut off or mangled there")
                    continue
                if kind not in ("response", "resource"):
                    _drain(record.raw_stream, 0)  # read here, not in warcio's header parse (line limit)
                    other[f"{kind} record"] += 1
                    continue
                number += 1
                where = f"{path}#record={number}"
                in_hand = f"; record {number} was being read and is not stored"
                item = _warc_record(record, where, limits, other)
                in_hand = ""
                if item is not None:
                    stored += isinstance(item, RawDocument)
                    failed += isinstance(item, InputError)
                    yield item
        except LimitExceeded as err:
            if err.args[0] == "header":
                yield InputError(str(path), f"a header line runs past {_size(MAX_HEADER_LINE)} without a line break: "
                                            f"not a WARC record; stopped reading after {number} response record(s){in_hand}")
                return
            yield InputError(str(path), f"decompresses to more than {_size(source.limit)} "
                             f"({limits.max_expansion} times its size of {_size(path.stat().st_size)}, or "
                             f"--max-decompressed-bytes): a decompression bomb? Stopped reading after "
                             f"{number} response record(s){in_hand}")
            return
        except (ArchiveLoadFailed, gzip.BadGzipFile, EOFError, OSError, ValueError, zlib.error,
                AttributeError, KeyError, IndexError, TypeError) as err:  # warcio on mangled headers
            cut = isinstance(err, EOFError) or "end-of-stream" in str(err)
            what = "the compressed file is cut off" if cut else f"broken WARC ({_first_line(err)})"
            yield InputError(str(path), f"{what} after {number} response record(s){in_hand}")
            return
        if source.pending is None:
            tail = source.total - getattr(archive, "offset", source.total)
            if tail > 0:  # warcio takes a record header cut short for the end of the file
                yield InputError(str(path), f"the file ends inside a record's headers ({_size(tail)} after the last "
                                            f"whole record, {number} response record(s) read): it was cut off")
                return
        if source.pending is not None:  # the break was met as the file's last read
            err = source.pending
            cut = isinstance(err, EOFError) or "end-of-stream" in str(err)
            what = "the compressed file is cut off" if cut else f"broken gzip ({_first_line(err)})"
            yield InputError(str(path), f"{what} after {number} response record(s)")
            return
    content = {k: n for k, n in other.items() if k.split()[0] not in BOOKKEEPING}
    listing = ", ".join(f"{n} {k}" for k, n in sorted(other.items(), key=lambda kv: (-kv[1], kv[0])))
    if number == 0:
        yield InputError(str(path), "WARC file holds no response record" + (f" (only {listing})" if listing else ""))
    elif stored == 0 and failed == 0:
        yield InputError(str(path), f"WARC file holds no HTML article: passed over {listing}")
    elif content:
        yield PassedOver(str(path), "passed over " + ", ".join(
            f"{n} {k}" for k, n in sorted(content.items(), key=lambda kv: (-kv[1], kv[0]))) + ": not articles")


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _warc_record(record, where: str, limits: ReadLimits, other: Counter) -> Union[RawDocument, InputError, None]:
    """One response or resource record: a document, an error, or None when it is no article (counted)."""
    limit = limits.max_record_bytes
    truncated = _header(record.rec_headers, "WARC-Truncated")
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else ""
        ctype = _header(record.http_headers, "Content-Type")
    else:
        status, ctype = "200", (record.content_type or "")
    raw_body, received = _drain(record.raw_stream, limit)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return InputError(where, f"record cut short: {_size(missing)} of its declared length are missing "
                                 "(the file ends early); not stored")
    if not (status or "").startswith("2"):
        other[f"HTTP {status or 'status unknown'} response"] += 1
        return None
    media = ctype.split(";")[0].strip().lower() or "no Content-Type"
    if "html" not in media:
        other[f"{media} {record.rec_type}"] += 1
        return None
    if truncated:
        return InputError(where, f"the crawler truncated this record (WARC-Truncated: {truncated}); not stored")
    if raw_body is None:
        return InputError(where, f"record is {_size(received)}, over the limit of {_size(limit)} for one record "
                                 "(--max-record-bytes); streamed past, not stored")
    try:
        body = _decode_body(record, raw_body, limit, where)
        text, enc = decode(body, where, html=True)
    except InputError as err:
        return err
    return RawDocument(
        path=where,
        content=text,
        kind="html",
        encoding=enc,
        url=_header(record.rec_headers, "WARC-Target-URI") or None,
        crawled=_header(record.rec_headers, "WARC-Date")[:10] or None,
    )


READERS = {".warc": read_warc, ".warc.gz": read_warc, ".jsonl": read_jsonl, ".html": read_html, ".htm": read_html,
           ".txt": read_text}


def read_path(path: Path, limits: Optional[ReadLimits] = None) -> ReadResult:
    """Read one file by its type; an unreadable file yields a single InputError. Never raises
    for any content: whatever goes wrong is yielded as an InputError naming the file."""
    limits = limits or DEFAULT_LIMITS
    name = path.name.lower()
    reader = next((r for suffix, r in sorted(READERS.items(), key=lambda kv: -len(kv[0])) if name.endswith(suffix)), None)
    if reader is None:
        yield InputError(str(path), "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)")
        return
    try:
        yield from reader(path, limits)
    except InputError as err:
        yield err
    except MemoryError:
        yield InputError(str(path), "ran out of memory reading this file; lower the read limits")
    except RecursionError:
        yield InputError(str(path), "nested too deeply to read")
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err.strerror or err}")
    except (ValueError, EOFError, zlib.error, LimitExceeded) as err:
        yield InputError(str(path), f"cannot read: {_first_line(err)}")
    except Exception as err:  # noqa: BLE001 - no input may stop a build: name the file and go on
        yield InputError(str(path), f"cannot read ({type(err).__name__}: {_first_line(err)})")
