"""`dateline build`: ingest articles into the store and write the story's outputs."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dateline.cli.app import _fail, app, console, errors
from dateline.cli.timeline import DATES_OPTION, FROM_OPTION, PER_DATE_OPTION, QUERY_OPTION, TO_OPTION, parse_day
from dateline.errors import InputError, StoreError


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or glob patterns."),
    out: Path = typer.Option(..., "--out", help="Folder for story.json, report.html and report.md."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of crawler metadata: file or url, then published, outlet, title, url."),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite store (default: OUT/dateline.sqlite). Reused across builds."),
    dates: Optional[int] = DATES_OPTION,
    per_date: Optional[int] = PER_DATE_OPTION,
    start: Optional[str] = FROM_OPTION,
    end: Optional[str] = TO_OPTION,
    query: Optional[str] = QUERY_OPTION,
) -> None:
    """Ingest articles into the store and write the story built over everything stored.

    Exit code 0 when every input was read, 1 when some input was skipped (the rest still goes
    through and the summary says what and why), 2 when nothing could be done."""
    from dateline.export import write_outputs
    from dateline.pipeline import build as run_build
    from dateline.summarise.timeline import TimelineBudget

    if out.exists() and not out.is_dir():
        _fail(f"{out}: --out must be a folder, and this is a file")
    db = db or out / "dateline.sqlite"
    budget = TimelineBudget(dates=dates, per_date=per_date, start=parse_day(start, "--from"), end=parse_day(end, "--to"),
                            query=query or None)
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
            report = run_build(paths, db, manifest, progress, budget)
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
    console.print(f"Topic: {', '.join(story.topic) or '(none)'}; {len(story.background)} background entries; "
                  f"{len(story.off_topic)} article(s) off the topic, left out of the timeline and briefing.", highlight=False)
    titles = {a.id: a.title or a.path for a in story.articles}
    _listing("off topic", [f"{aid} ({titles.get(aid, '')})" for aid in story.off_topic])
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
