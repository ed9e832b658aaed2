"""Fuzz the readers and the cleaner: random and mutated inputs, checking that no exception escapes,
that every input is stored or reported, and that memory stays bounded.

Each input is written to a file with one of the supported suffixes and goes through the real
`read_path` (with the default read limits) and the pipeline's `to_record` and `clean_document` (HTML
extraction, text limits, chrome removal). Inputs: random bytes, random Unicode in several encodings, and mutations
of seed files written here (a WARC of three pages, plain and gzipped, a JSONL feed, HTML, UTF-16
text): truncation at a random byte, flipped and inserted bytes, spliced seeds, hostile tokens
(WARC headers, huge Content-Length, BOMs, deep nesting), and now and then a large input (a
decompression bomb, a long line, a huge record) to check memory.

    PYTHONPATH=src python bench/fuzz.py --minutes 30 [--seed 1] [--save DIR]

Prints a table, then one JSON line: inputs tried, per second, crashes, unreported inputs, peak RSS.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.errors import InputError, PassedOver
from dateline.ingest import read_path
from dateline.ingest.documents import RawDocument
from dateline.ingest.limits import DEFAULT_LIMITS, ReadLimits

RSS_BAR_MB = 1024  # the bar: peak RSS under 1 GB over the whole run
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
BIG_EVERY = 150  # one input in this many is a large one (a bomb, a long line, a huge record)

ARTICLE = ("OSLO, March 3 (Reuters) - Norwegian and Icelandic ministers met in Oslo on Monday to resume talks on "
           "mackerel quotas after the last round collapsed in January.\n\nThe talks will continue on Wednesday, "
           "officials said. \u201cWe are close,\u201d the minister said.\n")
PAGE = ("<html><head><meta charset=\"utf-8\"><title>Talks resume</title>"
        "<meta property=\"article:published_time\" content=\"2024-03-04\"></head><body><nav>Home | World</nav>"
        "<article><h1>Talks resume</h1>" + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) +
        "</article><footer>Subscribe now</footer></body></html>")
TOKENS = [b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"Content-Length: 99999999999\r\n", b"Content-Length: -5\r\n",
          b"\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"Content-Encoding: gzip\r\n",
          b"Transfer-Encoding: chunked\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff",
          b"\x1f\x8b\x08\x00", b"[" * 5000, b'{"text": "', b'"}\n', b"\\ud800", b"\x00", b"\xff", b"\n" * 50,
          b"<script>alert(1)</script>", b"<!--", b"]]>", "\u202e".encode(),
          "\u2028".encode(), b"charset=utf-16", b"<meta charset=\"klingon\">"]


def warc(pages: list[tuple[str, bytes, str]], gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2024-03-04T10:00:00Z"}))
    return out.getvalue()


def seeds() -> dict[str, list[bytes]]:
    """Valid files of every kind, to mutate."""
    page = PAGE.encode()
    pages = [("https://x.example/a", page, "text/html; charset=utf-8"),
             ("https://x.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image/png"),
             ("https://x.example/b", page.replace(b"Oslo", b"Bergen"), "text/html")]
    line = json.dumps({"title": "Talks", "text": ARTICLE, "published": "2024-03-04", "outlet": "Wire"})
    html_line = json.dumps({"html": PAGE, "url": "https://x.example/c"})
    return {
        ".warc": [warc(pages, False)],
        ".warc.gz": [warc(pages, True)],
        ".jsonl": [(line + "\n" + html_line + "\n").encode(), (line + "\n").encode("utf-16")],
        ".html": [page, PAGE.encode("utf-16")],
        ".htm": [page.replace(b"utf-8", b"iso-8859-1").replace(b"minister", "minist\xe9r".encode("latin-1"))],
        ".txt": [ARTICLE.encode(), ARTICLE.encode("utf-16-le"), ("\ufeff" + ARTICLE).encode("utf-8")],
    }


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """One to four random edits: cut, flip, insert, delete, duplicate, splice, hostile token."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        at = rng.randint(0, len(data))
        if op == 0:
            del data[at:]
        elif op == 1 and data:
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 2:
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif op == 3:
            del data[at:at + rng.randint(1, 256)]
        elif op == 4:
            end = rng.randint(at, len(data))
            data[end:end] = data[at:end] * rng.randint(1, 3)
        elif op == 5:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            data = data[:at] + bytearray(other[cut:])
        else:
            data[at:at] = rng.choice(TOKENS)
    return bytes(data)


def random_text(rng: random.Random) -> str:
    alphabet = [chr(rng.randrange(0x20, 0x7f)) for _ in range(40)] + ["\n", "\n\n", " ", "\t", "\r", "\x00", "\x1b",
                                                                      "\u2028", "\ufeff", "\u202e", "\ud800", "é", "漁",
                                                                      "😀", ". ", "<p>", "</p>", "<"]
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3000)))


def big_input(rng: random.Random) -> tuple[str, bytes]:
    """A large input: a gzip bomb, a huge WARC record, a long JSONL line, a long one-line text."""
    kind = rng.randrange(5)
    if kind == 0:  # decompression bomb: 300 MB of one byte in a .warc.gz
        head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/bomb\r\n"
                b"Content-Length: 300000100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
            gz.write(head)
            chunk = b"a" * (1 << 20)
            for _ in range(300):
                gz.write(chunk)
        return ".warc.gz", out.getvalue()
    if kind == 1:  # one record of 12 MB of HTML, over the record limit
        return ".warc", warc([("https://x.example/huge", b"<html><body><p>" + b"word " * 2_400_000 + b"</p></body></html>",
                               "text/html")], False)
    if kind == 2:  # a JSONL line of 10 MB, then a good line
        return ".jsonl", b'{"text": "' + b"x" * 10_000_000 + b'"}\n' + seeds()[".jsonl"][0]
    if kind == 3:  # a WARC header line of 40 MB with no end
        return rng.choice((".warc", ".warc.gz")), b"WARC/1.0\r\nWARC-Type: response\r\nX: " + b"a" * 40_000_000
    return ".txt", (b"and the talks went on without end " * 200_000)[: rng.randint(1_000_000, 7_000_000)]


@dataclass
class Outcome:
    crashed: str = ""  # the traceback when an exception escaped
    unreported: list = field(default_factory=list)  # what vanished: a file with no item, a document with no fate
    docs: int = 0
    reported: int = 0
    internal: list = field(default_factory=list)  # reasons from read_path's last-resort catch: bugs to fix
    contents: list = field(default_factory=list)  # the documents' content, to compare with the seed's


def check(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Outcome:
    """Read one file and take its documents through extraction, the text limit and cleaning, as a
    build does; account for everything."""
    from dateline.engine.local import clean_document
    from dateline.pipeline import to_record
    from dateline.settings import Settings

    settings = Settings(read=limits)
    outcome = Outcome()
    try:
        items = list(read_path(path, limits))
        for item in items:
            if not isinstance(item, (RawDocument, InputError)):
                outcome.unreported.append(f"reader yielded {type(item).__name__}")
        docs = [i for i in items if isinstance(i, RawDocument)]
        outcome.docs = len(docs)
        outcome.contents = [d.content for d in docs]
        outcome.reported = sum(isinstance(i, InputError) for i in items)
        outcome.internal = [i.problem for i in items if isinstance(i, InputError) and i.problem.startswith("cannot read (")]
        if not items:
            outcome.unreported.append(f"{path.name}: no document and no reason")
        for doc in docs:
            try:
                record, _cut = to_record(doc, limits)
            except InputError as err:  # reported: the build lists it as skipped
                if not err.problem:
                    outcome.unreported.append(f"{doc.path}: skipped with no reason")
                continue
            cleaned = clean_document(record, "fuzz", frozenset(), settings)
            if isinstance(cleaned, str):  # reported with its reason
                continue
            # what goes on to analysis is within the limit and writable as UTF-8
            assert len(cleaned.text) <= limits.max_text_chars, f"{doc.path}: text over the limit"
            cleaned.text.encode("utf-8")
            (cleaned.title or "").encode("utf-8")
    except Exception:  # noqa: BLE001 - this is what the fuzzer looks for
        outcome.crashed = traceback.format_exc()
    return outcome


FRAMED = (".warc", ".warc.gz", ".jsonl")  # formats whose records say where they end: a cut can be told
_ORIGINALS: dict[bytes, set] = {}


def originals(seed: bytes, suffix: str, work: Path) -> set:
    """The documents a whole seed file holds."""
    if seed not in _ORIGINALS:
        path = work / f"seed{suffix}"
        path.write_bytes(seed)
        _ORIGINALS[seed] = {d.content for d in read_path(path) if isinstance(d, RawDocument)}
        path.unlink()
    return _ORIGINALS[seed]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--save", type=Path, help="folder to keep failing inputs in")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = seeds()
    everything = [d for ds in pool.values() for d in ds]
    tried = crashes = unreported = docs = reported = big = internal = 0
    kinds: dict[str, int] = {}
    failures: list[dict] = []
    start = time.perf_counter()
    deadline = start + args.minutes * 60
    with tempfile.TemporaryDirectory(prefix="dateline-fuzz-") as tmp:
        work = Path(tmp)
        while time.perf_counter() < deadline:
            tried += 1
            if tried % BIG_EVERY == 0:
                suffix, data = big_input(rng)
                how = "large"
                big += 1
            else:
                suffix = rng.choice(SUFFIXES)
                how = rng.choice(("mutated", "mutated", "mutated", "truncated", "random bytes", "random text"))
                if how == "truncated" and suffix not in FRAMED:
                    how = "mutated"
                if how == "truncated":
                    seed_data = rng.choice(pool[suffix])
                    data = seed_data[: rng.randint(0, len(seed_data))]
                elif how == "mutated":
                    data = mutate(rng, rng.choice(pool[suffix]), everything)
                elif how == "random bytes":
                    data = rng.randbytes(rng.randint(0, 4096))
                else:
                    text = random_text(rng)
                    if suffix == ".jsonl":
                        text = json.dumps({"text": text}) + "\n"
                    data = text.encode(rng.choice(("utf-8", "utf-16", "utf-32")), errors="surrogatepass")
            kinds[how] = kinds.get(how, 0) + 1
            path = work / f"input{suffix}"
            path.write_bytes(data)
            outcome = check(path)
            docs += outcome.docs
            internal += bool(outcome.internal)
            for problem in outcome.internal:
                print(f"internal error caught, input {tried} ({how}{suffix}): {problem}", file=sys.stderr, flush=True)
            reported += outcome.reported
            if how == "truncated":  # a cut file may lose records, but never store one short
                whole = originals(seed_data, suffix, work)
                outcome.unreported += [f"a record stored short ({len(c)} characters)" for c in outcome.contents
                                       if c not in whole]
            if outcome.crashed or outcome.unreported:
                crashes += bool(outcome.crashed)
                unreported += bool(outcome.unreported)
                failure = {"input": tried, "suffix": suffix, "how": how, "size": len(data),
                           "crash": outcome.crashed.strip().splitlines()[-1] if outcome.crashed else None,
                           "unreported": outcome.unreported[:3]}
                failures.append(failure)
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"fail-{tried}{suffix}").write_bytes(data)
                    (args.save / f"fail-{tried}.txt").write_text(outcome.crashed or "\n".join(outcome.unreported))
                print(f"FAIL input {tried} ({how}{suffix}, {len(data)} bytes): "
                      f"{failure['crash'] or failure['unreported']}", file=sys.stderr, flush=True)
            path.unlink()
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    rate = tried / seconds if seconds else 0.0
    print(f"{'measure':<26}{'value':>14}")
    for name, value in (("minutes", f"{seconds / 60:.1f}"), ("seed", args.seed), ("inputs tried", tried),
                        ("inputs per second", f"{rate:.1f}"), ("  of them large", big),
                        *((f"  {k}", v) for k, v in sorted(kinds.items())),
                        ("documents read", docs), ("reasons reported", reported), ("crashes", crashes),
                        ("unreported inputs", unreported),
                        ("internal errors caught", internal), ("peak RSS MB", f"{rss:.0f}")):
        print(f"{name:<26}{value!s:>14}")
    for failure in failures[:10]:
        print(f"  failure: {failure}")
    print(json.dumps({"bench": "fuzz", "minutes": round(seconds / 60, 2), "seed": args.seed, "inputs": tried,
                      "inputs_per_second": round(rate, 1), "large_inputs": big, "crashes": crashes,
                      "unreported": unreported, "internal_errors_caught": internal, "peak_rss_mb": round(rss),
                      "passed": crashes == 0 and unreported == 0 and rss < RSS_BAR_MB}))


if __name__ == "__main__":
    main()
