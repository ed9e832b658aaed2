"""Resolve a time expression ("Thursday", "Dec. 15 and 16", "next month", "mid-January",
"earlier this year", "in 1956") to a calendar interval.

Relative expressions need an anchor (the publication date) and a direction (does the
sentence speak of the past or the future). When the anchor itself is uncertain, the
expression is resolved at both ends of the anchor's interval and shown only at the
precision both agree on, so uncertainty is carried forward rather than hidden.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal, Optional

from dateline.models import TimeValue
from dateline.temporal.calendar import (
    Direction,
    MONTH_RE,
    WEEKDAYS,
    Interval,
    coarsest_common,
    find_full_dates,
    month_end,
    SEASON_START,
    month_interval,
    month_number,
    quarter_interval,
    quarter_of,
    season_interval,
    shift_month,
    week_interval,
    year_interval,
)

Kind = Literal["date", "duration", "set", "unresolved"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
DURATION = re.compile(
    rf"^(?:(?:more|less|fewer) than |over |nearly |almost |about |around |some |the past |the last |the next |"
    rf"several |a few |many |\d+|{_NUM}[ -])*(?:{_NUM}[ -])?(?:day|week|month|year|decade|centur(?:y|ie)|hour|minute)s?(?:-long| long| old)?$"
    r"|^(?:decades|years|months|weeks|days|centuries)(?:-long)?$|-(?:day|week|month|year)$"
)
SETS = re.compile(r"^(?:annual|annually|daily|weekly|monthly|yearly|every \w+|each \w+|year-end|year-round)$")
PART = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "the beginning of": (1, 10),
        "the start of": (1, 10), "the end of": (21, 31), "the middle of": (11, 20), "end of": (21, 31)}
YEAR_PART = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "the beginning of": (1, 3), "the start of": (1, 3),
             "the end of": (12, 12), "end of": (12, 12), "the middle of": (6, 7), "the first half of": (1, 6),
             "the second half of": (7, 12)}
_PART_RE = r"(early|mid|late|the beginning of|the start of|the end of|end of|the middle of|the first half of|the second half of)[- ]?"


def normalise(text: str) -> str:
    s = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"[“”\"]", "", s)
    s = re.sub(r"'s$", "", s.strip())
    s = re.sub(r"^(?:on|in|during|since|by|until|from|at|of|as of|as early as|as late as)\s+", "", s)
    s = re.sub(r"^(?:the )?(?:early|late|small|wee) hours of ", "", s)
    s = re.sub(r"^fiscal (\d{4})$", r"\1", s)  # fiscal years differ by company: the calendar year is the honest approximation
    s = re.sub(r"\s+", " ", s).strip(" ,.")
    # "Thursday, Jan. 6": the date says it all
    s = re.sub(rf"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? (?=(?:{MONTH_RE}) \d)", "", s)
    return s


def _sub_month(year: int, month: int, part: str) -> Interval:
    lo, hi = PART[part]
    end = month_end(year, month)
    return Interval(date(year, month, lo), date(year, month, min(hi, end.day)) if hi < 31 else end, "month")


def _sub_year(year: int, part: str) -> Interval:
    lo, hi = YEAR_PART[part]
    return Interval(date(year, lo, 1), month_end(year, hi), "month" if lo == hi else "year")


def _nearest_year(month: int, day: int, ref: date, direction: Direction) -> Optional[int]:
    """The year of a month and day written without one. News style leaves the year out for dates
    of the current year, so the anchor's year stands unless the sentence's tense puts the day
    more than a month on the other side of the anchor ("will meet on Jan. 22" written in
    December; "met on Dec. 15" written in January), or, with no tense, unless it is over half
    a year away."""
    try:
        same_year = date(ref.year, month, day)
    except ValueError:  # 29 February
        for year in (ref.year - 1, ref.year + 1, ref.year - 2, ref.year + 2):
            try:
                date(year, month, day)
                return year
            except ValueError:
                continue
        return None
    gap = (same_year - ref).days
    if direction == "future" and gap < -31:
        return ref.year + 1
    if direction == "past" and gap > 31:
        return ref.year - 1
    if direction == "none" and abs(gap) > 183:
        return ref.year + (1 if gap < 0 else -1)
    return ref.year


def _month_year(month: int, ref: date, direction: Direction) -> int:
    """As for a day without a year: the anchor's year, unless the tense puts the month on the
    other side of the anchor by more than the month next to it ("in September", past tense,
    written on 16 August still means this September)."""
    if direction == "past":
        return ref.year if month <= ref.month + 1 else ref.year - 1
    if direction == "future":
        return ref.year if month >= ref.month - 1 else ref.year + 1
    options = [(abs((ref.year * 12 + ref.month) - (y * 12 + month)), y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    return min(options)[1]


def _weekday(target: int, ref: date, direction: Direction, modifier: str) -> date:
    delta = (ref.weekday() - target) % 7
    if modifier == "last":
        return ref - timedelta(days=delta or 7)
    if modifier == "next":
        return ref + timedelta(days=((target - ref.weekday()) % 7) or 7)
    if modifier == "this" or direction == "future":
        return ref + timedelta(days=(target - ref.weekday()) % 7)
    if direction == "none" and not modifier and (target - ref.weekday()) % 7 < delta:
        # no tense to say which side: the nearer day ("Sunday's game brings together" on a Friday is two days on)
        return ref + timedelta(days=(target - ref.weekday()) % 7)
    return ref - timedelta(days=delta)


def classify(text: str) -> Kind:
    s = normalise(text)
    if SETS.match(s):
        return "set"
    if DURATION.search(s) and not re.search(r"\bago\b", s):
        return "duration"
    return "date"


QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "q1": 1,
            "q2": 2, "q3": 3, "q4": 4}
_QUARTER = r"(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter|(q[1-4])"
_SEASON = r"(spring|summer|fall|autumn|winter)"


def _resolve_absolute(s: str) -> Optional[Interval]:
    full = find_full_dates(s)
    if full:
        return full[0][1]
    m = re.match(rf"^(?:{_QUARTER})(?:,? of| in)?,? (\d{{4}})$", s) or re.match(rf"^(\d{{4}})'?s? (?:{_QUARTER})$", s)
    if m:
        groups = [g for g in m.groups() if g]
        year = next(int(g) for g in groups if g.isdigit() and len(g) == 4)
        quarter = next(QUARTERS[g] for g in groups if g in QUARTERS)
        return quarter_interval(year, quarter)
    m = re.match(rf"^(?:the )?(?:early |late )?{_SEASON}(?: of)? (\d{{4}})$", s) or re.match(rf"^(\d{{4}}) {_SEASON}$", s)
    if m:
        season, year = (m[1], int(m[2])) if not m[1].isdigit() else (m[2], int(m[1]))
        return season_interval(year, SEASON_START[season])
    m = re.match(rf"^(?:{_PART_RE})?({MONTH_RE}),? (\d{{4}})$", s)
    if m:
        year, month = int(m[3]), month_number(m[2])
        return _sub_month(year, month, m[1]) if m[1] else month_interval(year, month)
    m = re.match(rf"^(?:the )?(?:year )?(?:{_PART_RE})?(\d{{4}})$", s)
    if m and 1000 <= int(m[2]) <= 2200:
        return _sub_year(int(m[2]), m[1]) if m[1] else year_interval(int(m[2]))
    m = re.match(r"^(?:the )?(?:early |late |mid-)?(\d{3})0'?s$", s)
    if m:
        start = int(m[1]) * 10
        return Interval(date(start, 1, 1), date(start + 9, 12, 31), "decade")
    return None


def _season_relative(season: str, which: str, ref: date, direction: Direction) -> Interval:
    first = SEASON_START[season]
    candidates = [season_interval(y, first) for y in range(ref.year - 2, ref.year + 2)]
    before = [c for c in candidates if c.latest < ref]  # candidates run in date order
    after = [c for c in candidates if c.earliest > ref]
    if which == "last":
        return before[-1]
    if which == "next":
        return after[0]
    current = [c for c in candidates if c.earliest <= ref <= c.latest]
    if current:
        return current[0]
    if which == "this":  # "this summer" written in November: the summer of this year
        return season_interval(ref.year, first)
    return after[0] if direction == "future" else before[-1]


def _quarter_relative(quarter: int, ref: date) -> Interval:
    """A quarter without a year is the latest one to have begun: "third-quarter earnings will
    rise" written in November speaks of this year's third quarter, whatever the tense."""
    this_year = quarter_interval(ref.year, quarter)
    return this_year if this_year.earliest <= ref else quarter_interval(ref.year - 1, quarter)


def _resolve_relative(s: str, ref: date, direction: Direction) -> Optional[Interval]:
    # "early Friday", "later today": the part of the day does not move the day
    s = re.sub(r"^(?:early|earlier|late|later) (?=today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "", s)
    if s in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return Interval(ref, ref, "day")
    if s in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        d = ref - timedelta(days=1)
        return Interval(d, d, "day")
    if s in ("tomorrow", "tomorrow morning", "tomorrow night"):
        d = ref + timedelta(days=1)
        return Interval(d, d, "day")

    # Dec. 15 / Dec. 15 and 16 / Dec. 15-16 / 15 December
    m = re.match(rf"^({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?(?:(?: and |-| to |/)(\d{{1,2}}))?$", s) or None
    m2 = None if m else re.match(rf"^(\d{{1,2}})(?:st|nd|rd|th)?(?: and |-)?(\d{{1,2}})? ({MONTH_RE})$", s)
    if m or m2:
        month = month_number(m[1] if m else m2[3])
        first = int(m[2] if m else m2[1])
        second = (m[3] if m else m2[2]) or None
        year = _nearest_year(month, first, ref, direction)
        if year is None:
            return None
        try:
            start = date(year, month, first)
            end = date(year, month, int(second)) if second else start
        except ValueError:
            return None
        return Interval(start, max(start, end), "day")

    # (early|mid|late) Month, (last|next|this) Month
    m = re.match(rf"^(?:(last|next|this) )?(?:{_PART_RE})?({MONTH_RE})$", s)
    if m:
        month = month_number(m[3])
        d = {"last": "past", "next": "future"}.get(m[1] or "", direction)
        year = ref.year if m[1] == "this" else _month_year(month, ref, d)  # type: ignore[arg-type]
        if m[1] == "last" and year == ref.year and month == ref.month:
            year -= 1
        return _sub_month(year, month, m[2]) if m[2] else month_interval(year, month)

    # weekdays: Thursday, last Monday, next Tuesday, Thursday night
    m = re.match(r"^(?:(last|next|this|this coming|coming|past) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?$", s)
    if m:
        modifier = {"this coming": "next", "coming": "next", "past": "last"}.get(m[1] or "", m[1] or "")
        d = _weekday(WEEKDAYS[m[2]], ref, direction, modifier)
        return Interval(d, d, "day")

    # week / month / year relative to the anchor, with optional part-of and earlier/later
    m = re.match(
        r"^(?:(earlier|later|late|early|mid|the end of|end of|the beginning of|the start of|the middle of|"
        r"the first half of|the second half of)[- ](?:in )?)?(?:(this|last|next|the past|the coming|the) )?(week|month|year)$",
        s,
    )
    if m:
        part, which, unit = m[1], m[2] or "this", m[3]
        offset = {"last": -1, "the past": -1, "next": 1, "the coming": 1}.get(which, 0)
        if which == "the" and part not in ("earlier", "later"):
            offset = 0
        if unit == "week":
            base = week_interval(ref + timedelta(weeks=offset))
        elif unit == "month":
            y, mo = shift_month(ref.year, ref.month, offset)
            base = month_interval(y, mo)
        else:
            base = year_interval(ref.year + offset)
        if part == "earlier" and offset == 0:
            return Interval(base.earliest, max(base.earliest, ref - timedelta(days=1)), base.precision)
        if part == "later" and offset == 0:
            return Interval(min(base.latest, ref + timedelta(days=1)), base.latest, base.precision)
        if part and part not in ("earlier", "later"):
            key = {"early": "early", "mid": "mid", "late": "late"}.get(part, part)
            if unit == "month":
                return _sub_month(base.earliest.year, base.earliest.month, key)
            if unit == "year":
                return _sub_year(base.earliest.year, key)
        return base

    # quarters and seasons without a year; weekends
    m = re.match(rf"^(?:this year's |the fiscal |the )?(?:{_QUARTER})$", s)
    if m:
        return _quarter_relative(QUARTERS[m[1] or m[2]], ref)
    m = re.match(r"^(?:the )?(latest|most recent|last|past|current|year-ago|year-earlier)? ?(?:fiscal )?(quarter|period)$", s)
    if m and not (m[2] == "period" and m[1] not in ("year-ago", "year-earlier")):
        # business news reports on the latest quarter to have ended; "the year-ago quarter" is that one a year back
        current = quarter_interval(ref.year, quarter_of(ref.month))
        if m[1] == "current":
            return current
        y, mo = shift_month(current.earliest.year, current.earliest.month, -3)
        latest = quarter_interval(y, quarter_of(mo))
        if m[1] in ("year-ago", "year-earlier"):
            return quarter_interval(latest.earliest.year - 1, quarter_of(latest.earliest.month))
        return latest
    m = re.match(rf"^(?:(last|next|this|the|early|late) )?{_SEASON}$", s)
    if m:
        return _season_relative(m[2], m[1] if m[1] in ("last", "next", "this") else "", ref, direction)
    m = re.match(r"^(?:over )?(the|this|last|next|the past|the coming) weekend$", s)
    if m:
        saturday = ref + timedelta(days=(5 - ref.weekday()) % 7)  # this week's Saturday (or today)
        if m[1] in ("last", "the past") or (m[1] == "the" and direction == "past" and ref.weekday() < 5):
            saturday -= timedelta(days=7)
        elif m[1] in ("next", "the coming") and ref.weekday() >= 5:
            saturday += timedelta(days=7)
        return Interval(saturday, saturday + timedelta(days=1), "week")
    if s in ("a year earlier", "a year ago", "the year-ago", "year-ago", "year-earlier", "a year before", "the year before",
             "the previous year", "the prior year"):
        return year_interval(ref.year - 1)

    # N days/weeks/months/years ago, "just a decade ago", "almost four years ago"
    m = re.match(rf"^(?:(?:just|almost|nearly|about|some|roughly|only|more than|less than|over) )?{_NUM} (day|week|month|year|decade)s? ago$", s)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
        if m[2] == "day":
            d = ref - timedelta(days=n)
            return Interval(d, d, "day")
        if m[2] == "week":
            return week_interval(ref - timedelta(weeks=n))
        if m[2] == "month":
            y, mo = shift_month(ref.year, ref.month, -n)
            return month_interval(y, mo)
        if m[2] == "decade":
            return year_interval(ref.year - 10 * n)
        return year_interval(ref.year - n)

    # the end of the year / early next year
    m = re.match(rf"^{_PART_RE}(?:the |this |next |last )?(year|month)$", s)
    if m:
        shift = 1 if "next" in s else -1 if "last" in s else 0
        if m[2] == "year":
            return _sub_year(ref.year + shift, m[1])
        y, mo = shift_month(ref.year, ref.month, shift)
        return _sub_month(y, mo, m[1] if m[1] in PART else "early")
    return None


def _combine(a: Optional[Interval], b: Optional[Interval]) -> Optional[Interval]:
    """Resolve-at-both-ends: identical answers stand; differing ones widen to what both share."""
    if a is None or b is None:
        return None
    if a == b:
        return a
    earliest, latest = min(a.earliest, b.earliest), max(a.latest, b.latest)
    precision = coarsest_common(earliest, latest)
    return Interval(earliest, latest, "none" if precision == "decade" else precision)


def resolve_interval(text: str, anchor: Optional[TimeValue], direction: Direction = "none") -> Optional[Interval]:
    s = normalise(text)
    absolute = _resolve_absolute(s)
    if absolute is not None:
        return absolute
    if anchor is None or anchor.earliest is None or anchor.latest is None:
        return None
    if anchor.earliest == anchor.latest:
        return _resolve_relative(s, anchor.earliest, direction)
    if (anchor.latest - anchor.earliest).days > 400:
        return None  # an anchor that loose resolves nothing honestly
    return _combine(
        _resolve_relative(s, anchor.earliest, direction), _resolve_relative(s, anchor.latest, direction)
    )
