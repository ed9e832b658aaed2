"""report.html: one self-contained page (no external assets). Article text is always escaped."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dateline.export.labels import Labels, provenance, published_range, reported_words, when
from dateline.models import Story

TEMPLATES = Path(__file__).parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(reported_words=reported_words)  # for the macros the web app shares (_quote.html.j2)


def render_html(story: Story) -> str:
    labels = Labels(story)
    first, last = published_range(story)
    return _ENV.get_template("report.html.j2").render(
        story=story, labels=labels, when=when, provenance=provenance, first=first, last=last,
        actors={a.id: a for a in story.actors},
        events={e.id: e for e in story.events},
    )
