"""The build: ingest -> clean -> date -> analyse -> store -> group -> summarise -> export.

Stages are plain functions over batches of documents, so a distributed runner can map the
per-article ones (clean, analyse) and reduce with the corpus-level ones (group, summarise).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from dateline.analyse import analyse_text, load_nlp
from dateline.clean import clean_plain_text, extract_html, shared_lines
from dateline.clean.detokenize import detokenize_if_tokenized
from dateline.errors import InputError
from dateline.ingest import Manifest, RawDocument, discover, load_manifest, read_path
from dateline.ingest.discover import MISSING
from dateline.models import Article, SkippedInput, Story
from dateline.store import Store
from dateline.summarise.story import assemble_story
from dateline.temporal import publication_from_metadata

Progress = Callable[[str, int, int], None]
PARSE_BATCH = 32  # articles parsed together: spaCy holds a whole batch of docs in memory


@dataclass
class PreparedDocument:
    """A document after ingest and cleaning, ready for analysis."""

    doc: RawDocument
    id: str
    source_text: str
    text: str
    title: Optional[str]
    agency: Optional[str]
    outlet: Optional[str]
    published_meta: Optional[tuple[str, str]]  # (value, where it came from)
    removed: list


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (path, why nothing was stored)
    skipped: list[SkippedInput] = field(default_factory=list)  # bad input
    ignored: list[SkippedInput] = field(default_factory=list)  # not article files, passed over
    story: Optional[Story] = None
    outputs: list[Path] = field(default_factory=list)


def content_id(text: str) -> str:
    """Stable id from normalised content: the same article read twice gets the same id."""
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def read_inputs(inputs: list[str], manifest: Optional[Manifest], report: BuildReport,
                progress: Optional[Progress] = None) -> list[RawDocument]:
    exclude = {manifest.path} if manifest else set()
    files, passed = discover(inputs, exclude)
    for path, reason in passed:
        target = report.skipped if reason in MISSING else report.ignored
        target.append(SkippedInput(path=path, reason=reason))
    documents = []
    for done, path in enumerate(files, start=1):
        if progress:
            progress("read", done, len(files))
        for item in read_path(path):
            if isinstance(item, InputError):
                report.skipped.append(SkippedInput(path=item.path, reason=item.problem))
            else:
                documents.append(manifest.apply(item) if manifest else item)
    return documents


@dataclass
class Extracted:
    """A document's text before chrome removal, with what its source said about it."""

    doc: RawDocument
    text: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[tuple[str, str]]  # (value, where it came from)
    lines_are_paragraphs: bool  # extracted HTML: one paragraph a line


def extract(doc: RawDocument) -> Extracted:
    """HTML through trafilatura, plain text as it is; metadata from the source wins over the page's."""
    published = (doc.published, doc.extra.get("published_from", "metadata")) if doc.published else None
    if doc.kind != "html":
        # research corpora ship tokenized text ("BP 's neck", -LRB-); judged by the text itself
        return Extracted(doc, detokenize_if_tokenized(doc.content), doc.title, doc.outlet, published, False)
    page = extract_html(doc.content, doc.path, doc.url)
    doc.url = doc.url or page.url
    if not published and page.date:
        published = (page.date, "HTML metadata")
    return Extracted(doc, page.text, doc.title or page.title, doc.outlet or page.sitename, published, True)


def prepare(documents: list[RawDocument], stored_raw: list[str], report: BuildReport,
            progress: Optional[Progress] = None) -> list[PreparedDocument]:
    """Extract HTML, strip chrome (with the stored articles as evidence of what repeats), assign ids."""
    extracted: list[Extracted] = []
    for done, doc in enumerate(documents, start=1):
        if progress:
            progress("clean", done, len(documents))
        try:
            extracted.append(extract(doc))
        except InputError as err:
            report.skipped.append(SkippedInput(path=err.path, reason=err.problem))

    shared = shared_lines([e.text for e in extracted] + stored_raw)
    prepared = []
    for item, repeated in zip(extracted, shared):
        cleaned = clean_plain_text(item.text, repeated, known_title=item.title, line_paragraphs=item.lines_are_paragraphs)
        if len(cleaned.text.split()) < 5:
            report.skipped.append(SkippedInput(path=item.doc.path, reason="no article text left after removing site chrome"))
            continue
        prepared.append(PreparedDocument(
            doc=item.doc, id=content_id(item.text), source_text=item.text, text=cleaned.text, title=cleaned.title,
            agency=cleaned.agency, outlet=item.outlet, published_meta=item.published, removed=cleaned.removed,
        ))
    return prepared


def analyse_and_store(prepared: list[PreparedDocument], store: Store, report: BuildReport,
                      progress: Optional[Progress] = None) -> None:
    """Analyse each new article and commit it on its own, so an interruption loses only the one in hand."""
    stored = store.article_ids()
    todo: list[PreparedDocument] = []
    first_path: dict[str, str] = {}
    for item in prepared:
        if item.id in stored:
            report.unchanged.append((item.doc.path, f"already stored as {item.id}"))
        elif item.id in first_path:
            report.unchanged.append((item.doc.path, f"same content as {first_path[item.id]}"))
        else:
            first_path[item.id] = item.doc.path
            todo.append(item)
    nlp = load_nlp()
    too_long = [i for i in todo if len(i.text) > nlp.max_length]
    for item in too_long:
        report.skipped.append(SkippedInput(
            path=item.doc.path, reason=f"too long to analyse ({len(item.text):,} characters; the parser takes {nlp.max_length:,})"))
    todo = [i for i in todo if len(i.text) <= nlp.max_length]
    total = len(todo)
    if progress:
        progress("analyse", 0, total)
    for done, (item, doc) in enumerate(zip(todo, nlp.pipe((i.text for i in todo), batch_size=PARSE_BATCH)), start=1):
        published = None
        if item.published_meta:
            value, origin = item.published_meta
            published = publication_from_metadata(value, origin)
            if published is None:
                report.skipped.append(SkippedInput(
                    path=item.doc.path, reason=f"unreadable publication date {value!r} ({origin}); inferred from the text instead"))
        head = "\n".join(item.source_text.splitlines()[:12])
        try:
            analysis = analyse_text(item.text, published, head=head, crawled=item.doc.crawled, doc=doc)
        except Exception as err:  # noqa: BLE001 - one article's failure must not cost the batch
            report.skipped.append(SkippedInput(
                path=item.doc.path, reason=f"analysis failed ({type(err).__name__}: {err}); please report this"))
            continue
        article = Article(
            id=item.id, path=item.doc.path, url=item.doc.url, title=item.title, outlet=item.outlet, agency=item.agency,
            published=analysis.published, text=item.text, removed_lines=item.removed, encoding=item.doc.encoding,
            sentences=analysis.sentences, entities=analysis.entities, time_expressions=analysis.time_expressions,
        )
        store.save_article(article, analysis, item.source_text)
        report.added.append(item.id)
        if progress:
            progress("analyse", done, total)


def build(
    inputs: list[str],
    db_path: Path,
    manifest_path: Optional[Path] = None,
    progress: Optional[Progress] = None,
    budget=None,  # Optional[TimelineBudget]: days, sentences a day, window, query; None: fitted to the corpus
) -> BuildReport:
    """Ingest what is new into the store, then rebuild the story over everything stored."""
    report = BuildReport()
    manifest = None
    if manifest_path is not None:
        manifest = load_manifest(manifest_path)
        report.skipped += [SkippedInput(path=e.path, reason=e.problem) for e in manifest.errors]
    with Store(db_path) as store:
        documents = read_inputs(inputs, manifest, report, progress)
        prepared = prepare(documents, list(store.raw_texts().values()), report, progress)
        analyse_and_store(prepared, store, report, progress)
        if progress:
            progress("story", 0, 1)
        items = [(s.article, s.analysis) for s in store.iter_articles()]
        report.story = assemble_story(items, report.skipped, budget)
        store.save_story(report.story)
        if progress:
            progress("story", 1, 1)
    return report
