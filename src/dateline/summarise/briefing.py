"""The briefing: 5 to 10 sentences that tell the story, each cited.

Sentences are scored by how central they are to the whole collection (TF-IDF cosine to
the centroid), with a bonus for leads and for sentences that report a dated event, then
picked by maximal marginal relevance so that two outlets' versions of one fact do not both
make it in. The picks are told in the order of the events they report.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.models import Article, BriefingLine, CitedSentence, Event, reporting_outlets, story_actors
from dateline.settings import TimelineSettings

# the numbers (lines, bonuses, diversity, word bounds) are settings: `TimelineSettings` in
# dateline/settings.py, passed down as `rules`
DEFAULT_RULES = TimelineSettings()
# a sentence opening on a quotation: alone it reads as the speaker's words, not the story's telling. Single marks
# count too: British outlets quote with them (‘We will not leave,’ he said)
QUOTE_OPENERS = ("“", '"', "‘", "'")


def build_briefing(
    articles: list[Article],
    events: list[Event],
    minimum: int | None = None,
    maximum: int | None = None,
    diversity: float | None = None,
    rules: TimelineSettings = DEFAULT_RULES,
) -> list[CitedSentence]:
    """The most central sentences, with bonuses, picked by MMR; minimum, maximum and diversity default to
    the rules' briefing_min_lines, briefing_max_lines and briefing_diversity."""
    minimum = rules.briefing_min_lines if minimum is None else minimum
    maximum = rules.briefing_max_lines if maximum is None else maximum
    diversity = rules.briefing_diversity if diversity is None else diversity
    candidates: list[tuple[Article, int, str]] = []
    for article in articles:
        if article.duplicate_of:
            continue
        for sentence in article.sentences:
            words = sentence.text.split()
            if rules.briefing_min_words <= len(words) <= rules.briefing_max_words and not sentence.text.startswith(QUOTE_OPENERS):
                candidates.append((article, sentence.index, sentence.text))
    if not candidates:
        return []
    event_day: dict[tuple[str, int], tuple] = {}
    event_of: dict[tuple[str, int], str] = {}
    # a sentence that itself names the day of what it reports ("on Monday"), not one merged into a dated event
    own_day = _naming_their_day(articles)
    summaries = {(e.citations[i].article, e.citations[i].sentence) for e in events
                 for i in range(len(e.citations)) if e.citations[i].text == e.summary}
    for event in events:
        for c in event.citations:
            key = (c.article, c.sentence)
            event_of.setdefault(key, event.id)
            if event.date.earliest and event.date.precision in ("day", "week", "month"):
                event_day.setdefault(key, (event.date.earliest, event.date.precision))

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([c[2] for c in candidates])
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    centrality = matrix @ centroid / norm
    score = np.array([
        centrality[i]
        + (rules.lead_bonus if index < rules.briefing_lead_sentences else 0.0)
        + (rules.dated_bonus if (article.id, index) in event_day and (article.id, index) in own_day else 0.0)
        + (rules.summary_bonus if (article.id, index) in summaries else 0.0)  # the sentence that tells its event best
        for i, (article, index, _) in enumerate(candidates)
    ])
    count = min(len(candidates), max(minimum, min(maximum, round(rules.briefing_lines_per_article * len({c[0].id for c in candidates})))))
    keys = [(article.id, index) for article, index, _ in candidates]
    # MMR with the redundancy of every candidate kept as a vector and updated once per pick: no
    # sentence-by-sentence matrix, which a newsroom archive would not fit in memory
    redundancy = np.zeros(len(candidates))
    available = np.ones(len(candidates), dtype=bool)
    picked: list[int] = []
    while len(picked) < count and available.any():
        value = diversity * score - (1 - diversity) * redundancy
        value[~available] = -np.inf
        best = int(np.argmax(value))
        picked.append(best)
        available[best] = False
        redundancy = np.maximum(redundancy, (matrix @ matrix[best].T).toarray().ravel())
        event = event_of.get(keys[best])
        if event is not None:  # an event already told: a second outlet's version of it adds nothing
            for i, key in enumerate(keys):
                if event_of.get(key) == event:
                    redundancy[i] = 1.0

    def when(i: int):
        """Sort by the reported event's day, else the article's date; an article known only to the
        month or year sorts at the middle of its interval, not at its first day."""
        article, index, _ = candidates[i]
        day = event_day.get((article.id, index), (None,))[0] or article.published.sort_day()
        return (day is None, day or 0, article.id, index)

    return [
        CitedSentence(text=candidates[i][2], article=candidates[i][0].id, sentence=candidates[i][1])
        for i in sorted(picked, key=when)
    ]


def _naming_their_day(articles: list[Article]) -> set[tuple[str, int]]:
    """(article, sentence) of every sentence that names a day ("on Monday", "March 3")."""
    return {(a.id, t.sentence) for a in articles for t in a.time_expressions if t.resolved.precision == "day"}


def _names(actor) -> list[str]:
    return [n for n in [actor.name, *actor.aliases] if n]


def build_dated_briefing(
    dated,
    articles: list[Article],
    events: list[Event],
    actors: list | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    rules: TimelineSettings = DEFAULT_RULES,
) -> list[BriefingLine]:
    """A briefing told through the timeline: it opens with the latest state of affairs, then the turning
    points (the most salient days) in date order, each line dated and cited, preferring sentences that
    name the story's main actors. Short timelines are topped up from the centrality briefing, dated by
    the event or article they come from."""
    minimum = rules.briefing_min_lines if minimum is None else minimum
    maximum = rules.briefing_max_lines if maximum is None else maximum
    on_topic = [a for a in articles if a.id not in {x.id for x in dated.off_topic}]
    count = max(minimum, min(maximum, round(rules.briefing_lines_per_article * len({a.id for a in on_topic if not a.duplicate_of}))))
    main = sorted(story_actors(actors or [], reporting_outlets(articles)), key=lambda a: -a.mentions)[:rules.main_actors]

    def naming(text: str) -> int:
        lower = text.lower()
        return sum(1 for a in main if any(n.lower() in lower for n in _names(a)))

    # a sentence that names the day of what it reports ("entered Zuwara on Monday") tells that day's news; one the
    # day holds only as its article's ("Most of that aid is moving east") or that opens on a quote (whose speaker
    # comes last) tells it less well
    own_day = _naming_their_day(articles)

    def best(entry) -> CitedSentence:
        return max(entry.sentences, key=lambda s: ((s.article, s.sentence) in own_day, not s.text.startswith(QUOTE_OPENERS),
                                                   naming(s.text), -entry.sentences.index(s)))

    lines: list[BriefingLine] = []
    used: set[tuple[str, int]] = set()

    def add(sentence: CitedSentence, date, role: str) -> None:
        key = (sentence.article, sentence.sentence)
        if key in used or len(lines) >= count:
            return
        used.add(key)
        lines.append(BriefingLine(text=sentence.text, article=sentence.article, sentence=sentence.sentence, date=date, role=role))

    days = [e for e in dated.timeline if e.sentences]
    if days:
        # the latest state of affairs is the latest day a sentence reports as that day's news, not a day held only by
        # its articles' leads ("After a turbulent four months, ... how that has changed": a column's opening)
        news = [e for e in days if any((s.article, s.sentence) in own_day for s in e.sentences)]
        latest = max(news or days, key=lambda e: (e.date.precision == "day", e.date.latest or e.date.earliest))
        add(best(latest), latest.date, "latest")
        # turning points are days of news too: a day held only by leads (a column's opening) comes after every day a
        # sentence reports, in case the briefing still has room
        by_salience = sorted((e for e in days if e is not latest),
                             key=lambda e: (e not in news,
                                            -dated.salience.get(e.date.earliest, 0.0) if e.date.precision == "day" else 0.0,
                                            -len({s.article for s in e.sentences})))
        for entry in by_salience:
            add(best(entry), entry.date, "turning point")
        event_of = {(c.article, c.sentence): e.id for e in events for c in e.citations}
        told = {event_of.get((line.article, line.sentence)) for line in lines} - {None}
        for entry in by_salience:  # a second voice on the biggest days, when the timeline is short, on news not yet told
            for s in entry.sentences:
                event = event_of.get((s.article, s.sentence))
                if event is None or event not in told:
                    add(s, entry.date, "turning point")
                    told.add(event)
    if len(lines) < minimum:
        by_id = {a.id: a for a in articles}
        day_of = {(c.article, c.sentence): e.date for e in events for c in e.citations if e.date.precision != "none"}
        for s in build_briefing(on_topic or articles, events, minimum, maximum, rules=rules):
            add(s, day_of.get((s.article, s.sentence)) or by_id[s.article].published.as_time_value(), "context")
            if len(lines) >= minimum:
                break
    head, rest = lines[:rules.latest_lines], lines[rules.latest_lines:]
    rest.sort(key=lambda l: ((l.date.earliest if l.date and l.date.earliest else None) is None,
                             l.date.earliest if l.date and l.date.earliest else 0, l.article, l.sentence))
    return head + rest
