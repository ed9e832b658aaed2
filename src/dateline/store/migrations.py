"""Schema migrations, applied in order by every backend; the schema_version table says how far a
store has come. One schema for SQLite and PostgreSQL: the SQL below is the subset both speak
(TEXT, INTEGER, BIGINT, ON CONFLICT); where they differ a migration gives one text per dialect.

Schema 2 keeps one truth: the story's parts are rows (articles, sentences, entities, time
expressions, actors, quotes, events, timeline entries, briefing, sources, groups) and story.json is
assembled from them. Each document keeps its extracted text and the hashes of its lines, the
corpus-level evidence that cleaning judges repeated lines by, so a later build can re-judge it.
"""
from __future__ import annotations

from typing import Union

Migration = Union[str, dict]  # one SQL text, or {"sqlite": ..., "postgresql": ...}

SCHEMA_1 = """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, url TEXT, title TEXT, outlet TEXT, agency TEXT,
        published TEXT NOT NULL, published_day TEXT, encoding TEXT, raw TEXT NOT NULL, text TEXT NOT NULL,
        removed_lines TEXT NOT NULL, analysis TEXT NOT NULL, duplicate_of TEXT, event_group TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
        text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, aliases TEXT NOT NULL, roles TEXT NOT NULL,
        mentions INTEGER NOT NULL, articles TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT NOT NULL, earliest TEXT, summary TEXT NOT NULL,
        actors TEXT NOT NULL, places TEXT NOT NULL, articles TEXT NOT NULL, citations TEXT NOT NULL, date_evidence TEXT
    );
    CREATE TABLE timeline (position INTEGER PRIMARY KEY, date TEXT NOT NULL, event TEXT, sentences TEXT NOT NULL);
    CREATE TABLE story (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""

SCHEMA_2 = """
    ALTER TABLE articles RENAME TO articles_v1;
    DROP TABLE sentences;
    DROP TABLE actors;
    DROP TABLE events;
    DROP TABLE timeline;
    DROP TABLE story;
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        url TEXT,
        meta_title TEXT,
        outlet TEXT,
        published_meta TEXT,
        published_from TEXT,
        crawled TEXT,
        encoding TEXT,
        paragraph_lines INTEGER NOT NULL,
        source_text TEXT NOT NULL,
        meta_key TEXT NOT NULL,
        status TEXT NOT NULL,
        skip_reason TEXT,
        clean_key TEXT,
        analysis_key TEXT,
        title TEXT,
        agency TEXT,
        published TEXT,
        published_day TEXT,
        text TEXT,
        removed_lines TEXT,
        mentions TEXT,
        notes TEXT,
        duplicate_of TEXT,
        event_group TEXT,
        story_position INTEGER,
        ingested_at TEXT NOT NULL,
        updated_at TEXT
    );
    CREATE INDEX articles_status ON articles (status, published_day, path);
    CREATE TABLE line_evidence (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        line_hash BIGINT NOT NULL,
        PRIMARY KEY (article_id, line_hash)
    );
    CREATE INDEX line_evidence_hash ON line_evidence (line_hash);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL, sentence INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, actor TEXT,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX entities_actor ON entities (actor);
    CREATE TABLE time_expressions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, text TEXT NOT NULL, sentence INTEGER NOT NULL, start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL, kind TEXT NOT NULL, direction TEXT NOT NULL,
        value TEXT, precision TEXT NOT NULL, earliest TEXT, latest TEXT,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
        aliases TEXT NOT NULL, roles TEXT NOT NULL, mentions INTEGER NOT NULL, articles TEXT NOT NULL
    );
    CREATE TABLE quotes (
        position INTEGER PRIMARY KEY, speaker TEXT, speaker_text TEXT, text TEXT NOT NULL,
        article TEXT NOT NULL, sentence INTEGER NOT NULL, partial INTEGER NOT NULL
    );
    CREATE INDEX quotes_speaker ON quotes (speaker);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL,
        value TEXT, precision TEXT NOT NULL, earliest TEXT, latest TEXT,
        title TEXT NOT NULL, summary TEXT NOT NULL, actors TEXT NOT NULL, places TEXT NOT NULL,
        articles TEXT NOT NULL, citations TEXT NOT NULL, date_evidence TEXT
    );
    CREATE TABLE timeline_entries (
        position INTEGER PRIMARY KEY, value TEXT, precision TEXT NOT NULL, earliest TEXT, latest TEXT,
        event TEXT, sentences TEXT NOT NULL
    );
    CREATE TABLE briefing (
        position INTEGER PRIMARY KEY, text TEXT NOT NULL, article TEXT NOT NULL, sentence INTEGER NOT NULL
    );
    CREATE TABLE sources (
        position INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, articles TEXT NOT NULL,
        events TEXT NOT NULL, actors TEXT NOT NULL, place_names TEXT NOT NULL
    );
    CREATE TABLE article_groups (
        position INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, articles TEXT NOT NULL, event TEXT
    );
    CREATE TABLE input_skips (
        path TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (path, reason)
    );
    CREATE TABLE story_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    {adopt_v1};
    DROP TABLE articles_v1
"""

# Articles stored by schema 1 become documents to analyse again: schema 1 kept their raw text but
# not what cleaning needs (the metadata title apart from the cleaner's, the line evidence), so the
# next build re-cleans and re-analyses them (and a re-read of their files fills in the rest).
_ADOPT = """
    INSERT INTO articles (id, path, url, meta_title, outlet, published_meta, published_from, encoding, paragraph_lines,
                          source_text, meta_key, status, ingested_at)
    SELECT id, path, url, NULL, outlet,
           CASE WHEN {source} = 'metadata' THEN {date} END,
           CASE WHEN {source} = 'metadata' THEN 'metadata' END,
           encoding, 0, raw, '', 'pending', ingested_at
    FROM articles_v1
"""

# Schema 3: each row of a story table and each time expression also keeps its model whole (`doc`, JSON),
# so fields the analysers add (a TIMEX3 value, a quote's cue, an actor's role dates) round-trip
# without a migration each; the other columns stay for readers that query them.
SCHEMA_3 = """
    ALTER TABLE time_expressions ADD COLUMN doc TEXT;
    ALTER TABLE actors ADD COLUMN doc TEXT;
    ALTER TABLE quotes ADD COLUMN doc TEXT;
    ALTER TABLE events ADD COLUMN doc TEXT;
    ALTER TABLE timeline_entries ADD COLUMN doc TEXT;
    ALTER TABLE briefing ADD COLUMN doc TEXT;
    ALTER TABLE sources ADD COLUMN doc TEXT
"""

MIGRATIONS: list[Migration] = [
    SCHEMA_1,
    {
        "sqlite": SCHEMA_2.replace("{adopt_v1}", _ADOPT.format(
            source="json_extract(published, '$.source')", date="json_extract(published, '$.date')")),
        "postgresql": SCHEMA_2.replace("{adopt_v1}", _ADOPT.format(
            source="(published::json->>'source')", date="(published::json->>'date')")),
    },
    SCHEMA_3,
]

SCHEMA_VERSION = len(MIGRATIONS)


def statements(migration: Migration, dialect: str) -> list[str]:
    text = migration if isinstance(migration, str) else migration[dialect]
    return [s.strip() for s in text.split(";") if s.strip()]
