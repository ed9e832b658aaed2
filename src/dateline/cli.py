"""The `dateline` command: build a story from articles, and read it back from the store."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.errors import InputError, StoreError
from dateline.export.labels import when
from dateline.export.schema import story_schema_text

app = typer.Typer(
    help="Dateline turns raw news articles into a sourced, dated story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

DB_OPTION = typer.Option(Path("dateline.sqlite"), "--db", help="SQLite store to read.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or glob patterns."),
    out: Path = typer.Option(..., "--out", help="Folder for story.json, report.html and report.md."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of crawler metadata: file or url, then published, outlet, title, url."),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite store (default: OUT/dateline.sqlite). Reused across builds."),
) -> None:
    """Ingest articles into the store and write the story built over everything stored.

    Exit code 0 when every input was read, 1 when some input was skipped (the rest still goes
    through and the summary says what and why), 2 when nothing could be done."""
    from dateline.export import write_outputs
    from dateline.pipeline import build as run_build

    if out.exists() and not out.is_dir():
        _fail(f"{out}: --out must be a folder, and this is a file")
    db = db or out / "dateline.sqlite"
    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=errors, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            label = {"read": "Reading files", "clean": "Extracting and cleaning", "analyse": "Analysing articles",
                     "story": "Building the story"}.get(stage, stage)
            if stage not in tasks:
                tasks[stage] = bar.add_task(label, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            report = run_build(paths, db, manifest, progress)
        except (InputError, StoreError) as err:
            _fail(str(err))
            return
    try:
        written = write_outputs(report.story, out)
    except OSError as err:
        _fail(f"{out}: cannot write the outputs ({err.strerror or err}); the store {db} is up to date")

    story = report.story
    console.print(
        f"[bold]{len(report.added)}[/] new article(s) stored, {len(report.unchanged)} already stored; "
        f"story over {len(story.articles)} article(s): {len(story.events)} events, {len(story.timeline)} timeline entries, "
        f"{len(story.actors)} actors, {len(story.quotes)} quotes.",
        highlight=False,
    )
    _listing("unchanged", [f"{path} ({why})" for path, why in report.unchanged])
    _listing("passed over", [f"{item.path} ({item.reason})" for item in report.ignored])
    for item in report.skipped:
        errors.print(f"[yellow]skipped:[/] {item.path}: {item.reason}", highlight=False)
    console.print(f"Store: {db}", highlight=False)
    for path in written:
        console.print(f"Wrote {path}", highlight=False)
    if report.skipped:
        errors.print(f"[yellow]{len(report.skipped)} input(s) skipped[/]", highlight=False)
        raise typer.Exit(1)


def _listing(label: str, lines: list[str], limit: int = 10) -> None:
    """Name what happened to each file, up to a limit; a long tail is counted, not printed."""
    for line in lines[:limit]:
        console.print(f"  {label}: {line}", highlight=False)
    if len(lines) > limit:
        console.print(f"  {label}: ... and {len(lines) - limit} more", highlight=False)


def _open(db: Path):
    from dateline.store import Store

    if not db.exists():
        _fail(f"{db}: no such store (run `dateline build ... --db {db}` first)")
    try:
        return Store(db)
    except StoreError as err:
        _fail(str(err))


def _show(items: list, as_json: bool, columns: tuple[str, ...], row, dump=None) -> None:
    """Print items as JSON or as a Rich table, one row each."""
    if as_json:
        dump = dump or (lambda item: item.model_dump(mode="json"))
        print(json.dumps([dump(i) for i in items], indent=2, ensure_ascii=False, default=str))
        return
    table = Table(*columns)
    for item in items:
        table.add_row(*row(item))
    console.print(table)


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
def timeline(db: Path = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Print the dated timeline with its cited sentences."""
    with _open(db) as store:
        items = store.timeline()
    _show(items, as_json, ("when", "precision", "sentences"),
          lambda t: (when(t.date), t.date.precision, "\n".join(f"{s.text} [{s.article[:6]}:{s.sentence}]" for s in t.sentences)))


@app.command()
def schema() -> None:
    """Print the JSON Schema of story.json."""
    print(story_schema_text(), end="")


def main() -> None:  # pragma: no cover - console script entry
    app(prog_name="dateline")
