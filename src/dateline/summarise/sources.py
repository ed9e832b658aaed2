"""For each outlet and wire agency: which articles, which events (and the first day it reported
each), whom it wrote about and quoted, and which place names it used; and, across outlets, the
names that stand for one place or person and who uses which (one side's "Northern Territories"
is the other's "Southern Kurils"; "Sergey" or "Sergei" Lavrov)."""
from __future__ import annotations

import re
from collections import Counter

from dateline.group.actors import ActorIndex, initials, name_key
from dateline.models import Article, CitedSentence, Event, NameUse, NamingDifference, Quote, SourceCoverage

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
CALLED = r"(?:called|known as|referred to as|dubbed|named)"
# the text says who calls it what: "called the Northern Territories by Tokyo and the Southern Kurils by Moscow"
NAMED_BY_TWO = re.compile(
    rf"{CALLED}\s+(?:the\s+)?(?P<a>{NAME})\s+(?:by|in)\s+(?:the\s+)?(?P<wa>{NAME})\s*,?\s+and\s+(?:as\s+)?"
    rf"(?:the\s+)?(?P<b>{NAME})\s+(?:by|in)\s+(?:the\s+)?(?P<wb>{NAME})")
# "the islands, known as the Southern Kurils in Russia"; "to call the islands the Northern Territories"
NAMED_ONCE = re.compile(rf"(?P<ref>the\s+[a-z]+),?\s+{CALLED}\s+(?:the\s+)?(?P<a>{NAME})\s+(?:by|in)\s+(?:the\s+)?(?P<wa>{NAME})"
                        rf"|call\s+(?P<ref2>the\s+[a-z]+)\s+the\s+(?P<b>{NAME})")


def _source_keys(article: Article) -> list[tuple[str, str]]:
    keys = []
    if article.outlet:
        keys.append((article.outlet, "outlet"))
    if article.agency:
        keys.append((article.agency, "agency"))
    return keys or [("unknown source", "unknown")]


def build_sources(articles: list[Article], events: list[Event], index: ActorIndex, top_actors: int = 10,
                  quotes: list[Quote] | None = None) -> list[SourceCoverage]:
    by_source: dict[tuple[str, str], list[Article]] = {}
    for article in articles:
        for key in _source_keys(article):
            by_source.setdefault(key, []).append(article)
    quotes = quotes or []

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
        first: dict[str, str] = {}
        for event in events:
            days = sorted(str(a.published.date) for a in members if a.id in event.articles and a.published.date)
            if ids & set(event.articles):
                first[event.id] = days[0] if days else ""
        quoted = Counter(s for q in quotes if q.article in ids for s in q.speaker_ids())
        coverage.append(SourceCoverage(
            name=name,
            kind=kind,  # type: ignore[arg-type]
            articles=sorted(ids),
            events=[e.id for e in events if ids & set(e.articles)],
            actors=[a for a, _ in sorted(actor_counts.items(), key=lambda ac: (-ac[1], ac[0]))[:top_actors]],
            place_names=[p for p, _ in sorted(places.items(), key=lambda pc: (-pc[1], pc[0]))],
            first_reported=first,
            quoted=dict(sorted(quoted.items(), key=lambda qc: (-qc[1], qc[0]))),
        ))
    return coverage


def _uses(name: str, articles: list[Article]) -> list[str]:
    pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
    return sorted({key for a in articles if pattern.search(a.text) for key, _ in _source_keys(a)})


def _cite(article: Article, start: int) -> CitedSentence | None:
    for s in article.sentences:
        if s.start <= start < s.end:
            return CitedSentence(text=s.text, article=article.id, sentence=s.index)
    return None


def naming_differences(articles: list[Article], index: ActorIndex) -> list[NamingDifference]:
    """Names of one place said to be used by different sides, learnt from the text, and spellings of
    one actor that differ between sources; each with the sources whose articles use each name."""
    groups: list[dict] = []  # {"names": {name: set(said_by)}, "evidence": [...]}
    referents: dict[str, dict] = {}

    def group_for(names: list[str]) -> dict:
        found = [g for g in groups if set(g["names"]) & set(names)]
        if not found:
            groups.append({"names": {}, "evidence": []})
            return groups[-1]
        keep = found[0]
        for other in found[1:]:
            for n, who in other["names"].items():
                keep["names"].setdefault(n, set()).update(who)
            keep["evidence"] += other["evidence"]
            groups.remove(other)
        return keep

    for article in articles:
        text = article.text
        for m in NAMED_BY_TWO.finditer(text):
            g = group_for([m["a"], m["b"]])
            g["names"].setdefault(m["a"], set()).add(m["wa"])
            g["names"].setdefault(m["b"], set()).add(m["wb"])
            g["evidence"].append(_cite(article, m.start()))
        for m in NAMED_ONCE.finditer(text):
            ref = (m["ref"] or m["ref2"]).lower()
            name, who = (m["a"], m["wa"]) if m["a"] else (m["b"], None)
            g = referents.setdefault(ref, {"names": {}, "evidence": []})
            g["names"].setdefault(name, set()).update([who] if who else [])
            g["evidence"].append(_cite(article, m.start()))
    for g in referents.values():  # "the islands" named two ways in the corpus
        if len(g["names"]) > 1 or any(set(g["names"]) & set(o["names"]) for o in groups):
            target = group_for(list(g["names"]))
            for n, who in g["names"].items():
                target["names"].setdefault(n, set()).update(who)
            target["evidence"] += g["evidence"]

    out: list[NamingDifference] = []
    for g in groups:
        if len(g["names"]) < 2:
            continue
        for name in g["names"]:  # a name the text says one side gives a place is a place's name
            actor = index.get(index.by_name.get(name_key(name), ""))
            if actor is not None and actor.type not in ("GPE", "LOC", "FAC"):
                actor.type, actor.label = "LOC", "place"
        uses = [NameUse(name=n, sources=_uses(n, articles), said_to_be_used_by=sorted(w for w in who if w))
                for n, who in sorted(g["names"].items())]
        evidence = {(c.article, c.sentence): c for c in g["evidence"] if c is not None}
        out.append(NamingDifference(kind="naming", names=uses, evidence=[evidence[k] for k in sorted(evidence)]))

    # one actor spelled differently by different sources
    by_article = {a.id: a for a in articles}
    for actor in index.actors:
        names = [actor.name, *actor.aliases]
        if len(names) < 2 or actor.type not in ("PERSON", "GPE", "LOC", "FAC"):
            continue
        spelled: dict[str, set] = {}
        for aid in actor.articles:
            article = by_article.get(aid)
            if article is None:
                continue
            for e in article.entities:
                if e.actor == actor.id and len(e.text.split()) == max(len(n.split()) for n in names) or (
                        e.actor == actor.id and actor.type != "PERSON"):
                    spelled.setdefault(e.text, set()).update(k for k, _ in _source_keys(article))
        # a short form beside its full name ("U.S." / "United States") is a house style, not a spelling
        spelled = {n: v for n, v in spelled.items() if not any(name_key(n).replace(" ", "") == initials(o)
                                                                 for o in spelled if o != n)}
        if len(spelled) > 1 and len({frozenset(v) for v in spelled.values()}) > 1:
            out.append(NamingDifference(kind="spelling", actor=actor.id, names=[
                NameUse(name=n, sources=sorted(v)) for n, v in sorted(spelled.items())]))
    return out
