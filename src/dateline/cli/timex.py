"""`dateline timex`: the TIMEX3 time expressions of any text file, or of a TimeML document."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from dateline.cli.app import JSON_OPTION, _fail, app, console

JSON_KEYS = ("start", "end", "text", "type", "value", "mod", "earliest", "latest")


def _tag(text: str, dct: date) -> list[dict]:
    from dateline.analyse.nlp import load_nlp
    from dateline.temporal.timex import tag_text

    return [t.as_dict() for t in tag_text(text, dct, load_nlp()(text))]


def _dct(value: Optional[str]) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        _fail(f"--dct wants a date as YYYY-MM-DD, got {value!r}")
        raise  # unreachable: _fail exits


@app.command()
def timex(
    file: Optional[Path] = typer.Argument(None, help="A UTF-8 text file."),
    dct: Optional[str] = typer.Option(None, "--dct", help="Document creation time (YYYY-MM-DD) relative expressions resolve against."),
    tml: Optional[Path] = typer.Option(None, "--tml", help="A TimeML document: read its DCT and TEXT, print it annotated with TIMEX3 tags."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Tag time expressions the TimeML way (TIMEX3 type, value, mod) with their calendar interval."""
    from dateline.temporal.timeml import read_timeml, write_timeml

    if tml is not None:
        if not tml.is_file():
            _fail(f"{tml}: no such file")
        try:
            doc = read_timeml(tml.read_text(encoding="utf-8"))
        except ValueError as err:
            _fail(f"{tml}: {err}")
        when = _dct(dct or doc.dct)
        print(write_timeml(doc, _tag(doc.text, when)), end="")
        return
    if file is None or not file.is_file():
        _fail(f"{file}: no such file" if file else "give a text FILE or --tml IN.tml")
    when = _dct(dct)
    found = _tag(file.read_text(encoding="utf-8"), when)
    if as_json:
        print(json.dumps([{k: t[k] for k in JSON_KEYS} for t in found], indent=2, ensure_ascii=False))
        return
    table = Table("start", "end", "text", "type", "value", "mod", "earliest", "latest")
    for t in found:
        table.add_row(*(str(t[k]) if t[k] is not None else "" for k in JSON_KEYS))
    console.print(table)
