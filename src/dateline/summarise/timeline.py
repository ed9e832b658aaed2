"""The dated timeline, behind one interface with strategies picked by name.

`generator("datewise")` (the default) picks the days that matter and the sentences that tell
each (see `datewise.py`); `generator("events")` tells the extracted events, one entry per day.
Both take a `TimelineBudget` (how many days, sentences per day, a date window, a query) and
return a `DatedTimeline`: the timeline, one entry per calendar day, and the Background section
(years, decades, days long before the coverage), never at the head of the timeline.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Optional, Protocol

from dateline.models import Article, CitedSentence, Event, TimelineEntry
from dateline.settings import TimelineSettings
from dateline.summarise.datewise import (
    BACKGROUND_PRECISIONS,
    DEFAULT_RULES,
    DatedTimeline,
    DatewiseGenerator,
    TimelineBudget,
    publication_day,
    spread_citations,
)
from dateline.summarise.relevance import infer_topic, split_on_topic, topic_from_query

__all__ = ["TimelineBudget", "DatedTimeline", "TimelineGenerator", "generator", "GENERATORS", "build_timeline",
           "merge_same_day", "timeline_from_store"]


class TimelineGenerator(Protocol):
    name: str

    def generate(self, articles: list[Article], budget: TimelineBudget,
                 events: Optional[list[Event]] = None) -> DatedTimeline: ...


def build_timeline(events: list[Event], duplicates: dict[str, str] | None = None, per_entry: int = 3) -> list[TimelineEntry]:
    """One entry per event, its sentences quoted as written and cited: one sentence per article first
    (copies of an article add nothing), then the rest. Undated events, and events other than meetings
    and agreements in which nobody named acts, are left to the event list."""
    duplicates = duplicates or {}
    entries = []
    for event in events:
        if event.date.precision == "none" or event.date.earliest is None:
            continue
        if not event.actors and event.kind not in ("meeting", "agreement"):
            continue
        chosen: list[CitedSentence] = []
        articles_used: set[str] = set()
        for pass_ in (0, 1):
            for citation in event.citations:
                if len(chosen) >= per_entry or citation in chosen or citation.article in duplicates:
                    continue
                if pass_ == 0 and citation.article in articles_used:
                    continue
                if any(c.text == citation.text for c in chosen):
                    continue
                chosen.append(citation)
                articles_used.add(citation.article)
        if chosen:
            entries.append(TimelineEntry(date=event.date, event=event.id, sentences=chosen))
    entries.sort(key=lambda e: (e.date.earliest, e.date.latest, e.event or ""))
    return entries


def merge_same_day(entries: list[TimelineEntry], per_entry: int) -> list[TimelineEntry]:
    """One entry per date value: the entries of one calendar day (or one month, at month precision)
    become one, led by its best-cited event, with citations from as many articles as the budget allows."""
    groups: dict[tuple, list[TimelineEntry]] = defaultdict(list)
    for e in entries:
        groups[(e.date.value, e.date.precision)].append(e)
    merged = []
    for group in groups.values():
        group.sort(key=lambda e: -len(e.sentences))
        cites = spread_citations([c for e in group for c in e.sentences], per_entry)
        merged.append(TimelineEntry(date=group[0].date, event=group[0].event, sentences=cites))
    merged.sort(key=lambda e: (e.date.earliest, e.date.latest, e.event or ""))
    return merged


class EventsGenerator:
    """The extracted events, one entry per day, the best-reported days within the budget."""

    name = "events"

    def __init__(self, rules: TimelineSettings = DEFAULT_RULES) -> None:
        self.rules = rules

    def generate(self, articles: list[Article], budget: TimelineBudget,
                 events: Optional[list[Event]] = None) -> DatedTimeline:
        rules = self.rules
        pool = [a for a in articles if not a.duplicate_of]
        topic = topic_from_query(budget.query) or infer_topic(pool, rules=rules)
        on_topic, off_topic = split_on_topic(pool, topic, rules=rules)
        on_ids = {a.id for a in on_topic}
        per_date = budget.per_date or TimelineBudget.for_corpus(len(on_topic), rules).per_date
        entries = build_timeline([e for e in events or [] if set(e.articles) & on_ids],
                                 {a.id: a.duplicate_of for a in articles if a.duplicate_of}, per_date)
        entries = merge_same_day(entries, per_date)
        published = [d for d in (publication_day(a) for a in on_topic) if d]
        start = budget.start or (min(published) - timedelta(days=rules.background_before_days) if published else None)
        background = [e for e in entries if e.date.precision in BACKGROUND_PRECISIONS or (start and e.date.latest < start)]
        timeline = [e for e in entries if e not in background and (budget.end is None or e.date.earliest <= budget.end)]
        limit = budget.dates if budget.dates is not None else TimelineBudget.for_corpus(len(on_topic), rules).dates
        if len(timeline) > limit:
            keep = sorted(timeline, key=lambda e: -len({c.article for c in e.sentences}))[:limit]
            timeline = [e for e in timeline if e in keep]
        return DatedTimeline(timeline, background[: rules.background_max if budget.background is None else budget.background],
                             topic, off_topic)


GENERATORS: dict[str, type] = {"datewise": DatewiseGenerator, "events": EventsGenerator}


def generator(name: str = "datewise", rules: TimelineSettings = DEFAULT_RULES) -> TimelineGenerator:
    try:
        return GENERATORS[name](rules=rules)
    except KeyError:
        raise ValueError(f"unknown timeline method {name!r}; choose one of {', '.join(GENERATORS)}") from None


def timeline_from_store(store, budget: TimelineBudget, method: str = "datewise",
                        rules: TimelineSettings = DEFAULT_RULES) -> DatedTimeline:
    """The timeline over everything a store holds, with its events for linking entries."""
    articles = [s.article for s in store.iter_articles()]
    story = store.load_story()
    if story is not None:  # duplicates are known once a story was built
        copies = {a.id: a.duplicate_of for a in story.articles if a.duplicate_of}
        for a in articles:
            a.duplicate_of = a.duplicate_of or copies.get(a.id)
    return generator(method, rules).generate(articles, budget, store.events())
