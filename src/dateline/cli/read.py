"""Read commands: articles, actors, events and the JSON Schema, from the store (the timeline: cli/timeline.py)."""
from __future__ import annotations

from pathlib import Path

from dateline.cli.app import DB_OPTION, JSON_OPTION, _open, _show, app
from dateline.export.labels import when
from dateline.export.schema import story_schema_text


@app.command()
def articles(db: Path = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List stored articles with their date, its provenance, outlet and agency."""
    with _open(db) as store:
        items = [s.article for s in store.iter_articles()]
    _show(
        items, as_json, ("id", "published", "source", "title", "outlet", "agency", "copy of"),
        lambda a: (a.id, when(a.published), a.published.source, a.title or "", a.outlet or "", a.agency or "", a.duplicate_of or ""),
        dump=lambda a: a.model_dump(mode="json", exclude={"sentences", "entities", "time_expressions", "text"}),
    )


@app.command()
def actors(db: Path = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List actors with their aliases and roles."""
    with _open(db) as store:
        items = store.actors()
    _show(items, as_json, ("id", "name", "type", "aliases", "roles", "mentions"),
          lambda a: (a.id, a.name, a.type, ", ".join(a.aliases), ", ".join(a.roles), str(a.mentions)))


@app.command()
def events(db: Path = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List events: when, what kind, who, where, and the sentence that reports it."""
    with _open(db) as store:
        items = store.events()
    _show(items, as_json, ("when", "event", "summary", "cites"),
          lambda e: (when(e.date), e.title, e.summary,
                     ", ".join(f"{c.article[:6]}:{c.sentence}" for c in e.citations)))


@app.command()
def schema() -> None:
    """Print the JSON Schema of story.json."""
    print(story_schema_text(), end="")
