"""For each outlet and wire agency: which articles, which events, whom it wrote about and
which place names it used (one side's "Northern Territories" is the other's "Southern Kurils")."""
from __future__ import annotations

from collections import Counter

from dateline.group.actors import ActorIndex
from dateline.models import Article, Event, SourceCoverage

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def build_sources(articles: list[Article], events: list[Event], index: ActorIndex, top_actors: int = 10) -> list[SourceCoverage]:
    by_source: dict[tuple[str, str], list[Article]] = {}
    for article in articles:
        keys = []
        if article.outlet:
            keys.append((article.outlet, "outlet"))
        if article.agency:
            keys.append((article.agency, "agency"))
        if not keys:
            keys.append(("unknown source", "unknown"))
        for key in keys:
            by_source.setdefault(key, []).append(article)

    coverage = []
    for (name, kind), members in sorted(by_source.items(), key=lambda kv: (kv[0][1] == "unknown", kv[0][0].lower())):
        ids = {a.id for a in members}
        actor_counts: Counter = Counter()
        places: Counter = Counter()
        for article in members:
            for entity in article.entities:
                actor_id = index.lookup(article.id, entity.text)
                if actor_id is None:
                    continue
                actor_counts[actor_id] += 1
                actor = index.get(actor_id)
                if actor is not None and actor.type in PLACE_LABELS:
                    places[entity.text] += 1  # as this source wrote it: its name for the place
        coverage.append(SourceCoverage(
            name=name,
            kind=kind,  # type: ignore[arg-type]
            articles=sorted(ids),
            events=[e.id for e in events if ids & set(e.articles)],
            actors=[a for a, _ in actor_counts.most_common(top_actors)],
            place_names=[p for p, _ in places.most_common()],
        ))
    return coverage
