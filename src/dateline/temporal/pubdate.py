"""Publication dates: from metadata when a source gives one, otherwise inferred from the
text only as far as the text allows, always with an interval and the evidence.

Inference collects constraints and intersects them:
- an explicit full date in the article's head (a dateline, a "Published" line) fixes the day;
- a year spoken of as the current one ("wants to make 2019 a historic year") fixes the year;
- dates the text speaks of in the past tense are lower bounds; a crawl date is an upper bound.
The precision shown is the finest one the resulting interval fits in, so a guess is
never shown as a certain day.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Optional

from dateline.models import PublicationDate
from dateline.temporal.calendar import Interval, coarsest_common, find_full_dates, format_value, parse_date_string, year_interval
from dateline.temporal.resolve import resolve_interval

_YEAR = r"((?:19|20)\d{2})"
CURRENT_YEAR_PATTERNS = [
    re.compile(rf"\bmak(?:e|es|ing)\s+(?:the\s+year\s+)?{_YEAR}\s+(?:a|an|the)\s+[^.]{{0,40}}?\byear\b", re.I),
    re.compile(rf"\bthis year,?\s*\(?{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR},?\s+this year\b", re.I),
    re.compile(rf"\bso far (?:in|this year,?)\s+{_YEAR}\b", re.I),
    re.compile(rf"\bin {_YEAR} so far\b", re.I),
    re.compile(rf"\bthe current year,?\s+{_YEAR}\b", re.I),
]


def publication_from_metadata(value: str, origin: str) -> Optional[PublicationDate]:
    interval = parse_date_string(value)
    if interval is None:
        return None
    return PublicationDate(
        date=interval.value(),
        precision=interval.precision,
        earliest=interval.earliest,
        latest=interval.latest,
        source="metadata",
        evidence=[f"{origin}: {value}"],
    )


def _sentence_around(text: str, start: int, end: int) -> str:
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop != -1 else 0, text.rfind("\n", 0, start) + 1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


def infer_publication_date(
    head: str,
    text: str,
    past_expressions: Iterable[str] = (),
    crawled: Optional[str] = None,
) -> PublicationDate:
    """Infer from the raw head (first lines, chrome included), the body, and the time
    expressions the analysis found in past-tense context."""
    evidence: list[str] = []

    explicit = find_full_dates(head)
    if explicit:
        words, interval = explicit[0]
        return PublicationDate(
            date=interval.value(), precision="day", earliest=interval.earliest, latest=interval.latest,
            source="text", evidence=[f"date in the article head: “{words}”"],
        )

    earliest: Optional[date] = None
    latest: Optional[date] = None
    current: Optional[Interval] = None
    for pattern in CURRENT_YEAR_PATTERNS:
        m = pattern.search(text)
        if m:
            current = year_interval(int(m.group(1)))
            evidence.append(f"year spoken of as the current one: “{_sentence_around(text, m.start(), m.end())}”")
            break

    for expression in past_expressions:
        interval = resolve_interval(expression, None)
        if interval is None:
            continue
        if earliest is None or interval.earliest > earliest:
            earliest = interval.earliest
            bound = f"the text speaks of “{expression}” in the past"
    if earliest is not None:
        evidence.append(bound)
    if crawled:
        crawl = parse_date_string(crawled)
        if crawl is not None:
            latest = crawl.latest
            evidence.append(f"crawled on {crawled}")

    if current is not None:
        lo = max(current.earliest, earliest) if earliest else current.earliest
        hi = min(current.latest, latest) if latest else current.latest
        if lo <= hi:
            precision = coarsest_common(lo, hi)
            return PublicationDate(
                date=format_value(lo, hi, precision), precision=precision, earliest=lo, latest=hi,
                source="inferred", evidence=evidence,
            )
        evidence.append("the year found contradicts other evidence, so it is not used")
    evidence.append("no date in metadata or text: the article is undated")
    return PublicationDate(precision="none", earliest=earliest, latest=latest, source="unknown", evidence=evidence)
