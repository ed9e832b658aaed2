"""The local engine: the per-article stages (clean, parse, analyse one partition of documents) and
the process pool that maps them over the cores of one machine.

`analyse_partition` depends only on its arguments, so the Dask engine (`engine/dask.py`) maps the
same function over a cluster; the build (`dateline.pipeline`) chooses an engine and commits what it
returns. Corpus-level work (which documents are due, the story) stays in the pipeline."""
from __future__ import annotations

import hashlib
import os
import signal
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from dateline.analyse import analyse_text, load_nlp
from dateline.clean import clean_plain_text, page_head, why_skipped
from dateline.evidence import HashedLines
from dateline.models import Article
from dateline.settings import Settings
from dateline.store import AnalysedArticle, DocumentRecord, DocumentState
from dateline.temporal import publication_from_metadata

Progress = Callable[[str, int, int], None]  # (stage, done, total)
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "dateline_paragraph_breaks",
                       "dateline_wire_openings")


@lru_cache(maxsize=None)
def code_version(*packages: str) -> str:
    """A hash of the source of the named dateline packages: a stored result made by other code is stale."""
    root = Path(__file__).parent.parent  # the dateline package
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


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
    skipped = why_skipped(cleaned, settings.clean)
    if skipped:
        return skipped
    result = Cleaned(record, clean_key, cleaned.text, cleaned.title, cleaned.agency, cleaned.removed, hints=hints)
    result.analysis_key = _key(ANALYSIS_VERSION(), settings.fingerprint("dating", "attribution"), cleaned.text,
                               record.published_meta, record.published_from,
                               _head(record, settings), record.crawled, _key(record.source_text), *(h.evidence for h in hints))
    return result


def _head(record: DocumentRecord, settings: Settings) -> str:
    return page_head(record.source_text, settings.clean)


def ANALYSIS_VERSION() -> str:  # noqa: N802 - reads as the constant it stands for
    """What an analysis depends on besides its input: our analysis code and the model."""
    return _model_version() + code_version("analyse", "temporal", "clean")


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
                                hints=list(item.hints), attribution=settings.attribution,
                                dating=settings.dating, page=record.source_text)
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
    than the work fills (a worker is worth its start only over `analyse.articles_per_worker` articles)."""
    wanted = settings.analyse.n_process
    if wanted == 0:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
        wanted = max(1, min(cores, total // settings.analyse.articles_per_worker))
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
        size = max(1, min(size, -(-total // (processes * settings.analyse.partitions_per_worker))))
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
    most `analyse.in_flight_per_worker` partitions per worker outstanding (memory stays bounded however large the input)."""
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
            if len(pending) >= processes * settings.analyse.in_flight_per_worker:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=not pending, cancel_futures=True)
