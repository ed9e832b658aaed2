"""Engines that run the per-article stages: `local` maps them over this machine's cores (`engine/local.py`);
`dask` maps them over a Dask cluster (`dateline[dask]`), imported only when asked for."""
ENGINES = ("local", "dask")

__all__ = ["ENGINES"]
