"""Main-text extraction from HTML: Dateline's clean text against the human-extracted body, with
trafilatura's own output as the peer measured in the same run.

Dateline runs trafilatura and then its own chrome removal and title extraction; this shows
whether that second step helps or hurts. Metric of the article-extraction benchmark: token-level
precision, recall and F1 of the extracted text against `articleBody`, averaged over pages.

    python bench/extraction.py [FOLDER]   # default: ../shared/bench/article-extraction

Prints the figures and one JSON line. Published on this benchmark (all pages, not this half):
trafilatura 2.0.0 F1 0.958, newspaper4k 0.949, readability-lxml 0.922.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.clean import clean_plain_text, extract_html  # noqa: E402
from dateline.errors import InputError  # noqa: E402
from dateline.ingest.encoding import decode  # noqa: E402


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def prf(found: str, gold: str) -> tuple[float, float, float]:
    f, g = tokens(found), tokens(gold)
    overlap = sum((f & g).values())
    p = overlap / sum(f.values()) if f else 0.0
    r = overlap / sum(g.values()) if g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "bench" / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text())
    scores = {"trafilatura": [], "dateline": []}
    worst = []
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        try:
            html, _ = decode(raw, page_id, html=True)
            page = extract_html(html, page_id, item.get("url"))
            peer = page.text
            ours = clean_plain_text(page.text, known_title=page.title, line_paragraphs=True).text
        except InputError:
            peer = ours = ""
        a, b = prf(peer, item["articleBody"]), prf(ours, item["articleBody"])
        scores["trafilatura"].append(a)
        scores["dateline"].append(b)
        worst.append((b[2] - a[2], page_id))

    def mean(rows, k):
        return sum(r[k] for r in rows) / len(rows)

    result = {"bench": "extraction", "pages": len(truth)}
    for name, rows in scores.items():
        p, r, f = mean(rows, 0), mean(rows, 1), mean(rows, 2)
        result[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        print(f"{name:12} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    result["f1_ratio_to_trafilatura"] = round(result["dateline"]["f1"] / result["trafilatura"]["f1"], 3)
    for delta, page_id in sorted(worst)[:5]:
        if delta < 0:
            print(f"  dateline below trafilatura by {-delta:.3f} F1 on {page_id}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
