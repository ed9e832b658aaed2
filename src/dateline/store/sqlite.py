"""SQLite persistence. Each article is written in its own transaction as soon as it is analysed,
so an interrupted build keeps everything it finished and a rerun picks up where it stopped;
the story is replaced in one transaction, so a reader never sees half of one.
No NLP here: the store saves and loads models."""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from dateline.analyse.article import ArticleAnalysis
from dateline.errors import StoreError
from dateline.models import Actor, Article, Event, PublicationDate, Story, TimelineEntry, TimeValue
from dateline.store.migrations import MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)


@dataclass
class StoredArticle:
    article: Article
    analysis: ArticleAnalysis
    raw: str


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.exists() and self.path.stat().st_size > 0:
            with self.path.open("rb") as f:
                if f.read(16) != b"SQLite format 3\x00":
                    raise StoreError(f"{self.path}: not a SQLite file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit when the block ends, roll back when it raises (Ctrl-C included)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0

    def _migrate(self) -> None:
        try:
            current = self.version()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a usable SQLite file ({err})") from err
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this Dateline understands ({SCHEMA_VERSION}); upgrade Dateline"
            )
        for number in range(current + 1, SCHEMA_VERSION + 1):
            with self._transaction() as conn:
                for statement in MIGRATIONS[number - 1].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))

    # -- articles ----------------------------------------------------------------------------
    def article_ids(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT id FROM articles")}

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def raw_texts(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, raw FROM articles"))

    def save_article(self, article: Article, analysis: ArticleAnalysis, raw: str) -> None:
        with self._transaction() as conn:
            conn.execute(
                """INSERT INTO articles (id, path, url, title, outlet, agency, published, published_day, encoding,
                   raw, text, removed_lines, analysis, duplicate_of, event_group, ingested_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    article.id, article.path, article.url, article.title, article.outlet, article.agency,
                    article.published.model_dump_json(),
                    article.published.sort_day().isoformat() if article.published.sort_day() else None,
                    article.encoding, raw, article.text,
                    json.dumps([r.model_dump() for r in article.removed_lines]),
                    analysis.model_dump_json(), article.duplicate_of, article.event_group,
                    datetime.now(timezone.utc).isoformat(timespec="seconds"),
                ),
            )
            conn.executemany(
                "INSERT INTO sentences (article_id, idx, text, start_char, end_char) VALUES (?,?,?,?,?)",
                [(article.id, s.index, s.text, s.start, s.end) for s in analysis.sentences],
            )

    def iter_articles(self) -> Iterator[StoredArticle]:
        rows = self.conn.execute(
            """SELECT id, path, url, title, outlet, agency, published, encoding, raw, text, removed_lines,
                      analysis, duplicate_of, event_group FROM articles
               ORDER BY published_day IS NULL, published_day, path"""
        )
        for (aid, path, url, title, outlet, agency, published, encoding, raw, text, removed, analysis_json,
             duplicate_of, event_group) in rows:
            analysis = ArticleAnalysis.model_validate_json(analysis_json)
            article = Article(
                id=aid, path=path, url=url, title=title, outlet=outlet, agency=agency,
                published=PublicationDate.model_validate_json(published), text=text,
                removed_lines=json.loads(removed), duplicate_of=duplicate_of, event_group=event_group,
                encoding=encoding, sentences=analysis.sentences, entities=analysis.entities,
                time_expressions=analysis.time_expressions,
            )
            yield StoredArticle(article, analysis, raw)

    # -- story --------------------------------------------------------------------------------
    def save_story(self, story: Story) -> None:
        with self._transaction() as conn:
            for table in ("actors", "events", "timeline", "story"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("UPDATE articles SET duplicate_of = NULL, event_group = NULL")
            for article in story.articles:
                conn.execute(
                    "UPDATE articles SET duplicate_of = ?, event_group = ? WHERE id = ?",
                    (article.duplicate_of, article.event_group, article.id),
                )
            conn.executemany(
                "INSERT INTO actors (id, name, type, aliases, roles, mentions, articles) VALUES (?,?,?,?,?,?,?)",
                [(a.id, a.name, a.type, json.dumps(a.aliases), json.dumps(a.roles), a.mentions, json.dumps(a.articles))
                 for a in story.actors],
            )
            conn.executemany(
                """INSERT INTO events (id, kind, date, earliest, summary, actors, places, articles, citations, date_evidence)
                   VALUES (?,?,?,?,?,?,?,?,?,?)""",
                [(e.id, e.kind, e.date.model_dump_json(), e.date.earliest.isoformat() if e.date.earliest else None,
                  e.summary, json.dumps(e.actors), json.dumps(e.places), json.dumps(e.articles),
                  json.dumps([c.model_dump() for c in e.citations]), e.date_evidence) for e in story.events],
            )
            conn.executemany(
                "INSERT INTO timeline (position, date, event, sentences) VALUES (?,?,?,?)",
                [(i, t.date.model_dump_json(), t.event, json.dumps([s.model_dump() for s in t.sentences]))
                 for i, t in enumerate(story.timeline)],
            )
            conn.execute("INSERT INTO story (key, value) VALUES ('story', ?)", (story.model_dump_json(),))

    def load_story(self) -> Optional[Story]:
        row = self.conn.execute("SELECT value FROM story WHERE key = 'story'").fetchone()
        return Story.model_validate_json(row[0]) if row else None

    def actors(self) -> list[Actor]:
        rows = self.conn.execute("SELECT id, name, type, aliases, roles, mentions, articles FROM actors ORDER BY mentions DESC, name")
        return [Actor(id=r[0], name=r[1], type=r[2], aliases=json.loads(r[3]), roles=json.loads(r[4]), mentions=r[5],
                      articles=json.loads(r[6])) for r in rows]

    def events(self) -> list[Event]:
        rows = self.conn.execute(
            "SELECT id, kind, date, summary, actors, places, articles, citations, date_evidence FROM events "
            "ORDER BY earliest IS NULL, earliest, id"
        )
        return [Event(id=r[0], kind=r[1], date=TimeValue.model_validate_json(r[2]), summary=r[3], actors=json.loads(r[4]),
                      places=json.loads(r[5]), articles=json.loads(r[6]), citations=json.loads(r[7]), date_evidence=r[8])
                for r in rows]

    def timeline(self) -> list[TimelineEntry]:
        rows = self.conn.execute("SELECT date, event, sentences FROM timeline ORDER BY position")
        return [TimelineEntry(date=TimeValue.model_validate_json(r[0]), event=r[1], sentences=json.loads(r[2])) for r in rows]
