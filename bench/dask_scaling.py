"""The Dask engine's analyse stage on 1 worker and on 2 workers of a LocalCluster, same input, same run.

Bar (issue 8): 2 workers >= 1.6 x one worker on the analyse stage. Only the analyse stage is
compared: ingest, evidence and the story run on the driver whatever the cluster. Each build also
checks that the story equals the local engine's. Needs the dask extra and ../shared/bench/t17.

    python bench/dask_scaling.py [--topic libya] [--articles 100]

Prints a table, then one JSON line.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

SPEEDUP_BAR = 1.6  # the bar for 2 workers over 1 on the analyse stage


def main() -> None:
    from throughput import T17, rows_of, write_input

    from dateline.pipeline import build
    from dateline.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--topic", default="libya")
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    if not (T17 / args.topic / "articles.jsonl.gz").exists():
        sys.exit(f"no Timeline17 topic at {T17 / args.topic}")
    rows = rows_of(args.topic)[:args.articles]
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = write_input(rows, work / "in")
        stories = {}
        for label, engine, workers in (("local", "local", 1), ("dask-1", "dask", 1), ("dask-2", "dask", 2)):
            settings = Settings().with_overrides([f"dask.workers={workers}", "analyse.n_process=1",
                                                  f"analyse.parse_chunk={max(4, len(rows) // 8)}"])
            report = build([str(path)], work / f"{label}.sqlite", settings=settings, engine=engine)
            runs[label] = report.timings
            story = json.loads(report.story.model_dump_json())
            story.pop("generated_at")
            stories[label] = story
            print(f"{label}: {report.timings}", file=sys.stderr)
    same = stories["dask-1"] == stories["local"] and stories["dask-2"] == stories["local"]
    speedup = round(runs["dask-1"]["analyse"] / runs["dask-2"]["analyse"], 2)
    print(f"{'run':>8} {'analyse s':>10} {'total s':>8}")
    for label, timings in runs.items():
        print(f"{label:>8} {timings['analyse']:>10.1f} {sum(timings.values()):>8.1f}")
    print(f"2 workers / 1 worker on analyse: {speedup}x (bar {SPEEDUP_BAR}); stories equal the local engine's: {same}")
    print(json.dumps({"bench": "dask_scaling", "topic": args.topic, "articles": len(rows), "speedup": speedup,
                      "speedup_bar": SPEEDUP_BAR, "same_story": same, "timings": runs}))


if __name__ == "__main__":
    main()
