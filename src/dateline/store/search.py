"""Full-text search over the story's sentences: an SQLite FTS5 index kept in the store's own file,
ranked by bm25, with snippets whose matches are marked.

Self-contained on purpose (no NLP, no store internals): the caller hands in (article, sentence, text)
rows and a signature of what they came from; the index is rebuilt only when the signature changes,
so opening a store that was searched before costs one small query."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

TABLE = "search_sentences"
META = "search_meta"
# Snippet markers: control characters never found in cleaned article text, so the caller can escape
# the snippet for its output and only then turn the markers into <mark> (or anything else).
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_TOKENS = 24  # words around the match in a snippet: about one sentence of news prose


@dataclass(frozen=True)
class Hit:
    article: str
    sentence: int
    snippet: str  # matches between MARK_START and MARK_END
    rank: float  # bm25: lower is better


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word quoted, all required.

    A trailing `*` on a word keeps its prefix search ("Lavr*")."""
    terms = []
    for word in re.findall(r"[\w*'’-]+", text):
        prefix = word.endswith("*")
        word = word.strip("*'’-")
        if word:
            terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


class SentenceIndex:
    """The FTS5 table of one SQLite file. One connection, for the thread that made it."""

    def __init__(self, path: str | Path, check_same_thread: bool = True):
        self.path = Path(path)
        self.conn = sqlite3.connect(self.path, check_same_thread=check_same_thread, timeout=30)

    def close(self) -> None:
        self.conn.close()

    def signature(self) -> str | None:
        try:
            row = self.conn.execute(f"SELECT value FROM {META} WHERE key = 'signature'").fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def refresh(self, rows: Iterable[tuple[str, int, str]], signature: str) -> bool:
        """Rebuild the index from rows unless it was built from the same signature. True when rebuilt."""
        if self.signature() == signature:
            return False
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
                "text, article UNINDEXED, sentence UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
            )
            conn.execute(f"CREATE TABLE IF NOT EXISTS {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute(f"DELETE FROM {TABLE}")
            conn.executemany(f"INSERT INTO {TABLE} (text, article, sentence) VALUES (?, ?, ?)",
                             ((text, article, sentence) for article, sentence, text in rows))
            conn.execute(f"INSERT OR REPLACE INTO {META} (key, value) VALUES ('signature', ?)", (signature,))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return True

    def search(self, text: str, limit: int = 20, offset: int = 0) -> tuple[list[Hit], int]:
        """Best matches first (bm25), and how many sentences match in all."""
        query = fts_query(text)
        if not query:
            return [], 0
        total = self.conn.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ?", (query,)).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT article, sentence, snippet({TABLE}, 0, ?, ?, '…', ?), bm25({TABLE}) AS rank "
            f"FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rank, article, sentence LIMIT ? OFFSET ?",
            (MARK_START, MARK_END, SNIPPET_TOKENS, query, limit, offset),
        ).fetchall()
        return [Hit(r[0], int(r[1]), r[2], float(r[3])) for r in rows], total
