"""Corpus-level evidence for cleaning, kept in the store so that a build adding articles judges
every article against the whole corpus, as a build of everything at once would.

A line is site chrome when it also appears in an unrelated article (clean/chrome.py). What each
document holds is its set of line hashes; which lines count as repeated is recomputed from all
stored documents on every build, and a stored article is cleaned again only when that verdict
changes for one of its lines. The same rule as `clean.shared_lines`, over 64-bit hashes of the
normalised lines instead of the lines themselves, so the evidence of 1,000 articles is a few MB.
"""
from __future__ import annotations

import hashlib

from dateline.clean.chrome import normalise_line, shared_items, words


def line_hash(normalised: str) -> int:
    """A signed 64-bit hash (both SQLite INTEGER and PostgreSQL BIGINT hold it)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def line_hashes(text: str) -> list[int]:
    """The hashes of a text's lines that can be evidence (lines with at least one word), sorted."""
    return sorted({line_hash(normalise_line(line)) for line in text.splitlines() if words(line)})


def shared_hashes(evidence: dict[str, list[int]], copy_overlap: float) -> dict[str, frozenset[int]]:
    """For each document, the hashes of its lines that also appear in an unrelated document (one sharing
    at most `copy_overlap` of its lines: copies of an article are not evidence of chrome). The result for a
    document depends on the set of documents only, never on the order they came in."""
    sets = {doc: frozenset(hashes) for doc, hashes in evidence.items()}
    return {doc: frozenset(found) for doc, found in shared_items(sets, copy_overlap).items()}


class HashedLines:
    """A set of normalised lines held as hashes: what `clean_plain_text` takes as `shared`
    (it only asks `normalise_line(line) in shared`)."""

    def __init__(self, hashes: frozenset[int]):
        self.hashes = hashes

    def __contains__(self, normalised: object) -> bool:
        return isinstance(normalised, str) and line_hash(normalised) in self.hashes

    def __len__(self) -> int:
        return len(self.hashes)
