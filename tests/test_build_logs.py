"""Progress and logs of a build (issue 8, item 6): JSON log lines for collectors, human log lines with
--verbose, no progress bar when stderr is not a terminal, and --quiet drops the per-file listing."""
from __future__ import annotations

import json

from conftest import FIXTURES, run_cli

INCREMENTAL_A = FIXTURES / "incremental" / "a"


def test_json_logs_name_each_stage_and_no_bar_when_not_a_terminal(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", str(INCREMENTAL_A), "--out", str(out), "--log-json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    messages = [r["message"] for r in records]
    assert any(m.startswith("stage analyse:") for m in messages), messages
    assert any(m.startswith("build done:") and "analyse" in m and "story" in m for m in messages), messages
    assert all(r["logger"].startswith("dateline") and r["level"] and r["time"] for r in records)
    assert "Analysing articles" not in result.stderr  # the progress bar is for terminals only

    # the same store again: nothing to analyse, the listing says why; --quiet leaves it out
    loud = run_cli("build", str(INCREMENTAL_A), "--out", str(out), "--verbose")
    quiet = run_cli("build", str(INCREMENTAL_A), "--out", str(out), "--quiet")
    assert loud.returncode == quiet.returncode == 0
    assert "INFO build done:" in loud.stderr and not loud.stderr.lstrip().startswith("{")
    assert "already stored as" in loud.stdout and "already stored as" not in quiet.stdout
    assert "INFO" not in quiet.stderr and "0 new article(s) stored, 2 already stored" in quiet.stdout
