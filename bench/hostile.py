"""Hostile-input bench: a build over a 1 GB WARC record and a 50 MB one-line text, mixed with good files.

Measures the whole build's peak RSS (the child process's own maximum RSS, from wait4) and its time,
against a peer measured in the same run: the same build over the good files alone.
Bars: peak RSS <= 800 MB; both hostile files named in the build's report with their reason within
60 s; every good file stored. The big inputs are generated streaming in a temp folder (the WARC
gzipped, so it is small on disk). Prints a table, then one JSON line.

    PYTHONPATH=src python bench/hostile.py [--record-mb 1024] [--text-mb 50] [--keep DIR]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RSS_BAR_MB = 800  # the bar for the whole build
TIME_BAR_S = 60  # both hostile inputs reported within this
MB = 1_000_000

GOOD = [
    ("Fishing talks resume in Oslo",
     "OSLO, March 3 (Reuters) - Norwegian and Icelandic ministers met in Oslo on Monday to resume talks on mackerel "
     "quotas after the last round collapsed in January.\n\nThe talks will continue on Wednesday, officials said. "
     "Norway's fisheries minister said a deal was within reach but that Iceland had to accept a smaller share."),
    ("Iceland rejects quota offer",
     "REYKJAVIK, March 5 - Iceland on Wednesday rejected Norway's offer of a 12 percent share of the mackerel catch, "
     "its fisheries ministry said.\n\nThe minister told parliament that the offer ignored the fish's migration into "
     "Icelandic waters since 2007. Talks will resume in London next month."),
    ("EU joins mackerel dispute",
     "BRUSSELS, March 10 (AP) - The European Union said on Monday it would join talks between Norway and Iceland on "
     "mackerel quotas.\n\nA spokesman for the European Commission said the bloc wanted a deal before the summer "
     "season begins in June. Scottish fishermen have called for sanctions against Iceland."),
]


def write_big_warc(path: Path, record_bytes: int) -> None:
    """One WARC response record whose HTML body is `record_bytes` long, gzipped as it is written."""
    head = b"<html><head><title>Huge page</title></head><body><article><p>"
    tail = b"</p></article></body></html>"
    filler = b"The committee met again to discuss the same agenda without result. " * 1000
    body_len = record_bytes
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(body_len).encode() + b"\r\n\r\n")
    block = len(http) + body_len
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://huge.example/page\r\n"
            b"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: " + str(block).encode() + b"\r\n\r\n")
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(warc + http + head)
        left = body_len - len(head) - len(tail)
        while left > 0:
            piece = filler[: min(left, len(filler))]
            out.write(piece)
            left -= len(piece)
        out.write(tail + b"\r\n\r\n")


def write_one_line_text(path: Path, size: int) -> None:
    sentence = b"and the talks went on without a single line break "
    with path.open("wb") as out:
        left = size
        while left > 0:
            piece = (sentence * 20000)[: min(left, len(sentence) * 20000)]
            out.write(piece)
            left -= len(piece)


def run_build(args: list[str], env: dict) -> tuple[int, float, float, str, str]:
    """(exit code, seconds, peak RSS in MB, stdout, stderr) of one build in a child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "dateline", *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return proc.returncode, seconds, usage.ru_maxrss / 1024, out.read().decode(), err.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record-mb", type=int, default=1000, help="size of the WARC record's body in MB")
    parser.add_argument("--text-mb", type=int, default=50, help="size of the one-line text in MB")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="dateline-hostile-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        big_warc = corpus / "huge-record.warc.gz"
        write_big_warc(big_warc, args.record_mb * MB)
        one_line = corpus / "one-line.txt"
        write_one_line_text(one_line, args.text_mb * MB)
        for i, (title, text) in enumerate(GOOD, start=1):
            (corpus / f"good-{i}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        made = time.perf_counter() - t0
        env = {**os.environ, "COLUMNS": "200"}
        # Two builds: with the default limits (the WARC trips the decompression-bomb ratio, the text the
        # file limit, both before reading much), and with those limits raised past the inputs, so the
        # 1 GB record is streamed through to the record limit and the 50 MB text read, decoded and cut.
        variants = [("default limits", []),
                    ("bomb and file limits raised", ["--max-expansion", "1000000", "--max-file-bytes", str(64 << 20)])]
        # The peer: the same build over the good files alone, so the table shows what the hostile inputs add.
        good_only = work / "good-only"
        good_only.mkdir(exist_ok=True)
        for i in range(1, len(GOOD) + 1):
            shutil.copy(corpus / f"good-{i}.txt", good_only)
        _, peer_seconds, peer_rss, _, _ = run_build(["build", str(good_only), "--out", str(work / "out-peer")], env)
        results = []
        for name, extra in variants:
            out_dir = work / f"out-{len(results)}"
            code, seconds, rss_mb, out, err = run_build(["build", str(corpus), "--out", str(out_dir), *extra], env)
            story_path = out_dir / "story.json"
            stored = []
            if story_path.exists():
                stored = [Path(a["path"]).name for a in json.loads(story_path.read_text())["articles"]]
            reported = {p.name: next((line.strip() for line in err.splitlines() if p.name in line), None)
                        for p in (big_warc, one_line)}
            good_stored = all(f"good-{i}.txt" in stored for i in range(1, len(GOOD) + 1))
            bars = {"peak_rss": rss_mb <= RSS_BAR_MB, "reported_in_time": all(reported.values()) and seconds <= TIME_BAR_S,
                    "good_stored": good_stored, "exit_code_1": code == 1}
            results.append({"variant": name, "args": extra, "build_seconds": round(seconds, 1),
                            "peak_rss_mb": round(rss_mb), "exit_code": code, "reported": reported,
                            "good_stored": good_stored, "bars": bars, "stderr_tail": err[-2000:]})
        print(f"WARC record body {args.record_mb} MB ({big_warc.stat().st_size / MB:.1f} MB on disk), one-line text "
              f"{args.text_mb} MB, {len(GOOD)} good files; inputs generated in {made:.1f} s")
        print(f"{'variant':<30}{'time s':>8}{'x peer':>8}{'peak RSS MB':>13}{'x peer':>8}{'exit':>6}{'good stored':>13}  bars")
        print(f"{'peer: good files alone':<30}{peer_seconds:>8.1f}{1:>8.2f}{peer_rss:>13.0f}{1:>8.2f}")
        for r in results:
            r["seconds_vs_peer"] = round(r["build_seconds"] / peer_seconds, 2)
            r["rss_vs_peer"] = round(r["peak_rss_mb"] / peer_rss, 2)
            print(f"{r['variant']:<30}{r['build_seconds']:>8}{r['seconds_vs_peer']:>8.2f}{r['peak_rss_mb']:>13}"
                  f"{r['rss_vs_peer']:>8.2f}{r['exit_code']:>6}{str(r['good_stored']):>13}  "
                  f"{'pass' if all(r['bars'].values()) else 'FAIL ' + str(r['bars'])}")
            for name, line in r["reported"].items():
                print(f"    {name}: {line or 'NOT REPORTED'}")
            if not all(r["bars"].values()):
                print("--- stderr tail ---\n" + r["stderr_tail"])
        for r in results:
            del r["stderr_tail"]
        print(f"bars: peak RSS <= {RSS_BAR_MB} MB, both reported within {TIME_BAR_S} s, good files stored, exit 1")
        print(json.dumps({"bench": "hostile", "record_mb": args.record_mb, "text_mb": args.text_mb,
                          "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
                          "build_seconds": max(r["build_seconds"] for r in results),
                          "peer": {"build_seconds": round(peer_seconds, 1), "peak_rss_mb": round(peer_rss)},
                          "variants": results,
                          "passed": all(all(r["bars"].values()) for r in results)}))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
