"""Expand what the user typed (files, folders, globs) into the files to read."""
from __future__ import annotations

import glob
from pathlib import Path

NO_ARTICLES = "folder holds no article files"
MISSING = ("no such file or folder", "pattern matched no file", NO_ARTICLES)
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(s) for s in SUPPORTED_SUFFIXES)


def discover(inputs: list[str], exclude: set[Path] | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Return (files to read, [(path, why it was not read)]).

    A file named explicitly is always read (and fails loudly if unsupported);
    inside folders only supported types are taken and the rest are reported.
    """
    exclude = {p.resolve() for p in (exclude or set())}
    files: list[Path] = []
    passed: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        rp = p.resolve()
        if rp in seen or rp in exclude:
            return
        seen.add(rp)
        files.append(p)

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            before = len(files)
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                if is_supported(child):
                    add(child)
                elif child.resolve() not in exclude:
                    passed.append((str(child), "not an article file type (.txt, .html, .htm, .jsonl, .warc, .warc.gz)"))
            if len(files) == before and not any(f.resolve().is_relative_to(p.resolve()) for f in files):
                passed.append((item, NO_ARTICLES))
        elif p.is_file():
            add(p)
        elif any(ch in item for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True))
            matches = [m for m in matches if m.is_file()]
            if not matches:
                passed.append((item, "pattern matched no file"))
            for m in matches:
                if is_supported(m):
                    add(m)
                else:
                    passed.append((str(m), "not an article file type"))
        else:
            passed.append((item, "no such file or folder"))
    return files, passed
