"""The exporters table, keyed by name and shared by `dateline export` and the web API."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dateline.models import Story


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    suffix: str
    render: Callable[..., str]  # render(story, table=...) -> text
    help: str

    def filename(self, table: str = "timeline") -> str:
        return f"{table}.csv" if self.name == "csv" else f"story-{self.name}{self.suffix}" if self.name == "timelinejs" else f"{'story' if self.name == 'json' else 'report'}{self.suffix}"


def _json(story: Story, **_) -> str:
    return story.model_dump_json(indent=2)


def _md(story: Story, **_) -> str:
    from dateline.export.markdown import render_markdown

    return render_markdown(story)


def _html(story: Story, **_) -> str:
    from dateline.export.html import render_html

    return render_html(story)


def _timelinejs(story: Story, **kw) -> str:
    from dateline.export.timelinejs import render_timelinejs

    return render_timelinejs(story, **kw)


def _csv(story: Story, table: str = "timeline", **_) -> str:
    from dateline.export.csv import render_csv

    return render_csv(story, table=table)


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("timelinejs", "application/json", ".json", _timelinejs, "TimelineJS 3 JSON: one slide per dated entry"),
    Exporter("csv", "text/csv; charset=utf-8", ".csv", _csv, "CSV of the timeline, actors or quotes (--table)"),
    Exporter("json", "application/json", ".json", _json, "story.json: the whole story"),
    Exporter("md", "text/markdown; charset=utf-8", ".md", _md, "report.md"),
    Exporter("html", "text/html; charset=utf-8", ".html", _html, "report.html: one self-contained page"),
)}
