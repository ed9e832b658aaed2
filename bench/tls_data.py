"""Timeline-summarisation datasets in the Timeline17 layout, and their analysis cache.

A dataset directory holds one folder per topic: `articles.jsonl.gz` (one article a line:
{"id", "published", "outlet", "text"}), `timelines.jsonl` (one reference a line: {"name",
"entries": [{"date", "sentences"}]}) and `keywords.json` (the topic's query words).

Articles go through Dateline's own pipeline stages (extract, detokenize when the text looks
tokenized, clean, parse, resolve dates) into one SQLite store per topic, so a rerun of the
benchmark measures the timeline step alone.
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.ingest.documents import RawDocument
from dateline.pipeline import BuildReport, build


@dataclass
class Reference:
    topic: str
    name: str
    dates: dict[date, list[str]]  # a date listed twice is merged

    @property
    def first(self) -> date:
        return min(self.dates)

    @property
    def last(self) -> date:
        return max(self.dates)

    @property
    def budget(self) -> tuple[int, int]:
        """The protocol's budget: L = number of dates, K = round(mean sentences per date)."""
        sizes = [len(s) for s in self.dates.values()]
        return len(sizes), max(1, round(sum(sizes) / len(sizes)))


def topics(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()
                  if p.is_dir() and (p / "articles.jsonl.gz").exists() and (p / "timelines.jsonl").exists())


def references(directory: Path, topic: str) -> list[Reference]:
    refs = []
    for number, line in enumerate((directory / topic / "timelines.jsonl").read_text().splitlines()):
        if not line.strip():
            continue
        record = json.loads(line)
        dates: dict[date, list[str]] = {}
        for entry in record["entries"]:
            dates.setdefault(date.fromisoformat(entry["date"][:10]), []).extend(entry["sentences"])
        refs.append(Reference(topic, str(record.get("name") or number), dates))
    return refs


def keywords(directory: Path, topic: str) -> list[str]:
    path = directory / topic / "keywords.json"
    return json.loads(path.read_text()) if path.exists() else []


def in_some_window(published: str | None, refs: list[Reference]) -> bool:
    """The protocol reads only articles published within a reference's first and last date;
    an article outside every window is never input, so it is not analysed either."""
    if not published:
        return True
    day = published[:10]
    return any(r.first.isoformat() <= day <= r.last.isoformat() for r in refs)


def raw_documents(directory: Path, topic: str, refs: list[Reference] | None = None) -> list[RawDocument]:
    docs = []
    with gzip.open(directory / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            r = json.loads(line)
            if refs is not None and not in_some_window(r.get("published"), refs):
                continue
            docs.append(RawDocument(
                path=f"{topic}/articles.jsonl.gz#line={number}", content=r["text"], kind="text", encoding="utf-8",
                title=r.get("title"), url=r.get("url"), published=r.get("published"), outlet=r.get("outlet"),
                extra={"published_from": "JSON field 'published'"} if r.get("published") else {},
            ))
    return docs


def analyse_topic(directory: Path, topic: str, store_path: Path, log=sys.stderr) -> BuildReport:
    """Analyse what the topic's store lacks through the real build (an interrupted run resumes where it
    stopped: the store keeps what each committed batch finished). The window's articles are written
    once to a JSON Lines file beside the store, the format `dateline build` reads."""
    started = time.monotonic()
    if store_path.exists() and store_path.with_suffix(".done").exists():
        return BuildReport()  # analysed by an earlier run: the rerun times the timeline step alone
    docs = raw_documents(directory, topic, references(directory, topic))
    feed = store_path.with_suffix(".input.jsonl")
    if not feed.exists():
        store_path.parent.mkdir(parents=True, exist_ok=True)
        with feed.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"text": d.content, "published": d.published, "outlet": d.outlet, "title": d.title,
                                    "url": d.url}, ensure_ascii=False) + "\n")
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.monotonic() - last[0] > 30 or done == total:
            last[0] = time.monotonic()
            print(f"  {topic}: {stage} {done}/{total} ({time.monotonic() - started:.0f} s)", file=log, flush=True)

    report = build([str(feed)], store_path, progress=progress)
    store_path.with_suffix(".done").write_text(f"{len(docs)} documents, {len(report.added)} stored, "
                                               f"{time.monotonic() - started:.0f} s\n")
    return report


if __name__ == "__main__":  # analyse topics ahead of the benchmark: python bench/tls_data.py DIR OUT [topic...]
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    wanted = sys.argv[3:] or topics(src)
    by_size = sorted(wanted, key=lambda t: sum(len(d.content) for d in raw_documents(src, t, references(src, t))))
    for t in by_size:
        t0 = time.monotonic()
        rep = analyse_topic(src, t, out / f"{t}.sqlite")
        print(f"{t}: {len(rep.added)} added in {time.monotonic() - t0:.0f} s", flush=True)
