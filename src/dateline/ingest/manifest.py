"""Crawler metadata in a CSV: a `file` or `url` column, then any of published, outlet, title, url."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import InputError
from dateline.ingest.documents import RawDocument

FIELDS = ("published", "outlet", "title", "url")


@dataclass
class Manifest:
    path: Path
    by_file: dict[Path, dict] = field(default_factory=dict)
    by_name: dict[str, dict] = field(default_factory=dict)
    by_url: dict[str, dict] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    def lookup(self, doc: RawDocument) -> dict:
        """The manifest row for a document: by path, then by file name, then by URL."""
        file = Path(doc.file)
        row = self.by_file.get(file.resolve())
        if row is None and file.name in self.by_name:
            row = self.by_name[file.name]
        if row is None and doc.url:
            row = self.by_url.get(doc.url)
        return row or {}

    def apply(self, doc: RawDocument) -> RawDocument:
        """Manifest values win: the crawler saw the page's metadata, the text may not carry it."""
        row = self.lookup(doc)
        for key in FIELDS:
            if row.get(key):
                setattr(doc, key, row[key])
        if row.get("published"):
            doc.extra["published_from"] = f"manifest {self.path.name}"
        return doc


def load_manifest(path: Path) -> Manifest:
    manifest = Manifest(path=path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), f"cannot read manifest: {err.strerror or err}") from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"manifest is not valid UTF-8 (byte {err.start})") from err
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "file" not in columns and "url" not in columns:
        raise InputError(str(path), "manifest needs a 'file' or 'url' column")
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        values = {k: row.get(k) or None for k in FIELDS}
        name = row.get("file")
        if name:
            target = (path.parent / name).resolve()
            if not target.exists():
                manifest.errors.append(InputError(f"{path}#row={number}", f"names a missing file: {name}"))
                continue
            manifest.by_file[target] = values
            manifest.by_name.setdefault(Path(name).name, values)
        elif row.get("url"):
            manifest.by_url[row["url"]] = values
        else:
            manifest.errors.append(InputError(f"{path}#row={number}", "row has neither file nor url"))
    return manifest
