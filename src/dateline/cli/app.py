"""The shared Typer app and the small helpers every command module uses.

Each area of the command line lives in its own module under `dateline.cli` and registers its
commands on this one `app`; `dateline.cli` imports them all."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from dateline.errors import StoreError

app = typer.Typer(
    help="Dateline turns raw news articles into a sourced, dated story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
errors = Console(stderr=True)

DB_OPTION = typer.Option(None, "--db", help="SQLite store to read (or give the build's --out folder).")
OUT_OPTION = typer.Option(None, "--out", help="A build's output folder; its store is OUT/dateline.sqlite.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _fail(message: str, code: int = 2) -> None:
    from rich.markup import escape

    errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from dateline import __version__

        print(f"dateline {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.", callback=_version,
                                       is_eager=True)) -> None:
    """Dateline turns raw news articles into a sourced, dated story."""


def store_path(db: Optional[Path], out: Optional[Path]) -> Path:
    """The store a read command means: --db, else OUT/dateline.sqlite; a clear error when neither exists."""
    if db is None and out is None:
        _fail("no store given: pass --db FILE.sqlite, or --out FOLDER of a build")
    path = db if db is not None else out / "dateline.sqlite"
    if not path.exists():
        _fail(f"{path}: no such store (run `dateline build ... --db {path}` first)")
    if path.is_dir():
        _fail(f"{path}: is a folder; --db takes the SQLite file (or give the folder as --out)")
    return path


def _open(db: Optional[Path], out: Optional[Path] = None):
    from dateline.store import Store

    db = store_path(db, out)
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
    from rich.markup import escape

    table = Table(*columns)
    for item in items:
        table.add_row(*(escape(cell) for cell in row(item)))  # story text is never Rich markup
    console.print(table)
