"""Assemble the story over every stored article: actors, duplicates, events, groups, quotes,
timeline, briefing and sources. Pure function of the articles and their analyses."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from dateline.analyse.article import ArticleAnalysis
from dateline.group import cluster_events, find_duplicates, merge_actors, same_event_groups
from dateline.group.actors import split_passing
from dateline.models import Article, ArticleGroup, Quote, SkippedInput, Story
from dateline.settings import Settings, TimelineSettings
from dateline.summarise.briefing import build_dated_briefing
from dateline.summarise.sources import build_sources, naming_differences
from dateline.summarise.timeline import TimelineBudget, generator
from dateline.temporal.constraints import date_from_copies, date_from_reports


def _earliest_first(article: Article):
    p = article.published
    return (p.earliest is None, p.earliest or "", article.path)


def default_budget(articles: list[Article], budget: TimelineBudget | None,
                   rules: TimelineSettings = TimelineSettings()) -> TimelineBudget:
    """The caller's budget, its unset sizes filled from the corpus size (a page, not hundreds of entries)."""
    fitted = TimelineBudget.for_corpus(len([a for a in articles if not a.duplicate_of]), rules)
    if budget is None:
        return fitted
    if budget.dates is None:
        budget.dates = fitted.dates
    return budget


def assemble_story(items: list[tuple[Article, ArticleAnalysis]], skipped: list[SkippedInput] | None = None,
                   budget: TimelineBudget | None = None, method: str = "datewise",
                   settings: Settings | None = None) -> Story:
    settings = settings or Settings()
    articles = [a for a, _ in items]
    analyses = {a.id: an for a, an in items}

    mentions = [(a.id, e.text, e.label) for a in articles for e in a.entities]
    index = merge_actors(mentions, {a.id: analyses[a.id].roles for a in articles}, {a.id: a.published.date for a in articles},
                          settings.group)
    for article in articles:
        for entity in article.entities:
            entity.actor = index.lookup(article.id, entity.text)

    # near-duplicates: the earliest published copy is the original
    duplicates: dict[str, str] = {}
    groups: list[ArticleGroup] = []
    by_id = {a.id: a for a in articles}
    found = find_duplicates({a.id: a.text for a in articles}, settings.group)
    date_from_copies(articles, found, settings.dating)  # an undated copy of a dated text is dated by it
    date_from_reports(articles, settings.dating)  # dated reports of the same story fix the week of an undated one's weekday
    for members in found:
        ordered = sorted((by_id[m] for m in members), key=_earliest_first)
        for copy in ordered[1:]:
            duplicates[copy.id] = ordered[0].id
        groups.append(ArticleGroup(id=f"dup-{ordered[0].id}", kind="duplicate", articles=[a.id for a in ordered]))
    for article in articles:
        article.duplicate_of = duplicates.get(article.id)

    event_mentions = []
    for article in articles:
        for mention in analyses[article.id].events:
            event_mentions.append((article.id, mention, article.sentences[mention.sentence].text))
    events = cluster_events(event_mentions, index, settings.group)
    same_event = same_event_groups(events, {a.id: a.published for a in articles}, duplicates,
                                   settings.attribution.news_window_days)
    for group in same_event:
        for aid in group.articles:
            by_id[aid].event_group = group.id
    for copy, original in duplicates.items():
        by_id[copy].event_group = by_id[original].event_group  # a copy reports what its original does
    groups = same_event + groups

    def person(article_id: str, name: str) -> Optional[str]:
        """The actor a speaker's name is, when a person: a name the tagger took for a person that the corpus knows as
        a town ("Misrata said") speaks for no one."""
        actor_id = index.lookup(article_id, name)
        return actor_id if actor_id is not None and index.get(actor_id).type == "PERSON" else None

    quotes = []
    for article in articles:
        for q in analyses[article.id].quotes:
            speaker = person(article.id, q.speaker_text) if q.speaker_text and q.speaker_is_person and not q.speakers else None
            joint = [s for s in (person(article.id, name) for name in q.speakers) if s is not None]
            speakers = list(dict.fromkeys(joint)) if q.speakers else [speaker] if speaker else []
            quotes.append(Quote(speaker=speaker, speaker_text=q.speaker_text, text=q.text, article=article.id,
                                sentence=q.sentence, partial=q.partial, cue=q.cue, direct=q.direct, start=q.start, end=q.end,
                                cue_first=q.cue_first, speakers=speakers))

    # names met once in passing (no role, quote or event) are listed apart, not as the story's actors
    involved = {s for q in quotes for s in q.speaker_ids()} | {a for e in events for a in e.actors} | {
        index.lookup(aid, p) for e in events for p in e.places for aid in e.articles}  # where an event happened
    actors, mentioned_once = split_passing(index.actors, involved)
    rules = settings.timeline
    dated = generator(method, rules).generate(articles, default_budget(articles, budget, rules), events)
    return Story(
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        articles=articles,
        actors=actors,
        mentioned_once=mentioned_once,
        quotes=quotes,
        events=events,
        timeline=dated.timeline,
        background=dated.background,
        topic=dated.topic.terms + [a for a in dated.topic.actors if a.lower() not in dated.topic.terms],
        off_topic=[a.id for a in dated.off_topic],
        briefing=build_dated_briefing(dated, articles, events, index.actors, rules=rules),
        sources=build_sources(articles, events, index, quotes=quotes),
        naming=naming_differences(articles, index),
        groups=groups,
        skipped=skipped or [],
    )
