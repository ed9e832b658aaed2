"""`dateline export`: the story as TimelineJS JSON, CSV, story JSON, Markdown or HTML, to a file or stdout."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from dateline.cli.app import DB_OPTION, OUT_OPTION, _fail, _open, app, console
from dateline.export.formats import EXPORTERS


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", help="timelinejs, csv, json, md or html."),
    db: Optional[Path] = DB_OPTION,
    out: Optional[Path] = OUT_OPTION,
    path: Optional[Path] = typer.Option(None, "--to", help="File to write (default: standard output)."),
    table: str = typer.Option("timeline", "--table", help="For csv: timeline, actors or quotes."),
) -> None:
    """Write the stored story in one format, to standard output or a file.

    With --db the store is that file and --out names the file to write; with only --out, the
    store is OUT/dateline.sqlite and the export goes to standard output (or --to)."""
    if fmt not in EXPORTERS:
        _fail(f"--format {fmt!r}: choose one of {', '.join(EXPORTERS)}")
    if table not in ("timeline", "actors", "quotes"):
        _fail(f"--table {table!r}: choose timeline, actors or quotes")
    target = path
    if db is not None and out is not None and path is None:
        target, out = out, None  # `--db FILE --out PATH`: the store is --db, the export goes to --out
    with _open(db, out) as store:
        story = store.load_story()
    if story is None:
        _fail("the store holds no story yet (run `dateline build` on it)")
    text = EXPORTERS[fmt].render(story, table=table)
    if target is None:
        sys.stdout.write(text)
        return
    if target.is_dir():
        target = target / EXPORTERS[fmt].filename(table)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as err:
        _fail(f"{target}: cannot write ({err.strerror or err})")
    console.print(f"Wrote {target}", highlight=False)
