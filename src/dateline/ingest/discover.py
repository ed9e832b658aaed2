"""Expand what the user typed (files, folders, globs) into the files to read.

Folders are walked following symbolic links once: a link back into a folder being walked (a loop),
a broken link, an unreadable folder or a special file is named with its reason, never passed over
in silence."""
from __future__ import annotations

import errno
import glob
import os
import stat
from pathlib import Path

NO_ARTICLES = "folder holds no article files"
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
LOOP = "symbolic link loop"
BROKEN_LINK = "broken symbolic link (its target does not exist)"
UNREADABLE_FOLDER = "cannot read folder"
NOT_REGULAR = "not a regular file (a device, pipe or socket)"


class _Reasons(tuple):
    """Reasons that mean input was lost (skipped, exit 1), as opposed to passed over. A reason
    matches when it starts with one of them, so a reason can carry detail after it."""

    def __contains__(self, reason: object) -> bool:
        return isinstance(reason, str) and any(reason == r or reason.startswith(r + " ") or reason.startswith(r + ":")
                                               or reason.startswith(r + " (") for r in self)


MISSING = _Reasons(("no such file or folder", "pattern matched no file", NO_ARTICLES, LOOP, BROKEN_LINK,
                    UNREADABLE_FOLDER, NOT_REGULAR, "cannot read"))


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(s) for s in SUPPORTED_SUFFIXES)


def _link_problem(path: Path) -> str | None:
    """Why a path that is a symbolic link cannot be followed, or None when it can."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return f"{LOOP} (it resolves to itself)"
        if err.errno == errno.ENOENT:
            return BROKEN_LINK
        return f"cannot read: {err.strerror or err}"
    return None


def _walk(root: Path, passed: list[tuple[str, str]]) -> list[Path]:
    """Files under `root` (hidden names left out), following links to folders once."""
    files: list[Path] = []
    root_stat = root.stat()

    def visit(folder: Path, ancestors: dict[tuple[int, int], Path]) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            passed.append((str(folder), f"{UNREADABLE_FOLDER}: {err.strerror or err}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                if is_link and (problem := _link_problem(path)):
                    passed.append((str(path), problem))
                    continue
                mode = path.stat().st_mode
            except OSError as err:
                passed.append((str(path), f"cannot read: {err.strerror or err}"))
                continue
            if stat.S_ISDIR(mode):
                st = path.stat()
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    passed.append((str(path), f"{LOOP} (it points back to {ancestors[key]})"))
                    continue
                visit(path, {**ancestors, key: path})
            elif stat.S_ISREG(mode):
                files.append(path)
            else:
                passed.append((str(path), NOT_REGULAR))

    visit(root, {(root_stat.st_dev, root_stat.st_ino): root})
    return sorted(files)


def _explicit_problem(item: str) -> str:
    """Why a path the user named is neither a file nor a folder."""
    path = Path(item)
    if os.path.lexists(item):
        if path.is_symlink() and (problem := _link_problem(path)):
            return problem
        try:
            path.stat()
        except OSError as err:
            return f"cannot read: {err.strerror or err}"
        return NOT_REGULAR
    return "no such file or folder"


def discover(inputs: list[str], exclude: set[Path] | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Return (files to read, [(path, why it was not read)]).

    A file named explicitly is always read (and fails loudly if unsupported);
    inside folders only supported types are taken and the rest are reported.
    """
    exclude = {p.resolve() for p in (exclude or set())}
    files: list[Path] = []
    passed: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(p: Path) -> bool:
        rp = p.resolve()
        if rp in seen or rp in exclude:
            return False
        seen.add(rp)
        files.append(p)
        return True

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = 0
            for child in _walk(p, passed):
                if is_supported(child):
                    found += add(child) or child.resolve() in seen
                elif child.resolve() not in exclude:
                    passed.append((str(child), "not an article file type (.txt, .html, .htm, .jsonl, .warc, .warc.gz)"))
            if not found:
                passed.append((item, NO_ARTICLES))
        elif p.is_file():
            add(p)
        elif not os.path.lexists(item) and any(ch in item for ch in "*?["):
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
            passed.append((item, _explicit_problem(item)))
    return files, passed
