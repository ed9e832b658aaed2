"""The story as TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html).

One slide per dated timeline entry: `start_date` at the precision the date is known (a month-only
entry gives no day), `text.headline` the event's title, `text.text` the cited sentences as HTML
(TimelineJS renders it as HTML, so every piece of story text is escaped here), and `group` the
event kind, so TimelineJS draws one row per kind. Undated events have no slide."""
from __future__ import annotations

import html
import json
from typing import Optional

from dateline.export.labels import Labels, plain_label, published_range, when
from dateline.models import Story, TimeValue

SLIDE_SENTENCES = 5  # cited sentences per slide: TimelineJS shows a slide's text in one panel


def _date(value: TimeValue) -> Optional[dict]:
    lo = value.earliest
    if lo is None:
        return None
    out: dict = {"year": lo.year}
    if value.precision in ("day", "week", "month", "quarter", "season"):
        out["month"] = lo.month
    if value.precision in ("day", "week"):
        out["day"] = lo.day
    out["display_date"] = when(value)
    return out


def _end(value: TimeValue) -> Optional[dict]:
    if value.precision == "day" and value.latest and value.earliest and value.latest != value.earliest:
        return {"year": value.latest.year, "month": value.latest.month, "day": value.latest.day}
    return None


def timelinejs(story: Story) -> dict:
    labels = Labels(story)
    events = {e.id: e for e in story.events}
    slides = []
    for n, entry in enumerate(story.timeline):
        start = _date(entry.date)
        if start is None:
            continue
        event = events.get(entry.event or "")
        headline = (event.title or plain_label(event.kind).capitalize()) if event else when(entry.date)
        items = []
        for s in entry.sentences[:SLIDE_SENTENCES]:
            source = labels.describe(s.article)
            url = labels.web_url(labels.articles[s.article].url) if s.article in labels.articles else None
            cite = html.escape(labels.cite(s.article, s.sentence))
            cite = f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{cite}</a>' if url else cite
            items.append(f"<p>{html.escape(s.text)} <small>[{cite}, {html.escape(source)}]</small></p>")
        more = len(entry.sentences) - SLIDE_SENTENCES
        if more > 0:
            items.append(f"<p><small>and {more} more sentence(s)</small></p>")
        slide = {
            "start_date": start,
            "text": {"headline": html.escape(headline), "text": "".join(items)},
            "group": plain_label(event.kind).capitalize() if event else "Other",
            "unique_id": f"entry-{n}",
            "autolink": False,
        }
        end = _end(entry.date)
        if end:
            slide["end_date"] = end
        slides.append(slide)
    first, last = published_range(story)
    span = f" Articles published {first} to {last}." if first else ""
    title = {"text": {"headline": "Dateline story",
                      "text": html.escape(f"{len(story.articles)} articles, {len(slides)} dated entries.{span} "
                                          "Citations read A3:5: article A3, sentence 5.")}}
    return {"title": title, "events": slides, "scale": "human"}


def render_timelinejs(story: Story, **_) -> str:
    return json.dumps(timelinejs(story), ensure_ascii=False, indent=1)
