"""What the story is about, and which articles and sentences speak of it.

A topic is given (`--query "libya, gaddafi"`) or inferred from the corpus: the words and the
actors that most articles share. Articles that share none of it are off the topic; they are
kept in the store but left out of the timeline and the briefing, and the build report names
them. A sentence is on the topic when it names one of the topic's terms or actors.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dateline.models import Article
from dateline.settings import TimelineSettings

# the shares and counts (central_share, inferred_terms, inferred_actors, inferred_min_hits) are settings:
# `TimelineSettings` in dateline/settings.py, passed down as `rules`
DEFAULT_RULES = TimelineSettings()
WORD = re.compile(r"[^\W\d_][\w'-]*")
GENERIC = {"said", "says", "told", "year", "years", "people", "new", "time", "day", "week", "monday", "tuesday",
           "wednesday", "thursday", "friday", "saturday", "sunday", "just", "like", "including", "according",
           "percent", "mr", "mrs", "ms", "news", "reported", "report", "reports", "also", "would", "could"}


@dataclass
class Topic:
    terms: list[str] = field(default_factory=list)  # lowercase words or phrases
    actors: list[str] = field(default_factory=list)  # names as written
    given: bool = False  # from a query, not inferred

    def describe(self) -> str:
        parts = self.terms + [a for a in self.actors if a.lower() not in self.terms]
        return ", ".join(parts) if parts else "(none)"

    def patterns(self) -> list[re.Pattern]:
        """A term matches at a word start, any case: "libya" finds "Libyan" and "Libyans"."""
        words = self.terms + [a.lower() for a in self.actors]
        return [re.compile(r"(?<![\w])" + re.escape(w), re.I) for w in dict.fromkeys(words) if w]

    def hits(self, text: str) -> int:
        return sum(1 for p in self.patterns() if p.search(text))


def topic_from_query(query: str | list[str] | None) -> Topic | None:
    """`"libya, gaddafi"` or `["libya", "libyan"]`: comma-separated phrases; without commas, each word."""
    if not query:
        return None
    if isinstance(query, str):
        parts = [p.strip() for p in query.split(",")] if "," in query else query.split()
    else:
        parts = [str(p).strip() for p in query]
    terms = [p.lower() for p in parts if p]
    return Topic(terms=terms, given=True) if terms else None


def infer_topic(articles: list[Article], rules: TimelineSettings = DEFAULT_RULES) -> Topic:
    """The words and actors that most articles share, most widespread first."""
    if not articles:
        return Topic()
    word_df: Counter = Counter()
    actor_df: Counter = Counter()
    for article in articles:
        words = {w.lower() for w in WORD.findall(article.text)}
        word_df.update(w for w in words if len(w) > 2 and w not in ENGLISH_STOP_WORDS and w not in GENERIC)
        actor_df.update({e.text for e in article.entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "EVENT")})
    floor = max(1, rules.central_share * len(articles))
    ranked_words = sorted(word_df.items(), key=lambda kv: (-kv[1], kv[0]))  # ties by name: the same on every run
    ranked_actors = sorted(actor_df.items(), key=lambda kv: (-kv[1], kv[0]))
    terms = [w for w, n in ranked_words if n >= floor][:rules.inferred_terms]
    actors = [a for a, n in ranked_actors if n >= floor and a.lower() not in terms][:rules.inferred_actors]
    return Topic(terms=terms, actors=actors, given=False)


def split_on_topic(articles: list[Article], topic: Topic, cache: dict | None = None,
                   rules: TimelineSettings = DEFAULT_RULES) -> tuple[list[Article], list[Article]]:
    """(on the topic, off it). A given query needs one of its terms; an inferred topic needs a few.
    `cache`, kept by a caller that splits many windows of one store, remembers each article's hits."""
    if not topic.terms and not topic.actors:
        return list(articles), []
    need = 1 if topic.given else min(rules.inferred_min_hits, len(topic.terms) + len(topic.actors))
    patterns = topic.patterns()
    words = tuple(p.pattern for p in patterns)
    on, off = [], []
    for article in articles:
        key = (article.id, len(article.text), article.title, words)
        hits = cache.get(key) if cache is not None else None
        if hits is None:
            text = f"{article.title or ''}\n{article.text}"
            hits = sum(1 for p in patterns if p.search(text))
            if cache is not None:
                cache[key] = hits
        (on if hits >= need else off).append(article)
    return on, off


def sentence_on_topic(text: str, patterns: list[re.Pattern]) -> bool:
    return not patterns or any(p.search(text) for p in patterns)
