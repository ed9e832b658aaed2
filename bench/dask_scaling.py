"""The Dask engine's analyse stage on 1 worker and on 2 workers of a LocalCluster, same input, same run.

Bar (issue 8): 2 workers >= 1.6 x one worker on the analyse stage. Only the analyse stage is
compared: ingest, evidence and the story run on the driver whatever the cluster. Starting the
cluster and loading the model and gazetteer on each worker (the `warm` stage: a worker plugin,
once per worker) is reported apart, since a long-lived cluster pays it once, not per build. The
workers are processes with one thread each (spaCy's parse holds the GIL). Partitions are small
(`--partition`, default articles / 16) so that both workers finish together: the last partition
leaves the other worker idle. Each build also checks that the story equals the local engine's.
Needs the dask extra and ../shared/bench/t17.

    python bench/dask_scaling.py [--topic libya] [--articles 100] [--partition N]

Prints a table, then one JSON line (with the load average before and after: the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

SPEEDUP_BAR = 1.6  # the bar for 2 workers over 1 on the analyse stage
PARTITIONS_PER_WORKER = 8  # the default partition size gives each of 2 workers this many: a short tail


def main() -> None:
    from throughput import T17, rows_of, write_input

    from dateline.pipeline import build
    from dateline.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--topic", default="libya")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--partition", type=int, default=0, help="articles per Dask task (0: articles / 16)")
    args = parser.parse_args()
    if not (T17 / args.topic / "articles.jsonl.gz").exists():
        sys.exit(f"no Timeline17 topic at {T17 / args.topic}")
    rows = rows_of(args.topic)[:args.articles]
    partition = args.partition or max(1, len(rows) // (2 * PARTITIONS_PER_WORKER))
    load_before = os.getloadavg()
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = write_input(rows, work / "in")
        stories = {}
        for label, engine, workers in (("local", "local", 1), ("dask-1", "dask", 1), ("dask-2", "dask", 2)):
            settings = Settings().with_overrides([f"dask.workers={workers}", "analyse.n_process=1",
                                                  f"analyse.parse_chunk={partition}", f"dask.in_flight={2 * workers}"])
            report = build([str(path)], work / f"{label}.sqlite", settings=settings, engine=engine)
            runs[label] = report.timings
            story = json.loads(report.story.model_dump_json())
            story.pop("generated_at")
            stories[label] = story
            print(f"{label}: {report.timings}", file=sys.stderr)
    load_after = os.getloadavg()
    same = stories["dask-1"] == stories["local"] and stories["dask-2"] == stories["local"]
    speedup = round(runs["dask-1"]["analyse"] / runs["dask-2"]["analyse"], 2)
    print(f"Timeline17 {args.topic}, {len(rows)} articles, partitions of {partition}; "
          f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after (2 cores)")
    print(f"{'run':>8} {'warm s':>8} {'analyse s':>10} {'art/s':>6} {'total s':>8}")
    for label, timings in runs.items():
        print(f"{label:>8} {timings.get('warm', 0):>8.1f} {timings['analyse']:>10.1f} "
              f"{len(rows) / timings['analyse']:>6.2f} {sum(timings.values()):>8.1f}")
    print(f"2 workers / 1 worker on analyse: {speedup}x (bar {SPEEDUP_BAR}); stories equal the local engine's: {same}")
    print(json.dumps({"bench": "dask_scaling", "topic": args.topic, "articles": len(rows), "partition": partition,
                      "speedup": speedup, "speedup_bar": SPEEDUP_BAR, "same_story": same, "timings": runs,
                      "load_before": round(load_before[0], 2), "load_after": round(load_after[0], 2)}))


if __name__ == "__main__":
    main()
