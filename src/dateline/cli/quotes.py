"""`dateline quotes FILE`: the quotes and reported speech of any text file, with their speakers."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from dateline.cli.app import JSON_OPTION, _fail, app, console


def attributions_of(text: str) -> list[dict]:
    """Each attribution as a reader checks it: content, speaker and cue, with Python str offsets."""
    from dateline.analyse.article import tidy_entities
    from dateline.analyse.nlp import load_nlp
    from dateline.analyse.quotes import find_quotes

    doc = load_nlp()(text)
    tidy_entities(doc)
    index = {s.start: i for i, s in enumerate(doc.sents)}
    return [{
        "text": text[q.start:q.end], "start": q.start, "end": q.end,
        "speaker_text": (text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else q.speaker_text),
        "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
        "cue": q.cue or None, "direct": q.direct, "actor": q.actor,
        "speakers": q.speakers,  # every person of a joint source ("Kishida and Lavrov agreed"), by name
        "pieces": [list(p) for p in q.pieces],  # the content's parts when a cue or a paragraph break interrupts it
    } for q in find_quotes(doc, index)]


@app.command()
def quotes(file: Path = typer.Argument(..., help="A text file (UTF-8)."), as_json: bool = JSON_OPTION) -> None:
    """List the quotes and reported speech in a text file: what was said, by whom, through which cue."""
    try:
        text = file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        _fail(f"{file}: no such file")
    except IsADirectoryError:
        _fail(f"{file}: is a folder, not a text file")
    except UnicodeDecodeError as err:
        _fail(f"{file}: not UTF-8 text (byte {err.start})")
    items = attributions_of(text)
    if as_json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("speaker", "cue", "direct", "what was said", "offsets")
    for q in items:
        who = q["speaker_text"] or "?"
        named = " and ".join(q["speakers"]) if q["speakers"] else q["actor"]
        if named and named != who:
            who += f" ({named})"
        table.add_row(who, q["cue"] or "", "yes" if q["direct"] else "", q["text"], f"{q['start']}-{q['end']}")
    console.print(table)
