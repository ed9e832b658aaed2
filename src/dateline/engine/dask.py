"""Run the per-article stages on a Dask cluster (`pip install 'dateline[dask]'`).

The corpus-level stages stay where the store is: ingest streams documents into the store, the
evidence is reduced over the whole store to say which documents are due, and the story is
assembled over every stored article. What is mapped is the expensive part, cleaning, parsing and
analysing each due document (`engine.local.analyse_partition`, the same function the local engine
runs): the driver reads documents from the store in partitions of `analyse.parse_chunk`, submits
each with its slice of the evidence verdicts, and writes each partition's articles to the store
as it finishes (one transaction each), with at most `dask.in_flight` partitions outstanding, so
an archive larger than memory flows through. Workers never open the store, so a SQLite store
works with a local cluster and any store with a remote one; the driver does no NLP.

Each worker loads the model and the gazetteer once (a worker plugin, so a worker that joins
later warms itself too) before any partition is timed: `build` reports that as the `warm` stage,
apart from `analyse`.

Each article's analysis depends only on its own text, metadata and the evidence verdict the
driver hands it, so the order partitions finish in does not matter: the story equals the local
engine's.
"""
from __future__ import annotations

from typing import Iterator, Optional

from dateline.engine.local import ChunkResult, Progress, analyse_partition, partitions, warm_up
from dateline.settings import Settings
from dateline.store import DocumentState


def _warm_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmAnalysis(WorkerPlugin):
        """Load the spaCy model and the gazetteer on each worker once, as it joins."""

        name = "dateline-warm-analysis"

        def setup(self, worker) -> None:
            warm_up()

    return WarmAnalysis()


def connect(scheduler: Optional[str], settings: Settings):
    """A client on the given scheduler (tcp://HOST:PORT), or on a LocalCluster of `dask.workers`
    single-threaded worker processes (spaCy's parse holds the GIL: threads would not add speed).
    Every worker is warmed (model and gazetteer loaded) before this returns."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=settings.dask.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    try:
        client.register_plugin(_warm_plugin())
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise
    return client, cluster


def analyse_documents_dask(store, due: dict[str, tuple[str, frozenset[int]]], states: dict[str, DocumentState],
                           settings: Settings, progress: Optional[Progress] = None, hints: tuple = (),
                           scheduler: Optional[str] = None, connected=None) -> Iterator[ChunkResult]:
    """The Dask counterpart of `engine.local.analyse_documents`: same inputs, same results, same commits.
    `connected`: a (client, cluster) pair from `connect` to use (the caller closes it), else one is made."""
    from dask.distributed import as_completed

    client, cluster = connected or connect(scheduler, settings)
    try:
        total, done = len(due), 0
        parts = partitions(store, due, states, settings.analyse.parse_chunk)
        pending = as_completed()
        outstanding = 0

        def submit_next() -> bool:
            part = next(parts, None)
            if part is None:
                return False
            pending.add(client.submit(analyse_partition, *part, settings, hints, pure=False))
            return True

        if progress:
            progress("analyse", 0, total)
        while outstanding < settings.dask.in_flight and submit_next():
            outstanding += 1
        for future in pending:
            result = future.result()
            future.release()
            outstanding -= 1
            store.save_analysed(result.analysed, result.skips, result.reused)
            done += len(result)
            if progress:
                progress("analyse", done, total)
            yield result
            if submit_next():
                outstanding += 1
        if progress:
            progress("analyse", total, total)
    finally:
        if connected is None:
            client.close()
            if cluster is not None:
                cluster.close()
