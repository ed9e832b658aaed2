"""The dated timeline: one entry per event, its sentences quoted as written and cited.

An event known only to the month or year stays at that precision (its interval goes with
it) and sorts by the earliest day it can be; undated events, and events other than meetings
and agreements in which nobody named acts, are left to the event list.
"""
from __future__ import annotations

from dateline.models import CitedSentence, Event, TimelineEntry


def build_timeline(events: list[Event], duplicates: dict[str, str] | None = None, per_entry: int = 3) -> list[TimelineEntry]:
    duplicates = duplicates or {}
    entries = []
    for event in events:
        if event.date.precision == "none" or event.date.earliest is None:
            continue  # undated: it stays in the event list
        if not event.actors and event.kind not in ("meeting", "agreement"):
            continue  # nobody named acts in it ("He returns on Saturday")
        chosen: list[CitedSentence] = []
        articles_used: set[str] = set()
        # one sentence per article first (copies of an article add nothing), then the rest
        for pass_ in (0, 1):
            for citation in event.citations:
                if len(chosen) >= per_entry or citation in chosen or citation.article in duplicates:
                    continue
                if pass_ == 0 and citation.article in articles_used:
                    continue
                if any(c.text == citation.text for c in chosen):
                    continue  # the same words twice (a syndicated paragraph, a repeated comment) say nothing new
                chosen.append(citation)
                articles_used.add(citation.article)
        if chosen:
            entries.append(TimelineEntry(date=event.date, event=event.id, sentences=chosen))
    entries.sort(key=lambda e: (e.date.earliest, e.date.latest, e.event or ""))
    return entries
