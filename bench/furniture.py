"""What cleaning removes from scraped news text, and what furniture still gets through.

Cleans every article of the chosen topics of a Timeline17-layout folder (`TOPIC/articles.jsonl.gz`,
tokenized plain text scraped from news sites, reader comments included) through the build's own
path (`clean.extract_source`, lines repeated across the topic's unrelated articles, then
`clean.clean_extracted`), with no NLP model. Prints per topic how many lines were removed for each
reason and how many pages were set aside as not articles (programme schedules), then a survival
check: every kept line is tested against independent tell-tales of comments, comment counts,
footers and schedules (patterns the cleaner does not use as such), and a seeded random sample of
kept lines from pages that had a comment thread is printed for a reader to look over.

    python bench/furniture.py [DIR] [--topics libya,egypt] [--sample 12]

Last line: JSON with the counts. `survivors` should be 0.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.clean import clean_extracted, extract_source, shared_lines  # noqa: E402
from dateline.clean.furniture import COMMENT_REASONS  # noqa: E402
from dateline.ingest import RawDocument  # noqa: E402

SEED = 17  # the sample of kept lines printed for review
# Tell-tales of furniture, written for this check only: if one shows in a kept line, the cleaner missed it.
TELLTALES = {
    "comment marker": re.compile(
        r"report abuse|\|\s*reply\b|\bcomments? (?:are|is) (?:not )?(?:pre-screened|moderated|closed)|we welcome comments|"
        r"views expressed in the comments|discussion is now closed|notify me of follow-up|leave a comment|post a comment|"
        r"\bwrote\s*:\s*$|\bRETWEET\b|rules of conduct",
        re.I,
    ),
    "comment count": re.compile(r"^\s*\(?\d+\)?\s+comments?\s*$|^\s*comments?\s*\(\d+\)\s*$", re.I),
    "footer": re.compile(r"©|\bcopyright\b|all rights reserved|terms of (?:service|use)|privacy policy", re.I),
    "schedule slot": re.compile(r"^\s*\d{1,2}:\d\d\s*[ap]\.?m\.?\s*[A-Z]{2,3}\s*-\s"),
}


def read_topic(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def clean_topic(rows: list[dict]):
    docs = [RawDocument(path=r["id"], content=r["text"], kind="text", published=r.get("published"), outlet=r.get("outlet"))
            for r in rows]
    extracted = [extract_source(d) for d in docs]
    shared = shared_lines([e.text for e in extracted])
    return [clean_extracted(e, s) for e, s in zip(extracted, shared)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "bench" / "t17"))
    parser.add_argument("--topics", default="libya,egypt")
    parser.add_argument("--sample", type=int, default=12, help="kept lines of commented pages to print")
    args = parser.parse_args()
    folder = Path(args.folder)
    rng = random.Random(SEED)
    totals: Counter = Counter()
    result: dict = {"bench": "furniture", "topics": {}}
    survivors_all = 0
    for topic in [t.strip() for t in args.topics.split(",") if t.strip()]:
        started = time.perf_counter()
        cleaned = clean_topic(read_topic(folder / topic / "articles.jsonl.gz"))
        reasons = Counter(r.reason for c in cleaned for r in c.removed)
        not_articles = [c for c in cleaned if c.not_article]
        commented = [c for c in cleaned if any(r.reason in COMMENT_REASONS for r in c.removed)]
        survivors = []
        for c in cleaned:
            if c.not_article:
                continue
            for line in c.text.split("\n\n"):
                for name, pattern in TELLTALES.items():
                    if pattern.search(line):
                        survivors.append((name, c.path, line))
        survivors_all += len(survivors)
        totals.update(reasons)
        lines_in = sum(len(c.source_text.splitlines()) for c in cleaned)
        print(f"\n== {topic}: {len(cleaned)} articles, {lines_in} lines, {sum(reasons.values())} removed, "
              f"{len(commented)} with a comment thread, {len(not_articles)} not articles "
              f"({time.perf_counter() - started:.1f} s)")
        for reason, n in reasons.most_common():
            print(f"  {n:6}  {reason}")
        for c in not_articles:
            print(f"  not an article: {c.path}: {c.not_article}")
        print(f"  survival check: {len(survivors)} kept lines with a comment, count, footer or schedule tell-tale")
        for name, path, line in survivors[:10]:
            print(f"    [{name}] {path}: {line[:140]}")
        pool = [(c.path, p) for c in commented if not c.not_article for p in c.text.split("\n\n")]
        if pool and args.sample:
            print(f"  sample of kept lines from pages that had a comment thread (seed {SEED}):")
            for path, line in rng.sample(pool, min(args.sample, len(pool))):
                print(f"    {path}: {line[:140]}")
        result["topics"][topic] = {
            "articles": len(cleaned), "lines": lines_in, "removed": dict(reasons), "with_comment_thread": len(commented),
            "not_articles": len(not_articles), "survivors": len(survivors),
        }
    result["removed"] = dict(totals)
    result["survivors"] = survivors_all
    print(json.dumps(result))


if __name__ == "__main__":
    main()
