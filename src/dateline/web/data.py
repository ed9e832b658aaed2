"""The web app's one door to the store: everything the pages and the API read comes through here.

Today it reads through the public `Store` API (`Store(path)`, `load_story()`); when the store becomes
a protocol with `open_store(url)`, only `_load_story` and `_search_index` change. The store module is
imported lazily, so importing `dateline.web` loads no NLP code.

A `StoryView` is the loaded story with the lookups the pages need, built once per story: pages are
served from memory, and the file is checked for a newer story at most once a second."""
from __future__ import annotations

import gc
import os
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Optional

from dateline.export.labels import Labels, when
from dateline.models import Article, CitedSentence, Story, TimelineEntry, TimeValue, reporting_outlets, story_actors

from dateline.web.settings import WebSettings

DEFAULT_SETTINGS = WebSettings()


def _load_story(path: Path) -> Optional[Story]:
    from dateline.store import Store  # lazy: the store still imports analysis models

    with Store(path) as store:
        return store.load_story()


def background(story: Story) -> list[TimelineEntry]:
    """The Background section (context before the story's window). Empty until `dateline.summarise`
    provides it; the pages already show it apart when there is one."""
    return list(getattr(story, "background", None) or [])


def overlaps(value: TimeValue, start: Optional[date], end: Optional[date]) -> bool:
    """Whether a date's interval meets [start, end]; an undated value meets only an open range."""
    lo, hi = value.earliest, value.latest or value.earliest
    if lo is None:
        return start is None and end is None
    return (start is None or hi >= start) and (end is None or lo <= end)


def budget_timeline(entries: list[TimelineEntry], dates: Optional[int] = None, per_date: Optional[int] = None,
                    start: Optional[date] = None, end: Optional[date] = None,
                    query: Optional[str] = None) -> list[TimelineEntry]:
    """The timeline within a budget: entries in [start, end] whose sentences mention the query, at most
    `dates` entries of at most `per_date` sentences. Simple truncation in story order until the
    timeline work provides ranked budgets; this is the one function to swap."""
    needle = (query or "").casefold().strip()
    out = []
    for entry in entries:
        if not overlaps(entry.date, start, end):
            continue
        sentences = [s for s in entry.sentences if needle in s.text.casefold()] if needle else entry.sentences
        if not sentences:
            continue
        if per_date and len(sentences) > per_date:
            sentences = sentences[:per_date]
        out.append(entry if sentences is entry.sentences else TimelineEntry(date=entry.date, event=entry.event, sentences=sentences))
        if dates and len(out) >= dates:
            break
    return out


def paragraphs(article: Article) -> list[list[int]]:
    """Sentence indexes grouped by the paragraph (blank-line separated block) they start in."""
    text = article.text
    breaks = []
    pos = 0
    while True:
        found = text.find("\n\n", pos)
        if found < 0:
            break
        breaks.append(found)
        pos = found + 2
    groups: dict[int, list[int]] = defaultdict(list)
    for s in article.sentences:
        groups[sum(1 for b in breaks if b < s.start)].append(s.index)
    return [groups[k] for k in sorted(groups)]


@dataclass
class StoryView:
    """A loaded story and its lookups. Immutable once built; a new story gets a new view."""

    story: Story
    generation: str
    settings: WebSettings = DEFAULT_SETTINGS
    labels: Labels = field(init=False)

    def __post_init__(self) -> None:
        story = self.story
        self.labels = Labels(story)
        self.articles = {a.id: a for a in story.articles}
        self.actors = {a.id: a for a in story.actors}
        self.events = {e.id: e for e in story.events}
        self.background = background(story)
        self.by_label = {label: aid for aid, label in self.labels.by_id.items()}

    def warm(self) -> "StoryView":
        """Build every lookup now, when the story loads, rather than on some reader's first visit."""
        for name in ("outlets", "groups_of", "folded_texts", "cited_sentences", "actor_sentences", "names_by_outlet",
                     "quotes_by_speaker", "events_of_actor", "_people_by_mentions", "kinds", "key_dates", "days",
                     "coverage", "comparison"):
            getattr(self, name)
        return self

    # -- articles --------------------------------------------------------------------------------
    def source_of(self, article_id: str) -> str:
        a = self.articles.get(article_id)
        return (a.outlet or a.agency or "source unknown") if a else "source unknown"

    def sources_of(self, article_id: str) -> set[str]:
        a = self.articles.get(article_id)
        return {s for s in ((a.outlet, a.agency) if a else ()) if s}

    def sentence_text(self, article_id: str, index: int) -> str:
        a = self.articles.get(article_id)
        return a.sentences[index].text if a and 0 <= index < len(a.sentences) else ""

    @cached_property
    def outlets(self) -> list[str]:
        """Every outlet and agency named, most articles first."""
        counts = Counter(s for a in self.story.articles for s in self.sources_of(a.id))
        return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]

    @cached_property
    def groups_of(self) -> dict[str, list]:
        out: dict[str, list] = defaultdict(list)
        for g in self.story.groups:
            for aid in g.articles:
                out[aid].append(g)
        return out

    def paragraphs_of(self, article_id: str) -> list[list[int]]:
        cache = self.__dict__.setdefault("_paragraphs", {})
        if article_id not in cache:
            cache[article_id] = paragraphs(self.articles[article_id])
        return cache[article_id]

    @cached_property
    def folded_texts(self) -> dict[str, str]:
        """Each article's text case-folded once, for the role lookups."""
        return {a.id: a.text.casefold() for a in self.story.articles}

    @cached_property
    def cited_sentences(self) -> dict[str, set[int]]:
        """Sentences of each article that the timeline or the briefing cites."""
        out: dict[str, set[int]] = defaultdict(set)
        for s in [s for t in self.story.timeline for s in t.sentences] + list(self.story.briefing):
            out[s.article].add(s.sentence)
        return out

    # -- actors ---------------------------------------------------------------------------------
    @cached_property
    def actor_sentences(self) -> dict[str, set[tuple[str, int]]]:
        """(article, sentence) pairs that mention each actor."""
        out: dict[str, set] = defaultdict(set)
        for a in self.story.articles:
            for e in a.entities:
                if e.actor:
                    out[e.actor].add((a.id, e.sentence))
        return out

    @cached_property
    def names_by_outlet(self) -> dict[str, dict[str, Counter]]:
        """actor id -> outlet -> how often it wrote each name."""
        out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
        for a in self.story.articles:
            if a.duplicate_of:
                continue  # a copy uses its original's words
            for e in a.entities:
                if e.actor:
                    out[e.actor][self.source_of(a.id)][e.text] += 1
        return out

    @cached_property
    def quotes_by_speaker(self) -> dict[str, list]:
        out: dict[str, list] = defaultdict(list)
        for q in self.story.quotes:
            for speaker in q.speaker_ids():
                out[speaker].append(q)
        return out

    @cached_property
    def events_of_actor(self) -> dict[str, list]:
        out: dict[str, list] = defaultdict(list)
        for e in self.story.events:
            for aid in e.actors:
                out[aid].append(e)
        return out

    def roles_over_time(self, actor) -> list[tuple[str, Optional[date], Optional[date], int]]:
        """Each role with the first and last day an article calling them that was published, and how many did."""
        out = []
        for role in actor.roles:
            needle = role.casefold()
            days, n = [], 0
            for aid in actor.articles:
                a = self.articles.get(aid)
                if a and needle in self.folded_texts.get(aid, ""):
                    n += 1
                    if a.published.earliest:
                        days.append(a.published.earliest)
            out.append((role, min(days, default=None), max(days, default=None), n))
        return sorted(out, key=lambda r: (r[1] is None, r[1] or date.min, r[0]))

    @cached_property
    def comparison(self) -> dict:
        """Outlets side by side: which events each covered, whom each quoted, the names each used."""
        limits = self.settings
        outlets = self.outlets[:limits.compare_outlets]
        coverage: dict[str, Counter] = {}
        for e in self.story.events:
            counts = Counter(src for aid in set(e.articles) for src in self.sources_of(aid) if src in outlets)
            if counts:
                coverage[e.id] = counts
        events = sorted(coverage, key=lambda eid: (-len(coverage[eid]), -sum(coverage[eid].values()), eid))[:limits.compare_events]
        events = [self.events[eid] for eid in sorted(events, key=lambda eid: self.events[eid].date.earliest or date.max)]
        quoted: dict[str, Counter] = {o: Counter() for o in outlets}
        for q in self.story.quotes:
            for src in self.sources_of(q.article):
                if src in quoted:
                    quoted[src].update(q.speaker_ids())
        names = []
        for actor in self.story.actors:
            by_outlet = {o: c for o, c in self.names_by_outlet.get(actor.id, {}).items() if o in outlets}
            used = {frozenset(c) for c in by_outlet.values()}
            if len(by_outlet) >= 2 and len(used) >= 2:
                names.append((actor, by_outlet))
        names.sort(key=lambda item: (-item[0].mentions, item[0].name))
        unsourced = sum(1 for a in self.story.articles if not self.sources_of(a.id))
        return {"outlets": outlets, "events": events, "coverage": coverage,
                "quoted": {o: c.most_common(limits.compare_speakers) for o, c in quoted.items()},
                "names": names[:limits.compare_names], "naming": self.story.naming, "unsourced": unsourced}

    @cached_property
    def _people_by_mentions(self) -> list:
        actors = story_actors(self.story.actors, reporting_outlets(self.story.articles))
        people = [a for a in actors if a.type in ("PERSON", "ORG")]
        return sorted(people, key=lambda a: (-a.mentions, a.name))

    def main_actors(self, limit: int = 12) -> list:
        return self._people_by_mentions[:limit]

    # -- timeline -------------------------------------------------------------------------------
    def entry_matches(self, entry: TimelineEntry, actor: Optional[str], kind: Optional[str]) -> bool:
        event = self.events.get(entry.event or "")
        if kind and (event is None or event.kind != kind):
            return False
        if actor:
            in_event = event is not None and actor in event.actors
            mentioned = any((s.article, s.sentence) in self.actor_sentences.get(actor, ()) for s in entry.sentences)
            if not (in_event or mentioned):
                return False
        return True

    def filter_timeline(self, entries: list[TimelineEntry], *, start: Optional[date] = None, end: Optional[date] = None,
                        actor: Optional[str] = None, source: Optional[str] = None, kind: Optional[str] = None,
                        text: Optional[str] = None) -> list[TimelineEntry]:
        """Entries that pass every filter; an outlet filter keeps only that outlet's sentences."""
        out = []
        for entry in budget_timeline(entries, start=start, end=end, query=text):
            if (actor or kind) and not self.entry_matches(entry, actor, kind):
                continue
            sentences = entry.sentences
            if source:
                sentences = [s for s in sentences if source in self.sources_of(s.article)]
                if not sentences:
                    continue
            out.append(entry if sentences is entry.sentences else TimelineEntry(date=entry.date, event=entry.event, sentences=sentences))
        return out

    @cached_property
    def kinds(self) -> list[str]:
        return sorted({e.kind for e in self.story.events})

    @cached_property
    def key_dates(self) -> list[TimelineEntry]:
        """The day-precise timeline entries most reported (articles citing them), in date order."""
        dated = [t for t in self.story.timeline if t.date.precision == "day"]
        ranked = sorted(dated, key=lambda t: (-len({s.article for s in t.sentences}), t.date.earliest))[:8]
        return sorted(ranked, key=lambda t: t.date.earliest)

    @cached_property
    def days(self) -> list[date]:
        """Every day with a day-precise entry or article, in order (for a day view's previous and next)."""
        found = {t.date.earliest for t in self.story.timeline if t.date.precision == "day" and t.date.earliest}
        found |= {a.published.earliest for a in self.story.articles if a.published.precision == "day" and a.published.earliest}
        return sorted(found)

    def day(self, day: date) -> tuple[list[TimelineEntry], list[Article]]:
        entries = [t for t in self.story.timeline if t.date.precision == "day" and t.date.earliest == day]
        published = [a for a in self.story.articles if a.published.precision == "day" and a.published.earliest == day]
        return entries, published

    # -- coverage -------------------------------------------------------------------------------
    @cached_property
    def coverage(self) -> tuple[list[date], list[str], dict[tuple[date, str], int]]:
        """Articles per day by outlet (day-dated articles only): days, outlets, counts."""
        counts: Counter = Counter()
        for a in self.story.articles:
            if a.published.precision == "day" and a.published.earliest:
                counts[(a.published.earliest, self.source_of(a.id))] += 1
        days = sorted({d for d, _ in counts})
        outlets = sorted({o for _, o in counts}, key=lambda o: (-sum(v for (d, x), v in counts.items() if x == o), o))
        return days, outlets, dict(counts)

    def cite(self, s: CitedSentence) -> str:
        return self.labels.cite(s.article, s.sentence)

    def when(self, value) -> str:
        return when(value)


@dataclass(frozen=True)
class SearchHit:
    article: str
    sentence: int
    segments: list  # (text, is_match) pieces of the snippet
    rank: float  # bm25, lower is better


def _story_marker(path: Path):
    """Which story the file holds: the story's metadata row (its `generated_at` among them), which the
    store rewrites exactly when a new story is saved. Runs in a background thread, never on the event loop."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute("SELECT group_concat(key || '=' || substr(value, 1, 80), ';') FROM story_meta").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


class StoryData:
    """The store behind the web app: the current StoryView, reloaded when a new story is saved, and search.

    Reloading builds the new view off the event loop (in the build's thread, or a thread of its own when
    another process wrote the store) and swaps it in whole, so readers keep the old story meanwhile."""

    def __init__(self, path: str | Path, settings: WebSettings = DEFAULT_SETTINGS):
        self.path = Path(path)
        self.settings = settings
        self._view: Optional[StoryView] = None
        self._stamp: tuple = ()
        self._marker = None
        self._checked = 0.0
        self._reload_lock = threading.Lock()  # one reload at a time
        self._search_lock = threading.Lock()  # one user of the search connection at a time
        self._reloading = False
        self._index = None
        self.reload()

    def _file_stamp(self) -> tuple:
        stamps = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(str(self.path) + suffix)
                stamps.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def reload(self) -> None:
        with self._reload_lock:
            marker = _story_marker(self.path)
            story = _load_story(self.path)
            view = None
            if story is not None:
                view = StoryView(story, f"{story.generated_at}/{len(story.articles)}/{marker}", self.settings).warm()
                self._refresh_index(view)
            gc.unfreeze()  # the previous story may go now
            self._view, self._marker = view, marker
            # A story is millions of long-lived objects: frozen, the cyclic collector stops walking them,
            # which otherwise stalls a request for seconds now and then on a large story.
            gc.collect()
            gc.freeze()
            self._stamp = self._file_stamp()

    def _check_in_background(self, stamp: tuple) -> None:
        try:
            if _story_marker(self.path) != self._marker:  # articles being added do not count; a new story does
                self.reload()
            else:
                self._stamp = stamp
        finally:
            self._reloading = False

    def current(self) -> Optional[StoryView]:
        """The loaded story; at most once a second, a changed file gets checked for a new story, in the background."""
        now = time.monotonic()
        if now - self._checked >= self.settings.recheck_seconds and not self._reloading:
            self._checked = now
            stamp = self._file_stamp()
            if stamp != self._stamp:
                self._reloading = True
                threading.Thread(target=self._check_in_background, args=(stamp,), name="story-check", daemon=True).start()
        return self._view

    # -- search ---------------------------------------------------------------------------------
    def _refresh_index(self, view: StoryView) -> None:
        """Rebuild the FTS index for a new story on a connection of this thread; readers keep theirs."""
        from dateline.store.search import SentenceIndex

        writer = SentenceIndex(self.path)
        try:
            writer.refresh(((a.id, s.index, s.text) for a in view.story.articles for s in a.sentences), view.generation)
        finally:
            writer.close()
        with self._search_lock:
            if self._index is None:
                self._index = SentenceIndex(self.path, check_same_thread=False)

    def search(self, text: str, limit: int, offset: int) -> tuple[list[SearchHit], int]:
        """Sentences matching the words, best (bm25) first, with the snippet cut into (text, is_match) pieces."""
        from dateline.store.search import MARK_END, MARK_START

        with self._search_lock:
            hits, total = self._index.search(text, limit, offset) if self._index else ([], 0)
        out = []
        for h in hits:
            segments, rest = [], h.snippet
            while MARK_START in rest:
                before, _, rest = rest.partition(MARK_START)
                match, _, rest = rest.partition(MARK_END)
                segments += [(before, False), (match, True)]
            segments.append((rest, False))
            out.append(SearchHit(h.article, h.sentence, [(t, m) for t, m in segments if t], h.rank))
        return out, total

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
