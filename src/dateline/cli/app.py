"""The shared Typer app and the small helpers every command module uses.

Each area of the command line lives in its own module under `dateline.cli` and registers its
commands on this one `app`; `dateline.cli` imports them all."""
from __future__ import annotations

import json
from pathlib import Path

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

DB_OPTION = typer.Option("dateline.sqlite", "--db", help="Store to read: a SQLite file, sqlite:///PATH or postgresql://...")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _open(db: str | Path):
    from dateline.store import is_url, open_store

    if not is_url(db) and not Path(db).exists():
        _fail(f"{db}: no such store (run `dateline build ... --db {db}` first)")
    try:
        return open_store(db if is_url(db) else Path(db))
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
