"""`dateline build` and `dateline add`: ingest articles into the store and write the story's outputs.

Exit codes, as the README says: 0 every input was read; 1 some input was skipped (named, with why);
2 nothing could be done (no input to read, an unusable store or output path), in which case no store
and no report is left behind. No input produces a traceback: errors are one line naming the file."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text

from dateline.cli.app import SET_OPTION, _fail, _settings, app, console, describe_error, errors, say
from dateline.cli.timeline import DATES_OPTION, FROM_OPTION, PER_DATE_OPTION, QUERY_OPTION, TO_OPTION, parse_day
from dateline.errors import InputError, StoreError
from dateline.ingest.limits import DEFAULT_LIMITS

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


def _check_paths(out: Path, db: Optional[Path]) -> None:
    if out.exists() and not out.is_dir():
        _fail(f"{out}: --out must be a folder, and this is a file")
    if not out.exists() and (why := _usable_folder(out)):
        _fail(f"{out}: cannot create the output folder: {why}")
    if db is None:  # a server's URL: the store checks it when it connects
        return
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


STAGE_LABELS = {"read": "Reading files", "clean": "Extracting and cleaning", "analyse": "Analysing articles",
                "story": "Building the story"}
WAIT_OPTION = typer.Option(None, "--wait", metavar="SECONDS",
                           help="How long to wait for another build on the same store (default: store.lock_timeout_s).")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress bars and no per-file listing.")
VERBOSE_OPTION = typer.Option(False, "--verbose", "-v", help="Log each stage as it runs (to stderr).")
LOG_JSON_OPTION = typer.Option(False, "--log-json", help="Logs as JSON lines on stderr (for collectors).")
ENGINE_OPTION = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster: pip install 'dateline[dask]').")
SCHEDULER_OPTION = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                                help="Dask scheduler to use with --engine dask (default: a LocalCluster of dask.workers processes).")


MAX_FILE_OPTION = typer.Option(DEFAULT_LIMITS.max_file_bytes, "--max-file-bytes", help="Bytes of one .txt or .html file; a larger one is skipped.")
MAX_RECORD_OPTION = typer.Option(DEFAULT_LIMITS.max_record_bytes, "--max-record-bytes", help="Bytes of one WARC record or JSONL line; a larger one is streamed past and skipped.")
MAX_DECOMPRESSED_OPTION = typer.Option(DEFAULT_LIMITS.max_decompressed_bytes, "--max-decompressed-bytes", help="Bytes one .warc.gz may decompress to.")
MAX_EXPANSION_OPTION = typer.Option(DEFAULT_LIMITS.max_expansion, "--max-expansion", help="Times its own size a .warc.gz may decompress to (past 256 MiB): more is a decompression bomb.")
MAX_TEXT_OPTION = typer.Option(DEFAULT_LIMITS.max_text_chars, "--max-text-chars", help="Characters of text analysed per article; a longer text is cut at a paragraph boundary (reported).")


def _limit_pairs(file_bytes: int, record_bytes: int, decompressed: int, expansion: int, text_chars: int) -> list[str]:
    """The read limits given on the command line, as settings overrides."""
    return [f"read.max_file_bytes={file_bytes}", f"read.max_record_bytes={record_bytes}",
            f"read.max_decompressed_bytes={decompressed}", f"read.max_expansion={expansion}",
            f"read.max_text_chars={text_chars}"]


class _RateColumn(ProgressColumn):
    """Items per second of the stage (articles/s while analysing)."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"time": self.formatTime(record), "level": record.levelname.lower(), "logger": record.name,
                           "message": record.getMessage()}, ensure_ascii=False)


def _configure_logging(verbose: bool, log_json: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter() if log_json else logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger("dateline")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose or log_json else logging.WARNING)
    root.propagate = False


def _run(paths: list[str], db: str, manifest: Optional[Path], settings, quiet: bool, engine: str = "local",
         scheduler: Optional[str] = None, budget=None):
    """Run the pipeline with progress bars on a terminal (articles/s and time left per stage)."""
    from dateline.pipeline import build as run_build

    log = logging.getLogger("dateline.build")
    show = not quiet and errors.is_terminal
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(), console=errors, transient=True, disable=not show,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGE_LABELS.get(stage, stage), total=total)
                log.info("stage %s: %d to do", stage, total)
            bar.update(tasks[stage], completed=done, total=total)

        def waiting(message: str) -> None:
            say("waiting: ", message, out=errors)

        try:
            return run_build(paths, db, manifest, progress, settings=settings, on_wait=waiting, engine=engine,
                             scheduler=scheduler, budget=budget)
        except (InputError, StoreError) as err:
            _fail(str(err))
        except (OSError, MemoryError) as err:
            _fail(describe_error(err))
        except ImportError as err:
            if engine == "dask" and (err.name or "").split(".")[0] in ("dask", "distributed"):
                _fail(f"--engine dask needs {err.name}: pip install 'dateline[dask]'")
            raise


def _summary(report, db: str, written: list[Path], quiet: bool) -> None:
    story = report.story
    console.print(
        f"{len(report.added)} new article(s) stored, {len(report.unchanged)} already stored, "
        f"{len(report.updated)} updated; story over {len(story.articles)} article(s): {len(story.events)} events, "
        f"{len(story.timeline)} timeline entries, {len(story.actors)} actors, {len(story.quotes)} quotes.",
        markup=False, highlight=False,
    )
    say(f"Topic: {', '.join(story.topic) or '(none)'}; {len(story.background)} background entries; "
        f"{len(story.off_topic)} article(s) off the topic, left out of the timeline and briefing.")
    if not quiet:
        titles = {a.id: a.title or a.path for a in story.articles}
        _listing("off topic", [f"{aid} ({titles.get(aid, '')})" for aid in story.off_topic])
        _listing("updated", [f"{path} ({why})" for path, why in report.updated])
        _listing("unchanged", [f"{path} ({why})" for path, why in report.unchanged])
        _listing("passed over", [f"{item.path} ({item.reason})" for item in report.ignored])
    cut = [item for item in report.skipped if _is_cut(item)]
    for item in report.skipped:
        say(("cut: " if _is_cut(item) else "skipped: ", "yellow"), f"{item.path}: {item.reason}", out=errors)
    say(f"Store: {db}")
    for path in written:
        say(f"Wrote {path}")
    if report.skipped:
        errors.print(f"{len(report.skipped) - len(cut)} input(s) skipped, {len(cut)} cut short (the rest of their text "
                     "not analysed)", markup=False, highlight=False)
        raise typer.Exit(1)


def _is_cut(item) -> bool:
    """A text cut to the analysis limit was stored and analysed in part: reported, but not as skipped."""
    return item.reason.startswith("text cut")


@app.command()
def build(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or glob patterns."),
    out: Path = typer.Option(..., "--out", help="Folder for story.json, report.html and report.md."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of crawler metadata: file or url, then published, outlet, title, url."),
    db: Optional[str] = typer.Option(None, "--db", help="Store: a SQLite file (default: OUT/dateline.sqlite), sqlite:///PATH or postgresql://... Reused across builds."),
    set_: list[str] = SET_OPTION,
    wait: Optional[float] = WAIT_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
    log_json: bool = LOG_JSON_OPTION,
    engine: str = ENGINE_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    max_file_bytes: int = MAX_FILE_OPTION,
    max_record_bytes: int = MAX_RECORD_OPTION,
    max_decompressed_bytes: int = MAX_DECOMPRESSED_OPTION,
    max_expansion: int = MAX_EXPANSION_OPTION,
    max_text_chars: int = MAX_TEXT_OPTION,
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

    from dateline.ingest import discover
    from dateline.store import is_url

    _configure_logging(verbose, log_json)
    if engine not in ("local", "dask"):
        _fail(f"unknown engine {engine!r} (local or dask)")
    limits = _limit_pairs(max_file_bytes, max_record_bytes, max_decompressed_bytes, max_expansion, max_text_chars)
    settings = _settings([*limits, *set_], wait)
    db = db or str(out / "dateline.sqlite")
    local_db = None if is_url(db) else Path(db)
    _check_paths(out, local_db)
    if manifest is not None and not manifest.is_file():
        _fail(f"{manifest}: manifest not found" if not manifest.exists() else f"{manifest}: manifest must be a file")
    # Nothing to read is nothing to do: say why for each path, and leave no store or report behind.
    files, passed = discover(paths, {manifest} if manifest else set())
    if not files:
        for path, why in passed:
            say(("skipped: ", "yellow"), f"{path}: {why}", out=errors)
        _fail("no article file to read in " + ", ".join(paths))
    db_existed = local_db is None or local_db.exists()
    from dateline.summarise.timeline import TimelineBudget

    budget = TimelineBudget(dates=dates, per_date=per_date, start=parse_day(start, "--from"), end=parse_day(end, "--to"),
                            query=query or None)
    report = _run(paths, db, manifest, settings, quiet, engine, scheduler, budget)
    if not report.story.articles:
        for item in report.skipped:
            say(("skipped: ", "yellow"), f"{item.path}: {item.reason}", out=errors)
        if not db_existed:
            _remove_store(local_db)
        _fail("nothing could be read: no article stored, so no store or report was written"
              if not db_existed else f"nothing could be read, and the store {db} holds no article: no report written")
    try:
        written = write_outputs(report.story, out)
    except OSError as err:
        _fail(f"{out}: cannot write the outputs ({err.strerror or err}); the store {db} is up to date")
    _summary(report, db, written, quiet)


@app.command()
def add(
    paths: list[str] = typer.Argument(..., help="Files, folders or glob patterns to add."),
    db: str = typer.Option(..., "--db", help="The store to add to: a SQLite file, sqlite:///PATH or postgresql://..."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of crawler metadata for the added files."),
    out: Optional[Path] = typer.Option(None, "--out", help="Also write story.json, report.html and report.md here."),
    set_: list[str] = SET_OPTION,
    wait: Optional[float] = WAIT_OPTION,
    quiet: bool = QUIET_OPTION,
    verbose: bool = VERBOSE_OPTION,
    log_json: bool = LOG_JSON_OPTION,
) -> None:
    """Add articles to an existing store and rebuild its story: the same story as building
    everything at once (stored articles are judged again against the new ones)."""
    from dateline.export import write_outputs
    from dateline.store import is_url

    _configure_logging(verbose, log_json)
    if not is_url(db) and not Path(db).exists():
        _fail(f"{db}: no such store (create it with `dateline build ... --db {db}`)")
    settings = _settings(set_, wait)
    report = _run(paths, db, manifest, settings, quiet)
    written = []
    if out is not None:
        try:
            written = write_outputs(report.story, out)
        except OSError as err:
            _fail(f"{out}: cannot write the outputs ({err.strerror or err}); the store {db} is up to date")
    _summary(report, db, written, quiet)


def _listing(label: str, lines: list[str], limit: int = 10) -> None:
    """Name what happened to each file, up to a limit; a long tail is counted, not printed."""
    for line in lines[:limit]:
        say(f"  {label}: {line}")
    if len(lines) > limit:
        say(f"  {label}: ... and {len(lines) - limit} more")
