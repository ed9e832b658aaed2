"""The SQL both backends share: saving and loading models as rows. A backend supplies a connection,
its dialect's name and placeholder, how a transaction starts, and its writer lock.

Each batch of documents and each batch of analysed articles is one transaction, so a build
killed at any moment leaves every batch either whole or absent; the story is replaced in one
transaction, so a reader never sees half of one. story.json is assembled from the rows.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date as Day
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Optional

from dateline.errors import StoreError
from dateline.models import (Actor, Article, ArticleAnalysis, ArticleGroup, BriefingLine, EntityMention, Event,
                             PublicationDate, Quote, Sentence, SkippedInput, SourceCoverage, Story, TimeExpression,
                             TimelineEntry, TimeValue)
from dateline.store.base import AnalysedArticle, DocumentRecord, DocumentState, StoredArticle
from dateline.store.migrations import MIGRATIONS, SCHEMA_VERSION, statements

# Story fields kept in tables of their own; any other field (added by a later stage) goes whole into story_meta.
TABLED_STORY_FIELDS = {"generated_at", "articles", "actors", "quotes", "events", "timeline", "briefing", "sources",
                       "groups", "skipped"}
STORY_TABLES = ("actors", "quotes", "events", "timeline_entries", "briefing", "sources", "article_groups", "story_meta")
ANALYSIS_TABLES = ("sentences", "entities", "time_expressions")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _day(value: Optional[str]) -> Optional[Day]:
    return Day.fromisoformat(value) if value else None


def _iso(value: Optional[Day]) -> Optional[str]:
    return value.isoformat() if value else None


def _time_cols(t: TimeValue) -> tuple:
    return (t.value, t.precision, _iso(t.earliest), _iso(t.latest))


def _time_value(value, precision, earliest, latest) -> TimeValue:
    return TimeValue(value=value, precision=precision, earliest=_day(earliest), latest=_day(latest))


def _dump(items: list) -> str:
    return json.dumps([i.model_dump(mode="json") if hasattr(i, "model_dump") else i for i in items], ensure_ascii=False)


class SqlStore:
    """Shared implementation of the Store protocol over a DB-API connection (see store/base.py)."""

    dialect = "sqlite"
    placeholder = "?"
    where: str = ""  # the store's location, for messages

    # -- plumbing a backend overrides ------------------------------------------------------------
    def _begin(self) -> None:
        self._exec("BEGIN")

    def _exec(self, sql: str, params: tuple = ()) -> Any:
        if self.placeholder != "?":
            sql = sql.replace("?", self.placeholder)
        return self.conn.execute(sql, params)

    def _many(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.placeholder != "?":
            sql = sql.replace("?", self.placeholder)
        self.conn.cursor().executemany(sql, rows)

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return list(self._exec(sql, params).fetchall())

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    # -- lifecycle --------------------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: commit when the block ends, roll back when it raises (Ctrl-C included)."""
        self._begin()
        try:
            yield
        except BaseException:
            self._exec("ROLLBACK")
            raise
        self._exec("COMMIT")

    _transaction = transaction  # older name

    def version(self) -> int:
        if not self._table_exists("schema_version"):
            return 0
        rows = self._rows("SELECT version FROM schema_version")
        return rows[0][0] if rows else 0

    def _migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.where}: schema version {current} is newer than this Dateline understands "
                             f"({SCHEMA_VERSION}); upgrade Dateline")
        while current < SCHEMA_VERSION:
            with self.transaction():
                current = self.version()  # again inside the lock: another process may have migrated meanwhile
                if current >= SCHEMA_VERSION:
                    break
                number = current + 1
                if number == 1 and self._table_exists("articles"):
                    raise StoreError(f"{self.where}: holds tables Dateline did not make")
                for statement in statements(MIGRATIONS[number - 1], self.dialect):
                    self._exec(statement)
                self._exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                self._exec("DELETE FROM schema_version")
                self._exec("INSERT INTO schema_version (version) VALUES (?)", (number,))
                if number == 2:
                    self._adopt_evidence()
            current = number

    def _adopt_evidence(self) -> None:
        """Line evidence for documents adopted from schema 1 (hashed here, as a fresh read would)."""
        rows = self._rows("SELECT id, source_text FROM articles WHERE status = 'pending'")
        if not rows:
            return
        from dateline.evidence import line_hashes

        self._many("INSERT INTO line_evidence (article_id, line_hash) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   [(aid, h) for aid, text in rows for h in line_hashes(text)])

    # -- readers ----------------------------------------------------------------------------------
    def article_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM articles WHERE status = 'stored'")}

    def has_article(self, article_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM articles WHERE id = ? AND status = 'stored'", (article_id,)))

    _ARTICLE_COLS = ("id, path, url, title, outlet, agency, published, encoding, source_text, text, removed_lines, "
                     "mentions, duplicate_of, event_group")

    def _articles(self, where: str, params: tuple, order: str) -> Iterator[StoredArticle]:
        rows = self._rows(f"SELECT {self._ARTICLE_COLS} FROM articles WHERE status = 'stored' {where} ORDER BY {order}",
                          params)
        for chunk_start in range(0, len(rows), 200):
            chunk = rows[chunk_start:chunk_start + 200]
            parts = self._analysis_parts([r[0] for r in chunk])
            for (aid, path, url, title, outlet, agency, published, encoding, raw, text, removed, mentions,
                 duplicate_of, event_group) in chunk:
                sentences, entities, expressions = parts.get(aid, ([], [], []))
                published_date = PublicationDate.model_validate_json(published)
                extra = json.loads(mentions)
                analysis = ArticleAnalysis(published=published_date, sentences=sentences, entities=entities,
                                           time_expressions=expressions, **extra)
                article = Article(
                    id=aid, path=path, url=url, title=title, outlet=outlet, agency=agency, published=published_date,
                    text=text, removed_lines=json.loads(removed), duplicate_of=duplicate_of, event_group=event_group,
                    encoding=encoding, sentences=sentences, entities=[e.model_copy() for e in entities],
                    time_expressions=expressions,
                )
                yield StoredArticle(article, analysis, raw)

    def _analysis_parts(self, ids: list[str]) -> dict[str, tuple[list, list, list]]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        parts: dict[str, tuple[list, list, list]] = {i: ([], [], []) for i in ids}
        for aid, idx, text, start, end in self._rows(
                f"SELECT article_id, idx, text, start_char, end_char FROM sentences WHERE article_id IN ({marks}) "
                "ORDER BY article_id, idx", tuple(ids)):
            parts[aid][0].append(Sentence(index=idx, text=text, start=start, end=end))
        for aid, text, label, sentence, start, end, actor in self._rows(
                f"SELECT article_id, text, label, sentence, start_char, end_char, actor FROM entities "
                f"WHERE article_id IN ({marks}) ORDER BY article_id, idx", tuple(ids)):
            parts[aid][1].append(EntityMention(text=text, label=label, sentence=sentence, start=start, end=end, actor=actor))
        for aid, text, sentence, start, end, kind, direction, value, precision, earliest, latest, doc in self._rows(
                f"SELECT article_id, text, sentence, start_char, end_char, kind, direction, value, precision, earliest, "
                f"latest, doc FROM time_expressions WHERE article_id IN ({marks}) ORDER BY article_id, idx", tuple(ids)):
            parts[aid][2].append(TimeExpression.model_validate_json(doc) if doc else TimeExpression(
                text=text, sentence=sentence, start=start, end=end, kind=kind, direction=direction,
                resolved=_time_value(value, precision, earliest, latest)))
        return parts

    def iter_articles(self) -> Iterator[StoredArticle]:
        """Every analysed article, earliest first (undated last), then by path: the order the story uses."""
        return self._articles("", (), "published_day IS NULL, published_day, path, id")

    def get_article(self, article_id: str) -> Optional[Article]:
        found = list(self._articles("AND id = ?", (article_id,), "id"))
        return found[0].article if found else None

    def actors(self) -> list[Actor]:
        rows = self._rows("SELECT id, name, type, aliases, roles, mentions, articles, doc FROM actors ORDER BY position")
        return [Actor.model_validate_json(r[7]) if r[7] else Actor(
            id=r[0], name=r[1], type=r[2], aliases=json.loads(r[3]), roles=json.loads(r[4]), mentions=r[5],
            articles=json.loads(r[6])) for r in rows]

    def events(self) -> list[Event]:
        rows = self._rows("SELECT id, kind, value, precision, earliest, latest, title, summary, actors, places, articles, "
                          "citations, date_evidence, doc FROM events ORDER BY position")
        return [Event.model_validate_json(r[13]) if r[13] else Event(id=r[0], kind=r[1], date=_time_value(*r[2:6]), title=r[6], summary=r[7], actors=json.loads(r[8]),
                      places=json.loads(r[9]), articles=json.loads(r[10]), citations=json.loads(r[11]),
                      date_evidence=r[12]) for r in rows]

    def timeline(self) -> list[TimelineEntry]:
        rows = self._rows("SELECT value, precision, earliest, latest, event, sentences, doc FROM timeline_entries ORDER BY position")
        return [TimelineEntry.model_validate_json(r[6]) if r[6] else TimelineEntry(
            date=_time_value(*r[:4]), event=r[4], sentences=json.loads(r[5])) for r in rows]

    def quotes(self) -> list[Quote]:
        rows = self._rows("SELECT speaker, speaker_text, text, article, sentence, partial, doc FROM quotes ORDER BY position")
        return [Quote.model_validate_json(r[6]) if r[6] else Quote(
            speaker=r[0], speaker_text=r[1], text=r[2], article=r[3], sentence=r[4], partial=bool(r[5])) for r in rows]

    def sources(self) -> list[SourceCoverage]:
        rows = self._rows("SELECT name, kind, articles, events, actors, place_names, doc FROM sources ORDER BY position")
        return [SourceCoverage.model_validate_json(r[6]) if r[6] else SourceCoverage(name=r[0], kind=r[1], articles=json.loads(r[2]), events=json.loads(r[3]),
                               actors=json.loads(r[4]), place_names=json.loads(r[5])) for r in rows]

    def briefing(self) -> list[BriefingLine]:
        rows = self._rows("SELECT text, article, sentence, doc FROM briefing ORDER BY position")
        return [BriefingLine.model_validate_json(r[3]) if r[3] else BriefingLine(text=r[0], article=r[1], sentence=r[2])
                for r in rows]

    def groups(self) -> list[ArticleGroup]:
        rows = self._rows("SELECT id, kind, articles, event FROM article_groups ORDER BY position")
        return [ArticleGroup(id=r[0], kind=r[1], articles=json.loads(r[2]), event=r[3]) for r in rows]

    def load_story(self) -> Optional[Story]:
        """The story as assembled from the tables (no copy of it is kept anywhere else)."""
        meta = dict(self._rows("SELECT key, value FROM story_meta"))
        if "generated_at" not in meta:
            return None
        in_story = list(self._articles("AND story_position IS NOT NULL", (), "story_position"))
        return Story(
            generated_at=meta["generated_at"], articles=[s.article for s in in_story], actors=self.actors(),
            quotes=self.quotes(), events=self.events(), timeline=self.timeline(), briefing=self.briefing(),
            sources=self.sources(), groups=self.groups(), skipped=json.loads(meta.get("skipped", "[]")),
            **json.loads(meta.get("extra", "{}")),
        )

    # -- builds -----------------------------------------------------------------------------------
    def document_states(self) -> dict[str, DocumentState]:
        rows = self._rows("SELECT id, path, meta_key, status, clean_key, analysis_key, skip_reason FROM articles")
        return {r[0]: DocumentState(*r) for r in rows}

    _META = ("url", "title", "outlet", "published_meta", "published_from", "crawled", "encoding")
    _META_COLS = "url, meta_title, outlet, published_meta, published_from, crawled, encoding"

    def put_documents(self, documents: list[DocumentRecord]) -> dict[str, str]:
        """Insert new documents and correct changed ones, in one transaction. Returns id -> what happened:
        "added", "updated" (the read brought metadata that differs from what is stored: it will be
        analysed again) or "unchanged". A read without some metadata (no manifest this time) keeps
        what is stored: only new values correct, absent ones are no news."""
        outcome: dict[str, str] = {}
        with self.transaction():
            known: dict[str, tuple] = {}
            ids = sorted({d.id for d in documents})
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                for row in self._rows(f"SELECT id, {self._META_COLS} FROM articles WHERE id IN ({','.join('?' * len(part))})",
                                      tuple(part)):
                    known[row[0]] = tuple(row[1:])
            now = _now()
            for doc in documents:
                if doc.id in outcome:
                    continue
                new = tuple(getattr(doc, name) for name in self._META)
                if doc.id not in known:
                    self._exec(
                        f"""INSERT INTO articles (id, path, {self._META_COLS}, paragraph_lines, source_text, meta_key,
                           status, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'pending',?)""",
                        (doc.id, doc.path, *new, int(doc.paragraph_lines), doc.source_text, doc.meta_key(), now))
                    self._many("INSERT INTO line_evidence (article_id, line_hash) VALUES (?, ?)",
                               [(doc.id, h) for h in sorted(set(doc.line_hashes))])
                    outcome[doc.id] = "added"
                    continue
                stored = known[doc.id]
                merged = tuple(n if n is not None else o for n, o in zip(new, stored))
                if merged[3] != stored[3]:  # a new date brings where it came from, never the old source
                    merged = merged[:4] + (new[4],) + merged[5:]
                if merged == stored:
                    outcome[doc.id] = "unchanged"
                    continue
                self._exec(
                    """UPDATE articles SET url = ?, meta_title = ?, outlet = ?, published_meta = ?, published_from = ?,
                       crawled = ?, encoding = ?, status = 'pending', analysis_key = NULL, updated_at = ? WHERE id = ?""",
                    (*merged, now, doc.id))
                outcome[doc.id] = "updated"
        return outcome

    def line_evidence(self) -> dict[str, list[int]]:
        """Every document's line hashes: the corpus-level evidence cleaning judges repetition by."""
        evidence: dict[str, list[int]] = {}
        for aid, h in self._exec("SELECT article_id, line_hash FROM line_evidence ORDER BY article_id, line_hash"):
            evidence.setdefault(aid, []).append(h)
        return evidence

    def iter_documents(self, ids: Iterable[str]) -> Iterator[DocumentRecord]:
        ids = list(ids)
        for start in range(0, len(ids), 200):
            part = ids[start:start + 200]
            rows = self._rows(
                f"""SELECT id, path, source_text, paragraph_lines, url, meta_title, outlet, published_meta, published_from,
                    crawled, encoding FROM articles WHERE id IN ({','.join('?' * len(part))})""", tuple(part))
            by_id = {r[0]: r for r in rows}
            for aid in part:
                if aid in by_id:
                    r = by_id[aid]
                    yield DocumentRecord(id=r[0], path=r[1], source_text=r[2], paragraph_lines=bool(r[3]), url=r[4],
                                         title=r[5], outlet=r[6], published_meta=r[7], published_from=r[8],
                                         crawled=r[9], encoding=r[10])

    def save_analysed(self, items: list[AnalysedArticle], skips: list[tuple[str, str, str]],
                      reused: Iterable[tuple[str, str]] = ()) -> None:
        """Store a batch of analysed articles, of documents skipped with a reason (id, clean key, reason)
        and of stored analyses that still hold under a new clean key (id, clean key), in one transaction:
        after a kill the batch is either all there or not at all."""
        with self.transaction():
            self._many("UPDATE articles SET clean_key = ? WHERE id = ?", [(key, aid) for aid, key in reused])
            for item in items:
                self._write_article(item)
            for aid, clean_key, reason in skips:
                for table in ANALYSIS_TABLES:
                    self._exec(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
                self._exec("UPDATE articles SET status = 'skipped', skip_reason = ?, clean_key = ?, analysis_key = NULL, "
                           "story_position = NULL WHERE id = ?", (reason, clean_key, aid))

    def _write_article(self, item: AnalysedArticle) -> None:
        a, an = item.article, item.analysis
        day = a.published.sort_day()
        mentions = an.model_dump(mode="json", include={"quotes", "events", "roles"})
        self._exec(
            """UPDATE articles SET status = 'stored', skip_reason = NULL, clean_key = ?, analysis_key = ?, title = ?,
               agency = ?, published = ?, published_day = ?, text = ?, removed_lines = ?, mentions = ?, notes = ?
               WHERE id = ?""",
            (item.clean_key, item.analysis_key, a.title, a.agency, a.published.model_dump_json(), _iso(day), a.text,
             _dump(a.removed_lines), json.dumps(mentions, ensure_ascii=False), json.dumps(item.notes), a.id))
        for table in ANALYSIS_TABLES:
            self._exec(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
        self._many("INSERT INTO sentences (article_id, idx, text, start_char, end_char) VALUES (?,?,?,?,?)",
                   [(a.id, s.index, s.text, s.start, s.end) for s in an.sentences])
        self._many("INSERT INTO entities (article_id, idx, text, label, sentence, start_char, end_char, actor) "
                   "VALUES (?,?,?,?,?,?,?,?)",
                   [(a.id, i, e.text, e.label, e.sentence, e.start, e.end, e.actor) for i, e in enumerate(an.entities)])
        self._many("INSERT INTO time_expressions (article_id, idx, text, sentence, start_char, end_char, kind, direction, "
                   "value, precision, earliest, latest, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   [(a.id, i, t.text, t.sentence, t.start, t.end, t.kind, t.direction, *_time_cols(t.resolved),
                     t.model_dump_json())
                    for i, t in enumerate(an.time_expressions)])

    def document_notes(self) -> list[tuple[str, SkippedInput]]:
        """(id, complaint) for documents skipped with a reason, and stored ones with a caveat (an
        unreadable date), ordered by path."""
        out = []
        for aid, path, status, reason, notes in self._rows(
                "SELECT id, path, status, skip_reason, notes FROM articles WHERE status IN ('skipped', 'stored') "
                "ORDER BY path, id"):
            if status == "skipped" and reason:
                out.append((aid, SkippedInput(path=path, reason=reason)))
            for note in json.loads(notes or "[]"):
                out.append((aid, SkippedInput(path=path, reason=note)))
        return out

    def record_input_skips(self, read_paths: list[str], skips: list[SkippedInput]) -> None:
        """Replace what is known about the inputs read in this build: an input read again and now fine
        loses its old complaint; inputs not read this time keep theirs."""
        with self.transaction():
            self._many("DELETE FROM input_skips WHERE path = ? OR substr(path, 1, length(?) + 1) = ? || '#'",
                       [(p, p, p) for p in sorted(set(read_paths))])
            self._many("INSERT INTO input_skips (path, reason) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [(s.path, s.reason) for s in skips])

    def input_skips(self) -> list[SkippedInput]:
        return [SkippedInput(path=p, reason=r) for p, r in self._rows("SELECT path, reason FROM input_skips ORDER BY path, reason")]

    def save_story(self, story: Story) -> None:
        """Replace the story's rows in one transaction."""
        with self.transaction():
            for table in STORY_TABLES:
                self._exec(f"DELETE FROM {table}")
            self._exec("UPDATE articles SET duplicate_of = NULL, event_group = NULL, story_position = NULL")
            self._exec("UPDATE entities SET actor = NULL")
            for position, article in enumerate(story.articles):
                self._exec("UPDATE articles SET duplicate_of = ?, event_group = ?, story_position = ? WHERE id = ?",
                           (article.duplicate_of, article.event_group, position, article.id))
                self._many("UPDATE entities SET actor = ? WHERE article_id = ? AND idx = ?",
                           [(e.actor, article.id, i) for i, e in enumerate(article.entities) if e.actor])
            self._many("INSERT INTO actors (id, position, name, type, aliases, roles, mentions, articles, doc) VALUES (?,?,?,?,?,?,?,?,?)",
                       [(a.id, i, a.name, a.type, json.dumps(a.aliases, ensure_ascii=False),
                         json.dumps(a.roles, ensure_ascii=False), a.mentions, json.dumps(a.articles), a.model_dump_json())
                        for i, a in enumerate(story.actors)])
            self._many("INSERT INTO quotes (position, speaker, speaker_text, text, article, sentence, partial, doc) VALUES (?,?,?,?,?,?,?,?)",
                       [(i, q.speaker, q.speaker_text, q.text, q.article, q.sentence, int(q.partial), q.model_dump_json())
                        for i, q in enumerate(story.quotes)])
            self._many("INSERT INTO events (id, position, kind, value, precision, earliest, latest, title, summary, actors, "
                       "places, articles, citations, date_evidence, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       [(e.id, i, e.kind, *_time_cols(e.date), e.title, e.summary, json.dumps(e.actors, ensure_ascii=False),
                         json.dumps(e.places, ensure_ascii=False), json.dumps(e.articles), _dump(e.citations),
                         e.date_evidence, e.model_dump_json()) for i, e in enumerate(story.events)])
            self._many("INSERT INTO timeline_entries (position, value, precision, earliest, latest, event, sentences, doc) "
                       "VALUES (?,?,?,?,?,?,?,?)",
                       [(i, *_time_cols(t.date), t.event, _dump(t.sentences), t.model_dump_json())
                        for i, t in enumerate(story.timeline)])
            self._many("INSERT INTO briefing (position, text, article, sentence, doc) VALUES (?,?,?,?,?)",
                       [(i, c.text, c.article, c.sentence, c.model_dump_json()) for i, c in enumerate(story.briefing)])
            self._many("INSERT INTO sources (position, name, kind, articles, events, actors, place_names, doc) VALUES (?,?,?,?,?,?,?,?)",
                       [(i, s.name, s.kind, json.dumps(s.articles), json.dumps(s.events), json.dumps(s.actors, ensure_ascii=False),
                         json.dumps(s.place_names, ensure_ascii=False), s.model_dump_json()) for i, s in enumerate(story.sources)])
            self._many("INSERT INTO article_groups (position, id, kind, articles, event) VALUES (?,?,?,?,?)",
                       [(i, g.id, g.kind, json.dumps(g.articles), g.event) for i, g in enumerate(story.groups)])
            self._many("INSERT INTO story_meta (key, value) VALUES (?, ?)",
                       [("generated_at", story.generated_at), ("skipped", _dump(story.skipped)),
                        ("extra", story.model_dump_json(exclude=TABLED_STORY_FIELDS))])
