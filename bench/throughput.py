"""End-to-end build throughput on a Timeline17 topic, against its ceiling measured in the same run.

The ceiling is spaCy alone: the bare English model (every component enabled) through `nlp.pipe`
over the same raw texts, batch 64, 2 processes. Dateline cannot beat that, since it parses every
text with that model; the figure that matters is the ratio (bar: end to end >= 0.6 x the ceiling).
Builds of 100 / 300 / all articles (1,000 when the topic has that many) give the fitted exponent of
time against articles, for the whole build and for each stage (bar: <= 1.1, no stage worse than
n log n). Each build runs in its own process, so its peak RSS (and its parse workers') is its own.
The smaller builds take nested random samples of the topic (seeded): the file's first articles are
shorter than its average, which a prefix would mistake for growth with n; the exponent against
words is printed beside the one against articles.

    python bench/throughput.py [--topic libya] [--sizes 100,300,1000] [--n-process 2] [--batch-size 64]

The build parses and analyses in `--n-process` worker processes (analyse.n_process: each worker
cleans, parses and analyses whole partitions), the same count the ceiling's nlp.pipe gets. `warm`
is loading the model and gazetteer before the workers fork; `export` writes story.json and the
reports. Prints a table (seconds per stage, then articles/s per stage for the largest build),
then one JSON line with the load average before and after (the machine may be shared: compare
the ratio, measured in the same run, rather than absolute figures). Needs ../shared/bench/t17
(skips with a message without it).
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")) / "bench" / "t17"
RATIO_BAR = 0.6  # the bar: end to end at least this share of the bare model's words/s
SAMPLE_SEED = 17  # any fixed seed: the same samples every run
EXPONENT_BAR = 1.1  # the bar: time against articles near linear (n log n would fit ~1.18 over 100-773 articles)


def rows_of(topic: str) -> list[dict]:
    with gzip.open(T17 / topic / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def write_input(rows: list[dict], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({"text": row["text"], "published": row["published"], "outlet": row["outlet"],
                                "url": f"https://t17.example/{row['id']}"}) + "\n")
    return path


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(workers, 1)


def child_build(path: Path, work: Path, n_process: int, batch_size: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.export import write_outputs
    from dateline.pipeline import build
    from dateline.settings import Settings

    settings = Settings().with_overrides([f"analyse.n_process={n_process}", f"analyse.batch_size={batch_size}"])
    started = time.perf_counter()
    report = build([str(path)], work / "store.sqlite", settings=settings)
    built = time.perf_counter()
    write_outputs(report.story, work / "out")
    total = time.perf_counter() - started
    timings = dict(report.timings, export=round(time.perf_counter() - built, 3))
    own, workers = peak_rss_mb()
    return {"seconds": total, "stages": timings, "articles": len(report.story.articles),
            "skipped": len(report.story.skipped), "rss_mb": own, "worker_rss_mb": workers}


def child_bare(path: Path, n_process: int, batch_size: int) -> dict:
    import spacy

    sys.path.insert(0, str(ROOT / "src"))
    from dateline.analyse.nlp import MODEL

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    nlp = spacy.load(MODEL)  # every component the model enables, nothing of ours
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    own, workers = peak_rss_mb()
    return {"seconds": time.perf_counter() - started, "components": nlp.pipe_names, "rss_mb": own,
            "worker_rss_mb": workers}


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"child {args[0]} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) against log(articles)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / den, 2) if den else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--topic", default="libya")
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (child_build(Path(rest[0]), Path(rest[1]), args.n_process, args.batch_size) if kind == "build"
                  else child_bare(Path(rest[0]), args.n_process, args.batch_size))
        print(json.dumps(result))
        return
    if not (T17 / args.topic / "articles.jsonl.gz").exists():
        sys.exit(f"no Timeline17 topic at {T17 / args.topic} (../shared/bench/t17 is checked out beside the project)")
    rows = rows_of(args.topic)
    random.Random(SAMPLE_SEED).shuffle(rows)  # rows[:n] is then a random sample, each inside the next
    sizes = sorted({min(int(s), len(rows)) for s in args.sizes.split(",")})
    flags = ["--n-process", str(args.n_process), "--batch-size", str(args.batch_size)]
    load_before = os.getloadavg()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            path = write_input(rows[:n], work / f"in-{n}")
            words = sum(len(r["text"].split()) for r in rows[:n])
            result = run_child("build", str(path), str(work / f"build-{n}"), *flags)
            results.append({"n": n, "words": words, **result})
            print(f"built {n} articles in {result['seconds']:.1f} s", file=sys.stderr)
        bare = run_child("bare", str(work / f"in-{sizes[-1]}" / "articles.jsonl"), *flags)
    load_after = os.getloadavg()

    full = results[-1]
    bare_wps = full["words"] / bare["seconds"]
    end_wps = full["words"] / full["seconds"]
    stages = list(full["stages"])
    print(f"Timeline17 {args.topic}: end to end vs bare nlp.pipe ({', '.join(bare['components'])}; batch {args.batch_size}, "
          f"{args.n_process} processes)")
    print(f"{'articles':>8} {'words':>9} {'seconds':>8} {'art/s':>6} {'words/s':>8} "
          + " ".join(f"{s:>8}" for s in stages) + f" {'RSS MB':>7} {'workers':>7}")
    for r in results:
        print(f"{r['n']:>8} {r['words']:>9} {r['seconds']:>8.1f} {r['n'] / r['seconds']:>6.2f} {r['words'] / r['seconds']:>8.0f} "
              + " ".join(f"{r['stages'].get(s, 0):>8.1f}" for s in stages) + f" {r['rss_mb']:>7.0f} {r['worker_rss_mb']:>7.0f}")
    print(f"{'bare':>8} {full['words']:>9} {bare['seconds']:>8.1f} {full['n'] / bare['seconds']:>6.2f} {bare_wps:>8.0f} "
          + " " * (9 * len(stages)) + f" {bare['rss_mb']:>7.0f} {bare['worker_rss_mb']:>7.0f}")
    print(f"{'art/s':>8} {'':>9} {'':>8} {'':>6} {'':>8} "
          + " ".join(f"{full['n'] / full['stages'][s] if full['stages'].get(s) else 0:>8.1f}" for s in stages))
    fit = exponent([(r["n"], r["seconds"]) for r in results])
    fit_words = exponent([(r["words"], r["seconds"]) for r in results])
    stage_fit = {s: exponent([(r["n"], r["stages"].get(s, 0)) for r in results]) for s in stages}
    ratio = round(end_wps / bare_wps, 3)
    print(f"ratio to the ceiling: {ratio} (bar {RATIO_BAR}); exponent {fit} (bar {EXPONENT_BAR}; against words {fit_words}); "
          f"per stage {stage_fit}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
          f"({os.cpu_count()} cores)")
    print(json.dumps({
        "bench": "throughput", "topic": args.topic, "sizes": sizes, "n_process": args.n_process,
        "batch_size": args.batch_size, "articles": full["n"], "words": full["words"],
        "seconds": round(full["seconds"], 2), "articles_per_s": round(full["n"] / full["seconds"], 2),
        "words_per_s": round(end_wps), "bare_seconds": round(bare["seconds"], 2), "bare_words_per_s": round(bare_wps),
        "ratio_to_bare": ratio, "ratio_bar": RATIO_BAR, "exponent": fit, "exponent_words": fit_words, "exponent_bar": EXPONENT_BAR,
        "stage_exponents": stage_fit, "stages_s": full["stages"], "peak_rss_mb": full["rss_mb"],
        "worker_peak_rss_mb": full["worker_rss_mb"], "load_before": round(load_before[0], 2),
        "load_after": round(load_after[0], 2), "cores": os.cpu_count(), "runs": [{k: v for k, v in r.items()} for r in results],
    }))


if __name__ == "__main__":
    main()
