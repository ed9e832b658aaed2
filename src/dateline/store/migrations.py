"""Schema migrations, applied in order; the schema_version table says how far a file has come."""

MIGRATIONS: list[str] = [
    # 1: articles with their analysis, and the story built over them
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        agency TEXT,
        published TEXT NOT NULL,
        published_day TEXT,
        encoding TEXT,
        raw TEXT NOT NULL,
        text TEXT NOT NULL,
        removed_lines TEXT NOT NULL,
        analysis TEXT NOT NULL,
        duplicate_of TEXT,
        event_group TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        articles TEXT NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        date TEXT NOT NULL,
        earliest TEXT,
        summary TEXT NOT NULL,
        actors TEXT NOT NULL,
        places TEXT NOT NULL,
        articles TEXT NOT NULL,
        citations TEXT NOT NULL,
        date_evidence TEXT
    );
    CREATE TABLE timeline (
        position INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        event TEXT,
        sentences TEXT NOT NULL
    );
    CREATE TABLE story (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]
