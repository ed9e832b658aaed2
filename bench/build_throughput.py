"""How fast `dateline build` runs, as a ratio to its own floor: spaCy parsing the same texts.

The peer is measured in the same run on the same machine (machines here are noisy), so the
figure that matters is the ratio: how much Dateline's own work (reading, extraction, chrome
removal, dating, quotes, events, grouping, summaries, SQLite, reports) adds to the parse.

    python bench/build_throughput.py [FOLDER]    # default: ../shared/bench/article-extraction/html

Prints the figures and one JSON line.
"""
from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 2
sys.path.insert(0, str(ROOT / "src"))

from dateline.analyse import load_nlp  # noqa: E402
from dateline.export import write_outputs  # noqa: E402
from dateline.pipeline import build  # noqa: E402


def corpus(folder: Path, work: Path) -> Path:
    """Plain copies of the pages (the benchmark keeps them gzipped)."""
    target = work / "pages"
    target.mkdir()
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            (target / path.name[:-3]).write_bytes(gzip.decompress(path.read_bytes()))
        elif path.is_file():
            shutil.copy(path, target / path.name)
    return target


def main() -> None:
    default = ROOT.parent / "shared" / "bench" / "article-extraction" / "html"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not folder.exists():
        sys.exit(f"no input folder at {folder}")
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = corpus(folder, work)
        dateline_runs, spacy_runs = [], []
        for run in range(ROUNDS):  # interleaved, best of each: the machine's noise hits both alike
            started = time.perf_counter()
            report = build([str(pages)], work / f"store-{run}.sqlite")
            write_outputs(report.story, work / f"out-{run}")
            dateline_runs.append(time.perf_counter() - started)

            texts = [a.text for a in report.story.articles]
            started = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            spacy_runs.append(time.perf_counter() - started)
        words = sum(len(t.split()) for t in texts)
        dateline_s, spacy_s = min(dateline_runs), min(spacy_runs)

    result = {
        "bench": "build_throughput",
        "articles": len(texts),
        "words": words,
        "dateline_s": round(dateline_s, 2),
        "spacy_parse_s": round(spacy_s, 2),
        "ratio_to_spacy": round(dateline_s / spacy_s, 2),
        "rounds": ROUNDS,
        "articles_per_s": round(len(texts) / dateline_s, 2),
    }
    print(f"{len(texts)} articles, {words} words")
    print(f"dateline build: {dateline_s:.1f} s ({result['articles_per_s']} articles/s)")
    print(f"spaCy parse of the same texts (peer): {spacy_s:.1f} s")
    print(f"ratio: {result['ratio_to_spacy']}x the parse alone")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
