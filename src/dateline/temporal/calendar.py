"""Calendar arithmetic on day intervals, and the precision an interval can honestly be shown at."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Optional, get_args

from dateline.models import Precision, TimeValue

Direction = Literal["past", "future", "none"]  # the tense that picks which way a relative date points

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# finest first, as the Precision type lists them: the rank orders what a date can honestly be shown at
PRECISION_RANK = {precision: rank for rank, precision in enumerate(get_args(Precision))}
SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}  # meteorological seasons, by their first month
SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# a year written out, 1800-2999: "2009" in "April 29, 2009" or "the 1989 spill"
NAMES_A_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")


def dates_like_a_caption(words: str, day: Optional[date], rest: str, published: Optional[date], days: int) -> bool:
    """Whether a day named with its year (`words`) closes its sentence (`rest`, what follows it there, is punctuation
    alone) at most `days` before publication: how a photo's caption or a page's note dates itself ("... near Benghazi
    March 22, 2011.", "This article was amended on 18 June 2010."). News of the week names no year of its own."""
    if published is None or day is None or NAMES_A_YEAR.search(words) is None:
        return False
    return 0 <= (published - day).days <= days and not rest.strip(" .)]\"\u201d\n")


@dataclass(frozen=True)
class Interval:
    """Inclusive range of days with the precision it stands for (a month, a week, a day...)."""

    earliest: date
    latest: date
    precision: Precision

    def value(self) -> Optional[str]:
        return format_value(self.earliest, self.latest, self.precision)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), month_end(year, month), "month")


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_interval(year: int, quarter: int) -> Interval:
    first = 3 * (quarter - 1) + 1
    return Interval(date(year, first, 1), month_end(year, first + 2), "quarter")


def season_interval(year: int, first_month: int) -> Interval:
    """Spring, summer and fall within a year; winter from December into the next year."""
    end_year, end_month = shift_month(year, first_month, 2)
    return Interval(date(year, first_month, 1), month_end(end_year, end_month), "season")


def week_interval(day: date) -> Interval:
    start = day - timedelta(days=day.weekday())
    return Interval(start, start + timedelta(days=6), "week")


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def format_value(earliest: date, latest: date, precision: Precision) -> Optional[str]:
    if precision == "day":
        return earliest.isoformat()
    if precision == "week":
        iso = earliest.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if precision == "month":
        return f"{earliest.year}-{earliest.month:02d}"
    if precision == "quarter":
        return f"{earliest.year}-Q{quarter_of(earliest.month)}"
    if precision == "season":
        return f"{earliest.year}-{SEASON_CODES[earliest.month]}"
    if precision == "year":
        return str(earliest.year)
    if precision == "decade":
        return f"{str(earliest.year)[:3]}X"
    return None


def coarsest_common(earliest: date, latest: date) -> Precision:
    """The finest precision whose single unit contains the whole interval."""
    if earliest == latest:
        return "day"
    if earliest.isocalendar()[:2] == latest.isocalendar()[:2]:
        return "week"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return "month"
    if earliest.year == latest.year and quarter_of(earliest.month) == quarter_of(latest.month):
        return "quarter"
    if earliest.year == latest.year:
        return "year"
    if earliest.year // 10 == latest.year // 10:
        return "decade"
    return "none"


def interval_to_value(interval: Optional[Interval]) -> TimeValue:
    if interval is None:
        return TimeValue()
    return TimeValue(
        value=interval.value(), precision=interval.precision, earliest=interval.earliest, latest=interval.latest
    )


def value_to_interval(value: TimeValue) -> Optional[Interval]:
    if value.earliest is None or value.latest is None:
        return None
    return Interval(value.earliest, value.latest, value.precision)


def parse_date_string(text: str) -> Optional[Interval]:
    """Parse a metadata date ("2019-12-20", "2019-12-20T09:00Z", "2019-12", "2019", "Dec. 20, 2019")."""
    s = text.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", s)
    try:
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(d, d, "day")
        m = re.match(r"^(\d{4})-(\d{2})$", s)
        if m:
            return month_interval(int(m[1]), int(m[2]))
        m = re.match(r"^(\d{4})$", s)
        if m:
            return year_interval(int(m[1]))
        m = re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})$", s)
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(d, d, "day")
    except ValueError:
        return None
    found = find_full_dates(s)
    return found[0][1] if found else None


_FULL_DATES = [
    # Dec. 15, 2016 / December 15 2016
    re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),
    # 15 December 2016
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE}),?\s+(\d{{4}})\b", re.I),
    # 2016-12-15
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
]


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def find_full_dates(text: str) -> list[tuple[str, Interval]]:
    """Every explicit day-month-year date in a text, with the words it was written as."""
    found = []
    for i, pattern in enumerate(_FULL_DATES):
        for m in pattern.finditer(text):
            try:
                if i == 0:
                    d = date(int(m[3]), month_number(m[1]), int(m[2]))
                elif i == 1:
                    d = date(int(m[3]), month_number(m[2]), int(m[1]))
                else:
                    d = date(int(m[1]), int(m[2]), int(m[3]))
            except (ValueError, KeyError):
                continue
            found.append((m.group(0), Interval(d, d, "day")))
    return found
