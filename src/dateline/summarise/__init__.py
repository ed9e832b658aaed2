"""Summarise: a cited timeline, a cited briefing, and what each source covered."""
from dateline.summarise.briefing import build_briefing
from dateline.summarise.sources import build_sources
from dateline.summarise.timeline import build_timeline

__all__ = ["build_briefing", "build_sources", "build_timeline"]
