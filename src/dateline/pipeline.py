"""The build: ingest -> (store documents) -> clean -> date -> analyse -> (store articles) -> story.

Stages are functions that take models and return models and skips; `build` writes what they
return to the store and assembles the build report from it. Nothing is shared and mutated.

- `ingest_documents` streams the inputs in bounded batches (`Settings.ingest.batch_size`) and each
  batch is committed before the next is read: memory stays flat and a kill loses one batch.
- `plan_cleaning` judges every stored document against the corpus-level evidence in the store
  (lines repeated across unrelated articles, the date span that dates the undated) and the code,
  model and settings it was analysed with, and returns those whose verdict changed or that were
  never analysed: building A then adding B cleans and analyses exactly as building A and B
  together, so the story is the same, and a new Dateline or a changed setting is not left unapplied.
- `analyse_documents` (engine/local.py) cleans and parses those in chunks through `nlp.pipe`, reusing a stored
  analysis whose key (content hash + metadata + pipeline version) is unchanged; each chunk is one
  transaction, so a rerun after a crash resumes where the last commit left off.
- `assemble` builds the story over every stored article; the store keeps it as rows.

Per-article stages (clean, parse, analyse) live in `engine/local.py` and are mapped over this
machine's cores or, with `--engine dask`, over a cluster (`engine/dask.py`); `plan_cleaning` and
`assemble` need the whole corpus and stay here.
"""
from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from dateline.clean import Extracted, extract_source
from dateline.errors import InputError, PassedOver, StoreError
from dateline.evidence import line_hashes, shared_hashes
from dateline.ingest import Manifest, RawDocument, discover, load_manifest, read_path
from dateline.ingest.discover import MISSING
from dateline.ingest.limits import ReadLimits, cut_text
from dateline.models import SkippedInput, Story
from dateline.settings import CleanSettings, DatingSettings, Settings
from dateline.engine.local import ANALYSIS_VERSION, ChunkResult, Progress, _key, analyse_documents, code_version, warm_up
from dateline.store import DocumentRecord, DocumentState, open_store
from dateline.summarise.story import assemble_story
from dateline.temporal import publication_from_metadata
from dateline.temporal.constraints import corpus_hints

log = logging.getLogger("dateline.build")
# The components analysis reads (tags, dependencies, lemmas, entities) and our sentence fix; any other
# component a model ships is disabled for the parse (a larger model's extra pipes cost time for nothing).


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)  # ids analysed and stored for the first time
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (path, why nothing was stored)
    updated: list[tuple[str, str]] = field(default_factory=list)  # (path, what changed): corrections, re-judged
    skipped: list[SkippedInput] = field(default_factory=list)  # bad input met in this build
    ignored: list[SkippedInput] = field(default_factory=list)  # not article files, passed over
    reused: int = 0  # articles whose stored analysis still held (nothing reanalysed)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: ingest, plan, warm (model, workers), analyse, story
    story: Optional[Story] = None
    outputs: list[Path] = field(default_factory=list)


def content_id(text: str) -> str:
    """Stable id from normalised content: the same article read twice gets the same id."""
    normalised = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


# -- ingest --------------------------------------------------------------------------------------


def extract(doc: RawDocument, rules: Optional[CleanSettings] = None) -> Extracted:
    """HTML through trafilatura, plain text as it is: the same step `dateline extract` shows."""
    return extract_source(doc, rules or CleanSettings())


def to_record(doc: RawDocument, limits: Optional[ReadLimits] = None,
              rules: Optional[CleanSettings] = None) -> tuple[DocumentRecord, Optional[str]]:
    """Extract one document and hash its lines: everything later stages need, and nothing of the raw page.
    A text longer than the limit is cut at a paragraph boundary; the cut is returned so it is reported."""
    limits = limits or ReadLimits()
    limit = limits.max_text_chars
    cut = None
    if doc.kind != "html" and len(doc.content) > limit:
        # cut plain text before extraction: detokenizing a 50 MB line would cost many copies of it
        doc.content, cut = cut_text(doc.content, limit, min_share=limits.min_cut_share)
        if doc.content is None:
            raise InputError(doc.path, cut)
    item = extract(doc, rules)
    item.text, later_cut = cut_text(item.text, limit, min_share=limits.min_cut_share)
    if item.text is None:
        raise InputError(doc.path, later_cut)
    cut = cut or later_cut
    value, origin = item.published if item.published else (None, None)
    return DocumentRecord(
        id=content_id(item.text), path=doc.path, source_text=item.text, paragraph_lines=item.lines_are_paragraphs,
        url=doc.url, title=item.title, outlet=item.outlet, published_meta=value, published_from=origin,
        crawled=doc.crawled, encoding=doc.encoding, line_hashes=line_hashes(item.text),
    ), cut


@dataclass
class IngestBatch:
    """What one bounded batch of input produced: documents to store and inputs skipped or passed over."""

    documents: list[DocumentRecord] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    ignored: list[SkippedInput] = field(default_factory=list)  # readable, but no article (passed over)


@dataclass
class IngestResult:
    outcome: dict[str, str] = field(default_factory=dict)  # id -> added / updated / unchanged
    paths: dict[str, str] = field(default_factory=dict)  # id -> the path it was read from
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    skipped: list[SkippedInput] = field(default_factory=list)
    ignored: list[SkippedInput] = field(default_factory=list)
    read_paths: list[str] = field(default_factory=list)  # every input this build looked at


def read_batches(files: list[Path], manifest: Optional[Manifest], batch_size: int,
                 progress: Optional[Progress] = None, limits: Optional[ReadLimits] = None,
                 rules: Optional[CleanSettings] = None) -> Iterator[IngestBatch]:
    """Read, apply the manifest and extract, yielding batches of at most `batch_size` documents:
    the whole input is never in memory, only one batch of extracted texts."""
    batch = IngestBatch()
    for done, path in enumerate(files, start=1):
        for item in read_path(path, limits):
            if isinstance(item, InputError):
                target = batch.ignored if isinstance(item, PassedOver) else batch.skipped
                target.append(SkippedInput(path=item.path, reason=item.problem))
                continue
            doc = manifest.apply(item) if manifest else item
            try:
                record, cut = to_record(doc, limits, rules)
                batch.documents.append(record)
                if cut:  # stored, but a cut is reported: it never passes in silence
                    batch.skipped.append(SkippedInput(path=doc.path, reason=cut))
            except InputError as err:
                batch.skipped.append(SkippedInput(path=err.path, reason=err.problem))
            if len(batch.documents) >= batch_size:
                yield batch
                batch = IngestBatch()
        if progress:
            progress("read", done, len(files))
    if batch.documents or batch.skipped:
        yield batch


def ingest_documents(inputs: list[str], manifest: Optional[Manifest], store, settings: Settings,
                     progress: Optional[Progress] = None) -> IngestResult:
    """Stream the inputs into the store, one transaction per batch. A document read again with other
    metadata (a corrected manifest row, a re-read file) is updated and will be analysed again."""
    result = IngestResult()
    exclude = {manifest.path} if manifest else set()
    files, passed = discover(inputs, exclude)
    for path, reason in passed:
        target = result.skipped if reason in MISSING else result.ignored
        target.append(SkippedInput(path=path, reason=reason))
    result.read_paths = [*inputs, *(str(f) for f in files), *([str(manifest.path)] if manifest else [])]
    if progress:
        progress("read", 0, len(files))
    for batch in read_batches(files, manifest, settings.ingest.batch_size, progress, settings.read, settings.clean):
        result.skipped += batch.skipped
        result.ignored += batch.ignored
        fresh = []
        for doc in batch.documents:
            if doc.id in result.paths:
                result.duplicates.append((doc.path, f"same content as {result.paths[doc.id]}"))
            else:
                result.paths[doc.id] = doc.path
                fresh.append(doc)
        result.outcome.update(store.put_documents(fresh))
    return result


# -- clean and analyse -----------------------------------------------------------------------------


def plan_cleaning(states: dict[str, DocumentState], evidence: dict[str, list[int]], settings: Settings,
                  hints: tuple = (), undated: frozenset[str] = frozenset()) -> dict[str, tuple[str, frozenset[int]]]:
    """Which documents to clean and analyse (again): id -> (plan key, lines repeated in unrelated documents).
    A document is due when it was never analysed, its metadata changed, the corpus-level evidence changed
    the verdict on one of its lines, the cleaning or analysis code, model or settings changed, or (for a
    document with no date in its metadata, listed in `undated`) the corpus's date span that dates it.
    The key is "<cleaning part>.<analysis part>", so the report can say which of the two changed."""
    shared = shared_hashes(evidence, settings.clean.copy_overlap)
    cleaning = _key(code_version("clean"), settings.fingerprint("clean"))
    analysis = _key(ANALYSIS_VERSION(), settings.fingerprint("dating", "attribution"))
    undated_analysis = _key(analysis, *(h.evidence for h in hints))
    due = {}
    for doc_id, state in states.items():
        lines = shared.get(doc_id, frozenset())
        key = f"{_key(cleaning, *sorted(lines))}.{undated_analysis if doc_id in undated else analysis}"
        if state.status == "pending" or state.clean_key != key:
            due[doc_id] = (key, lines)
    return dict(sorted(due.items()))


def why_again(old_key: Optional[str], new_key: str) -> str:
    """Why a stored article was analysed again, read from the two parts of its plan key."""
    if old_key and "." not in old_key:
        return "analysed again: stored by an earlier Dateline, whose keys did not name its analysis"
    if old_key and old_key.split(".")[0] != new_key.split(".")[0]:
        return "cleaned again: the corpus changed what counts as repeated site text, or the cleaning did"
    return "analysed again: the analysis code, model or settings changed, or the corpus's date span that dates it"


# -- the build ---------------------------------------------------------------------------------------


def assemble(store, skipped: list[SkippedInput], budget=None, settings: Settings | None = None) -> Story:
    """The story over every stored article; what was skipped, by any build, is listed in it. `budget`:
    a TimelineBudget (days, sentences a day, window, query), or None to fit it to the corpus;
    `settings`: the build's settings (None: the defaults)."""
    items = [(s.article, s.analysis) for s in store.iter_articles()]
    return assemble_story(items, skipped, budget, settings=settings)


def all_skips(store) -> list[SkippedInput]:
    """Every complaint the store knows of (inputs and documents), sorted: the same set of inputs gives
    the same list whether it came in one build or several."""
    found = {(s.path, s.reason) for s in store.input_skips()}
    found |= {(s.path, s.reason) for _, s in store.document_notes()}
    return [SkippedInput(path=p, reason=r) for p, r in sorted(found)]


def build(
    inputs: list[str],
    db_path: Path | str,
    manifest_path: Optional[Path] = None,
    progress: Optional[Progress] = None,
    *,
    settings: Optional[Settings] = None,
    store=None,
    on_wait: Optional[Callable[[str], None]] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    budget=None,
) -> BuildReport:
    """Ingest what is new or changed into the store (a path, or a sqlite:/// or postgresql:// URL), then
    rebuild the story over everything stored. `store`: an open Store to use instead of opening `db_path`.
    `engine`: "local" (nlp.pipe in this process and its workers) or "dask" (a Dask cluster at `scheduler`,
    or a LocalCluster)."""
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    settings = settings or Settings()
    manifest = None
    manifest_skips: list[SkippedInput] = []
    if manifest_path is not None:
        manifest = load_manifest(manifest_path)
        manifest_skips = [SkippedInput(path=e.path, reason=e.problem) for e in manifest.errors]
    own = store is None
    if own:
        store = open_store(db_path, busy_timeout_ms=settings.store.sqlite_busy_timeout_ms)
    try:
        with store.writer(settings.store.lock_timeout_s, on_wait or (lambda message: log.warning(message))):
            return _build_locked(store, inputs, manifest, manifest_skips, settings, progress, engine, scheduler, budget)
    finally:
        if own:
            store.close()


def dating_hints(store, states: dict[str, DocumentState], rules: Optional[DatingSettings] = None
                 ) -> tuple[tuple, frozenset[str]]:
    """The span of the corpus's metadata-dated documents, as a hint for dating the undated ones: from
    every stored document, so a build in parts dates them as one build over all would. With it, the
    documents it dates (those with no date in their metadata): they are dated again when it moves."""
    spans, undated = [], set()
    for record in store.iter_documents(sorted(states)):
        published = (publication_from_metadata(record.published_meta, record.published_from or "metadata")
                     if record.published_meta else None)
        if published is None:
            undated.add(record.id)
        else:
            spans.append((published.earliest, published.latest))
    return tuple(corpus_hints(spans, rules=rules or DatingSettings())), frozenset(undated)


@contextmanager
def _analyser(engine: str, scheduler: Optional[str], settings: Settings, due: dict):
    """The analyse stage of the engine, warmed up (model and gazetteer loaded where the work runs,
    Dask workers started and connected) so that `analyse` times the work alone."""
    if not due:
        yield analyse_documents
    elif engine == "dask":
        from dateline.engine.dask import analyse_documents_dask, connect

        client, cluster = connect(scheduler, settings)
        try:
            yield lambda *args: analyse_documents_dask(*args, scheduler=scheduler, connected=(client, cluster))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        warm_up()
        yield analyse_documents


def _account(report: BuildReport, result: ChunkResult, before: dict, ingest: IngestResult, done_skips: dict,
             reanalysed: set) -> None:
    """Add one committed chunk to the build report: new, updated (and why) and skipped articles."""
    report.reused += len(result.reused)
    for item in result.analysed:
        old = before.get(item.article.id)
        if old is None or old.status != "stored":
            report.added.append(item.article.id)
        else:
            why = ("metadata corrected; analysed again" if ingest.outcome.get(item.article.id) == "updated"
                   else why_again(old.clean_key, item.clean_key))
            report.updated.append((item.article.path, why))
            reanalysed.add(item.article.id)
    for doc_id, _, reason in result.skips:
        done_skips[doc_id] = reason


def _build_locked(store, inputs, manifest, manifest_skips, settings: Settings, progress, engine: str = "local",
                  scheduler: Optional[str] = None, budget=None) -> BuildReport:
    report = BuildReport()
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.timings[stage] = round(report.timings.get(stage, 0.0) + now - clock, 3)
        clock = now

    before = store.document_states()
    ingest = ingest_documents(inputs, manifest, store, settings, progress)
    input_skips = manifest_skips + ingest.skipped
    store.record_input_skips(ingest.read_paths, input_skips)
    report.ignored = ingest.ignored

    lap("ingest")
    states = store.document_states()
    hints, undated = dating_hints(store, states, rules=settings.dating)
    due = plan_cleaning(states, store.line_evidence(), settings, hints, undated)
    lap("plan")
    done_skips: dict[str, str] = {}
    reanalysed: set[str] = set()
    with ExitStack() as stack:
        analyser = stack.enter_context(_analyser(engine, scheduler, settings, due))
        lap("warm")  # the model loaded, workers started: apart from the work itself
        for result in analyser(store, due, states, settings, progress, hints):
            _account(report, result, before, ingest, done_skips, reanalysed)
        lap("analyse")
    lap("warm")  # and the workers stopped

    changed = reanalysed | set(done_skips) | set(report.added)
    changed |= {doc_id for doc_id, o in ingest.outcome.items() if o == "updated"}
    for doc_id, outcome in ingest.outcome.items():
        old = before.get(doc_id)
        if old is not None and old.status == "stored" and doc_id not in changed:
            report.unchanged.append((ingest.paths[doc_id], f"already stored as {doc_id}"))
    report.unchanged += ingest.duplicates
    read_ids = set(ingest.outcome)
    notes = [s for doc_id, s in store.document_notes() if doc_id in read_ids or doc_id in done_skips]
    report.skipped = input_skips + notes
    if progress:
        progress("story", 0, 1)
    report.story = assemble(store, all_skips(store), budget, settings)
    store.save_story(report.story)
    lap("story")
    if progress:
        progress("story", 1, 1)
    log.info("build done: %s", ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()))
    return report


__all__ = ["BuildReport", "build", "content_id", "ingest_documents", "plan_cleaning", "analyse_documents",
           "assemble", "StoreError"]
