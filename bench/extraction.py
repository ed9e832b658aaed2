"""Main-text extraction from HTML, scored with the article-extraction benchmark's own metric.

Dateline is measured through the same code path as `dateline extract` (`clean.extract_document`:
trafilatura, then Dateline's furniture removal); trafilatura 2.x alone, with its default
settings, is the peer measured in the same run.

Metric (the benchmark's `evaluate.py`): the overlapping 4-word sequences (shingles of `\\w+`
tokens, case kept) of the extracted body against those of `articleBody`; precision, recall and
F1 per page, then each averaged over pages.

    python bench/extraction.py [FOLDER]   # default: ../shared/bench/article-extraction

Prints a table, the pages where Dateline loses most to trafilatura, and a last JSON line.
Published on the whole benchmark (this folder holds half of it): trafilatura 2.0.0 F1 0.958,
newspaper4k 0.949, readability-lxml 0.922, goose3 0.896, justext 0.804.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import trafilatura  # noqa: E402

from dateline.clean import extract_document  # noqa: E402
from dateline.errors import InputError  # noqa: E402
from dateline.ingest import RawDocument  # noqa: E402
from dateline.ingest.encoding import decode  # noqa: E402

SHINGLE = 4  # the benchmark's n: overlapping 4-word sequences


def shingles(text: str) -> Counter:
    tokens = re.findall(r"\w+", text or "", re.UNICODE)
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1)))


def prf(found: str, gold: str) -> tuple[float, float, float]:
    """As the benchmark's evaluate.py: an empty prediction of an empty truth is perfect; otherwise
    shingle multisets are compared."""
    f, g = shingles(found), shingles(gold)
    if not f and not g:
        return 1.0, 1.0, 1.0
    overlap = sum((f & g).values())
    p = overlap / sum(f.values()) if f else 0.0
    r = overlap / sum(g.values()) if g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def peer(html: str, url) -> str:
    return trafilatura.extract(html, url=url) or ""


def ours(html: str, page_id: str, url) -> str:
    doc = RawDocument(path=page_id, kind="html", content=html, url=url)
    try:
        return extract_document(doc).text
    except InputError:
        return ""


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench" / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text())
    scores: dict[str, list] = {"dateline": [], "trafilatura": []}
    seconds = {"dateline": 0.0, "trafilatura": 0.0}
    deltas = []
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        html, _ = decode(raw, page_id, html=True)
        gold = item.get("articleBody") or ""
        t = time.perf_counter()
        a = prf(peer(html, item.get("url")), gold)
        seconds["trafilatura"] += time.perf_counter() - t
        t = time.perf_counter()
        b = prf(ours(html, page_id, item.get("url")), gold)
        seconds["dateline"] += time.perf_counter() - t
        scores["trafilatura"].append(a)
        scores["dateline"].append(b)
        deltas.append((b[2] - a[2], page_id))

    result = {"bench": "extraction", "metric": "4-word shingles, macro over pages", "pages": len(truth)}
    print(f"{'system':12} {'P':>6} {'R':>6} {'F1':>6} {'s/page':>7}")
    for name, rows in scores.items():
        p, r, f = (sum(x[k] for x in rows) / len(rows) for k in range(3))
        result[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        print(f"{name:12} {p:6.3f} {r:6.3f} {f:6.3f} {seconds[name] / len(rows):7.3f}")
    result["f1_ratio_to_trafilatura"] = round(result["dateline"]["f1"] / max(1e-9, result["trafilatura"]["f1"]), 4)
    result["pages_better"] = sum(1 for d, _ in deltas if d > 1e-9)
    result["pages_worse"] = sum(1 for d, _ in deltas if d < -1e-9)
    for delta, page_id in sorted(deltas)[:8]:
        if delta < -1e-9:
            print(f"  dateline below trafilatura by {-delta:.3f} F1 on {page_id}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
