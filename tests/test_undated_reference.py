"""The reference corpus built without its manifest: every article dated only as far as its own
text allows, never wrongly, with the evidence listed; article 004 (a summit "on Jan. 22" ahead,
a meeting "in June" ahead, talks "in December" behind, "2019" as the current year) narrowed to
January 2019. The true dates are the manifest's. Skipped with a reason when ../shared is absent."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from conftest import REFERENCE


def manifest_dates() -> dict[str, date]:
    with open(REFERENCE / "manifest.csv", newline="", encoding="utf-8") as fh:
        return {row["file"]: date.fromisoformat(row["published"]) for row in csv.DictReader(fh) if row["published"]}


def by_file(story):
    return {Path(a["path"]).name: a["published"] for a in story["articles"]}


def test_no_undated_article_gets_an_interval_that_excludes_its_true_date(reference_story_undated):
    truth = manifest_dates()
    for name, published in by_file(reference_story_undated).items():
        assert published["source"] != "metadata"
        assert published["evidence"], f"{name}: no evidence listed"
        if name not in truth:
            continue
        if published["earliest"]:
            assert date.fromisoformat(published["earliest"]) <= truth[name], f"{name}: {published}"
        if published["latest"]:
            assert date.fromisoformat(published["latest"]) >= truth[name], f"{name}: {published}"


def test_article_004_is_narrowed_to_january_2019_with_its_evidence(reference_story_undated):
    kono = by_file(reference_story_undated)["004_8ef769d34f6d49cd.txt"]
    assert kono["source"] == "inferred" and kono["date"] == "2019-01" and kono["precision"] == "month"
    assert kono["earliest"] >= "2019-01-01" and kono["latest"] <= "2019-01-31"
    assert kono["likely"] and kono["earliest"] <= kono["likely"] <= kono["latest"]
    evidence = " | ".join(kono["evidence"])
    for words in ("2019", "Jan. 22", "June"):
        assert words in evidence, f"{words!r} missing from the evidence: {evidence}"


def test_the_interval_and_its_likely_day_are_shown_in_the_report(tmp_path):
    from conftest import reference_or_skip, run_cli

    corpus = reference_or_skip()
    result = run_cli("build", str(corpus), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    line = next(l for l in report.splitlines() if "8ef769d34f6d49cd.txt" in l)  # the file name is Markdown-escaped
    assert "January 2019 (1–22 Jan)" in line and "most likely" in line
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "“Jan. 22” spoken of as ahead" in html
