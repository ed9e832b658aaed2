"""The shared Typer app and the small helpers every command module uses.

Each area of the command line lives in its own module under `dateline.cli` and registers its
commands on this one `app`; `dateline.cli` imports them all.

Terminal output: article data (titles, file names, reasons) is printed as Rich `Text`, never
parsed as markup, with control characters made visible (`terminal_text`). Errors are one line
naming the file and the problem; `--debug` (or DATELINE_DEBUG=1) adds the traceback."""
from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.errors import InputError, StoreError
from dateline.export.escape import terminal_text

app = typer.Typer(
    help="Dateline turns raw news articles into a sourced, dated story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
state = {"debug": os.environ.get("DATELINE_DEBUG", "") not in ("", "0")}

DB_OPTION = typer.Option(None, "--db", help="Store to read: a SQLite file, sqlite:///PATH or postgresql://... (or give the build's --out folder).")
OUT_OPTION = typer.Option(None, "--out", help="A build's output folder; its store is OUT/dateline.sqlite.")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON instead of a table.")


@app.callback()
def _options(
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", callback=lambda v: _version(v),
                                 is_eager=True),
) -> None:
    """Dateline turns raw news articles into a sourced, dated story."""
    if debug:
        state["debug"] = True


def plain(value: object, style: Optional[str] = None) -> Text:
    """Data as terminal text: never markup, control characters shown as escapes."""
    return Text(terminal_text(value), style=style or "")


def say(*parts, out: Console | None = None) -> None:
    """Print a line from parts: a str is data (printed as it is), a (str, style) pair is a label."""
    line = Text()
    for part in parts:
        if isinstance(part, tuple):
            line.append(part[0], style=part[1])
        else:
            line.append(terminal_text(part, keep_newlines=False))
    (out or console).print(line, soft_wrap=True)


def _fail(message: str, code: int = 2) -> None:
    """One line on stderr naming what went wrong, then exit (2: nothing could be done)."""
    if state["debug"] and sys.exc_info()[0] is not None:
        errors.print(Text(traceback.format_exc().rstrip(), style="dim"))
    say(("error: ", "bold red"), message, out=errors)
    raise typer.Exit(code)


SET_OPTION = typer.Option([], "--set", metavar="SECTION.NAME=VALUE",
                          help="Override a setting for this run (see `dateline settings`); repeatable.")


def _settings(pairs: list[str], wait: Optional[float] = None):
    """The settings for one command: defaults, environment, then `--set` pairs (and `--wait`); a bad
    setting is one line naming it."""
    from dateline.settings import SettingsError, load_settings

    try:
        return load_settings([*pairs, *([f"store.lock_timeout_s={wait}"] if wait is not None else [])])
    except SettingsError as err:
        _fail(str(err))


def describe_error(err: BaseException) -> str:
    """One line for an exception: the file and the problem for the ones a user can act on."""
    if isinstance(err, (InputError, StoreError)):
        return str(err)
    if isinstance(err, OSError):
        where = err.filename or ""
        return f"{where}: {err.strerror or err}" if where else (err.strerror or str(err))
    import sqlite3

    if isinstance(err, sqlite3.Error):
        return f"the store cannot be used ({type(err).__name__}: {err})"
    if isinstance(err, MemoryError):
        return "out of memory (lower the read limits, see `dateline build --help`)"
    first = (str(err).strip().splitlines() or [""])[0]
    return f"internal error ({type(err).__name__}: {first}); please report it with the output of --debug"


def run() -> None:
    """Run the app: no traceback reaches the user unless --debug asks for it."""
    try:
        app(prog_name="dateline", standalone_mode=True)
    except KeyboardInterrupt:
        say(("interrupted", "bold red"), "; what was stored so far is kept", out=errors)
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence: one line, exit 2
        if state["debug"] or "--debug" in sys.argv[1:]:
            errors.print(Text(traceback.format_exc().rstrip(), style="dim"))
        say(("error: ", "bold red"), describe_error(err), out=errors)
        sys.exit(2)


def _version(value: bool) -> None:
    if value:
        from dateline import __version__

        print(f"dateline {__version__}")
        raise typer.Exit(0)


def store_path(db: Optional[str], out: Optional[Path]) -> str | Path:
    """The store a read command means: --db (a file or a URL), else OUT/dateline.sqlite; a clear
    error when neither exists."""
    from dateline.store import is_url

    if db is None and out is None:
        _fail("no store given: pass --db FILE.sqlite, or --out FOLDER of a build")
    if db is not None and is_url(db):
        return db
    path = Path(db) if db is not None else out / "dateline.sqlite"
    if not path.exists():
        _fail(f"{path}: no such store (run `dateline build ... --db {path}` first)")
    if path.is_dir():
        _fail(f"{path}: is a folder; --db takes the SQLite file (or give the folder as --out)")
    return path


def _open(db: Optional[str], out: Optional[Path] = None):
    from dateline.store import is_url, open_store

    db = store_path(db, out)
    if not is_url(db) and not Path(db).exists():
        _fail(f"{db}: no such store (run `dateline build ... --db {db}` first)")
    try:
        return open_store(db if is_url(db) else Path(db))
    except StoreError as err:
        _fail(str(err))
    except Exception as err:  # noqa: BLE001 - sqlite3 and OS errors: one line naming the store
        _fail(f"{db}: {describe_error(err)}")


def _show(items: list, as_json: bool, columns: tuple[str, ...], row, dump=None) -> None:
    """Print items as JSON or as a Rich table, one row each (cells are data, never markup)."""
    if as_json:
        dump = dump or (lambda item: item.model_dump(mode="json"))
        print(json.dumps([dump(i) for i in items], indent=2, ensure_ascii=False, default=str))
        return
    table = Table(*columns)
    for item in items:
        table.add_row(*(plain(cell) for cell in row(item)))
    console.print(table)
