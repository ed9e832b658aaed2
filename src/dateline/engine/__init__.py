"""Engines that run the per-article stages: the local one lives in `dateline.pipeline`; `dask` maps
them over a Dask cluster (`dateline[dask]`), imported only when asked for."""
ENGINES = ("local", "dask")

__all__ = ["ENGINES"]
