"""Ingest: turn paths (files, folders, globs) into raw documents with their metadata."""
from dateline.ingest.discover import discover
from dateline.ingest.documents import RawDocument
from dateline.ingest.manifest import Manifest, load_manifest
from dateline.ingest.readers import read_path

__all__ = ["RawDocument", "discover", "read_path", "Manifest", "load_manifest"]
