"""`dateline timeline`: the dated timeline over a store, with budgets, a window and a query."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from dateline.cli.app import DB_OPTION, JSON_OPTION, OUT_OPTION, SET_OPTION, _fail, _open, _settings, app, console, plain
from dateline.export.labels import Labels, when

DATES_OPTION = typer.Option(None, "--dates", min=1, help="How many days the timeline tells (default: fitted to the corpus size).")
PER_DATE_OPTION = typer.Option(None, "--per-date", min=1, help="Sentences per day (default: 2, or 3 over 300 articles).")
FROM_OPTION = typer.Option(None, "--from", help="First day of the window, YYYY-MM-DD.")
TO_OPTION = typer.Option(None, "--to", help="Last day of the window, YYYY-MM-DD.")
QUERY_OPTION = typer.Option(None, "--query", help="What the story is about: words, or phrases separated by commas "
                                                  "(default: inferred from the articles).")
METHOD_OPTION = typer.Option("datewise", "--method", help="Timeline method: datewise or events.")


def parse_day(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} {value!r}: expected a day as YYYY-MM-DD")


def make_budget(dates, per_date, start, end, query, corpus_size: int, rules=None):
    from dateline.settings import TimelineSettings
    from dateline.summarise.timeline import TimelineBudget

    budget = TimelineBudget.for_corpus(corpus_size, rules or TimelineSettings())
    budget.dates = dates or budget.dates
    budget.per_date = per_date or budget.per_date
    budget.start, budget.end = parse_day(start, "--from"), parse_day(end, "--to")
    if budget.start and budget.end and budget.start > budget.end:
        _fail(f"--from {start} is after --to {end}")
    budget.query = query or None
    return budget


@app.command()
def timeline(
    db: Optional[str] = DB_OPTION,
    out: Optional[Path] = OUT_OPTION,
    dates: Optional[int] = DATES_OPTION,
    per_date: Optional[int] = PER_DATE_OPTION,
    start: Optional[str] = FROM_OPTION,
    end: Optional[str] = TO_OPTION,
    query: Optional[str] = QUERY_OPTION,
    method: str = METHOD_OPTION,
    as_json: bool = JSON_OPTION,
    set_: list[str] = SET_OPTION,
) -> None:
    """Print the dated timeline (one entry per day, cited sentences) and its Background section."""
    from dateline.summarise.timeline import GENERATORS, timeline_from_store

    if method not in GENERATORS:
        _fail(f"--method {method!r}: choose one of {', '.join(GENERATORS)}")
    rules = _settings(set_, None).timeline
    with _open(db, out) as store:
        budget = make_budget(dates, per_date, start, end, query, len(store.article_ids()), rules)
        result = timeline_from_store(store, budget, method, rules=rules)
        story = store.load_story()  # for citations as the reports print them (A2:15)
    if as_json:
        print(json.dumps({"timeline": [e.model_dump(mode="json") for e in result.timeline],
                          "background": [e.model_dump(mode="json") for e in result.background]},
                         indent=2, ensure_ascii=False))
        return
    console.print(plain(f"Topic: {result.topic.describe()}"
                        + (f"; {len(result.off_topic)} off-topic article(s) left out" if result.off_topic else "")))
    labels = Labels(story) if story is not None else None
    for title, entries in (("Timeline", result.timeline), ("Background", result.background)):
        table = Table("when", "precision", "sentences", title=title)
        for e in entries:
            cites = [labels.cite(s.article, s.sentence) if labels else f"{s.article[:6]}:{s.sentence}" for s in e.sentences]
            table.add_row(plain(when(e.date)), e.date.precision,
                          plain("\n".join(f"{s.text} [{c}]" for s, c in zip(e.sentences, cites))))
        console.print(table)
