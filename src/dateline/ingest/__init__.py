"""Ingest: turn paths (files, folders, globs) into raw documents with their metadata."""
from dateline.ingest.discover import discover
from dateline.ingest.documents import RawDocument
from dateline.ingest.manifest import Manifest, load_manifest
from dateline.ingest.limits import DEFAULT_LIMITS, ReadLimits
from dateline.ingest.readers import read_path

__all__ = ["RawDocument", "discover", "read_path", "Manifest", "load_manifest", "ReadLimits", "DEFAULT_LIMITS"]
