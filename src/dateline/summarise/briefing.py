"""The briefing: 5 to 10 sentences that tell the story, each cited.

Sentences are scored by how central they are to the whole collection (TF-IDF cosine to
the centroid), with a bonus for leads and for sentences that report a dated event, then
picked by maximal marginal relevance so that two outlets' versions of one fact do not both
make it in. The picks are told in the order of the events they report.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.models import Article, CitedSentence, Event


def build_briefing(
    articles: list[Article],
    events: list[Event],
    minimum: int = 5,
    maximum: int = 10,
    diversity: float = 0.6,
) -> list[CitedSentence]:
    candidates: list[tuple[Article, int, str]] = []
    for article in articles:
        if article.duplicate_of:
            continue
        for sentence in article.sentences:
            words = sentence.text.split()
            if 8 <= len(words) <= 60 and not sentence.text.startswith(("“", '"')):
                candidates.append((article, sentence.index, sentence.text))
    if not candidates:
        return []
    event_day: dict[tuple[str, int], tuple] = {}
    event_of: dict[tuple[str, int], str] = {}
    # a sentence that itself names the day of what it reports ("on Monday"), not one merged into a dated event
    own_day = {(a.id, t.sentence) for a in articles for t in a.time_expressions if t.resolved.precision == "day"}
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
        + (0.08 if index < 2 else 0.0)
        + (0.06 if (article.id, index) in event_day and (article.id, index) in own_day else 0.0)
        + (0.06 if (article.id, index) in summaries else 0.0)  # the sentence that tells its event best
        for i, (article, index, _) in enumerate(candidates)
    ])
    count = min(len(candidates), max(minimum, min(maximum, round(1.5 * len({c[0].id for c in candidates})))))
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
