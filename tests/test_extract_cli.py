"""`dateline extract FILE [--json]`: the build's own cleaning of one file, with reasons, no NLP model;
and the furniture bench run on a tiny topic in the Timeline17 layout."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def extract_json(path: Path) -> dict:
    result = run_cli("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_extract_html_shows_metadata_text_and_removed_lines():
    doc = extract_json(FIXTURES / "story-page.html")["documents"][0]
    assert doc["title"] == "Ferry service resumes across the strait after storm"
    assert doc["outlet"] == "Harbour Herald"
    assert doc["published"] == {"value": "2024-03-05", "source": "HTML metadata"}
    assert doc["text"].startswith("The ferry link between Kaldvik")
    assert "without a decision." in doc["text"]
    for gone in ("Share this article", "©", "Finally", "You people complain", "Privacy policy"):
        assert gone not in doc["text"], gone
    reasons = {r["text"]: r["reason"] for r in doc["removed_lines"]}
    assert reasons["Share this article"] == "share, print or e-mail line"
    assert reasons["© 2024 Harbour Herald Ltd. All rights reserved."] == "copyright or footer"


def test_extract_plain_text_lists_comment_lines_with_reasons():
    doc = extract_json(FIXTURES / "commented-story.txt")["documents"][0]
    reasons = {r["reason"] for r in doc["removed_lines"]}
    assert {"reader comment", "comment signature", "comment count", "comment thread notice"} <= reasons
    assert "Finally!!!" not in doc["text"]


def test_extract_reports_a_schedule_as_not_an_article():
    doc = extract_json(FIXTURES / "tv-schedule.txt")["documents"][0]
    assert doc["not_article"].startswith("programme schedule")


def test_extract_table_output_and_missing_file():
    result = run_cli("extract", str(FIXTURES / "tokenized-thread.txt"))
    assert result.returncode == 0, result.stderr
    assert "reader comment" in result.stdout and "removed lines (7)" in result.stdout
    missing = run_cli("extract", str(FIXTURES / "no-such-file.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_extract_jsonl_records_are_cleaned_as_a_batch(tmp_path):
    footer = "Sign up for our morning briefing and get the news in your inbox every day."
    rows = [
        {"text": "The port reopened on Monday after a week of strikes, the operator said.\n\n" + footer, "outlet": "A"},
        {"text": "Wheat prices rose for a third day as dry weather hit the harvest, traders said.\n\n" + footer, "outlet": "A"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    docs = extract_json(path)["documents"]
    assert len(docs) == 2
    assert all(footer not in d["text"] for d in docs)


def test_extract_does_not_load_spacy():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dateline.cli import app\n"
        f"r = CliRunner().invoke(app, ['extract', {str(FIXTURES / 'commented-story.txt')!r}, '--json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_furniture_bench_on_a_tiny_topic(tmp_path):
    """bench/furniture.py over a folder in the Timeline17 layout: reasons counted, nothing survives."""
    topic = tmp_path / "ferry"
    topic.mkdir()
    rows = [
        {"id": "a-1", "published": "2024-03-05", "outlet": "herald",
         "text": (FIXTURES / "tokenized-thread.txt").read_text()},
        {"id": "a-2", "published": "2024-03-05", "outlet": "herald", "text": (FIXTURES / "tv-schedule.txt").read_text()},
        {"id": "a-3", "published": "2024-03-06", "outlet": "herald",
         "text": (FIXTURES / "commented-story.txt").read_text()},
    ]
    with gzip.open(topic / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in rows) + "\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "furniture.py"), str(tmp_path), "--topics", "ferry", "--sample", "3"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    ferry = summary["topics"]["ferry"]
    assert ferry["articles"] == 3 and ferry["not_articles"] == 1 and ferry["with_comment_thread"] == 2
    assert summary["survivors"] == 0
    assert summary["removed"]["reader comment"] >= 4 and summary["removed"]["comment signature"] == 2
    assert "not an article: a-2" in result.stdout


def test_the_build_skips_a_schedule_page_with_its_reason(tmp_path):
    import shutil

    from dateline.pipeline import build

    for name in ("tv-schedule.txt", "commented-story.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    report = build([str(tmp_path / "tv-schedule.txt"), str(tmp_path / "commented-story.txt")], tmp_path / "store.sqlite")
    assert [a.path.rsplit("/", 1)[-1] for a in report.story.articles] == ["commented-story.txt"]
    schedule = [s for s in report.skipped if s.path.endswith("tv-schedule.txt")]
    assert len(schedule) == 1 and schedule[0].reason.startswith("not an article (programme schedule")
    assert any(r.reason == "reader comment" for r in report.story.articles[0].removed_lines)



def test_extract_reads_cleaning_thresholds_from_settings(tmp_path):
    """A threshold is a setting, not a constant: raising the shortest repeated line worth removing
    keeps a repeated caption that the default removes; an unknown setting is refused by name."""
    page = tmp_path / "captioned.txt"
    caption = "Fishermen mend their nets on the quay at Kaldvik harbour."
    page.write_text(
        "Ferry service resumes across the strait after storm\n\n"
        f"{caption}\n\n"
        "The ferry link between Kaldvik and the mainland reopened on Tuesday after three days of gales, "
        "the operator said.\n\n"
        f"{caption}\n\n"
        "Crossings will run every two hours until the timetable returns to normal next week.\n",
        encoding="utf-8")
    default = extract_json(page)["documents"][0]
    assert any(r["reason"] == "repeated within the page" for r in default["removed_lines"])
    raised = run_cli("extract", str(page), "--json", "--set", "clean.repeat_min_words=50")
    assert raised.returncode == 0, raised.stderr
    kept = json.loads(raised.stdout)["documents"][0]
    assert not any(r["reason"] == "repeated within the page" for r in kept["removed_lines"])
    assert kept["text"].count("Fishermen mend their nets") == 2
    wrong = run_cli("extract", str(page), "--set", "clean.no_such_threshold=3")
    assert wrong.returncode == 2 and "clean.no_such_threshold" in wrong.stderr
