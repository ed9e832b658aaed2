"""`dateline extract FILE`: what cleaning keeps of one input file, and what it removed and why.

Runs the build's own extraction and cleaning (`dateline.clean`), with no NLP model, so a user
can see why a line went before building a story."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape

from dateline.cli.app import JSON_OPTION, _fail, app, console
from dateline.cli.app import SET_OPTION, _settings


def _extract_file(path: Path, rules=None) -> tuple[list, list]:
    """Cleaned documents of one file and the records that could not be read. Records of one file
    (JSON Lines, WARC) are evidence for each other, as a batch is in `dateline build`."""
    from dateline.clean import clean_extracted, extract_source, shared_lines
    from dateline.settings import CleanSettings
    from dateline.errors import InputError
    from dateline.ingest import read_path

    rules = rules or CleanSettings()
    extracted, problems = [], []
    for item in read_path(path):
        if isinstance(item, InputError):
            problems.append({"path": item.path, "reason": item.problem})
            continue
        try:
            extracted.append(extract_source(item, rules))
        except InputError as err:
            problems.append({"path": err.path, "reason": err.problem})
    shared = shared_lines([e.text for e in extracted], rules.copy_overlap)
    return [clean_extracted(e, s, rules) for e, s in zip(extracted, shared)], problems


def _as_dict(doc) -> dict:
    published = {"value": doc.published[0], "source": doc.published[1]} if doc.published else None
    return {
        "path": doc.path, "title": doc.title, "outlet": doc.outlet, "agency": doc.agency, "url": doc.url,
        "published": published, "not_article": doc.not_article, "text": doc.text,
        "removed_lines": [r.model_dump() for r in doc.removed],
    }


@app.command()
def extract(
    file: Path = typer.Argument(..., help="One input file: .txt, .html/.htm, .jsonl or .warc/.warc.gz."),
    as_json: bool = JSON_OPTION,
    set_: list[str] = SET_OPTION,
) -> None:
    """Show what cleaning keeps of FILE (title, text, published, outlet) and each removed line with its reason."""
    if not file.is_file():
        _fail(f"{file}: no such file")
    docs, problems = _extract_file(file, _settings(set_, None).clean)
    if as_json:
        print(json.dumps({"documents": [_as_dict(d) for d in docs], "skipped": problems}, indent=2, ensure_ascii=False))
    else:
        for doc in docs:
            _print_document(doc)
        for problem in problems:
            console.print(f"[bold red]skipped[/] {escape(problem['path'])}: {escape(problem['reason'])}", highlight=False)
    if problems or not docs:
        raise typer.Exit(1)


def _print_document(doc) -> None:
    published = f"{doc.published[0]} ({doc.published[1]})" if doc.published else "unknown"
    console.rule(escape(doc.path))
    for label, value in (("title", doc.title), ("outlet", doc.outlet), ("agency", doc.agency),
                         ("published", published), ("url", doc.url)):
        if value:
            console.print(f"[bold]{label}:[/] {escape(str(value))}", highlight=False)
    if doc.not_article:
        console.print(f"[bold yellow]not an article:[/] {escape(doc.not_article)} (a build skips it)", highlight=False)
    console.print("[bold]text:[/]", highlight=False)
    console.print(escape(doc.text) if doc.text else "[dim](nothing kept)[/]", highlight=False)
    console.print(f"[bold]removed lines ({len(doc.removed)}):[/]", highlight=False)
    for r in doc.removed:
        console.print(f"  {r.line:>4}  [cyan]{escape(r.reason)}[/]  {escape(r.text)}", highlight=False)
