"""The speed benches: the exponent fit, and a small throughput run end to end on a topic written
here in the Timeline17 layout (the real topics live in ../shared and are too large for a test)."""
from __future__ import annotations

import gzip
import json
import math
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import throughput  # noqa: E402


def test_the_exponent_is_the_slope_of_log_time_against_log_articles():
    assert throughput.exponent([(100, 10.0), (300, 30.0), (773, 77.3)]) == 1.0
    assert throughput.exponent([(100, 1.0), (300, 9.0), (773, 59.75)]) == 2.0
    n_log_n = [(n, n * math.log(n)) for n in (100, 300, 773)]
    assert 1.1 < throughput.exponent(n_log_n) < 1.25  # so the bar of 1.1 asks for better than n log n
    assert throughput.exponent([(100, 5.0)]) is None


def test_throughput_bench_runs_builds_and_the_bare_ceiling(tmp_path):
    texts = [(EXAMPLE / "articles" / name).read_text() for name in
             ("coastal-times-bergen.txt", "fisheries-blog.txt", "wire/ntb-bergen-talks.txt")]
    rows = [{"id": f"a{i}", "text": text.replace("Bergen", ["Bergen", "Tromsø"][i // 3]), "published": "2025-03-03",
             "outlet": f"Outlet {i % 3}"} for i, text in enumerate(texts * 2)]
    topic = tmp_path / "bench" / "t17" / "mini"
    topic.mkdir(parents=True)
    with gzip.open(topic / "articles.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "throughput.py"), "--topic", "mini", "--sizes", "3,6",
                           "--n-process", "2"], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "DATELINE_SHARED": str(tmp_path), "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["sizes"] == [3, 6] and result["articles"] == 6 and result["n_process"] == 2
    assert result["words"] == sum(len(r["text"].split()) for r in rows)
    assert result["bare_words_per_s"] > 0 and result["ratio_to_bare"] > 0 and isinstance(result["exponent"], float)
    assert {"ingest", "warm", "analyse", "story", "export"} <= set(result["stages_s"])
    assert [r["n"] for r in result["runs"]] == [3, 6] and all(0 < r["articles"] <= r["n"] for r in result["runs"])
    assert "ratio to the ceiling" in done.stdout and "load average" in done.stdout
