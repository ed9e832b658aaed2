"""Dateline: from a pile of raw news articles to a sourced, dated story."""

__version__ = "0.1.0"
