"""Publication dates as the intersection of constraints.

Each piece of evidence says which days the article can have been published on: a set of day
ranges (a past-tense "in 2010" allows every day from 1 January 2010 on; a dateline "CAIRO,
Feb. 1" without a year allows 1-2 February of any year). Evidence has a weight, its
reliability. The days kept are those that satisfy the heaviest consistent set of evidence
(a sweep over the ranges finds them exactly, so this is the maximum-weight consistent subset,
not a greedy pick); evidence that those days break is dropped, with a note. When the best days
are far apart the interval covers them all: conflicting evidence widens the answer, it never
picks a side at random.

Soft evidence (the weekday the lead speaks of, the latest event the text reports) does not
narrow the interval; it only chooses the most likely day inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional

from dateline.settings import DatingSettings
from dateline.temporal.calendar import WEEKDAYS, coarsest_common, format_value

DOMAIN_START = date(1900, 1, 1)  # the earliest day a publication date is looked for
ONE_DAY = timedelta(days=1)

Range = tuple[date, date]


@dataclass(frozen=True)
class Constraint:
    """Days an article may have been published on, how reliable that is, and why."""

    ranges: tuple[Range, ...]
    weight: float
    evidence: str

    @staticmethod
    def between(earliest: Optional[date], latest: Optional[date], weight: float, evidence: str) -> "Constraint":
        lo, hi = earliest or DOMAIN_START, latest or date.max
        return Constraint(((lo, hi),) if lo <= hi else (), weight, evidence)

    def allows(self, day: date) -> bool:
        return any(lo <= day <= hi for lo, hi in self.ranges)

    def allows_range(self, lo: date, hi: date) -> bool:
        return any(a <= lo and hi <= b for a, b in self.ranges)


@dataclass
class Solution:
    """The days kept (disjoint ranges in order), what was used and what was dropped."""

    ranges: list[Range]
    kept: list[Constraint] = field(default_factory=list)
    dropped: list[Constraint] = field(default_factory=list)

    @property
    def earliest(self) -> Optional[date]:
        return self.ranges[0][0] if self.ranges else None

    @property
    def latest(self) -> Optional[date]:
        return self.ranges[-1][1] if self.ranges else None


def merge(ranges: Iterable[Range]) -> list[Range]:
    """Sorted, non-overlapping, adjacent ranges joined."""
    out: list[list[date]] = []
    for lo, hi in sorted(r for r in ranges if r[0] <= r[1]):
        if out and lo <= out[-1][1] + ONE_DAY:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(a, b) for a, b in out]


def every_year(make, first_year: int, last_year: int) -> tuple[Range, ...]:
    """The ranges `make(year)` gives for each year (None where a year has none, e.g. 29 February)."""
    ranges = []
    for year in range(first_year, last_year + 1):
        found = make(year)
        if found is not None:
            ranges.append(found)
    return tuple(merge(ranges))


def intersect(constraints: list[Constraint], domain: Range) -> Solution:
    """Keep the days satisfying the heaviest consistent set of constraints.

    Every constraint's ranges are merged, then one sweep over all range ends scores each stretch
    of days by the total weight of the constraints that allow it. The best-scoring stretches are
    kept; a constraint is kept when it allows all of them, dropped when it allows none, and
    reported as uncertain (kept, not used to narrow) otherwise."""
    lo_domain, hi_domain = domain
    usable = [c for c in constraints if c.ranges]
    weighed = []
    seen: set[tuple[Range, ...]] = set()
    for c in usable:  # the same bound said twice ("2010" in two sentences) is one piece of evidence
        key = tuple(merge(c.ranges))
        if key not in seen:
            seen.add(key)
            weighed.append(c)
    events: dict[date, float] = {lo_domain: 0.0}
    for c in weighed:
        for lo, hi in merge(c.ranges):
            lo, hi = max(lo, lo_domain), min(hi, hi_domain)
            if lo > hi:
                continue
            events[lo] = events.get(lo, 0.0) + c.weight
            if hi < hi_domain:
                events[hi + ONE_DAY] = events.get(hi + ONE_DAY, 0.0) - c.weight
    points = sorted(d for d in events if d <= hi_domain)
    stretches: list[tuple[float, date, date]] = []
    score = 0.0
    for i, start in enumerate(points):
        score += events[start]
        end = points[i + 1] - ONE_DAY if i + 1 < len(points) else hi_domain
        stretches.append((round(score, 6), start, end))
    best = max(s for s, _, _ in stretches)
    ranges = merge((a, b) for s, a, b in stretches if s == best)
    solution = Solution(ranges)
    for c in usable:
        if all(c.allows_range(a, b) for a, b in ranges):
            solution.kept.append(c)
        else:
            solution.dropped.append(c)
    return solution


def width(solution: Solution) -> Optional[int]:
    if solution.earliest is None or solution.latest is None:
        return None
    return (solution.latest - solution.earliest).days + 1


def most_likely(solution: Solution, preferences: list[tuple[Constraint, float]], near: Optional[date]) -> Optional[date]:
    """The day inside the solution that the soft evidence (weekday of the lead, a dateline) favours
    most; ties go to the day nearest `near` (the latest event the text reports: news is published
    soon after it) and then to the earliest."""
    days = []
    for lo, hi in solution.ranges:
        if (hi - lo).days > 400:
            return None
        day = lo
        while day <= hi:
            days.append(day)
            day += ONE_DAY
    if not days:
        return None

    def key(day: date):
        score = sum(w for c, w in preferences if c.allows(day))
        distance = abs((day - near).days) if near else 0
        return (-score, distance, day)

    return min(days, key=key)


# ---------------------------------------------------------------------------------------------
# The corpus: what the dated articles of a build say about its undated ones


# how far the corpus's evidence reaches and how much it weighs: the `rules` (settings.DatingSettings) these take
DEFAULT_RULES = DatingSettings()


def corpus_hints(dated: Iterable[Optional[tuple[date, date]]], rules: DatingSettings = DEFAULT_RULES) -> list[Constraint]:
    """What a corpus's dated articles say about its undated ones: they were collected together, so
    an undated article is taken to fall within their span, widened by a month. A hint, weaker than
    a tensed date in the article's own text, which overrules it."""
    days = [d for pair in dated if pair for d in pair if d is not None]
    if not days:
        return []
    lo, hi = min(days), max(days)
    count = sum(1 for pair in dated if pair) if isinstance(dated, list) else None
    of = f" ({count} articles)" if count else ""
    margin = rules.corpus_margin_days
    return [Constraint.between(lo - timedelta(days=margin), hi + timedelta(days=margin), rules.w_corpus,
                               f"the corpus's dated articles{of} run from {lo} to {hi}: taken to fall within "
                               f"{margin} days of that span")]


def narrow_publication(p, lo: date, hi: date) -> None:
    """A publication date narrowed by the corpus to [lo, hi], shown at the precision that interval allows
    (inferred once it names a year or finer)."""
    precision = coarsest_common(lo, hi)
    p.earliest, p.latest, p.precision = lo, hi, precision
    p.date = format_value(lo, hi, precision) if precision not in ("decade", "none") else None
    p.source = "inferred" if p.date else p.source


def date_from_copies(articles, duplicate_groups: list[list[str]], rules: DatingSettings = DEFAULT_RULES) -> list[str]:
    """The corpus-level step: an article whose text another, dated article carries too (the same
    wire copy on several sites) was published within a few days of it. Each article's own interval
    is intersected with that window; where they do not overlap, the article keeps its own and
    says so. Articles dated by metadata are left alone. Returns the ids of articles narrowed."""
    by_id = {a.id: a for a in articles}
    narrowed = []
    for group in duplicate_groups:
        members = [by_id[i] for i in group if i in by_id]
        dated = [a for a in members if a.published.source in ("metadata", "text") and a.published.earliest
                 and a.published.latest and (a.published.latest - a.published.earliest).days <= 6]
        if not dated:
            continue
        lo = min(a.published.earliest for a in dated) - timedelta(days=rules.copy_lag_days)
        hi = max(a.published.latest for a in dated) + timedelta(days=rules.copy_lag_days)
        names = ", ".join(f"{a.path} ({a.published.date})" for a in dated[:3])
        for article in members:
            p = article.published
            if article in dated or p.source == "metadata":
                continue
            own_lo, own_hi = p.earliest or lo, p.latest or hi
            new_lo, new_hi = max(own_lo, lo), min(own_hi, hi)
            if new_lo > new_hi:
                p.evidence.append(f"a copy of this text is dated ({names}), but that conflicts with the article's own evidence: not used")
                continue
            if (new_lo, new_hi) == (p.earliest, p.latest):
                continue
            p.evidence.append(f"the same text is carried by dated articles ({names}): published within {rules.copy_lag_days} days of them")
            narrow_publication(p, new_lo, new_hi)
            if p.likely is not None and not new_lo <= p.likely <= new_hi:
                p.likely = None
            if p.likely is None and (new_hi - new_lo).days < rules.likely_max_days:
                p.likely = min(max(min(a.published.earliest for a in dated), new_lo), new_hi)
            narrowed.append(article.id)
    return narrowed


# ---------------------------------------------------------------------------------------------
# The same story in dated articles: their dates anchor an undated article's weekdays

# the vectors that compare articles: words and word pairs, each weighed by its rarity in the collection; words
# in half the collection or more are the topic's, not a story's
_VECTOR = {"sublinear_tf": True, "ngram_range": (1, 2), "min_df": 2, "max_df": 0.5, "stop_words": "english"}
_BARE_WEEKDAY = re.compile(r"^(?:early |late )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"(?: (?:morning|afternoon|evening|night))?$", re.I)


def _is_dated_report(article) -> bool:
    """Dated to its day: by metadata, or by a stamp (whose zone may leave it a day either side)."""
    p = article.published
    return p.source in ("metadata", "text") and p.earliest is not None and p.latest is not None and (p.latest - p.earliest).days <= 1


def _report_day(article) -> date:
    p = article.published
    return p.likely if p.likely is not None and p.earliest <= p.likely <= p.latest else p.earliest


def _needs_narrowing(article, span_days: int) -> bool:
    p = article.published
    if p.source in ("metadata", "text"):
        return False
    return p.earliest is None or p.latest is None or (p.latest - p.earliest).days + 1 > span_days + 1


# words that make a sentence look ahead: a report naming "Friday" in such a sentence may mean the coming one
_AHEAD = re.compile(r"\b(?:will|won't|shall|'ll|going to|plans?|planned|planning|expected|expects?|scheduled|due to|"
                    r"set to|next|upcoming|tomorrow)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def _spoken_of_as_past(text: str, said: re.Pattern) -> bool:
    """Whether a text names the weekday, and never in a sentence that looks ahead."""
    sentences = [s for s in _SENTENCE_END.split(text) if said.search(s)]
    return bool(sentences) and not any(_AHEAD.search(s) for s in sentences)


def _past_weekdays(article) -> list[tuple[str, int]]:
    """The weekdays the article speaks of in the past tense without a date ("said on Tuesday"), first first. A
    weekday with no tense ("Tuesday's earthquake") is left out: on schedule pages, whose listings share their
    weekdays with other schedules, it anchored wrong weeks more often than right ones (bench/undated.py)."""
    found: list[tuple[str, int]] = []
    for expression in article.time_expressions:
        m = _BARE_WEEKDAY.match(expression.text.strip())
        if m and expression.direction == "past" and all(m.group(1).lower() != name.lower() for name, _ in found):
            found.append((m.group(1).capitalize(), WEEKDAYS[m.group(1).lower()]))
    return found


def date_from_reports(articles, rules: DatingSettings = DEFAULT_RULES) -> list[str]:
    """The corpus-level step for articles the text dates only loosely: the dated articles of the same
    collection that report the same story (TF-IDF cosine at least `rules.report_similarity`) and speak of the same
    weekday as the article does in the past tense ("said on Tuesday"; of the weekdays the most similar such report
    names, the article's first), never in
    a sentence looking ahead ("will meet on Tuesday"), fix which Tuesday that is:
    the one in the week up to each report's day. The article was then published within the
    `rules.weekday_span_days` after it. Reports that place the weekday in different weeks widen the window
    to cover them all; a window the article's own evidence excludes is not used, with a note. Each
    narrowed article's evidence names the reports and their similarity. Returns the ids narrowed."""
    span = rules.weekday_span_days
    targets = [a for a in articles if _needs_narrowing(a, span) and _past_weekdays(a)]
    reports = [a for a in articles if _is_dated_report(a)]
    if not targets or not reports or len(articles) < rules.report_min_articles:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    everything = targets + reports
    try:
        vectors = TfidfVectorizer(**_VECTOR).fit_transform([a.text for a in everything])
    except ValueError:  # no word left to compare (tiny or empty collection)
        return []
    scores = (vectors[:len(targets)] @ vectors[len(targets):].T).toarray()
    narrowed = []
    for row, article in zip(scores, targets):
        similar = [i for i in row.argsort()[::-1] if row[i] >= rules.report_similarity]
        weekdays = [(name, weekday, re.compile(rf"\b{name}\b", re.I)) for name, weekday in _past_weekdays(article)]
        # the weekday is the one the most similar report speaks of (the article's first such): a report less like
        # the article may tell another incident of a recurring story that fell on another of its weekdays
        chosen = next(((name, weekday, said) for index in similar for name, weekday, said in weekdays
                       if _spoken_of_as_past(reports[index].text, said)), None)
        if chosen is None:
            continue
        name, weekday, said = chosen
        matched = []
        for index in similar:
            report = reports[index]
            if not _spoken_of_as_past(report.text, said):
                continue  # a report silent on that weekday, or looking ahead to it, does not say which one is meant
            day = _report_day(report)
            matched.append((report, float(row[index]), day - timedelta(days=(day.weekday() - weekday) % 7)))
        lo = min(when for _, _, when in matched)
        hi = max(when for _, _, when in matched) + timedelta(days=span)
        names = ", ".join(f"{r.path} ({_report_day(r)}, similarity {s:.2f})" for r, s, _ in matched[:3])
        more = f" and {len(matched) - 3} more" if len(matched) > 3 else ""
        p = article.published
        if (hi - lo).days - span > rules.report_max_spread_days:
            p.evidence.append(f"dated reports of the same story ({names}{more}) place its “{name}” between {lo} and "
                              f"{hi - timedelta(days=span)}, too far apart to be one story's week: not used")
            continue
        own_lo, own_hi = p.earliest or lo, p.latest or hi
        new_lo, new_hi = max(own_lo, lo), min(own_hi, hi)
        if new_lo > new_hi:
            p.evidence.append(f"dated reports of the same story ({names}{more}) place its “{name}” between {lo} and "
                              f"{hi - timedelta(days=span)}, but that conflicts with the article's own evidence: not used")
            continue
        p.evidence.append(f"the same story is reported by dated articles ({names}{more}) that speak of “{name}” too: that "
                          f"{name} fell between {lo} and {hi - timedelta(days=span)}, and the article was published "
                          f"within {span} days after it")
        narrow_publication(p, new_lo, new_hi)
        closest = _report_day(matched[0][0])  # the most similar report's day: news of a story runs together
        p.likely = min(max(closest, new_lo), new_hi)
        narrowed.append(article.id)
    return narrowed
