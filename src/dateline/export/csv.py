"""The story's timeline, actors and quotes as CSV tables, one row per cited sentence, actor or quote.

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) get a leading apostrophe, so opening an export never runs what an article said."""
from __future__ import annotations

import csv
import io

from dateline.export.labels import Labels, plain_label, when
from dateline.models import Story

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLES = ("timeline", "actors", "quotes")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _write(header: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


def timeline_rows(story: Story, labels: Labels):
    events = {e.id: e for e in story.events}
    for entry in story.timeline:
        event = events.get(entry.event or "")
        for s in entry.sentences:
            article = labels.articles.get(s.article)
            yield (entry.date.value or "", entry.date.precision, when(entry.date), event.title if event else "",
                   plain_label(event.kind) if event else "", s.text, labels.cite(s.article, s.sentence),
                   (article.outlet or article.agency or "") if article else "", labels.web_url(article.url) if article else "")


def render_csv(story: Story, table: str = "timeline", **_) -> str:
    labels = Labels(story)
    if table == "timeline":
        return _write(["date", "precision", "when", "event", "kind", "sentence", "cite", "source", "url"],
                      timeline_rows(story, labels))
    if table == "actors":
        return _write(["id", "name", "type", "also_written", "roles", "mentions", "articles"],
                      ((a.id, a.name, plain_label(a.type), "; ".join(a.aliases), "; ".join(a.roles), a.mentions,
                        " ".join(labels.article(x) for x in a.articles)) for a in story.actors))
    if table == "quotes":
        return _write(["speaker", "speaker_text", "quote", "partial", "cite", "source"],
                      ((labels.actor(q.speaker) if q.speaker else "", q.speaker_text or "", q.text, "yes" if q.partial else "no",
                        labels.cite(q.article, q.sentence), (labels.articles[q.article].outlet or "") if q.article in labels.articles else "")
                       for q in story.quotes))
    raise ValueError(f"unknown CSV table {table!r}; one of {', '.join(TABLES)}")
