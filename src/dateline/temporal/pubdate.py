"""Publication dates: from metadata when a source gives one, otherwise inferred from the
text only as far as the text allows, always with an interval and the evidence.

Inference collects constraints and intersects them:
- an explicit full date in the article's head (a dateline, a "Published" line) fixes the day;
- a year spoken of as the current one ("wants to make 2019 a historic year") fixes the year;
- "later this month" or "earlier this month" beside a day of a named month ("later this month,
  on Dec. 15") names the month of publication, and which side of that day it lies on;
- dates the text speaks of in the past tense are lower bounds; a crawl date is an upper bound.
The precision shown is the finest one the resulting interval fits in, so a guess is
never shown as a certain day.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Iterable, Optional

from dateline.models import PublicationDate
from dateline.temporal.calendar import (
    MONTH_RE,
    WEEKDAYS,
    Interval,
    coarsest_common,
    find_full_dates,
    format_value,
    month_end,
    month_number,
    parse_date_string,
    year_interval,
)
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


_THIS_MONTH = re.compile(r"\b(earlier|later) this month\b", re.I)
_MONTH_DAY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)


def month_anchor(text: str, window: int = 80) -> Optional[tuple[int, int, str, str]]:
    """(month, day, "earlier"/"later", passage) when "this month" stands beside a named day."""
    for phrase in _THIS_MONTH.finditer(text):
        start, end = max(0, phrase.start() - window), min(len(text), phrase.end() + window)
        passage = text[start:end]
        days = _MONTH_DAY.findall(passage)
        if len({month_number(m) for m, _ in days}) == 1:
            return month_number(days[0][0]), int(days[0][1]), phrase.group(1).lower(), _sentence_around(text, phrase.start(), phrase.end())
    return None


_DATELINE = re.compile(rf"^\s*[A-Z][A-Z .'-]{{2,40}},\s+((?i:{MONTH_RE}))\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})", re.M)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _dateline_with_weekday(
    head: str, text: str, current: Optional[Interval], earliest: Optional[date], latest: Optional[date],
    evidence: list[str],
) -> Optional[PublicationDate]:
    """A dateline without a year ("MOSCOW, Jan. 14") gives the day; the year is the only one the
    bounds allow in which that day falls on the weekday the lead speaks of (or the day after it,
    since news is often filed the next day). Ambiguity gives nothing, never a guess."""
    m = _DATELINE.search(head)
    if m is None:
        return None
    month, day = month_number(m.group(1)), int(m.group(2))
    weekday_match = _WEEKDAY.search(text[:400])
    weekday = WEEKDAYS[weekday_match.group(1).lower()] if weekday_match else None
    lows = [d for d in (current.earliest if current else None, earliest) if d]
    highs = [d for d in (current.latest if current else None, latest, date.today()) if d]
    lo, hi = (max(lows) if lows else None), min(highs)
    candidates = []
    if lo is not None and (weekday is not None or current is not None):
        for year in range(lo.year, hi.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if lo <= candidate <= hi and (weekday is None or (candidate.weekday() - weekday) % 7 in (0, 1)):
                candidates.append(candidate)
    words = m.group(0).strip()
    if len(candidates) != 1:
        evidence.append(f"dateline “{words}” gives the day but not the year")
        return None
    found = candidates[0]
    evidence.append(f"dateline “{words}”")
    if weekday_match:
        evidence.append(f"the lead's “{weekday_match.group(1)}” fits {found.year} alone between {lo} and {hi}")
    return PublicationDate(date=found.isoformat(), precision="day", earliest=found, latest=found,
                           source="inferred", evidence=evidence)


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

    anchor = month_anchor(text)
    if anchor is not None:
        month, day, side, sentence = anchor
        evidence.append(f"“{side} this month” beside a day of {calendar.month_name[month]}: “{sentence}”")
        if current is not None:
            try:
                named = date(current.earliest.year, month, day)
            except ValueError:
                named = None
            if named is not None:
                first, last = date(named.year, month, 1), month_end(named.year, month)
                if side == "later":
                    current = Interval(first, max(first, named - timedelta(days=1)), "month")
                else:
                    current = Interval(min(last, named + timedelta(days=1)), last, "month")
        else:
            evidence.append(f"published in {calendar.month_name[month]}, year unknown")

    dated = _dateline_with_weekday(head, text, current, earliest, latest, evidence)
    if dated is not None:
        return dated

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
