"""End to end: `dateline timeline --json` with budgets over a real build, the story's timeline,
Background and dated briefing, and a smoke run of the Timeline17 harness on a tiny topic."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli


def timeline_json(db: str, *options: str) -> dict:
    result = run_cli("timeline", "--db", db, "--json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_timeline_json_shape_budgets_and_window(example_build):
    out, _ = example_build
    db = str(out / "dateline.sqlite")
    data = timeline_json(db)
    assert set(data) == {"timeline", "background"}
    days = [e["date"]["value"] for e in data["timeline"] if e["date"]["precision"] == "day"]
    assert days and len(days) == len(set(days)), "one entry per calendar day"
    assert all({"date", "event", "sentences"} <= set(e) for e in data["timeline"] + data["background"])
    starts = [e["date"]["earliest"] for e in data["timeline"]]
    assert starts == sorted(starts)

    small = timeline_json(db, "--dates", "2", "--per-date", "1")
    small_days = [e for e in small["timeline"] if e["date"]["precision"] == "day"]
    assert len(small_days) == 2 and all(len(e["sentences"]) == 1 for e in small_days)

    march = timeline_json(db, "--from", "2025-03-01", "--to", "2025-03-31")
    assert march["timeline"] and all("2025-03-01" <= e["date"]["earliest"] <= "2025-03-31" for e in march["timeline"])

    bad = run_cli("timeline", "--db", db, "--from", "March")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr

    # the timeline settings reach the step: sentences of 200 words or more exist nowhere, so no day is told
    strict = timeline_json(db, "--set", "timeline.min_words=200", "--set", "timeline.max_words=300")
    assert not [e for e in strict["timeline"] if e["date"]["precision"] == "day"] and not strict["background"]
    wrong = run_cli("timeline", "--db", db, "--set", "timeline.near_copy=2")
    assert wrong.returncode == 2 and "near_copy" in wrong.stderr and "Traceback" not in wrong.stderr


def test_story_has_background_apart_and_a_dated_briefing(example_build):
    out, _ = example_build
    story = json.loads((out / "story.json").read_text())
    texts = {(a["id"], s["index"]): s["text"] for a in story["articles"] for s in a["sentences"]}
    timeline_days = [e["date"]["value"] for e in story["timeline"] if e["date"]["precision"] == "day"]
    assert len(timeline_days) == len(set(timeline_days))
    assert all(e["date"]["precision"] not in ("year", "decade") for e in story["timeline"])
    assert all(e["date"]["precision"] in ("year", "decade", "season", "quarter", "month", "week", "day") for e in story["background"])
    briefing = story["briefing"]
    assert briefing[0]["role"] == "latest" and all(line["date"] for line in briefing)
    later = [line["date"]["earliest"] for line in briefing[1:]]
    assert later == sorted(later)
    assert all(texts[(line["article"], line["sentence"])] == line["text"] for line in briefing)
    assert story["topic"]


def test_build_takes_budget_options_and_reports_the_topic(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", str(ROOT / "examples" / "mackerel" / "articles"), "--manifest",
                     str(ROOT / "examples" / "mackerel" / "manifest.csv"), "--out", str(out),
                     "--dates", "3", "--per-date", "1", "--query", "mackerel")
    assert result.returncode == 0, result.stderr
    assert "Topic: mackerel" in result.stdout and "off the topic" in result.stdout
    story = json.loads((out / "story.json").read_text())
    assert len([e for e in story["timeline"] if e["date"]["precision"] == "day"]) <= 3


def test_tls_harness_smoke_run_on_a_tiny_topic(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import tls

    missing = tls.ensure_tools(install=False)
    if missing:
        pytest.skip(f"scoring tools not installed: {missing}")
    data = tmp_path / "data"
    (data / "harbour").mkdir(parents=True)
    for name in ("articles.jsonl.gz", "timelines.jsonl", "keywords.json"):
        (data / "harbour" / name).write_bytes((FIXTURES / "tls" / "harbour" / name).read_bytes())
    result = run_cli_bench(tmp_path, data)
    assert result.returncode == 0, result.stderr
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(last) == {"ar1_f", "ar2_f", "date_f1", "seconds_per_topic", "baseline_ar1_f"}
    assert last["ar1_f"] > 0 and last["date_f1"] > 0
    assert "harbour" in result.stdout and "most-covered" in result.stdout
    # the cache is reused: a rerun analyses nothing
    again = run_cli_bench(tmp_path, data)
    assert "analysis this run: 0 s" in again.stdout


def run_cli_bench(tmp_path: Path, data: Path):
    import os
    import subprocess

    return subprocess.run([sys.executable, str(ROOT / "bench" / "tls.py"), str(data), "--out", str(tmp_path / "cache"),
                           "--no-install"], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
