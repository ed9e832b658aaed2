"""The `dateline` command line: a thin shell over the library (the library never prints).

One module per area registers its commands on the shared app; add a module, import it here."""
from __future__ import annotations

from dateline.cli import build, export, quotes, read, serve, timeline, timex  # noqa: F401  (registers the commands)
from dateline.cli import extract  # noqa: F401  (registers `dateline extract`)
from dateline.cli import settings as _settings  # noqa: F401  (registers `dateline settings`)
from dateline.cli.app import app, run

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console script entry
    run()
