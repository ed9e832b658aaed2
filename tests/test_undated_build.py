"""`dateline build` on a small corpus written for this test: one article dated by the manifest,
an undated copy of it on another site, and an undated follow-up whose text speaks of a meeting
"on April 14" and talks "for June" ahead and of talks "in February" behind. The copy is dated by
the dated article; the follow-up is bounded by its own words and the corpus's span."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

CORPUS = FIXTURES / "undated"


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    out = tmp_path_factory.mktemp("undated-build")
    result = run_cli("build", str(CORPUS), "--manifest", str(CORPUS / "manifest.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return {Path(a["path"]).name: a["published"] for a in json.loads((out / "story.json").read_text())["articles"]}


def test_dated_article_keeps_its_manifest_date(story):
    assert story["a.txt"]["date"] == "2025-03-03" and story["a.txt"]["source"] == "metadata"


def test_undated_copy_is_dated_by_the_dated_article(story):
    copy = story["b.txt"]
    assert copy["source"] == "inferred"
    assert copy["earliest"] <= "2025-03-03" <= copy["latest"]
    assert copy["earliest"] >= "2025-02-28" and copy["latest"] <= "2025-03-06"
    assert any("same text is carried by dated articles" in e and "a.txt" in e for e in copy["evidence"])


def test_follow_up_is_bounded_by_its_own_words_and_the_corpus(story):
    follow = story["c.txt"]
    assert follow["source"] == "inferred"
    assert follow["earliest"] >= "2025-01-31"  # the corpus span (3 March) widened by a month
    assert follow["latest"] <= "2025-04-14"  # the meeting "on April 14" is ahead
    evidence = " | ".join(follow["evidence"])
    assert "April 14" in evidence and "corpus" in evidence


def test_readers_posts_cut_from_the_body_still_bound_the_date(story):
    # cleaning cuts the comment thread from the article text; the page's stamps of readers' posts, written
    # after publication, are read from the page as scraped
    page = story["d.txt"]
    assert page["latest"] is not None and page["latest"] <= "2025-03-20"
    assert any("March 20, 2025" in e for e in page["evidence"])
