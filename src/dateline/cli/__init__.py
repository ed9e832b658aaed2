"""The `dateline` command line: a thin shell over the library (the library never prints).

One module per area registers its commands on the shared app; add a module, import it here."""
from __future__ import annotations

from dateline.cli import build, read, timeline  # noqa: F401  (registers the commands)
from dateline.cli.app import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console script entry
    app(prog_name="dateline")
