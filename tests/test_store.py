"""The SQLite store: migrations, refusing files it cannot use, transactions, resuming a build."""
from __future__ import annotations

import sqlite3

import pytest

from conftest import EXAMPLE
from dateline.errors import StoreError
from dateline.pipeline import build
from dateline.store import SCHEMA_VERSION, Store


def test_new_store_is_migrated_to_the_current_version(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        assert store.version() == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"schema_version", "articles", "sentences", "actors", "events", "timeline", "story"} <= tables


def test_store_from_a_newer_dateline_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this Dateline"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database")
    with pytest.raises(StoreError, match="not a SQLite file"):
        Store(path)
    assert path.read_text() == "my notes, not a database"


def test_interrupted_build_keeps_what_it_committed_and_resumes(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    articles = str(EXAMPLE / "articles")
    manifest = EXAMPLE / "manifest.csv"
    original = Store.save_article
    saved = []

    def save_then_crash(self, article, analysis, raw):
        if len(saved) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the fourth article was being written
        original(self, article, analysis, raw)
        saved.append(article.id)

    monkeypatch.setattr(Store, "save_article", save_then_crash)
    with pytest.raises(KeyboardInterrupt):
        build([articles], db, manifest)
    with Store(db) as store:
        assert store.article_ids() == set(saved)
        assert store.conn.execute("SELECT count(DISTINCT article_id) FROM sentences").fetchone()[0] == 3

    monkeypatch.setattr(Store, "save_article", original)
    report = build([articles], db, manifest)
    assert len(report.added) == 4 and not set(report.added) & set(saved)
    assert {why for _, why in report.unchanged} == {f"already stored as {aid}" for aid in saved}
    assert len(report.story.articles) == 7

    again = build([articles], db, manifest)
    assert again.added == [] and len(again.unchanged) == 7
    with Store(db) as store:
        assert len(store.article_ids()) == 7
        assert store.load_story().model_dump(exclude={"generated_at"}) == again.story.model_dump(exclude={"generated_at"})


def test_failed_story_write_leaves_the_previous_story(tmp_path, monkeypatch):
    db = tmp_path / "s.sqlite"
    build([str(EXAMPLE / "articles" / "feeds")], db)
    with Store(db) as store:
        before = store.load_story()
        events_before = len(store.events())
        broken = before.model_copy(update={"actors": before.actors + [before.actors[0]]})  # duplicate primary key
        with pytest.raises(sqlite3.IntegrityError):
            store.save_story(broken)
        assert store.load_story() == before and len(store.events()) == events_before


def test_an_article_whose_analysis_fails_is_skipped_and_the_rest_stored(tmp_path, monkeypatch):
    import dateline.pipeline as pipeline

    real = pipeline.analyse_text

    def flaky(text, *args, **kwargs):
        if "Reykjavik round" in text or "second round of talks" in text:
            raise ValueError("simulated analyser bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse_text", flaky)
    report = build([str(EXAMPLE / "articles" / "feeds")], tmp_path / "s.sqlite")
    assert len(report.added) == 1
    assert [s.reason for s in report.skipped] == ["analysis failed (ValueError: simulated analyser bug); please report this"]
    assert report.skipped[0].path.endswith("reykjavik-review.jsonl#line=2")


def test_an_article_too_long_for_the_parser_is_skipped_with_its_size(tmp_path, monkeypatch):
    from dateline.analyse import load_nlp

    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 300)
    report = build([str(EXAMPLE / "articles" / "feeds")], tmp_path / "s.sqlite")
    assert report.added == [] and report.story.articles == []
    too_long = [s for s in report.skipped if s.reason.startswith("too long to analyse")]
    assert len(too_long) == 2 and "the parser takes 300" in too_long[0].reason
