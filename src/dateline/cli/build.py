"""`dateline build`: ingest articles into the store and write the story's outputs.

Exit codes, as the README says: 0 every input was read; 1 some input was skipped (named, with why);
2 nothing could be done (no input to read, an unusable store or output path), in which case no store
and no report is left behind. No input produces a traceback: errors are one line naming the file."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dateline.cli.app import _fail, app, describe_error, errors, say
from dateline.errors import InputError, StoreError
from dateline.ingest.limits import DEFAULT_LIMITS, ReadLimits


def _usable_folder(path: Path) -> Optional[str]:
    """Why a file cannot be created at `path` (its folder is missing parts that cannot be made,
    is a file, or is not writable), or None when it can."""
    parent = path.parent
    while not parent.exists():
        if parent == parent.parent:
            break
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write in {parent} (permission denied)"
    return None


def _check_paths(out: Path, db: Path) -> None:
    if out.exists() and not out.is_dir():
        _fail(f"{out}: --out must be a folder, and this is a file")
    if not out.exists() and (why := _usable_folder(out)):
        _fail(f"{out}: cannot create the output folder: {why}")
    if db.exists():
        if db.is_dir():
            _fail(f"{db}: the store must be a file, and this is a folder")
        if not os.access(db, os.R_OK | os.W_OK):
            _fail(f"{db}: cannot open the store for writing (permission denied)")
    elif why := _usable_folder(db):
        _fail(f"{db}: cannot create the store: {why}")


def _remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or glob patterns."),
    out: Path = typer.Option(..., "--out", help="Folder for story.json, report.html and report.md."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of crawler metadata: file or url, then published, outlet, title, url."),
    db: Optional[Path] = typer.Option(None, "--db", help="SQLite store (default: OUT/dateline.sqlite). Reused across builds."),
    max_file_bytes: int = typer.Option(DEFAULT_LIMITS.max_file_bytes, help="Bytes of one .txt or .html file; a larger one is skipped."),
    max_record_bytes: int = typer.Option(DEFAULT_LIMITS.max_record_bytes, help="Bytes of one WARC record or JSONL line; a larger one is streamed past and skipped."),
    max_decompressed_bytes: int = typer.Option(DEFAULT_LIMITS.max_decompressed_bytes, help="Bytes one .warc.gz may decompress to."),
    max_expansion: int = typer.Option(DEFAULT_LIMITS.max_expansion, help="Times its own size a .warc.gz may decompress to (past 256 MiB): more is a decompression bomb."),
    max_text_chars: int = typer.Option(DEFAULT_LIMITS.max_text_chars, help="Characters of text analysed per article; a longer text is cut at a paragraph boundary (reported)."),
) -> None:
    """Ingest articles into the store and write the story built over everything stored.

    Exit code 0 when every input was read, 1 when some input was skipped (the rest still goes
    through and the summary says what and why), 2 when nothing could be done."""
    from dateline.export import write_outputs
    from dateline.ingest import discover
    from dateline.pipeline import build as run_build

    try:
        limits = ReadLimits(max_file_bytes=max_file_bytes, max_record_bytes=max_record_bytes,
                            max_decompressed_bytes=max_decompressed_bytes, max_expansion=max_expansion,
                            max_text_chars=max_text_chars)
    except ValueError as err:
        _fail("read limits: " + "; ".join(f"{'.'.join(map(str, e['loc']))} {e['msg']}" for e in err.errors()))
    db = db or out / "dateline.sqlite"
    _check_paths(out, db)
    if manifest is not None and not manifest.is_file():
        _fail(f"{manifest}: manifest not found" if not manifest.exists() else f"{manifest}: manifest must be a file")

    # Nothing to read is nothing to do: say why for each path, and leave no store or report behind.
    files, passed = discover(paths, {manifest} if manifest else set())
    if not files:
        for path, why in passed:
            say(("skipped: ", "yellow"), f"{path}: {why}", out=errors)
        _fail("no article file to read in " + ", ".join(paths))

    db_existed = db.exists()
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
            report = run_build(paths, db, manifest, progress, limits=limits)
        except (InputError, StoreError) as err:
            _fail(str(err))
            return
        except (OSError, MemoryError) as err:
            _fail(describe_error(err))
            return
        except Exception as err:  # noqa: BLE001 - sqlite3 errors and the like: one line, never a traceback
            import sqlite3

            if isinstance(err, sqlite3.Error):
                _fail(f"{db}: {describe_error(err)}")
            raise

    story = report.story
    if not story.articles:
        for item in report.skipped:
            say(("skipped: ", "yellow"), f"{item.path}: {item.reason}", out=errors)
        if not db_existed:
            _remove_store(db)
        _fail("nothing could be read: no article stored, so no store or report was written"
              if not db_existed else f"nothing could be read, and the store {db} holds no article: no report written")

    try:
        written = write_outputs(story, out)
    except OSError as err:
        _fail(f"{out}: cannot write the outputs ({err.strerror or err}); the store {db} is up to date")

    say((str(len(report.added)), "bold"),
        f" new article(s) stored, {len(report.unchanged)} already stored; "
        f"story over {len(story.articles)} article(s): {len(story.events)} events, {len(story.timeline)} timeline entries, "
        f"{len(story.actors)} actors, {len(story.quotes)} quotes.")
    _listing("unchanged", [f"{path} ({why})" for path, why in report.unchanged])
    _listing("passed over", [f"{item.path} ({item.reason})" for item in report.ignored])
    for item in report.skipped:
        say(("skipped: ", "yellow"), f"{item.path}: {item.reason}", out=errors)
    say(f"Store: {db}")
    for path in written:
        say(f"Wrote {path}")
    if report.skipped:
        say((f"{len(report.skipped)} input(s) skipped", "yellow"), out=errors)
        raise typer.Exit(1)


def _listing(label: str, lines: list[str], limit: int = 10) -> None:
    """Name what happened to each file, up to a limit; a long tail is counted, not printed."""
    for line in lines[:limit]:
        say(f"  {label}: {line}")
    if len(lines) > limit:
        say(f"  {label}: ... and {len(lines) - limit} more")
