"""Run the per-article stages on a Dask cluster (`pip install 'dateline[dask]'`).

The corpus-level stages stay where the store is: ingest streams documents into the store, the
evidence is reduced over the whole store to say which documents are due, and the story is
assembled over every stored article. What is mapped is the expensive part, cleaning and
analysing each due document: the driver reads documents from the store in partitions of
`analyse.parse_chunk`, submits each to the cluster, and writes each partition's articles to the
store as it finishes (one transaction each), with at most `dask.in_flight` partitions
outstanding, so an archive larger than memory flows through. Workers never open the store, so a
SQLite store works with a local cluster and any store with a remote one.

Each article's analysis depends only on its own text, metadata and the evidence verdict the
driver hands it, so the order partitions finish in does not matter: the story equals the local
engine's.
"""
from __future__ import annotations

from typing import Iterator, Optional

from dateline.pipeline import (ChunkResult, Cleaned, Progress, analyse_cleaned, parse_texts, triage)
from dateline.settings import Settings
from dateline.store import DocumentState


def analyse_partition(items: list[Cleaned], settings: Settings) -> ChunkResult:
    """On a worker: parse and analyse one partition of cleaned documents (one process per worker)."""
    local = settings.with_overrides(["analyse.n_process=1"])
    result = ChunkResult()
    for item, doc in zip(items, parse_texts([i.text for i in items], local)):
        outcome = analyse_cleaned(item, doc, local)
        if isinstance(outcome, str):
            result.skips.append((item.record.id, item.clean_key, outcome))
        else:
            result.analysed.append(outcome)
    return result


def connect(scheduler: Optional[str], settings: Settings):
    """A client on the given scheduler (tcp://HOST:PORT), or on a LocalCluster of `dask.workers`
    single-threaded worker processes (spaCy's parse holds the GIL: threads would not add speed)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=settings.dask.workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=40)
    return Client(cluster), cluster


def analyse_documents_dask(store, due: dict[str, tuple[str, frozenset[int]]], states: dict[str, DocumentState],
                           settings: Settings, progress: Optional[Progress] = None, hints: tuple = (),
                           scheduler: Optional[str] = None) -> Iterator[ChunkResult]:
    """The Dask counterpart of `pipeline.analyse_documents`: same inputs, same results, same commits."""
    from dask.distributed import as_completed

    client, cluster = connect(scheduler, settings)
    try:
        total, done = len(due), 0
        side = ChunkResult()
        cleaned = triage(store.iter_documents(list(due)), due, states, settings, side, hints)
        pending = as_completed()
        outstanding = 0

        def submit_next() -> bool:
            part = []
            for item in cleaned:
                part.append(item)
                if len(part) >= settings.analyse.parse_chunk:
                    break
            if not part:
                return False
            pending.add(client.submit(analyse_partition, part, settings, pure=False))
            return True

        if progress:
            progress("analyse", 0, total)
        while outstanding < settings.dask.in_flight and submit_next():
            outstanding += 1
        for future in pending:
            result = future.result()
            outstanding -= 1
            result.skips += side.skips
            result.reused += side.reused
            side.skips.clear()
            side.reused.clear()
            store.save_analysed(result.analysed, result.skips, result.reused)
            done += len(result)
            if progress:
                progress("analyse", done, total)
            yield result
            if submit_next():
                outstanding += 1
        if len(side):
            result = ChunkResult(skips=list(side.skips), reused=list(side.reused))
            store.save_analysed([], result.skips, result.reused)
            yield result
        if progress:
            progress("analyse", total, total)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
