"""One time expression to a calendar value: the resolver's patterns (`resolve.py`) first, the TIMEX3
tagger's reading (`timex.py`, which builds on those patterns) where they read nothing. Kept apart
from both so the tagger can build on the resolver without the resolver calling back into it."""
from __future__ import annotations

from typing import Optional

from dateline.models import TimeValue
from dateline.temporal.calendar import Direction, Interval
from dateline.temporal.resolve import Kind, classify, resolve_interval
from dateline.temporal.timex import tag_text


def _timex_reading(text: str, anchor: Optional[TimeValue], direction: Direction) -> Optional[Interval]:
    """The TIMEX3 tagger's interval, where the patterns above read nothing ("late last July", "this
    fiscal year", "3 p.m. Thursday"): one dated expression covering most of the words, against a day."""
    if anchor is None or anchor.earliest is None or anchor.earliest != anchor.latest:
        return None
    words = text.strip()
    found = [t for t in tag_text(words, anchor.earliest, direction=lambda start, end: direction)
             if t.type in ("DATE", "TIME") and t.earliest and t.latest]
    if len(found) != 1 or 2 * (found[0].end - found[0].start) < len(words):
        return None
    return Interval(found[0].earliest, found[0].latest, found[0].precision)  # type: ignore[arg-type]


def resolve_expression(text: str, anchor: Optional[TimeValue], direction: Direction = "none") -> tuple[Kind, TimeValue]:
    """Classify an expression and resolve it; unresolvable dates come back with an empty value."""
    kind = classify(text)
    if kind != "date":
        return kind, TimeValue()
    interval = resolve_interval(text, anchor, direction) or _timex_reading(text, anchor, direction)
    if interval is None:
        return "unresolved", TimeValue()
    if interval.precision == "none":
        return "date", TimeValue(precision="none", earliest=interval.earliest, latest=interval.latest)
    return "date", TimeValue(
        value=interval.value(), precision=interval.precision, earliest=interval.earliest, latest=interval.latest
    )
