"""Web bench: 50 concurrent clients for 30 s over the pages and the API of real `dateline serve`
processes, one per story (the reference corpus and a 770-article Timeline17 story).

Each client is a keep-alive HTTP/1.1 connection that asks for the next URL as soon as the last
answer arrived (a closed loop, no think time), drawn from a fixed, seeded mix of pages and API
calls over every kind of page: overview, timeline pages and filters, day views, articles, actors,
events, outlets, search, and the API lists, lookups, timeline budgets and search. The app keeps
rendered responses for the current story, so the bench first visits each distinct URL once, one at
a time, and reports those first visits apart; the 30 s run measures the steady state. The client is a
minimal asyncio HTTP reader, so the load generator takes as little of the 2 cores as it can.

Peer, measured in the same run with the same clients: today's way of reading a story, its one static
`report.html` (fetched from the app's export) served by Python's own `http.server` (HTTP/1.1,
keep-alive). `ratio` is the app's p95 over the peer's.

Bars: 0 errors and p95 <= 200 ms per story. Prints a table, then one JSON line.

    nice -n 5 python bench/web.py --story reference=out/ref/dateline.sqlite --story t17=out/t17/dateline.sqlite
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
P95_BAR_MS = 200  # the bar: a page or API answer within 200 ms for 95% of requests under 50 clients
SEED = 17


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATELINE_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300  # a large story takes a while to load and index the first time
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server for {db} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/story", timeout=2) as r:
                if r.status == 200:
                    return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"server for {db} did not start")


def url_mix(port: int, size: int = 400) -> list[str]:
    """A seeded mix of page and API URLs covering every kind of page, from the story itself."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/export/json", timeout=120) as r:
        story = json.load(r)
    rng = random.Random(SEED)
    q = urllib.parse.quote
    articles = [a["id"] for a in story["articles"]]
    actors = [a["id"] for a in story["actors"]][:200]
    events = [e["id"] for e in story["events"]]
    days = sorted({t["date"]["earliest"] for t in story["timeline"] if t["date"]["precision"] == "day"})
    sources = sorted({a["outlet"] or a["agency"] for a in story["articles"] if a["outlet"] or a["agency"]})
    words = [w for a in story["actors"][:60] for w in a["name"].split() if len(w) > 3 and w.isalpha()][:40] or ["the"]
    timeline_pages = max(1, len(story["timeline"]) // 50)
    makers = [
        lambda: "/", lambda: "/timeline", lambda: f"/timeline?page={rng.randint(1, timeline_pages)}",
        lambda: f"/timeline?source={q(rng.choice(sources))}" if sources else "/timeline",
        lambda: "/timeline?from={}&to={}".format(*sorted(rng.sample(days, 2))) if len(days) > 1 else "/timeline",
        lambda: f"/day/{rng.choice(days)}" if days else "/",
        lambda: "/articles", lambda: f"/articles/{rng.choice(articles)}", lambda: f"/articles/{rng.choice(articles)}",
        lambda: "/actors", lambda: f"/actors/{q(rng.choice(actors), safe='')}" if actors else "/actors",
        lambda: "/events", lambda: f"/events/{rng.choice(events)}" if events else "/events",
        lambda: "/sources", lambda: f"/search?q={q(rng.choice(words))}",
        lambda: f"/api/articles?page={rng.randint(1, max(1, len(articles) // 50))}",
        lambda: f"/api/articles/{rng.choice(articles)}", lambda: "/api/actors", lambda: "/api/quotes",
        lambda: "/api/events", lambda: f"/api/timeline?dates={rng.randint(5, 30)}&per_date={rng.randint(1, 3)}",
        lambda: f"/api/search?q={q(rng.choice(words))}", lambda: f"/api/sentences?article={rng.choice(articles)}",
    ]
    return [rng.choice(makers)() for _ in range(size)]


async def _request(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next((int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")), None)
    if length is None:
        raise RuntimeError(f"{path}: no content-length")
    await reader.readexactly(length)
    return status


async def _client(port: int, urls: list[str], start: int, stop_at: float, out: list, errors: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = start
    try:
        while time.monotonic() < stop_at:
            path = urls[i % len(urls)]
            i += 1
            t0 = time.perf_counter()
            try:
                status = await _request(reader, writer, path)
            except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as err:
                errors.append(f"{path}: {type(err).__name__} {err}")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            elapsed = time.perf_counter() - t0
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
            out.append(elapsed)
    finally:
        writer.close()


async def _load(port: int, urls: list[str], clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    began = time.monotonic()
    stop_at = began + seconds
    await asyncio.gather(*(_client(port, urls, n * 7, stop_at, latencies, errors) for n in range(clients)))
    return latencies, errors, time.monotonic() - began


async def _cold_pass(port: int, urls: list[str]) -> dict:
    """Every distinct URL once, in turn: what a first visit costs before the response cache has it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    times, errors = [], []
    try:
        for path in urls:
            t0 = time.perf_counter()
            status = await _request(reader, writer, path)
            times.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
    finally:
        writer.close()
    times.sort()
    return {"urls": len(urls), "errors": len(errors), "p50_ms": round(times[len(times) // 2], 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1), "max_ms": round(times[-1], 1), "error_samples": errors[:5]}


def summarise(latencies: list[float], errors: list[str], wall: float) -> dict:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0] if ms else 0.0] * 99
    return {"requests": len(ms), "errors": len(errors), "rps": round(len(ms) / wall, 1),
            "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
            "error_samples": errors[:5]}


def run_peer(report: bytes, clients: int, seconds: float) -> dict:
    """The static report.html served by `python -m http.server`, under the same load."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "report.html").write_bytes(report)
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "http.server", "-b", "127.0.0.1", "-p", "HTTP/1.1", "-d", folder, str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/report.html", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.1)
            return summarise(*asyncio.run(_load(port, ["/report.html"], clients, seconds)))
        finally:
            proc.terminate()
            proc.wait(10)


def run_story(name: str, db: Path, clients: int, seconds: float, peer_seconds: float) -> dict:
    proc, port = start_server(db)
    try:
        urls = url_mix(port)
        cold = asyncio.run(_cold_pass(port, sorted(set(urls))))  # each URL's first render, one at a time
        result = summarise(*asyncio.run(_load(port, urls, clients, seconds)))
        result["cold"] = cold
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/story", timeout=10) as r:
            info = json.load(r)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/export/html", timeout=120) as r:
            report = r.read()
    finally:
        proc.terminate()
        proc.wait(10)
    peer = run_peer(report, clients, peer_seconds)
    result.update(story=name, articles=info["articles"], distinct_urls=len(set(urls)), peer_report_html=peer,
                  report_bytes=len(report), ratio_p95_vs_peer=round(result["p95_ms"] / max(peer["p95_ms"], 0.1), 4),
                  ok=result["errors"] == 0 and result["cold"]["errors"] == 0 and result["p95_ms"] <= P95_BAR_MS)
    return result


def _fast_loop() -> None:
    try:
        import uvloop  # the load generator should cost as little CPU as it can

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass


def main() -> None:
    _fast_loop()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--story", action="append", required=True, help="name=path/to/dateline.sqlite (repeatable)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--peer-seconds", type=float, default=10.0)
    args = parser.parse_args()
    results = []
    for item in args.story:
        name, _, path = item.partition("=")
        if not Path(path).exists():
            raise SystemExit(f"{path}: no such store (build it first; see the module docstring)")
        results.append(run_story(name, Path(path), args.clients, args.seconds, args.peer_seconds))
    print(f"{'story':<12}{'articles':>9}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'peer p95':>10}{'peer rps':>10}{'ratio':>7}  bar")
    for r in results:
        print(f"{r['story']:<12}{r['articles']:>9}{r['requests']:>10}{r['errors']:>8}{r['rps']:>9}{r['p50_ms']:>9}"
              f"{r['p95_ms']:>9}{r['p99_ms']:>9}{r['peer_report_html']['p95_ms']:>10}{r['peer_report_html']['rps']:>10}"
              f"{r['ratio_p95_vs_peer']:>7}  "
              f"{'ok' if r['ok'] else 'MISSED'}")
        c = r["cold"]
        print(f"  first visit of each of {c['urls']} URLs, one at a time: p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms, "
              f"max {c['max_ms']} ms, {c['errors']} errors")
        for sample in r["error_samples"] + c["error_samples"]:
            print(f"  error: {sample}")
    print(json.dumps({"bench": "web", "clients": args.clients, "seconds": args.seconds, "p95_bar_ms": P95_BAR_MS,
                      "ok": all(r["ok"] for r in results), "stories": results}))


if __name__ == "__main__":
    main()
