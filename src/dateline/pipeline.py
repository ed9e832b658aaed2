"""The build: ingest -> (store documents) -> clean -> date -> analyse -> (store articles) -> story.

Stages are functions that take models and return models and skips; `build` writes what they
return to the store and assembles the build report from it. Nothing is shared and mutated.

- `ingest_documents` streams the inputs in bounded batches (`Settings.ingest.batch_size`) and each
  batch is committed before the next is read: memory stays flat and a kill loses one batch.
- `plan_cleaning` judges every stored document against the corpus-level evidence in the store
  (lines repeated across unrelated articles) and returns those whose cleaning verdict changed or
  that were never analysed: building A then adding B cleans and analyses exactly as building A
  and B together, so the story is the same.
- `analyse_documents` cleans and parses those in chunks through `nlp.pipe`, reusing a stored
  analysis whose key (content hash + metadata + pipeline version) is unchanged; each chunk is one
  transaction, so a rerun after a crash resumes where the last commit left off.
- `assemble` builds the story over every stored article; the store keeps it as rows.

Per-article stages (extract, clean, analyse) can be mapped over a cluster; `plan_cleaning` and
`assemble` need the whole corpus.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import signal
import time
import unicodedata
from collections import deque
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from dateline.analyse import analyse_text, load_nlp
from dateline.clean import Extracted, clean_plain_text, extract_source
from dateline.errors import InputError, PassedOver, StoreError
from dateline.evidence import HashedLines, line_hashes, shared_hashes
from dateline.ingest import Manifest, RawDocument, discover, load_manifest, read_path
from dateline.ingest.discover import MISSING
from dateline.ingest.limits import ReadLimits, cut_text
from dateline.models import Article, SkippedInput, Story
from dateline.settings import DatingSettings, Settings
from dateline.store import AnalysedArticle, DocumentRecord, DocumentState, open_store
from dateline.summarise.story import assemble_story
from dateline.temporal import publication_from_metadata
from dateline.temporal.constraints import corpus_hints

log = logging.getLogger("dateline.build")
Progress = Callable[[str, int, int], None]
PARSE_BATCH = 64  # kept for old imports; the value used is Settings.analyse.batch_size
POOL_MIN_ARTICLES = 16  # with analyse.n_process=0 (auto), a parse worker per this many due articles at most
POOL_PARTITIONS_PER_WORKER = 8  # partitions per worker at least: the last one leaves the others idle, so keep it short
POOL_IN_FLIGHT = 2  # partitions per worker submitted ahead: workers never wait, the build never holds the archive
# The components analysis reads (tags, dependencies, lemmas, entities) and our sentence fix; any other
# component a model ships is disabled for the parse (a larger model's extra pipes cost time for nothing).
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "dateline_paragraph_breaks")


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


@lru_cache(maxsize=None)
def code_version(*packages: str) -> str:
    """A hash of the source of the named dateline packages: a stored result made by other code is stale."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


# -- ingest --------------------------------------------------------------------------------------


def extract(doc: RawDocument) -> Extracted:
    """HTML through trafilatura, plain text as it is: the same step `dateline extract` shows."""
    return extract_source(doc)


def to_record(doc: RawDocument, limits: Optional[ReadLimits] = None) -> tuple[DocumentRecord, Optional[str]]:
    """Extract one document and hash its lines: everything later stages need, and nothing of the raw page.
    A text longer than the limit is cut at a paragraph boundary; the cut is returned so it is reported."""
    limit = (limits or ReadLimits()).max_text_chars
    cut = None
    if doc.kind != "html" and len(doc.content) > limit:
        # cut plain text before extraction: detokenizing a 50 MB line would cost many copies of it
        doc.content, cut = cut_text(doc.content, limit)
        if doc.content is None:
            raise InputError(doc.path, cut)
    item = extract(doc)
    item.text, later_cut = cut_text(item.text, limit)
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
                 progress: Optional[Progress] = None, limits: Optional[ReadLimits] = None) -> Iterator[IngestBatch]:
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
                record, cut = to_record(doc, limits)
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
    for batch in read_batches(files, manifest, settings.ingest.batch_size, progress, settings.read):
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


def plan_cleaning(states: dict[str, DocumentState], evidence: dict[str, list[int]], settings: Settings
                  ) -> dict[str, tuple[str, frozenset[int]]]:
    """Which documents to clean (again): id -> (clean key, lines repeated in unrelated documents).
    A document is due when it was never analysed, its metadata changed, or the corpus-level evidence
    changed the verdict on one of its lines (or the cleaning code or settings changed)."""
    shared = shared_hashes(evidence, settings.clean.copy_overlap)
    version = _key(code_version("clean"), settings.fingerprint("clean"))
    due = {}
    for doc_id, state in states.items():
        lines = shared.get(doc_id, frozenset())
        key = _key(version, *sorted(lines))
        if state.status == "pending" or state.clean_key != key:
            due[doc_id] = (key, lines)
    return dict(sorted(due.items()))


@dataclass
class Cleaned:
    record: DocumentRecord
    clean_key: str
    text: str
    title: Optional[str]
    agency: Optional[str]
    removed: list
    analysis_key: str = ""
    hints: tuple = ()  # what the corpus says about an undated article's date (temporal.constraints)


def clean_document(record: DocumentRecord, clean_key: str, shared: frozenset[int], settings: Settings,
                   hints: tuple = ()) -> Cleaned | str:
    """The document's article text, or why there is none."""
    cleaned = clean_plain_text(record.source_text, HashedLines(shared), known_title=record.title,
                               line_paragraphs=record.paragraph_lines, rules=settings.clean)
    if cleaned.not_article:
        return f"not an article ({cleaned.not_article})"
    if len(cleaned.text.split()) < settings.clean.min_words:
        return "no article text left after removing site chrome"
    result = Cleaned(record, clean_key, cleaned.text, cleaned.title, cleaned.agency, cleaned.removed, hints=hints)
    result.analysis_key = _key(ANALYSIS_VERSION(), cleaned.text, record.published_meta, record.published_from,
                               _head(record, settings), record.crawled, *(h.evidence for h in hints))
    return result


def _head(record: DocumentRecord, settings: Settings) -> str:
    return "\n".join(record.source_text.splitlines()[:settings.clean.head_lines])


def ANALYSIS_VERSION() -> str:  # noqa: N802 - reads as the constant it stands for
    """What an analysis depends on besides its input: our analysis code and the model."""
    return _model_version() + code_version("analyse", "temporal")


@lru_cache(maxsize=1)
def _model_version() -> str:
    from dateline.analyse.nlp import MODEL

    try:
        from importlib.metadata import version

        return f"{MODEL}-{version(MODEL.replace('_', '-'))}"
    except Exception:  # noqa: BLE001 - a missing distribution only weakens the key
        return MODEL


def parse_texts(texts: Iterable[str], settings: Settings) -> Iterator:
    """spaCy over the texts in order: nlp.pipe with the batch size and processes from Settings, with
    the components analysis does not read disabled."""
    nlp = load_nlp()
    unused = [name for name in nlp.pipe_names if name not in REQUIRED_COMPONENTS]
    with nlp.select_pipes(disable=unused):
        yield from nlp.pipe(texts, batch_size=settings.analyse.batch_size, n_process=max(1, settings.analyse.n_process))


def analyse_cleaned(item: Cleaned, doc, settings: Settings) -> AnalysedArticle | str:
    """One parsed article into the data model, or why it could not be analysed."""
    record, notes, published = item.record, [], None
    if record.published_meta:
        published = publication_from_metadata(record.published_meta, record.published_from or "metadata")
        if published is None:
            notes.append(f"unreadable publication date {record.published_meta!r} ({record.published_from}); "
                         "inferred from the text instead")
    try:
        analysis = analyse_text(item.text, published, head=_head(record, settings), crawled=record.crawled, doc=doc,
                                hints=list(item.hints), rules=settings.dating)
    except Exception as err:  # noqa: BLE001 - one article's failure must not cost the batch
        return f"analysis failed ({type(err).__name__}: {err}); please report this"
    article = Article(
        id=record.id, path=record.path, url=record.url, title=item.title, outlet=record.outlet, agency=item.agency,
        published=analysis.published, text=item.text, removed_lines=item.removed, encoding=record.encoding,
        sentences=analysis.sentences, entities=analysis.entities, time_expressions=analysis.time_expressions,
    )
    return AnalysedArticle(article, analysis, item.clean_key, item.analysis_key, notes)


@dataclass
class ChunkResult:
    """One committed chunk: analysed articles, (id, clean key, reason) skips, and stored analyses that
    still hold, as (id, clean key): nothing to parse for them."""

    analysed: list[AnalysedArticle] = field(default_factory=list)
    skips: list[tuple[str, str, str]] = field(default_factory=list)
    reused: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.analysed) + len(self.skips) + len(self.reused)


def triage(records: Iterable[DocumentRecord], due: dict[str, tuple[str, frozenset[int]]],
           states: dict[str, DocumentState], settings: Settings, side: ChunkResult, hints: tuple = ()
           ) -> Iterator[Cleaned]:
    """Clean each document; what needs no parse (skipped, or a stored analysis that still holds) goes
    to `side`, the rest is yielded for parsing."""
    limit = min(settings.ingest.max_text_chars, load_nlp().max_length)
    for record in records:
        clean_key, shared = due[record.id]
        cleaned = clean_document(record, clean_key, shared, settings, hints)
        state = states.get(record.id)
        if isinstance(cleaned, str):
            side.skips.append((record.id, clean_key, cleaned))
        elif state and state.status == "stored" and state.analysis_key == cleaned.analysis_key:
            side.reused.append((record.id, clean_key))
        elif len(cleaned.text) > limit:
            # skipped rather than cut: a story built on half an article would cite it as if whole
            side.skips.append((record.id, clean_key, f"too long to analyse ({len(cleaned.text):,} characters; "
                                                     f"the limit is {limit:,})"))
        else:
            yield cleaned


def analyse_partition(records: list[DocumentRecord], due: dict[str, tuple[str, frozenset[int]]],
                      states: dict[str, DocumentState], settings: Settings, hints: tuple = ()) -> ChunkResult:
    """Clean, parse and analyse one partition of documents, wherever it runs: in this process, in a
    worker of the local pool or on a Dask worker. Depends only on its arguments, so the result is the
    same wherever and in whatever order partitions run. The parse is single-process here (the
    parallelism is across partitions)."""
    result = ChunkResult()
    cleaned = list(triage(records, due, states, settings, result, hints))
    single = settings if settings.analyse.n_process == 1 else settings.with_overrides(["analyse.n_process=1"])
    for item, doc in zip(cleaned, parse_texts([c.text for c in cleaned], single)):
        outcome = analyse_cleaned(item, doc, single)
        if isinstance(outcome, str):
            result.skips.append((item.record.id, item.clean_key, outcome))
        else:
            result.analysed.append(outcome)
    return result


def partitions(store, due: dict[str, tuple[str, frozenset[int]]], states: dict[str, DocumentState], size: int
               ) -> Iterator[tuple[list[DocumentRecord], dict, dict]]:
    """The due documents read from the store `size` at a time, each with its own slice of `due` and
    `states`: what `analyse_partition` needs and nothing of the rest of the corpus."""
    part: list[DocumentRecord] = []
    for record in store.iter_documents(list(due)):
        part.append(record)
        if len(part) >= size:
            yield part, {r.id: due[r.id] for r in part}, {r.id: states[r.id] for r in part if r.id in states}
            part = []
    if part:
        yield part, {r.id: due[r.id] for r in part}, {r.id: states[r.id] for r in part if r.id in states}


def parse_processes(settings: Settings, total: int) -> int:
    """How many processes parse: `analyse.n_process`, or with 0 (auto) one per usable core, but no more
    than the work fills (a worker is worth its start only over `POOL_MIN_ARTICLES` articles)."""
    wanted = settings.analyse.n_process
    if wanted == 0:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
        wanted = max(1, min(cores, total // POOL_MIN_ARTICLES))
    return max(1, min(wanted, total))


def warm_up() -> None:
    """Load what analysis needs once per process (the model, the gazetteer): done before worker processes
    fork so they share it, and on each Dask worker before the timed work."""
    load_nlp()
    from dateline.analyse.gazetteer import place_names

    place_names()


def analyse_documents(store, due: dict[str, tuple[str, frozenset[int]]], states: dict[str, DocumentState],
                      settings: Settings, progress: Optional[Progress] = None, hints: tuple = ()) -> Iterator[ChunkResult]:
    """Clean and analyse the due documents in partitions: in this process, or (more than one parse
    process) in a pool of forked workers that each parse and analyse whole partitions, so our own
    analysis runs in parallel too and this process only reads, writes and commits. Results are
    committed in input order every `analyse.parse_chunk` articles: a crash loses at most one chunk."""
    total = len(due)
    processes = parse_processes(settings, total)
    size = min(settings.analyse.batch_size, settings.analyse.parse_chunk)
    if processes == 1:
        results = (analyse_partition(*part, settings, hints) for part in partitions(store, due, states, size))
    else:
        size = max(1, min(size, -(-total // (processes * POOL_PARTITIONS_PER_WORKER))))
        results = _pooled(partitions(store, due, states, size), settings, hints, processes)
    if progress:
        progress("analyse", 0, total)
    waiting: deque[tuple[str, object]] = deque()  # finished, not yet committed, in input order
    done = 0
    for result in results:
        waiting.extend([*(("analysed", a) for a in result.analysed), *(("skips", s) for s in result.skips),
                        *(("reused", r) for r in result.reused)])
        done += len(result)
        while len(waiting) >= settings.analyse.parse_chunk:
            yield _commit(store, [waiting.popleft() for _ in range(settings.analyse.parse_chunk)])
        if progress:
            progress("analyse", done, total)
    if waiting:
        yield _commit(store, list(waiting))
    if progress:
        progress("analyse", total, total)


def _commit(store, items: list[tuple[str, object]]) -> ChunkResult:
    """One transaction of at most `analyse.parse_chunk` finished documents."""
    chunk = ChunkResult()
    for kind, item in items:
        getattr(chunk, kind).append(item)
    store.save_analysed(chunk.analysed, chunk.skips, chunk.reused)
    return chunk


def _worker_start() -> None:
    """In a pool worker: die with the build (a SIGKILLed build must not leave parse workers behind) and
    leave Ctrl-C to the build, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _cold_worker_start() -> None:
    """In a spawned pool worker: as `_worker_start`, then load the model and gazetteer itself."""
    _worker_start()
    warm_up()


def _pooled(parts: Iterator[tuple], settings: Settings, hints: tuple, processes: int) -> Iterator[ChunkResult]:
    """`analyse_partition` over a pool of `processes` workers, results in input order, with at
    most POOL_IN_FLIGHT partitions per worker outstanding (memory stays bounded however large the input)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork after loading, so every worker shares the model and gazetteer; but only from the main thread
    # (a build in a web server's worker thread spawns fresh workers that load them: forking a process
    # whose other threads may hold locks is unsafe)
    import threading

    fork = "fork" in multiprocessing.get_all_start_methods() and threading.current_thread() is threading.main_thread()
    if fork:
        warm_up()
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                               initializer=_worker_start if fork else _cold_worker_start)
    pending: deque = deque()
    try:
        for part in parts:
            pending.append(pool.submit(analyse_partition, *part, settings, hints))
            if len(pending) >= processes * POOL_IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=not pending, cancel_futures=True)


# -- the build ---------------------------------------------------------------------------------------


def assemble(store, skipped: list[SkippedInput], budget=None) -> Story:
    """The story over every stored article; what was skipped, by any build, is listed in it. `budget`:
    a TimelineBudget (days, sentences a day, window, query), or None to fit it to the corpus."""
    items = [(s.article, s.analysis) for s in store.iter_articles()]
    return assemble_story(items, skipped, budget)


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


def dating_hints(store, states: dict[str, DocumentState], rules: Optional[DatingSettings] = None) -> tuple:
    """The span of the corpus's metadata-dated documents, as a hint for dating the undated ones: from
    every stored document, so a build in parts dates them as one build over all would."""
    spans = []
    for record in store.iter_documents(sorted(states)):
        if record.published_meta:
            published = publication_from_metadata(record.published_meta, record.published_from or "metadata")
            if published is not None:
                spans.append((published.earliest, published.latest))
    return tuple(corpus_hints(spans, rules=rules or DatingSettings()))


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
            why = ("metadata corrected" if ingest.outcome.get(item.article.id) == "updated"
                   else "cleaned again: the corpus changed what counts as repeated site text")
            report.updated.append((item.article.path, f"{why}; analysed again"))
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
    due = plan_cleaning(states, store.line_evidence(), settings)
    hints = dating_hints(store, states, rules=settings.dating)
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
    report.story = assemble(store, all_skips(store), budget)
    store.save_story(report.story)
    lap("story")
    if progress:
        progress("story", 1, 1)
    log.info("build done: %s", ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()))
    return report


__all__ = ["BuildReport", "build", "content_id", "ingest_documents", "plan_cleaning", "analyse_documents",
           "analyse_partition", "assemble", "StoreError"]
