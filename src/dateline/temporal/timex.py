"""A rule-based TIMEX3 tagger: every time expression in a text, with its TimeML type, value and mod.

Extents follow the TimeML guidelines: determiners and modifiers ("the", "nearly", "late") belong
to the expression, prepositions ("in", "on", "since") do not. Rules match candidate extents; the
longest candidates win; each is then normalised in text order, so that an expression such as
"the following year" or "a year earlier" can be anchored to the one before it. Relative
expressions are resolved against the document creation time (DCT) with the tense of the clause
(from a spaCy parse, when one is given), reusing `temporal.resolve` for the calendar intervals.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Callable, Optional

from dateline.models import TimeValue
from dateline.settings import DatingSettings
from dateline.temporal.calendar import (
    SEASON_CODES,
    SEASON_START,
    WEEKDAYS,
    Interval,
    month_end,
    month_interval,
    month_number,
    quarter_interval,
    season_interval,
    shift_month,
    week_interval,
    year_interval,
)
from dateline.temporal.resolve import Direction, _quarter_relative, _weekday, resolve_interval

# -- vocabulary -----------------------------------------------------------------------------------
MON_FULL = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
MON_ABBR = r"(?-i:Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.?|Oct\.|Nov\.|Dec\.)"
MON = rf"(?:{MON_FULL}|{MON_ABBR})"
WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d,]\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d|(?:nineteen|eighteen)[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)"
SMALL = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_NUMBER = {w: i for i, w in enumerate(SMALL, 1)} | {w: 10 * i for i, w in enumerate(TENS, 2)} | {
    "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "one hundred": 100, "a thousand": 1000, "thousand": 1000,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5}
VAGUE = ("a few", "few", "several", "many", "some", "a number of", "recent", "the past few", "the last few",
         "the next few")
NUMWORD = r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(SMALL[:9]) + r"))?|" + "|".join(SMALL) + \
    r"|a hundred|one hundred|a thousand|hundred|thousand|a couple of|a couple|half an?|an?)"
NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{NUMWORD}|a few|several|many|few|a number of)"
UNIT = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie)|millenni(?:um|a)|fortnight)"
UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W", "month": "M",
             "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
             "fortnight": "W"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
TZ = r"(?-i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|ET|BST|CET)"
CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\d{1,2}:\d\d(?!\d)|noon|midnight)"

# modifiers: the words, and the TIMEX3 mod they stand for
QUANT_MOD = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
             "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
             "at most": "EQUAL_OR_LESS", "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
             "just under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
             "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "well over": "MORE_THAN"}
# TimeBank keeps "nearly", "more than", "at least" inside the extent, but leaves the preposition-like "about",
# "around", "almost" and "over" outside; the first three still give the mod
OUTSIDE = {"about", "around", "almost", "over", "well over", "just over"}
QUANT = r"(?:" + "|".join(sorted(set(QUANT_MOD) - OUTSIDE, key=len, reverse=True)) + r")"
OUTSIDE_RE = re.compile(r"\b(about|around|almost|roughly|approximately)\s+$")
PART_MOD = {"early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
            "beginning of": "START", "start of": "START", "mid": "MID", "the middle of": "MID", "middle of": "MID",
            "late": "END", "later": "END", "the end of": "END", "end of": "END", "the close of": "END"}
PART = r"(?:(?:early|late)-|(?:early|earlier|late|later|the beginning of|the start of|beginning of|start of|the middle of|middle of|" \
       r"the end of|end of|the close of)\s+(?:in\s+)?|mid-?\s*)"
FUNCTION_REF = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
                "these days": "PRESENT_REF", "the present": "PRESENT_REF", "present": "PRESENT_REF",
                "at the moment": "PRESENT_REF", "the moment": "PRESENT_REF", "recently": "PAST_REF",
                "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
                "the past": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
                "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF"}


@dataclass
class Timex:
    """One TIMEX3: extent, TimeML type/value/mod, and the calendar interval it covers."""

    start: int
    end: int
    text: str
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchor: Optional[str] = None  # the value of the time it was resolved against (the DCT or an earlier expression)
    earliest: Optional[date] = None
    latest: Optional[date] = None
    precision: str = "none"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["earliest"] = self.earliest.isoformat() if self.earliest else None
        d["latest"] = self.latest.isoformat() if self.latest else None
        return d


DEFAULT_RULES = DatingSettings()  # the thresholds of settings.DatingSettings, as a build runs them by default


@dataclass
class Context:
    text: str
    dct: date
    direction: Callable[[int, int], Direction]
    last: Optional[Timex] = None  # the latest dated expression, anchor of "the following year"
    pending: list = field(default_factory=list)
    hold: bool = False  # the expression just read was shifted from the anchor ("a year earlier"): keep the anchor  # a second expression split off a range ("Dec. 18-19")
    rules: DatingSettings = field(default_factory=DatingSettings)  # how far a tense moves a year-less date
    # whether the expression's own verb looks ahead with "would" (a firm sign of the future, read from the parse)
    modal_ahead: Callable[[int, int], bool] = lambda start, end: False

    def before(self, start: int, width: int = 20) -> str:
        return self.text[max(0, start - width):start].lower()

    def after(self, end: int, width: int = 20) -> str:
        return self.text[end:end + width]


Handler = Callable[[re.Match, Context], Optional[Timex]]
RULES: list[tuple[re.Pattern, Handler]] = []


RULES_BY_NAME: dict[str, tuple[re.Pattern, Handler]] = {}


def rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        RULES.append((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.I), handler))
        RULES_BY_NAME[handler.__name__] = RULES[-1]
        return handler
    return register


# -- helpers ----------------------------------------------------------------------------------------
def _timex(m: re.Match, type_: str, value: Optional[str], interval: Optional[Interval] = None,
           mod: Optional[str] = None, anchor: Optional[str] = None, span: Optional[tuple[int, int]] = None) -> Timex:
    start, end = span or m.span()
    text = m.string[start:end]
    return Timex(start, end, text, type_, value, mod, anchor,
                 interval.earliest if interval else None, interval.latest if interval else None,
                 interval.precision if interval else "none")


def _number(word: str) -> Optional[float]:
    w = word.lower().replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    m = re.fullmatch(r"(\d+) (\d)/(\d)", w)
    if m:
        return int(m[1]) + int(m[2]) / int(m[3])
    if w in WORD_NUMBER:
        return WORD_NUMBER[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in WORD_NUMBER and parts[1] in WORD_NUMBER:
        return WORD_NUMBER[parts[0]] + WORD_NUMBER[parts[1]]
    return None


def _amount(n: Optional[float], code: str) -> str:
    """P3Y, PT2H, P10Y for a decade, PXY when the number is vague."""
    if n is None and code == "CE":
        return "PXC"  # "centuries"
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y")}
    if code in scale:
        factor, code = scale[code]
        n = None if n is None else n * factor
    time_part = code.startswith("T")
    letter = code[-1]
    if n is None:
        return f"P{'T' if time_part else ''}X{letter}"
    if n != int(n):  # "a year and a half" is P1Y6M, "a minute and a half" PT1M30S
        lower = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False), "D": (24, "H", True)}.get(letter)
        if time_part:
            lower = {"H": (60, "M", True), "M": (60, "S", True)}.get(letter)
        if lower:
            whole, rest = int(n), round((n - int(n)) * lower[0])
            head = f"{whole}{letter}" if whole else ""
            if lower[2] and not time_part:
                return f"P{head}T{rest}{lower[1]}"
            return f"P{'T' if time_part else ''}{head}{rest}{lower[1]}"
    return f"P{'T' if time_part else ''}{int(n)}{letter}"


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return "centurie" if w.startswith("centur") else "millennium" if w.startswith("millenni") else w


def _dated(ctx: Context, m: re.Match, interval: Optional[Interval], mod: Optional[str] = None,
           value: Optional[str] = None, anchor: Optional[str] = None, span=None) -> Optional[Timex]:
    if interval is None and value is None:
        return None
    value = value or _value(interval)
    return _timex(m, "DATE", value, _narrow(interval, mod), mod, anchor or ctx.dct.isoformat(), span)


def _narrow(interval: Optional[Interval], mod: Optional[str]) -> Optional[Interval]:
    """"Early", "mid", "late": the first, middle or last third of a month (days 1-10, 11-20, 21-end), of a
    year (January-April, May-August, September-December) or of a decade; the value keeps the whole unit."""
    if interval is None or mod not in ("START", "MID", "END"):
        return interval
    e, third = interval.earliest, ("START", "MID", "END").index(mod)
    if interval.precision == "month" and e.day == 1 and interval.latest == month_end(e.year, e.month):
        first = date(e.year, e.month, 1 + 10 * third)
        return Interval(first, interval.latest if third == 2 else first + timedelta(days=9), "month")
    if interval.precision == "year" and (e.month, e.day, interval.latest.month, interval.latest.day) == (1, 1, 12, 31):
        return Interval(date(e.year, 1 + 4 * third, 1), month_end(e.year, 4 + 4 * third), "year")
    if interval.precision == "decade":
        lo, hi = ((0, 3), (4, 6), (7, 9))[third]
        return Interval(date(e.year + lo, 1, 1), date(e.year + hi, 12, 31), "decade")
    return interval


def _value(interval: Optional[Interval]) -> Optional[str]:
    if interval is None:
        return None
    if interval.precision == "decade":
        return str(interval.earliest.year)[:3]
    if interval.precision == "none":
        return None
    return interval.value()


def _direction(ctx: Context, m: re.Match) -> Direction:
    return ctx.direction(m.start(), m.end())


def _anchor_value(anchor: date) -> TimeValue:
    return TimeValue(value=anchor.isoformat(), precision="day", earliest=anchor, latest=anchor)


def _resolve(text: str, ref: date, direction: Direction) -> Optional[Interval]:
    return resolve_interval(text, _anchor_value(ref), direction)


def _outside_mod(ctx: Context, start: int) -> Optional[str]:
    m = OUTSIDE_RE.search(ctx.before(start, 16))
    return QUANT_MOD.get(m[1]) if m else None


def _part_mod(words: Optional[str]) -> Optional[str]:
    if not words:
        return None
    w = re.sub(r"\s+in$", "", words.lower().strip(" -"))
    return PART_MOD.get(w)


# -- dates with a month and a day -----------------------------------------------------------------
def _day_interval(ctx: Context, m: re.Match, month: int, day: int, year: Optional[int]) -> Optional[Interval]:
    if year is None:
        year = _day_year(month, day, ctx.dct, _date_direction(ctx, m), ctx.rules.tense_shift_days)
    try:
        d = date(year, month, day) if year else None
    except ValueError:
        return None
    return Interval(d, d, "day") if d else None


def _year(s: str) -> int:
    """A year written in digits or in words ("nineteen ninety-four")."""
    if s.isdigit():
        return int(s)
    words = re.split(r"[\s-]+", s.lower())
    return (1900 if words[0] == "nineteen" else 1800) + sum(WORD_NUMBER.get(w, 0) for w in words[1:])


HALF_YEAR_DAYS = 183  # with no tense, a year-less date is the nearest one


def _day_year(month: int, day: int, dct: date, direction: Direction, shift_days: int) -> Optional[int]:
    """The year of "Aug. 26": the DCT's, unless that is over half a year away, or the tense puts the day
    on the other side of the DCT by `shift_days` or more (a parse's tense is too often wrong for a narrow margin)."""
    for year in (dct.year, dct.year - 1, dct.year + 1):
        try:
            gap = (date(year, month, day) - dct).days
        except ValueError:
            continue
        if year != dct.year:
            return year
        if direction == "past" and gap > shift_days or direction == "none" and gap > HALF_YEAR_DAYS:
            return year - 1
        if direction == "future" and gap < -shift_days or direction == "none" and gap < -HALF_YEAR_DAYS:
            return year + 1
        return year
    return None


def _date_direction(ctx: Context, m: re.Match) -> Direction:
    """ "The year ended March 31", "the quarter ended Sept. 30": a closed period is past, whatever the parse says."""
    if re.search(r"\b(?:ended|ending|since)\s+$", ctx.before(m.start(), 12)):
        return "past"
    return _direction(ctx, m)


def _digits(s: str) -> int:
    return int(re.match(r"\d+", s)[0])


@rule(rf"(?:{WD},?\s+)?(?P<mon>{MON})\s+(?P<day>{DAY})(?:(?P<range>\s*(?:-|–|to|and|through)\s*)(?P<day2>{DAY}))?(?:,?\s+(?P<year>{YEAR}))?")
def month_day(m: re.Match, ctx: Context) -> Optional[Timex]:
    year = _year(m["year"]) if m["year"] else None
    first = _day_interval(ctx, m, month_number(m["mon"]), _digits(m["day"]), year)
    if first is None:
        return None
    if m["day2"]:  # "Dec. 18-19": two dates, the second written as its day alone
        end1 = m.start("range")
        second = _day_interval(ctx, m, month_number(m["mon"]), _digits(m["day2"]), first.earliest.year)
        if second is not None:
            ctx.pending.append(_dated(ctx, m, second, span=(m.start("day2"), m.end())))
        return _dated(ctx, m, first, span=(m.start(), end1))
    return _dated(ctx, m, first)


@rule(rf"the\s+week\s+of\s+(?P<mon>{MON})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?")
def week_of(m: re.Match, ctx: Context) -> Optional[Timex]:
    day = _day_interval(ctx, m, month_number(m["mon"]), _digits(m["day"]), _year(m["year"]) if m["year"] else None)
    return _dated(ctx, m, week_interval(day.earliest)) if day else None


@rule(rf"(?:{WD},?\s+)?(?P<day>{DAY})\s+(?P<mon>{MON})(?:,?\s+(?P<year>{YEAR}))?")
def day_month(m: re.Match, ctx: Context) -> Optional[Timex]:
    year = _year(m["year"]) if m["year"] else None
    return _dated(ctx, m, _day_interval(ctx, m, month_number(m["mon"]), _digits(m["day"]), year))


@rule(r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)|(?P<m2>1[0-2]|0?[1-9])/(?P<d2>3[01]|[12]\d|0?[1-9])/(?P<y2>(?:19|20)?\d\d)")
def numeric_date(m: re.Match, ctx: Context) -> Optional[Timex]:
    y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    year = int(y) if len(y) == 4 else (1900 if int(y) > 30 else 2000) + int(y)
    try:
        day = date(year, int(mo), int(d))
    except ValueError:
        return None
    return _dated(ctx, m, Interval(day, day, "day"))


# -- months, years, decades, seasons, quarters ----------------------------------------------------
@rule(rf"(?P<part>{PART})?(?P<mon>{MON_FULL}|{MON_ABBR})(?:\s+of)?,?\s+(?P<year>{YEAR})")
def month_year(m: re.Match, ctx: Context) -> Optional[Timex]:
    month, year = month_number(m["mon"]), _year(m["year"])
    base = month_interval(year, month)
    return _dated(ctx, m, base, _part_mod(m["part"]))


@rule(rf"(?P<part>{PART})?(?P<which>this|last|next|(?:the\s+)?(?:past|coming|previous|following))?\s*(?P<mon>{MON_FULL})(?P<rel>\s+(?:this|last|next)\s+year)?")
def month_alone(m: re.Match, ctx: Context) -> Optional[Timex]:
    if re.match(r"\s*\d", ctx.after(m.end(), 3)):
        return None  # "March 3" is a day: the day rules take it
    if m["mon"] in ("May", "March") and not (m["part"] or m["which"] or m["rel"]):
        if not re.search(r"(?:\b(?:in|since|until|till|by|of|during|from|through|to|before|after|between|and|or|early|late|mid)\s+|mid-)$", ctx.before(m.start())) \
                and not (re.search(r"\b(?:the|this|last|next)\s+$", ctx.before(m.start())) and re.match(r"\s+[a-z]", ctx.after(m.end()))):
            return None  # "May" the verb, "March" the noun
    month = month_number(m["mon"])
    if m["rel"]:
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"].split()[0].lower()]
        base = month_interval(ctx.dct.year + shift, month)
    else:
        which = (m["which"] or "").lower().replace("the ", "").strip()
        which = {"past": "last", "previous": "last", "coming": "next", "following": "next"}.get(which, which)
        base = _resolve(f"{which} {m['mon']}".strip(), ctx.dct, _direction(ctx, m))
    return _dated(ctx, m, base, _part_mod(m["part"]))


# a capitalised word a year can follow and still be a year ("Christmas 2010", "Spring 2011", "Tet 1968"); after
# any other name mid-sentence it is part of that name ("Mirage 2000 fighters", "a venture called Orion 1980")
YEAR_AFTER_A_WORD = re.compile(
    rf"(?:{MON}|{WD}|spring|summer|fall|autumn|winter|christmas|easter|thanksgiving|ramadan|eid|hanukkah|passover|"
    r"diwali|halloween|day|eve|year|fiscal|calendar|class|tet|in|on|of|since|by|until|till|from|through|to|and|or|"
    r"before|after|during|for|the|that|this|its|his|her|their|our|late|early|mid|about|around)", re.I)
_NAME_BEFORE = re.compile(r"(?<![.!?:;\n\"“(])\s([A-Z][a-z]+)\s+$")


def _part_of_a_name(ctx: Context, m: re.Match) -> bool:
    """A year written after a capitalised word inside a sentence that is neither a time word nor a function word:
    the end of a name ("Mirage 2000 jets", "Orion 1980,"), not a date. One a capitalised word follows opens the next
    name, and dates it ("J.D. Power and Associates 2008 North America Airline Satisfaction Study")."""
    word = _NAME_BEFORE.search(ctx.text[max(0, m.start() - 25):m.start()])
    return word is not None and not YEAR_AFTER_A_WORD.fullmatch(word[1]) and not re.match(r"\s+[A-Z]", ctx.after(m.end(), 3))


def _number_like(ctx: Context, m: re.Match) -> bool:
    """A four-digit number that is not a year: "resolution 1973", "$1990", "2000 troops", "1998.5", "Mirage 2000"."""
    if _part_of_a_name(ctx, m):
        return True
    before, after = ctx.before(m.start(), 25), ctx.after(m.end(), 25)
    if re.search(r"(?:resolution|no\.|nos\.|number|flight|route|highway|room|article|chapter|section|page|item|"
                 r"model|\bpub\.? l\.?|interstate|rule|bill|h\.r\.|s\.|paragraph|\$|#|version|pp?\.|box|suite|code|"
                 r"dow|index|s&p|nasdaq|points? to|at|level of|to)\s*$", before):
        if not re.search(r"\b(?:in|since|until|by|of|during|from|through|to|before|after|between|and|fiscal)\s+$", before) \
                or re.search(r"(?:resolution|no\.|number|\$|#)\s*$", before):
            return True
    if re.match(r"(?:\.\d|,\d|\s*%|\s*percent|-year-old|\s*(?:to|-)\s*\d+\.\d)", after):
        return True
    if re.match(r"\s+(?!years?\b|was\b|is\b|has\b|as\b|this\b|his\b|its\b|plus\b|does\b|thus\b)[a-z]+s\b", after):
        return True  # "2000 troops", "1500 miles"
    return False


@rule(rf"(?P<part>{PART})?(?P<fiscal>(?:fiscal|calendar|the\s+(?:fiscal\s+)?year|the\s+calendar\s+year|model\s+year)\s+)?(?P<year>{YEAR})(?P<range>\s*(?:-|–|/)\s*(?P<y2>\d\d|{YEAR}))?(?!\s*-?(?:year|yr)s?\b)")
def year(m: re.Match, ctx: Context) -> Optional[Timex]:
    if not (m["part"] or m["fiscal"]) and _number_like(ctx, m):
        return None
    y = _year(m["year"])
    if m["range"] and m["y2"]:  # "1998-99", "2000/01": two years
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y // 100) * 100 + int(m["y2"])
        if y < y2 <= y + 10:
            ctx.pending.append(_dated(ctx, m, year_interval(y2), span=(m.start("y2"), m.end())))
        return _dated(ctx, m, year_interval(y), _part_mod(m["part"]), span=(m.start(), m.start("range")))
    if m["range"]:
        return None
    return _dated(ctx, m, year_interval(y), _part_mod(m["part"]))


SPELLED_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"


@rule(rf"(?P<head>nineteen|eighteen)[\s-]+(?P<tens>{SPELLED_TENS})(?:[\s-]+(?P<unit>one|two|three|four|five|six|seven|eight|nine))?|(?P<mil>the\s+year\s+)?two\s+thousand(?:\s+and)?(?:\s+(?P<unit2>one|two|three|four|five|six|seven|eight|nine|ten))?")
def spelled_year(m: re.Match, ctx: Context) -> Optional[Timex]:
    """Transcripts spell years out: "nineteen ninety-four", "two thousand"."""
    if m["head"]:
        y = (1900 if m["head"].lower() == "nineteen" else 1800) + WORD_NUMBER[m["tens"].lower()] + WORD_NUMBER.get((m["unit"] or "").lower(), 0)
    else:
        if not (m["mil"] or re.search(r"\b(?:in|since|until|by|of|year)\s+$", ctx.before(m.start()))):
            return None
        y = 2000 + WORD_NUMBER.get((m["unit2"] or "").lower(), 0)
    return _dated(ctx, m, year_interval(y))


@rule(r"(?P<the>the\s+)?(?P<part>early|late|mid-?|middle|(?:the\s+)?(?:beginning|end|middle|start)\s+of\s+the)?\s*(?P<dec>(?:1[6-9]|20)\d0|'\d0)'?s|(?:the\s+)?(?P<part2>early|late|mid-?)?\s*(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def decade(m: re.Match, ctx: Context) -> Optional[Timex]:
    if m["word"]:
        if not m.group(0).lower().startswith("the"):
            return None  # "in his forties" is an age
        tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(m["word"].lower()) + 2
        start = 1900 + 10 * tens
    elif m["dec"].startswith("'"):
        start = 1900 + int(m["dec"][1:])
    else:
        start = int(m["dec"])
    part = (m["part"] or m["part2"] or "").lower()
    mod = "START" if "early" in part or "beginning" in part or "start" in part else "END" if "late" in part or "end" in part \
        else "MID" if "mid" in part else None
    return _dated(ctx, m, Interval(date(start, 1, 1), date(start + 9, 12, 31), "decade"), mod)


@rule(r"(?P<the>the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century|(?P<rel>this|last|next|the\s+(?:last|past|previous|next|coming))\s+century")
def century(m: re.Match, ctx: Context) -> Optional[Timex]:
    if m["rel"]:
        rel = m["rel"].lower().split()[-1]
        if rel in ("past", "coming") or (rel in ("last", "next") and m["rel"].lower().startswith("the")):
            return _timex(m, "DURATION", "P100Y")
        n = ctx.dct.year // 100 + {"this": 0, "last": -1, "previous": -1, "next": 1}.get(rel, 0)
    else:
        ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
                    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                    "twentieth", "twenty-first"]
        o = m["ord"].lower()
        n = (ordinals.index(o) + 1 if o in ordinals else _digits(o)) - 1
    if not 0 <= n <= 30:
        return None
    return _dated(ctx, m, Interval(date(max(1, n * 100), 1, 1), date(n * 100 + 99, 12, 31), "none"), value=f"{n:02d}")


SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"


@rule(rf"(?P<part>{PART})?(?:(?P<which>this\s+past|this|last|next|the\s+(?:past|coming|previous|following)|that|the)\s+)?{SEASON}(?:\s+(?:of\s+)?(?P<year>{YEAR}))?")
def season(m: re.Match, ctx: Context) -> Optional[Timex]:
    which = (m["which"] or "").lower()
    if not (m["year"] or which or m["part"]):
        if not re.search(r"\b(?:in|this|last|next|by|until|since|during|through|early|late)\s+$", ctx.before(m.start())):
            return None
    if m["season"].lower() == "fall" and not (m["year"] or which in ("this", "last", "next") or m["part"]):
        if re.match(r"\s+(?:of|in)\b", ctx.after(m.end())):
            return None  # "the fall of Rome"
    first = SEASON_START[m["season"].lower()]
    if m["year"]:
        interval = season_interval(_year(m["year"]), first)
    elif which == "that" and ctx.last and ctx.last.earliest:
        interval = season_interval(ctx.last.earliest.year, first)
    else:
        which = {"this past": "last", "the past": "last", "the previous": "last", "the coming": "next", "the following": "next", "the": ""}.get(which, which)
        interval = _resolve(f"{which} {m['season']}".strip(), ctx.dct, _direction(ctx, m))
    if interval is None:
        return None
    value = f"{interval.earliest.year}-{SEASON_CODES[interval.earliest.month]}"
    return _dated(ctx, m, interval, _part_mod(m["part"]), value=value)


QUARTER_WORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"


@rule(rf"(?:(?P<the>the|this\s+year's|last\s+year's|next\s+year's|its|the\s+company's)\s+)?(?:(?P<y0>{YEAR})\s+)?(?:fiscal\s+)?{QUARTER_WORD}[\s-]+(?:fiscal\s+)?(?:-?\s*)?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y1>{YEAR})|,?\s+(?P<y2>{YEAR}))?")
def quarter(m: re.Match, ctx: Context) -> Optional[Timex]:
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[m["q"].lower()]
    span = None
    if m["the"] and re.search(r"-quarter$", m.group(0), re.I) and re.match(r"\s+[a-z]", ctx.after(m.end())):
        span = (m.start("q"), m.end())  # "the third-quarter loss": the determiner belongs to "loss"
    y = m["y0"] or m["y1"] or m["y2"]
    the = (m["the"] or "").lower()
    if y:
        interval = quarter_interval(_year(y), q)
    elif the.startswith("last year"):
        interval = quarter_interval(ctx.dct.year - 1, q)
    elif the.startswith("this year"):
        interval = quarter_interval(ctx.dct.year, q)
    elif the.startswith("next year"):
        interval = quarter_interval(ctx.dct.year + 1, q)
    else:
        interval = _quarter_relative(q, ctx.dct)
    return _dated(ctx, m, interval, span=span)


@rule(rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?")
def half(m: re.Match, ctx: Context) -> Optional[Timex]:
    h = 1 if m["h"].lower() == "first" else 2
    y_text = (m["y"] or "").lower()
    y = int(y_text) if y_text.isdigit() else ctx.dct.year + {"last year": -1, "next year": 1}.get(y_text, 0)
    if not m["y"] and not re.search(r"\b(?:in|for|during|the|of|by)\s+$", ctx.before(m.start())) and not m.group(0).lower().startswith("the"):
        return None
    interval = Interval(date(y, 1 if h == 1 else 7, 1), month_end(y, 6 if h == 1 else 12), "none")
    return _dated(ctx, m, interval, value=f"{y}-H{h}")


@rule(rf"the\s+(?P<y>{YEAR})\s+(?P<unit>quarter|period)")
def year_quarter(m: re.Match, ctx: Context) -> Optional[Timex]:
    """ "The 1988 quarter": the quarter last spoken of, in that year."""
    if ctx.last is None or ctx.last.precision != "quarter" or ctx.last.earliest is None:
        return None if m["unit"].lower() == "quarter" else _dated(ctx, m, year_interval(_year(m["y"])))
    e = ctx.last.earliest
    ctx.hold = True
    return _dated(ctx, m, quarter_interval(_year(m["y"]), (e.month - 1) // 3 + 1), anchor=ctx.last.value)


@rule(r"(?:the|this|that)\s+(?:(?P<which>latest|current|past|previous|last|recent|most\s+recent|same|year-ago|year-earlier|comparable|fiscal|just-ended|just\s+ended)\s+)?(?:(?:fiscal|three-month|second|first|third|fourth)\s+)?(?P<unit>quarter|period)")
def the_quarter(m: re.Match, ctx: Context) -> Optional[Timex]:
    which = (m["which"] or "").lower()
    if m["unit"].lower() == "period" and which not in ("year-ago", "year-earlier", "comparable", "same", "latest"):
        return None
    if re.match(r"\s+(?:of|point|mile|percent|cent|hour|share)\b|-", ctx.after(m.end()), re.I):
        return None  # "a quarter of the vote", "a quarter point"
    latest = _resolve("the latest quarter", ctx.dct, "past")
    if which == "current":
        latest = _resolve("the current quarter", ctx.dct, "none")
    if which in ("year-ago", "year-earlier", "comparable", "same"):
        if ctx.last is not None and ctx.last.precision == "quarter" and ctx.last.earliest:
            e = ctx.last.earliest
            ctx.hold = True
            return _dated(ctx, m, quarter_interval(e.year - 1, (e.month - 1) // 3 + 1), anchor=ctx.last.value)
        latest = _resolve("the year-ago quarter", ctx.dct, "past")
    elif ctx.last is not None and ctx.last.precision == "quarter" and which in ("", "same"):
        return _dated(ctx, m, Interval(ctx.last.earliest, ctx.last.latest, "quarter"), anchor=ctx.last.value)
    return _dated(ctx, m, latest)


@rule(r"(?P<part>early\s+|late\s+)?(?:the\s+)?(?P<which>this\s+|last\s+|next\s+)?year(?:-|\s+|'s\s+)end")
def year_end(m: re.Match, ctx: Context) -> Optional[Timex]:
    """ "By year-end": the end of the year spoken of (this year unless "last" or "next" says otherwise)."""
    shift = {"last": -1, "next": 1}.get((m["which"] or "").strip().lower(), 0)
    if not m["which"] and _direction(ctx, m) == "past" and ctx.dct.month < 3:
        shift = -1
    return _dated(ctx, m, year_interval(ctx.dct.year + shift), "END")


# -- relative to the DCT --------------------------------------------------------------------------
@rule(rf"(?P<part>{PART})?(?P<which>this|last|next|the\s+(?:past|last|coming|next|previous|following|current|same)|that|the|(?:a|one)\s+(?:year|month|week)\s+(?:ago|earlier))\s+(?:full\s+|entire\s+|whole\s+)?(?P<fiscal>fiscal\s+|calendar\s+)?(?P<unit>week|month|year|weekend)")
def this_unit(m: re.Match, ctx: Context) -> Optional[Timex]:
    which = re.sub(r"\s+", " ", m["which"].lower())
    unit = m["unit"].lower()
    part = _part_mod(m["part"])
    if which in ("the past", "the last", "the coming", "the next") and not m["part"]:
        return _timex(m, "DURATION", "P1" + {"week": "W", "month": "M", "year": "Y", "weekend": "D"}[unit])
    if which == "the" and unit == "year" and re.search(r"\b(?:full|entire|whole)\s+$", ctx.before(m.start("unit"), 10)):
        return _dated(ctx, m, year_interval(ctx.dct.year))
    if which == "the" and not m["part"]:
        if unit == "weekend":
            return _weekend(m, ctx, "the")
        if unit == "year" and not re.match(r"\s+(?:earlier|before|ago|after|later|in\s+which|when|of|that)\b", ctx.after(m.end())):
            if m["fiscal"] or re.search(r"\b(?:for|over|through|throughout)\s+$", ctx.before(m.start())):
                return _timex(m, "DURATION", "P1Y")  # "profit for the year"
            return _dated(ctx, m, year_interval(ctx.dct.year))
        return None  # "the week", "the month": too often not a time at all
    if which in ("the previous", "the following", "that", "the same"):
        ref = ctx.last.earliest if ctx.last and ctx.last.earliest else ctx.dct
        shift = {"the previous": -1, "the following": 1}.get(which, 0)
        base = _shift_unit(ref, unit, shift)
        return _dated(ctx, m, base, part, anchor=ctx.last.value if ctx.last else None)
    if unit == "weekend":
        return _weekend(m, ctx, which)
    if which.endswith(("ago", "earlier")):
        return None
    # "late the last year", "early the next month": the unit before or after this one, as "last" and "next" are
    shift = {"this": 0, "last": -1, "next": 1, "the current": 0, "the": 0, "the past": -1, "the last": -1,
             "the next": 1, "the coming": 1}[which]
    base = _shift_unit(ctx.dct, unit, shift)
    if m["part"] and m["part"].lower().startswith(("earlier", "later")) and shift == 0:
        d = ctx.dct
        base = Interval(base.earliest, max(base.earliest, d - timedelta(days=1)), base.precision) \
            if m["part"].lower().startswith("earlier") else Interval(min(base.latest, d + timedelta(days=1)), base.latest, base.precision)
    return _dated(ctx, m, base, part, value=_value(_shift_unit(ctx.dct, unit, shift)))


def _shift_unit(ref: date, unit: str, shift: int) -> Interval:
    """The day, week, month, decade or year `shift` units from the one holding `ref`."""
    if unit == "day":
        d = ref + timedelta(days=shift)
        return Interval(d, d, "day")
    if unit == "week":
        return week_interval(ref + timedelta(weeks=shift))
    if unit == "month":
        return month_interval(*shift_month(ref.year, ref.month, shift))
    if unit == "decade":
        start = (ref.year // 10 + shift) * 10
        return Interval(date(start, 1, 1), date(start + 9, 12, 31), "decade")
    return year_interval(ref.year + shift)


def _weekend(m: re.Match, ctx: Context, which: str) -> Timex:
    d = ctx.dct
    saturday = d + timedelta(days=(5 - d.weekday()) % 7)
    if which in ("last", "the past", "the last") or (which == "the" and _direction(ctx, m) == "past" and d.weekday() < 5):
        saturday -= timedelta(days=7)
    elif which in ("next", "the coming", "the next") and d.weekday() >= 5:
        saturday += timedelta(days=7)
    iso = saturday.isocalendar()
    interval = Interval(saturday, saturday + timedelta(days=1), "week")
    return _timex(m, "DATE", f"{iso[0]}-W{iso[1]:02d}-WE", interval, anchor=ctx.dct.isoformat())


@rule(rf"(?P<q>{QUANT}\s+|just\s+|only\s+)?(?P<n>{NUM})[\s-]+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously|back)")
def ago(m: re.Match, ctx: Context) -> Optional[Timex]:
    rel = m["dir"].lower()
    unit = _unit(m["unit"])
    if rel in ("before", "after") or rel in ("earlier", "later") and unit in ("second", "minute", "hour", "day", "night"):
        # "two years after the war", "three days later": TimeML tags the length of time, anchored elsewhere
        return _duration_before(m, ctx)
    n = _number(m["n"])
    sign = 1 if rel in ("later", "after", "from now", "hence") else -1
    anchor_t = ctx.last if rel in ("earlier", "later", "before", "after") and ctx.last and ctx.last.earliest else None
    ref = anchor_t.earliest if anchor_t else ctx.dct
    mod = QUANT_MOD.get((m["q"] or "").strip().lower())
    if n is None or n != int(n) or unit in ("second", "minute", "hour"):
        return _timex(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    n = int(n) * sign
    fine = anchor_t or ctx.last
    if fine is not None and fine.precision == "quarter" and fine.earliest and unit == "year" and n == -1:
        e = fine.earliest  # "earnings rose from a year ago": the same quarter a year before
        ctx.hold = True
        return _dated(ctx, m, Interval(date(e.year - 1, e.month, 1), month_end(e.year - 1, fine.latest.month), fine.precision),
                      mod, anchor=fine.value)
    if unit in ("day", "night"):
        d = ref + timedelta(days=n)
        interval = Interval(d, d, "day")
    elif unit in ("week", "fortnight"):
        interval = week_interval(ref + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    elif unit == "month":
        interval = month_interval(*shift_month(ref.year, ref.month, n))
    elif unit == "decade":
        interval = year_interval(ref.year + 10 * n)  # "a decade ago" is about a year, not the decade before
    elif unit == "year":
        interval = year_interval(ref.year + n)
    else:
        return _timex(m, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    return _dated(ctx, m, interval, mod, anchor=anchor_t.value if anchor_t else None)


YEAR_BACK = re.compile(r"\byear[- ](?:ago|earlier)\b|\ba year (?:ago|earlier|before)\b|\bthe (?:prior|previous) year\b", re.I)


@rule(r"(?P<q>(?:just\s+|only\s+)?(?:about|around|roughly|approximately|almost|nearly)\s+)?(?P<which>(?:a|one)\s+(?:year|month|week|day)\s+(?:ago|earlier|before|later|after)|the\s+(?:year|month|week|day)\s+(?:before|after)|the\s+(?:previous|prior|next|following)\s+day|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|year-ago|year-earlier|a\s+year-ago|the\s+year-ago|the\s+year-earlier|the\s+prior\s+year|the\s+previous\s+year|the\s+year\s+before)")
def one_unit_off(m: re.Match, ctx: Context) -> Optional[Timex]:
    words = re.sub(r"\s+", " ", m["which"].lower())
    if re.search(r" (before|after)$", words) and re.match(r"\s+(?:the|a|an|his|her|its|their|[A-Z0-9])", ctx.after(m.end())):
        return None
    if words in ("the day before yesterday", "the day after tomorrow"):
        d = ctx.dct + timedelta(days=2 if "after" in words else -2)
        return _dated(ctx, m, Interval(d, d, "day"))
    unit = next(u for u in ("year", "month", "week", "day") if u in words)
    sign = 1 if re.search(r"later|after|next|following", words) else -1
    anchored = bool(re.search(r"earlier|later|before|after|previous|prior|next|following|year-", words)) and "ago" not in words
    anchor_t = ctx.last if anchored and ctx.last and ctx.last.earliest else None
    ref = anchor_t.earliest if anchor_t else ctx.dct
    mod = QUANT_MOD.get((m["q"] or "").strip().lower().replace("just ", "").replace("only ", ""))
    fine = anchor_t or ctx.last
    if words.startswith(("year-", "a year-", "the year-")) and fine is not None and fine.earliest and YEAR_BACK.search(fine.text):
        # "in the year-ago quarter ... the year-ago results": the period already a year back, not one more
        ctx.hold = True
        return _dated(ctx, m, Interval(fine.earliest, fine.latest, fine.precision), mod, anchor=fine.anchor)
    if unit == "year" and fine is not None and fine.precision == "quarter" and fine.earliest and sign < 0:
        e = fine.earliest  # "profit rose in the third quarter from a year earlier": the same quarter a year before
        base = Interval(date(e.year - 1, e.month, 1), month_end(e.year - 1, fine.latest.month), fine.precision)
        ctx.hold = True
        return _dated(ctx, m, base, mod, anchor=fine.value)
    return _dated(ctx, m, _shift_unit(ref, unit, sign), mod, anchor=anchor_t.value if anchor_t else None)


@rule(rf"the\s+(?P<unit>day|week|month)\s+(?P<rel>before|after)\s+(?P<inner>(?:last|next|this)\s+{WD}|{MON}\.?\s+{DAY}(?:,?\s+{YEAR})?)")
def unit_off_a_date(m: re.Match, ctx: Context) -> Optional[Timex]:
    """ "The day before last Tuesday('s hearing)", "the week after Jan. 5": one unit off the date it names, not off
    the publication date, as "the day before" alone would be."""
    inner = _resolve(m["inner"], ctx.dct, _direction(ctx, m))
    if inner is None or inner.earliest is None:
        return None
    sign = 1 if m["rel"].lower() == "after" else -1
    return _dated(ctx, m, _shift_unit(inner.earliest, m["unit"].lower(), sign))


def _same_sentence(ctx: Context, a: int, b: int) -> bool:
    return not re.search(r"[.!?]\s|\n", ctx.text[a:b])


def _duration_before(m: re.Match, ctx: Context) -> Optional[Timex]:
    """The duration at the head of a rejected "N units before/after ...", read by the duration rule."""
    sub = RULES_BY_NAME["duration"][0].match(ctx.text, m.start(), m.start("dir"))
    return RULES_BY_NAME["duration"][1](sub, ctx) if sub else None


# -- days -----------------------------------------------------------------------------------------
@rule(rf"(?P<part>early|earlier|late|later)?\s*(?P<which>last|next|this|this\s+coming|coming|past|that)?\s*(?P<wd>{WD})(?P<pl>s)?(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pl2>s)?)?")
def weekday(m: re.Match, ctx: Context) -> Optional[Timex]:
    target = WEEKDAYS[m["wd"].lower()]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["pl"] or m["pl2"]:  # "Mondays", "Tuesday nights": every Monday
        return _timex(m, "SET", f"XXXX-WXX-{target + 1}" + (f"T{pod}" if pod else ""))
    which = re.sub(r"\s+", " ", (m["which"] or "").lower())
    modifier = {"this coming": "next", "coming": "next", "past": "last"}.get(which, which)
    if which == "that" and ctx.last and ctx.last.earliest:
        ref = ctx.last.earliest
        d = ref + timedelta(days=(target - ref.weekday()) % 7)
    else:
        d = _weekday(target, ctx.dct, _weekday_direction(ctx, m), modifier if modifier != "that" else "")
    interval = Interval(d, d, "day")
    mod = _part_mod(m["part"])
    if pod:
        return _timex(m, "TIME", f"{d.isoformat()}T{pod}", interval, mod, ctx.dct.isoformat())
    return _dated(ctx, m, interval, mod)


FIRM_FUTURE = re.compile(r"\b(?:will|'ll|shall|going to|scheduled|expected|plans?|planned|due|until|till|by|starting|begin|ahead|next|coming|tomorrow|upcoming|deadline)\b", re.I)
UNTIL = re.compile(r"\b(?:until|till)\s+(?:on\s+)?$", re.I)
NEAR_FUTURE = re.compile(r"\b(?:until|till|as soon as|as early as|scheduled\b.*|will\b.*|'ll\b.*|due\b.*)\s+(?:on\s+)?$", re.I)


def _weekday_direction(ctx: Context, m: re.Match) -> Direction:
    """News speaks of the week gone by: a bare weekday is the past one unless the tense says future
    and the sentence has a firm sign of it (a modal, "scheduled", "until")."""
    direction = _direction(ctx, m)
    before = ctx.before(m.start(), 40)
    if NEAR_FUTURE.search(before) and not (direction == "past" and UNTIL.search(before)):
        # "until Tuesday", "as soon as Tuesday", "has scheduled a news conference Thursday"; but what "stayed in port
        # until Tuesday" is over
        return "future"
    if direction != "future":
        return direction
    sentence_start = max(ctx.text.rfind(". ", 0, m.start()), ctx.text.rfind("\n", 0, m.start()), 0)
    firm = FIRM_FUTURE.search(ctx.text[sentence_start:m.start()]) or ctx.modal_ahead(m.start(), m.end())
    return "future" if firm else "past"


@rule(r"(?P<part>early|earlier|late|later)?\s*(?P<w>today|tonight|yesterday|tomorrow|(?:this|yesterday|tomorrow|last|that)\s+(?:morning|afternoon|evening|night))")
def deictic_day(m: re.Match, ctx: Context) -> Optional[Timex]:
    words = m["w"].lower().split()
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(words[0], 0)
    if words == ["last", "night"]:
        shift = -1
    elif words[0] == "last":
        return None
    base = ctx.last.earliest if words[0] == "that" and ctx.last and ctx.last.earliest else ctx.dct
    if words[0] == "that" and not (ctx.last and ctx.last.earliest):
        return None
    d = base + timedelta(days=shift)
    interval = Interval(d, d, "day")
    pod = PARTS_OF_DAY.get(words[-1]) if words[-1] not in ("today", "yesterday", "tomorrow") else None
    mod = _part_mod(m["part"])
    if pod:
        return _timex(m, "TIME", f"{d.isoformat()}T{pod}", interval, mod, base.isoformat())
    return _dated(ctx, m, interval, mod)


@rule(rf"(?P<clock>{CLOCK})(?:\s+(?:{TZ}|local\s+time))?(?:,?\s+(?:on\s+)?(?P<day>(?:(?:next|last|this|this\s+coming)\s+)?{WD}|today|yesterday|tomorrow|tonight|(?:{MON})\s+{DAY}(?:,\s+{YEAR})?))?|(?P<wd0>{WD}),?\s+(?:at\s+)?(?P<clock0>{CLOCK})")
def clock_time(m: re.Match, ctx: Context) -> Optional[Timex]:
    clock = (m["clock"] or m["clock0"])
    if clock.lower() in ("noon", "midnight") and (clock[0].isupper() or ctx.before(m.start(), 6).strip().endswith("high")):
        return None  # "High Noon"
    clock = clock.lower()
    if re.fullmatch(r"\d{1,2}:\d\d", clock) and not re.search(r"\b(?:at|by|until|from|after|before)\s+$", ctx.before(m.start())):
        return None  # "2:30" alone may be a score or a ratio
    hm = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])?", clock)
    if clock == "noon":
        hour, minute = 12, 0
    elif clock == "midnight":
        hour, minute = 24, 0
    else:
        hour, minute = int(hm[1]), int(hm[2] or 0)
        if hm[3] == "p" and hour < 12:
            hour += 12
        if hm[3] == "a" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
    day_words = (m["day"] or m["wd0"] or "").lower()
    d = ctx.dct
    if day_words:
        words = day_words.split()
        sub = words[-1] if words[-1] in WEEKDAYS else words[0]
        if sub in WEEKDAYS:
            modifier = {"this": "this", "next": "next", "last": "last", "coming": "next"}.get(words[-2], "") if len(words) > 1 else ""
            d = _weekday(WEEKDAYS[sub], ctx.dct, _weekday_direction(ctx, m), modifier)
        elif sub in ("yesterday", "tomorrow"):
            d = ctx.dct + timedelta(days=-1 if sub == "yesterday" else 1)
        elif sub not in ("today", "tonight"):
            found = _resolve(m["day"], ctx.dct, _direction(ctx, m))
            d = found.earliest if found else d
    elif ctx.last is not None and ctx.last.precision == "day" and ctx.last.earliest:
        d = ctx.last.earliest  # a time of day belongs to the day last spoken of
    mod = _outside_mod(ctx, m.start())
    value = f"{d.isoformat()}T{hour:02d}:{minute:02d}"
    return _timex(m, "TIME", value, Interval(d, d, "day"), mod, ctx.dct.isoformat())


@rule(r"(?:(?P<part>mid|early|late)[-\s]?)?(?P<pod>morning|afternoon|evening|midday|mid-day|overnight)")
def part_of_day(m: re.Match, ctx: Context) -> Optional[Timex]:
    before = ctx.before(m.start(), 12)
    if m["pod"].lower() == "overnight" and not re.match(r"\s+[a-z]", ctx.after(m.end())):
        return None  # "overnight losses" is a time; "stayed overnight" a duration
    if not re.search(r"\b(?:the|this|in the|early|late|by)\s*$", before) and not m["part"] and m["pod"].lower() not in ("midday", "overnight"):
        return None
    pod = {"midday": "12:00", "mid-day": "12:00", "overnight": "NI"}.get(m["pod"].lower(), PARTS_OF_DAY.get(m["pod"].lower()))
    d = ctx.last.earliest if ctx.last and ctx.last.precision == "day" and ctx.last.earliest else ctx.dct
    mod = {"mid": "MID", "early": "START", "late": "END"}.get((m["part"] or "").lower())
    return _timex(m, "TIME", f"{d.isoformat()}T{pod}", Interval(d, d, "day"), mod, d.isoformat())


HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "new year's day": (1, 1),
            "new year's eve": (12, 31), "independence day": (7, 4), "the fourth of july": (7, 4), "halloween": (10, 31),
            "valentine's day": (2, 14), "veterans day": (11, 11), "boxing day": (12, 26)}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


FLOATING = {"thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
            "memorial day": (5, 0, -1), "election day": (11, 1, 0)}


@rule(r"(?:last\s+|next\s+|this\s+)?(?P<h>(?-i:Christmas(?:\s+Day|\s+Eve)?|New\s+Year's\s+(?:Day|Eve)|Independence\s+Day|the\s+Fourth\s+of\s+July|Halloween|Valentine's\s+Day|Veterans\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|Election\s+Day))")
def holiday(m: re.Match, ctx: Context) -> Optional[Timex]:
    name = re.sub(r"\s+", " ", m["h"].lower())
    if re.match(r"\s+(?-i:[A-Z])", ctx.after(m.end())) or re.match(r"\s+(?:tree|card|gift|shopping|sale|season|holiday|party|present|dinner|decoration|message|address|speech|truce|bonus)", ctx.after(m.end())):
        return None  # "Christmas tree", "Independence Day Parade"

    def on(year: int) -> date:
        if name in HOLIDAYS:
            return date(year, *HOLIDAYS[name])
        month, weekday, n = FLOATING[name]
        if name == "election day":
            return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
        return _nth_weekday(year, month, weekday, n)

    head = m.group(0).lower().split()[0]
    candidates = [on(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if head == "last":
        d = max(c for c in candidates if c < ctx.dct)
    elif head == "next":
        d = min(c for c in candidates if c > ctx.dct)
    else:
        direction = _direction(ctx, m)
        d = candidates[1]
        if direction == "past" and d > ctx.dct + timedelta(days=1):
            d = candidates[0]
        elif direction == "future" and d < ctx.dct - timedelta(days=1):
            d = candidates[2]
    return _dated(ctx, m, Interval(d, d, "day"))


# -- durations ------------------------------------------------------------------------------------
@rule(rf"(?P<q>{QUANT}\s+)?(?P<the>(?:the|its|their|his|her)\s+)?(?P<rel>(?:past|last|next|first|coming|previous|final|remaining|ensuing|following|better\s+part\s+of\s+the|rest\s+of\s+the)\s+)?(?P<q2>{QUANT}\s+)?(?P<n>{NUM})(?:[\s-]+(?:more|additional|full|straight|consecutive|long))?[\s-]+(?P<unit>{UNIT})(?P<pl>s)?(?P<half>\s+and\s+a\s+half)?(?P<adj>-long|-old|\s+old)?")
def duration(m: re.Match, ctx: Context) -> Optional[Timex]:
    if m["adj"] and "old" in m["adj"].lower():
        return None  # an age, not a time
    if re.match(r"-old\b|\s*-\s*year-old", ctx.after(m.end())):
        return None
    n_word = m["n"].lower()
    if n_word in ("a", "an") and re.search(r"(?:\d|\bcents?|\bdollars?|\btimes|\bonce|\btwice|\bpercent|%)\s*$", ctx.before(m.start(), 25)) and not m["the"]:
        return _timex(m, "SET", f"P1{UNIT_CODE[_unit(m['unit'])].lstrip('T')}" if not UNIT_CODE[_unit(m['unit'])].startswith("T")
                      else f"PT1{UNIT_CODE[_unit(m['unit'])][1:]}")
    if n_word in ("many", "some", "few") and not m["pl"]:
        return None
    if _unit(m["unit"]) == "quarter" and (not m["pl"] or "-" in m.group(0) or re.match(r"\s+of\b", ctx.after(m.end()))):
        return None  # "a quarter", "three-quarters of": fractions as often as times
    n = None if n_word in VAGUE or n_word in ("several", "many", "few", "a few", "a number of") else _number(n_word)
    if n is not None and m["half"]:
        n += 0.5
    code = UNIT_CODE[_unit(m["unit"])]
    if code.startswith("T"):
        code = "T" + code[1:]
    q = (m["q"] or m["q2"] or "").strip().lower()
    mod = QUANT_MOD.get(q) or _outside_mod(ctx, m.start())
    if m["q"] and m["the"]:  # "more than the past" is not a quantity of time
        return None
    return _timex(m, "DURATION", _amount(n, code), mod=mod)


@rule(rf"(?P<q>{QUANT}\s+)?(?P<lead>(?:the\s+)?(?:past|last|next|coming|recent|following|previous|ensuing)\s+(?:few\s+|several\s+)?)?(?P<unit>years|months|weeks|quarters|decades|centuries|days|hours|minutes)(?:-long)?")
def bare_units(m: re.Match, ctx: Context) -> Optional[Timex]:
    lead = re.sub(r"\s+", " ", (m["lead"] or "").lower()).strip()
    unit = _unit(m["unit"])
    before = ctx.before(m.start(), 12)
    if not lead and not m["q"]:
        if re.search(r"\b(?:\d+|the|these|those|their|his|her|its|our|my|your|early|later?|good|old|school|glory|dog|salad)\s+$", before):
            return None  # "the days of", "his school days"
        if re.match(r"\s+(?:of|ago|before|after|later|earlier)\b", ctx.after(m.end())):
            return None
    return _timex(m, "DURATION", _amount(None, UNIT_CODE[unit]), mod=QUANT_MOD.get((m["q"] or "").strip().lower()))


# -- sets -----------------------------------------------------------------------------------------
@rule(rf"(?P<every>every|each)\s+(?:(?P<other>other|single)\s+)?(?:(?P<n>{NUM})\s+)?(?P<what>{UNIT}s?|{WD}|{MON_FULL}|morning|afternoon|evening|night|weekend|quarter|spring|summer|fall|autumn|winter)")
def every(m: re.Match, ctx: Context) -> Optional[Timex]:
    what = m["what"].lower()
    if what in WEEKDAYS:
        return _timex(m, "SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}")
    if what.capitalize() in (MON_FULL[6:-1].split("|")):
        return _timex(m, "SET", f"XXXX-{month_number(what):02d}")
    if what in PARTS_OF_DAY:
        return _timex(m, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if what == "weekend":
        return _timex(m, "SET", "XXXX-WXX-WE")
    if what == "quarter":
        return _timex(m, "SET", "P1Q")
    if what in SEASON_START:
        return _timex(m, "SET", f"XXXX-{SEASON_CODES[SEASON_START[what]]}")
    n = _number(m["n"]) if m["n"] else (2 if (m["other"] or "").lower() == "other" else 1)
    code = UNIT_CODE[_unit(what)]
    return _timex(m, "SET", _amount(n, code))


SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
             "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W", "semiannually": "P6M", "bimonthly": "P2M"}


@rule(r"daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|semiannually|bimonthly|(?:per|a)\s+(?P<unit>year|month|week|day|hour)")
def set_word(m: re.Match, ctx: Context) -> Optional[Timex]:
    word = m.group(0).lower()
    if m["unit"]:
        if not re.search(r"(?:\d|\bcents?|\bdollars?|\btimes|\bonce|\btwice|percent|%|\bmillion|\bbillion)\s*$", ctx.before(m.start(), 25)):
            return None
        code = UNIT_CODE[m["unit"].lower()]
        return _timex(m, "SET", f"PT1{code[1:]}" if code.startswith("T") else f"P1{code}")
    if re.match(r"\s+(?:newspaper|paper|news|mail|telegraph|express|star|herald|journal|record|post|planet)\b", ctx.after(m.end()), re.I) \
            or re.match(r"(?-i:[A-Z])", m.group(0)) and ctx.before(m.start(), 2).strip() not in ("", ".", '"'):
        return None  # "the Daily Telegraph"
    if word == "quarterly" and re.match(r"\s+[a-z]", ctx.after(m.end())):
        return None  # "its quarterly dividend"
    if re.search(r"(?-i:[A-Z])\w*\s+$", ctx.text[max(0, m.start() - 15):m.start()]) and re.match(r"\s+(?-i:[A-Z])", ctx.after(m.end())):
        return None  # "the Communist Party daily Granma": a newspaper
    return _timex(m, "SET", SET_WORDS[word])


# -- PRESENT_REF, PAST_REF, FUTURE_REF ------------------------------------------------------------
@rule(r"now|currently|nowadays|these\s+days|at\s+present|at\s+the\s+moment|recently|lately|more\s+recently|most\s+recently|the\s+past|the\s+(?:near\s+|distant\s+|immediate\s+)?future|the\s+(?:near|short)\s+term|current|recent|future|the\s+present")
def reference(m: re.Match, ctx: Context) -> Optional[Timex]:
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word.startswith("the ") and word.endswith((" future", " term")):
        word = "the future"
    after = ctx.after(m.end(), 25).lower()
    before = ctx.before(m.start(), 15)
    if word == "now" and re.match(r"\s+(?:that|and then)\b", after):
        return None
    if word in ("now", "currently") and after.startswith(",") and not before.strip(" \"'`") or \
            word in ("now", "currently") and after.startswith(",") and re.search(r"[.!?\n]['\"`]*\s*$", before):
        return None  # "Now, ..." opening a sentence is a discourse marker, not a time
    if word in ("at present", "at the moment"):
        span = (m.start() + 3, m.end())
        return _timex(m, "DATE", "PRESENT_REF", span=span, anchor=ctx.dct.isoformat())
    if word == "the past" and re.match(r"\s+(?:few|several|\d|one|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|day|century)", after):
        return None
    if word == "the future" and re.match(r"\s+of\b", after):
        return None
    if word == "current" and re.match(r"\s+(?:account|affairs|events|flows?|of|and|in)\b", after):
        return None  # "current account", "the current of the river"
    if word == "recent" and not re.search(r"(?:the|a|in|its|his|her|their|most)\s+$", before):
        return None
    if word == "future" and not re.search(r"\b(?:the|near|in|distant|immediate|foreseeable)\s+$", before):
        return None
    if word == "soon" and re.match(r"\s+after\b", after):
        return None
    return _timex(m, "DATE", FUNCTION_REF[word], anchor=ctx.dct.isoformat())


# -- the tagger -----------------------------------------------------------------------------------
def _candidates(text: str) -> list[tuple[int, int, int, re.Match]]:
    found = []
    for order, (pattern, _) in enumerate(RULES):
        for m in pattern.finditer(text):
            if m.end() > m.start() and m.group(0).strip():
                found.append((m.start(), m.end(), order, m))
    return found


def _select(found: list) -> list:
    """Longest first; a candidate that overlaps one already taken is dropped."""
    taken: list = []
    for c in sorted(found, key=lambda c: (-(c[1] - c[0]), c[0], c[2])):
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c[0])


def _trim(t: Timex) -> Timex:
    """Whitespace and a trailing comma never belong to the extent."""
    s = t.text
    lead = len(s) - len(s.lstrip())
    s = s.strip().rstrip(",")
    return replace(t, start=t.start + lead, end=t.start + lead + len(s), text=s)


def tag_text(text: str, dct: date, doc=None, direction: Optional[Callable[[int, int], Direction]] = None,
             rules: DatingSettings = DEFAULT_RULES) -> list[Timex]:
    """Every TIMEX3 in a text, resolved against `dct`; `doc` (a spaCy parse) gives each clause's tense."""
    if direction is None:
        direction = _doc_direction(doc) if doc is not None else (lambda s, e: "none")
    ctx = Context(text, dct, direction, rules=rules)
    if doc is not None:
        ctx.modal_ahead = _doc_modal_ahead(doc)
    out: list[Timex] = []
    by_order = {order: handler for order, (_, handler) in enumerate(RULES)}
    for start, end, order, m in _select(_candidates(text)):
        ctx.pending, ctx.hold = [], False
        t = by_order[order](m, ctx)
        for found in [t, *ctx.pending]:
            if found is None:
                continue
            found = _trim(found)
            out.append(found)
            if found.type in ("DATE", "TIME") and found.earliest is not None and not ctx.hold:
                ctx.last = found
    return sorted(out, key=lambda t: t.start)


def _doc_direction(doc) -> Callable[[int, int], Direction]:
    """The tense of the clause an expression sits in; where its own verb has none ("will begin
    withdrawing troops on Friday"), the verbs above it decide."""
    from dateline.temporal.tense import governing_verb, span_direction, verb_direction

    def direction(start: int, end: int) -> Direction:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return "none"
        found = span_direction(span)
        verb = governing_verb(span.root)
        for _ in range(3):
            if found != "none" or verb is None:
                break
            verb = governing_verb(verb)
            found = verb_direction(verb) if verb is not None else "none"
        return found
    return direction


def _doc_modal_ahead(doc) -> Callable[[int, int], bool]:
    from dateline.temporal.tense import ahead_by_modal

    def modal_ahead(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 0 and ahead_by_modal(span)
    return modal_ahead


def tag_uncertain(text: str, earliest: Optional[date], latest: Optional[date], doc=None,
                  rules: DatingSettings = DEFAULT_RULES) -> list[Timex]:
    """Tag against a publication date known only to lie in [earliest, latest]: resolved at both ends;
    a value that differs keeps only its extent and type (absolute dates agree and stand). With no
    date at all, two far-apart dates play the ends, so that only absolute values survive."""
    if earliest is None or latest is None:
        earliest, latest = date(1900, 6, 15), date(2100, 6, 15)
    first = tag_text(text, earliest, doc, rules=rules)
    if earliest == latest:
        return first
    second = {(t.start, t.end): t for t in tag_text(text, latest, doc, rules=rules)}
    return [_agree(a, second.get((a.start, a.end), replace(a, value=None))) for a in first]


def _agree(a: Timex, b: Timex) -> Timex:
    if (a.start, a.end, a.value) == (b.start, b.end, b.value) and (a.earliest, a.latest) == (b.earliest, b.latest):
        return a
    if a.value and a.value == b.value:
        return replace(a, earliest=min(filter(None, (a.earliest, b.earliest)), default=None),
                       latest=max(filter(None, (a.latest, b.latest)), default=None))
    keep = a.value if a.value and a.value.startswith(("P", "XXXX", "PRESENT", "PAST", "FUTURE")) else None
    return replace(a, value=keep, anchor=None, earliest=None, latest=None, precision="none")
