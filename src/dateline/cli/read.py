"""Read commands: articles, actors, events and the JSON Schema, from the store (the timeline: cli/timeline.py).

They find the store from --db or a build's --out folder, print event titles, and cite sentences
as the reports do (A2:15: article A2, sentence 15)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from dateline.cli.app import DB_OPTION, JSON_OPTION, OUT_OPTION, _fail, _open, _show, app
from dateline.export.labels import Labels, plain_label, when
from dateline.export.schema import story_schema_text


def _story(db: Optional[Path], out: Optional[Path]):
    with _open(db, out) as store:
        story = store.load_story()
    if story is None:
        _fail("the store holds no story yet (run `dateline build` on it)")
    return story


@app.command()
def articles(db: Optional[str] = DB_OPTION, out: Optional[Path] = OUT_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List stored articles with their date, its provenance, outlet and agency."""
    story = _story(db, out)
    labels = Labels(story)
    _show(
        story.articles, as_json, ("label", "published", "source", "title", "outlet", "agency", "copy of"),
        lambda a: (labels.article(a.id), when(a.published), a.published.source, a.title or "", a.outlet or "", a.agency or "",
                   labels.article(a.duplicate_of) if a.duplicate_of else ""),
        dump=lambda a: {"label": labels.article(a.id)} | a.model_dump(
            mode="json", exclude={"sentences", "entities", "time_expressions", "text"}),
    )


@app.command()
def actors(db: Optional[str] = DB_OPTION, out: Optional[Path] = OUT_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List actors with their aliases and roles."""
    story = _story(db, out)
    _show(story.actors, as_json, ("id", "name", "kind", "aliases", "roles", "mentions"),
          lambda a: (a.id, a.name, plain_label(a.type), ", ".join(a.aliases), ", ".join(a.roles), str(a.mentions)))


@app.command()
def events(db: Optional[str] = DB_OPTION, out: Optional[Path] = OUT_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List events: when, what (its title), the sentence that reports it and the citations."""
    story = _story(db, out)
    labels = Labels(story)
    _show(story.events, as_json, ("when", "event", "summary", "cites"),
          lambda e: (when(e.date), e.title or e.kind, e.summary,
                     ", ".join(labels.cite(c.article, c.sentence) for c in e.citations)))


@app.command()
def schema() -> None:
    """Print the JSON Schema of story.json."""
    print(story_schema_text(), end="")
