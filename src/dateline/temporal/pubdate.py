"""Publication dates: from metadata when a source gives one, otherwise inferred from the
text only as far as the text allows, always with an interval, a most likely day where the
evidence favours one, and the evidence.

A date stamped in the article's head ("TOKYO, Dec. 3, 2016", "Published: ...", a date with a
clock time) is the publication date. Otherwise every piece of evidence becomes a constraint on
the publication day (temporal/constraints.py intersects them, dropping what conflicts with
heavier evidence, with a note):
- a dated expression and the tense of its clause: "met on June 3, 2021" → on or after 3 June
  2021; "will meet on June 20, 2021" → on or before it (a bare present, a modal, or a date that
  dates a noun, "the 2011 race", bounds nothing);
- a date ahead without a year: "will meet on Jan. 22" → before 22 January of the current year,
  or of the next one when it is at most four months ahead; "a summit in June" ahead → by the end of
  June (a schedule "in June" is written in June too); a month behind without a year → within the year after it began;
- a year spoken of as the current one ("wants to make 2019 a historic year"), "later this month,
  on Dec. 15", a dateline without a year ("MOSCOW, Jan. 14": that day or the next);
- stamps of comments and updates on the page (after publication; posts stamped newest first are a listing of
  older entries, which bounds nothing above), a note that the article was amended on a day, a crawl date;
- a photo caption's day ("... in Tokyo Wednesday, Oct. 15, 2008."): that day or within the week after;
- hints about the collection: the span of the corpus's dated articles.
Weekdays ("said Monday": the day or the day after), the dateline's own day and the latest
event the lead reports choose the most likely day inside the interval; they never narrow it.
The precision shown is the finest one the interval fits in, so a guess is never shown as a
certain day. Evidence from outside the article's own sentences (a day in a caption or teaser beside "earlier
this month") or contradicted by the text itself (a date read as ahead that another clause puts behind) is left
out with a note.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from typing import Iterable, NamedTuple, Optional

from dateline.models import PublicationDate
from dateline.settings import DatingSettings
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
)
from dateline.temporal.constraints import (
    DOMAIN_START,
    ONE_DAY,
    Constraint,
    Solution,
    every_year,
    intersect,
    merge,
    most_likely,
    narrow_publication,
)
from dateline.temporal.resolve import classify, normalise, resolve_interval

_YEAR = r"((?:19|20)\d{2})"
CURRENT_YEAR_PATTERNS = [
    re.compile(rf"\bmak(?:e|es|ing)\s+(?:the\s+year\s+)?{_YEAR}\s+(?:a|an|the)\s+[^.]{{0,40}}?\byear\b", re.I),
    re.compile(rf"\bthis year,?\s*\(?{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR},?\s+this year\b", re.I),
    re.compile(rf"\bso far (?:in|this year,?)\s+{_YEAR}\b", re.I),
    re.compile(rf"\bin {_YEAR} so far\b", re.I),
    re.compile(rf"\bthe current year,?\s+{_YEAR}\b", re.I),
]


_MONTH_YEAR = re.compile(rf"\b(?:{MONTH_RE})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d{{2}}\b", re.I)
_THIS_MONTH = re.compile(r"\b(earlier|later) this month\b", re.I)
_MONTH_DAY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)


# where a sentence ends: a stop before a capital (not "Dec. 15"), or a line's end (T17 and run-on pages put
# captions and teasers on lines of their own)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”]?\s+(?=[A-Z\"“])|\n")


def month_anchor(text: str, window: int = 80, ahead: Iterable[tuple[int, int]] = ()) -> Optional[tuple[int, int, str, str]]:
    """(month, day, "earlier"/"later", passage) when "this month" stands beside a named day.

    With no day beside it, "later this month" takes its month from the days without a year that the
    article speaks of as ahead (`ahead`: (month, day) pairs), when they all fall in one month ("the summit
    takes place later this month" ... "the leaders will meet on Dec. 15 and 16"). Days spoken of in the
    past say nothing of the month of writing (the "April 20 explosion" recalled in June; "since September
    11"), so "earlier this month" with no day beside it gives no month."""
    ahead = list(ahead)
    for phrase in _THIS_MONTH.finditer(text):
        # beside it: within `window` characters and in its own sentence (a day in a caption or a teaser on the
        # line before is another story's)
        left = max([0] + [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, phrase.start())])
        after = _SENTENCE_BREAK.search(text, phrase.end())
        right = after.start() + 1 if after else len(text)
        passage = text[max(left, phrase.start() - window):min(right, phrase.end() + window)]
        days = _MONTH_DAY.findall(passage)
        if len({month_number(m) for m, _ in days}) == 1:
            return month_number(days[0][0]), int(days[0][1]), phrase.group(1).lower(), _sentence_around(text, phrase.start(), phrase.end())
        if phrase.group(1).lower() == "later" and ahead and len({m for m, _ in ahead}) == 1:
            return ahead[0][0], min(d for _, d in ahead), "later", _sentence_around(text, phrase.start(), phrase.end())
    return None


_DATELINE = re.compile(rf"^\s*[A-Z][A-Z .'-]{{2,40}},\s+((?i:{MONTH_RE}))\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})", re.M)
# the same dateline inside a run-on head, where a wire's name or a dash after it shows it is one:
# "... 4:01 pm BST GENEVA, May 26 (Reuters) - The ...", "UNITED NATIONS, Nov. 24 -- The ...", and with the
# state or country the wires add to a lesser-known place: "OXFORD, Miss., Sept. 26 --", "BENGHAZI, Libya, March 8"
_DATELINE_INLINE = re.compile(rf"(?<![A-Za-z])[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){{0,3}}"
                              rf"(?:,\s+[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){{0,2}})?,\s+((?i:{MONTH_RE}))\s+(\d{{1,2}})\b"
                              r"(?!,?\s*\d{4})\s*(?:\([A-Za-z .&-]{2,30}\)\s*)?(?:-|--|\u2013|\u2014)\s")
# and a wire's own form, the agency named before the dash, with or without the place and its comma: "ROME Feb 21
# (Reuters) - ", "Aug 21 (Reuters) - ", "July 21 (Bloomberg) -- "
_DATELINE_WIRE = re.compile(rf"(?<![A-Za-z])((?i:{MONTH_RE}))\.?\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})\s*\([A-Z][A-Za-z .&-]{{1,30}}\)\s*"
                            r"(?:-|--|\u2013|\u2014)\s")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


# "Published", "Updated" heading a stamp, at the line's start or after a bar or a dash, never after a word of prose
# ("a still image taken from a video posted on September 3, 2011": a caption's, not the page's)
_STAMP_BEFORE = re.compile(r"(?:(?:^|(?<=[|•·–—:;-])|(?<=[|•·–—:;-] )|(?<![a-z] )(?<![a-z], ))"
                           r"(?i:aired|published|updated|posted|last updated|issued)(?i: on)?:?"
                           r"|^\s*[A-Z][A-Za-z .'/\\-]{1,40}\s*[|,])\s*(?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$", re.M)
_LINE_START = re.compile(r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$", re.I)
_STAMP_AFTER = re.compile(r"^\s*(?:[;:,|-]|at|\s)\s*\d{1,2}:\d{2}|^\s*(?:\||last updated)", re.I)
_ZONE = r"(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|[ECMP][SD]?T|UK time)"
# a clock beside the date, in the forms pages print it: "13.19 BST", "09:53 AM, Thursday, 21 May 2009"
_STAMP_CLOCK_NEAR_AFTER = re.compile(rf"^,?\s*(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}\.\d{{2}}\s*{_ZONE})", re.I)
_STAMP_CLOCK_NEAR_BEFORE = re.compile(rf"\d{{1,2}}[:.]\d{{2}}\s*{_ZONE}?,?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$", re.I)
# a date written after its weekday and not governed by a preposition ("Tuesday 8 June 2010 ...") is a
# page's stamp; prose says "on Tuesday, June 8" or "since Tuesday 8 June"
_STAMP_WEEKDAY_BEFORE = re.compile(r"(?<![A-Za-z])(?<!\bon )(?<!\bOn )(?<!\bby )(?<!\buntil )(?<!\bsince )(?<!\bfrom )(?<!\bbefore )(?<!\bafter )(?<!\blast )(?<!\bnext )(?<!\bof )(?<!\bto )(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*$", re.I)
# what follows a date that ends a sentence or goes on with a place: a caption's ("... in Tokyo Wednesday, Oct. 15,
# 2008.", "... Wednesday Oct. 15, 2008 in Shanghai, China."), not a stamp's
_CAPTION_END = re.compile(r"^\s*(?:[.;)]|(?:in|at|near|outside|off)\s)")
_COMMENT_AFTER = re.compile(r"^\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*\|\s*(?:report|reply\b)", re.I)


_STAMP_CLOCK_AFTER = re.compile(r"^(?:,|;|\s[-–|])?\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?", re.I)
_STAMP_CLOCK_BEFORE = re.compile(r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?,?\s*(?:on\s+)?$", re.I)


def page_stamps(text: str) -> list[tuple[str, Interval]]:
    """Dates written with a clock time beside them ("February 14, 2011 at 8:35 am | Report abuse",
    "At 7:24 pm on 01 Jun 2009, a reader wrote", "February 27th, 2011 1:45 am ET"): stamps of
    posts on the page (comments, updates), which come after publication, not events a clause
    speaks of."""
    stamps = []
    for words, interval in find_full_dates(text):
        for m in re.finditer(re.escape(words), text):
            if _STAMP_CLOCK_AFTER.match(text[m.end():m.end() + 20]) or _STAMP_CLOCK_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                stamps.append((words, interval))
                break
    return stamps


# a note written after publication: the page was changed ("This article was amended on 14 and 21 May 2010",
# "This article was updated at 1pm on 10 June 2010"), or it went to print, which follows the web or falls on its day
# ("A version appeared on p6 of the Main section of the Guardian on Saturday 29 May 2010")
_AMENDED = re.compile(rf"\b(?:(?:this|the) (?:article|story|report|page) (?:was|has been) (?:amended|corrected|updated|changed)"
                      rf"(?: at [^.\n]{{1,20}}?)?"
                      rf"|(?:a version(?: of this (?:article|story))?|this (?:article|story)) (?:appeared|was published) "
                      rf"(?:on p(?:age)? ?\d+ of|in) [^.\n]{{1,80}}?(?: (?:on|at) \d{{1,2}}[.:]\d{{2}}(?: ?[A-Z]{{2,4}})?)?) on "
                      rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
                      rf"(\d{{1,2}})(?:st|nd|rd|th)?((?:(?:,| and| &) ?\d{{1,2}}(?:st|nd|rd|th)?)*) ({MONTH_RE}),? ((?:19|20)\d{{2}})", re.I)


# a correction printed later in the paper's corrections column ("The following correction was printed in the
# Guardian's Corrections and clarifications column, Sunday March 27, 2005"), the day written either way round
_CORRECTED = re.compile(rf"\bcorrections? (?:was|were) (?:printed|published|made|appended|added) (?:in|to) [^.\n]{{1,80}}?,? "
                        rf"(?:on )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:({MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?"
                        rf"|(\d{{1,2}})(?:st|nd|rd|th)? ({MONTH_RE})),? ((?:19|20)\d{{2}})", re.I)


_PRINT_EDITION = re.compile(r"(?:a version|this (?:article|story) (?:appeared|was published))", re.I)


def amendment_notes(text: str) -> list[tuple[str, date]]:
    """The words of each note written after publication (an amendment, the print edition), and the first day it names."""
    found = []
    for m in _AMENDED.finditer(text):
        try:
            found.append((m.group(0), date(int(m[4]), month_number(m[3]), int(m[1]))))
        except (ValueError, TypeError):
            continue
    for m in _CORRECTED.finditer(text):
        try:
            found.append((m.group(0), date(int(m[5]), month_number(m[1] or m[4]), int(m[2] or m[3]))))
        except (ValueError, TypeError):
            continue
    return found


def _in_page_order(text: str, stamps: list[tuple[str, Interval]]) -> list[tuple[str, Interval]]:
    """The stamps as they stand down the page (the same place: the earlier day first)."""
    return sorted(stamps, key=lambda s: (text.find(s[0]), s[1].latest, s[0]))


def _newest_first(text: str, stamps: list[tuple[str, Interval]]) -> list[str]:
    """The stamps' words when there are two or more on different days and each stands below a later one."""
    placed = _in_page_order(text, stamps)
    days = [interval.latest for _, interval in placed]
    if len(set(days)) < 2 or any(a < b for a, b in zip(days, days[1:])):
        return []
    return [words for words, _ in placed]


def _sure_after(text: str, stamps: list[tuple[str, Interval]]) -> tuple[str, Interval]:
    """Of posts stamped but not signed as comments, the one sure to come after publication: the first, when they
    run oldest first down the page, as a thread of comments does (on the T17 pages, 47 of 47 such threads begin on
    or after the article's day); else the latest, since a page may list older entries above or below its own."""
    placed = _in_page_order(text, stamps)
    days = [interval.latest for _, interval in placed]
    if all(a <= b for a, b in zip(days, days[1:])):
        return placed[0]
    return max(stamps, key=lambda s: s[1].latest)


# a reader's comment signed below the article: "Posted by: JackSmith1 | September 25, 2008 7:25 PM | Report abuse"
_COMMENT_SIGNATURE = re.compile(r"\|\s*(?:report abuse|reply)\b|\bposted by\s*:\s*[^|\n]{1,60}\|\s*[^|\n]{1,40}\d{1,2}:\d{2}", re.I)


def reader_comments_start(text: str) -> Optional[int]:
    """Where readers' comments begin on a page that carries them: the first comment's signature. The text before
    may hold that first comment; everything after is readers', written after publication."""
    m = _COMMENT_SIGNATURE.search(text)
    return m.start() if m else None


_COMMENT_BEFORE = re.compile(r"\bposted by\s*:?\s*[^|\n]{1,60}\|\s*$", re.I)


# a stamp, its clock and zone, then a byline: "Apr 29, 2009 09:23 UTC By Niu Shuping and Ken Wills Nevermind that ..."
_BYLINE_AFTER = re.compile(r"^\s*,?\s*(?:(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?)?\s*(?:[-–|]\s*)?"
                           r"By\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+")


def _entry_stamp(text: str, words: str) -> bool:
    """Whether a stamp dates an entry with its own byline (a blog page listing its older posts below the newest), not a
    comment or an update of the article: it says the page lists it, not that it came after."""
    return all(_BYLINE_AFTER.match(text[m.end():m.end() + 80]) for m in re.finditer(re.escape(words), text))


def _comment_stamp(text: str, words: str) -> bool:
    """Whether a stamp is a reader's comment's ("March 3, 2012 at 7:53 am | Report abuse", "Posted by: reader |
    January 16, 2009 8:56 PM")."""
    return any(_COMMENT_AFTER.match(text[m.end():m.end() + 40]) or _COMMENT_BEFORE.search(text[max(0, m.start() - 80):m.start()])
               for m in re.finditer(re.escape(words), text))


def caption_date(head: str) -> Optional[tuple[str, Interval]]:
    """A date after its weekday that ends a caption's sentence or goes on with a place ("... the oil spill,
    Friday, May 14, 2010.", "... in Tokyo Wednesday, Oct. 15, 2008."): the day a photo on the page was taken,
    the latest of them when the head has several."""
    found = []
    for words, interval in find_full_dates(head):
        for m in re.finditer(re.escape(words), head):
            before = head[head.rfind("\n", 0, m.start()) + 1:m.start()]
            if _STAMP_WEEKDAY_BEFORE.search(before[-20:]) and _CAPTION_END.match(head[m.end():m.end() + 20]):
                found.append((words, interval))
                break
    return max(found, key=lambda f: f[1].latest) if found else None


# a broadcast's transcript names the day it aired: "This is a rush transcript from "Hannity," June 7, 2010"
_TRANSCRIPT = re.compile(r"\bthis is an? (?:rush |partial |full )?transcript (?:from|of)\b[^.\n]{0,80}$", re.I)


def transcript_date(text: str) -> Optional[tuple[str, Interval]]:
    """The day the broadcast a transcript records went on air, from the line that says so. A page that never says
    "transcript" is not read for dates again (page_stamps reads them)."""
    if "transcript" not in text.lower():
        return None
    for words, interval in find_full_dates(text):
        for m in re.finditer(re.escape(words), text):
            if _TRANSCRIPT.search(text[max(0, m.start() - 120):m.start()]):
                return words, interval
    return None


# a clock that a preposition governs is prose, not a stamp: "cases reported as of 17:00 GMT 15 June 2009"
_CLOCK_GOVERNED = re.compile(r"\b(?:as of|by|until|till|before|after|since|from)\s*$", re.I)


def _clock_stamp_before(before: str) -> bool:
    """Whether the words before a date end with a stamp's clock ("13.19 BST 21 May 2009"), not a sentence's."""
    m = _STAMP_CLOCK_NEAR_BEFORE.search(before[-40:])
    if m is None:
        return False
    return not _CLOCK_GOVERNED.search(before[:len(before) - len(before[-40:]) + m.start()])


# a related video's or item's stamp, as a news site's media module prints it beside the item's title: "updated:"
# in lower case, then the day and a machine clock with seconds ("updated: Wed Jun 06 2012 23:03:00"); in T17 five of
# the six pages with one were published on another day
_MEDIA_ITEM_BEFORE = re.compile(r"(?<![A-Za-z])updated: (?i:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?$")
_CLOCK_SECONDS_AFTER = re.compile(r"^\s+\d{1,2}:\d{2}:\d{2}\b")


def head_dates(head: str):
    """The date the head stamps the article with, and the stamps of readers' comments.

    A full date in the head is the publication date only when it is written as a stamp (never inside a note of
    amendment or correction, which is written after publication): after
    "Published", "Updated", "Aired" or a dateline's city ("TOKYO, Dec. 3, 2016"), or followed by a
    clock time or a byline bar ("Dec. 3, 2016 9:01 pm", "February 13, 2011 | From ..."), or alone on
    its line. A date inside a sentence (a photo caption, "after Sept. 11, 2001") is an event, and
    a stamp followed by "| Report abuse" is a reader's comment, posted after publication."""
    stamp = None
    weak = None  # a date after its weekday and nothing else: the form of a page's stamp, and of a photo caption's
    comments = []
    notes = [(m.start(), m.end()) for pattern in (_AMENDED, _CORRECTED) for m in pattern.finditer(head)]
    found = find_full_dates(head)
    for words, interval in found:
        for m in re.finditer(re.escape(words), head):
            if any(start <= m.start() < end for start, end in notes):
                continue  # a note of amendment or correction, written after publication: read as one
            before = head[head.rfind("\n", 0, m.start()) + 1:m.start()]
            after = head[m.end():m.end() + 40]
            if _MEDIA_ITEM_BEFORE.search(before) and _CLOCK_SECONDS_AFTER.match(after):
                continue  # a related video's stamp beside its title ("updated: Wed Aug 10 2011 10:52:00"), not the page's
            line_end = head.find("\n", m.end())
            rest_of_line = head[m.end():line_end if line_end != -1 else len(head)]
            if _COMMENT_AFTER.match(after):
                comments.append((words, interval))
            elif stamp is None and (_STAMP_BEFORE.search(before) or _STAMP_AFTER.match(after)
                                    or (_LINE_START.match(before) and not rest_of_line.strip(" .;|"))
                                    or _STAMP_CLOCK_NEAR_AFTER.match(after) or _clock_stamp_before(before)):
                stamp = (words, interval)
            elif weak is None and _STAMP_WEEKDAY_BEFORE.search(before[-20:]) and not _CAPTION_END.match(after):
                weak = (words, interval)
    # captions of a photo gallery ("in Tokyo Wednesday, Oct. 15, 2008", "in Seoul, Thursday, Oct. 16, 2008") have that
    # form too: it is the publication date only when the head names no other day
    if stamp is None and weak is not None and all(i.earliest == weak[1].earliest for _, i in found):
        stamp = weak
    return stamp, comments


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



# How much each kind of evidence weighs when evidence conflicts (see temporal/constraints.py), and how far
# each reaches: the `rules` (settings.DatingSettings) that infer_publication_date takes.
DEFAULT_RULES = DatingSettings()


class Mention(NamedTuple):
    """A time expression as the analysis found it: its words, the tense of its clause, where it stands."""

    text: str
    direction: str = "none"  # past / future / none
    sentence: int = 0
    quoted: bool = False
    loose: bool = False  # the clause's tense is a bare present or a modal: it bounds nothing


_YEARLESS_DAY = re.compile(rf"^({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?(?:(?: and |-| to |/)(\d{{1,2}}))?$")
_YEARLESS_DAY_FIRST = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?(?:(?: and |-)(\d{{1,2}}))? ({MONTH_RE})$")
_YEARLESS_MONTH = re.compile(rf"^(?:(early|mid|late)[- ])?({MONTH_RE})$")
_PART_DAYS = {None: (1, 31), "early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_BARE_WEEKDAY = re.compile(r"^(?:early |late )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:morning|afternoon|evening|night))?$")


_WEEKDAY_AND_DAY = re.compile(rf"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:({MONTH_RE})\s+(\d{{1,2}})|(\d{{1,2}})\s+({MONTH_RE}))(?:st|nd|rd|th)?$", re.I)


def _weekday_and_day(words: str) -> Optional[tuple[int, int, int]]:
    """(weekday, month, day) for "Wednesday, Oct. 15" / "Thursday 4 August" written without a year."""
    m = _WEEKDAY_AND_DAY.match(words.strip())
    if m is None:
        return None
    month = month_number(m[2] or m[5])
    if month is None:
        return None
    return WEEKDAYS[m[1].lower()], month, int(m[3] or m[4])


def _day(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None


def _yearless(s: str) -> Optional[tuple[int, int, int, str]]:
    """(month, first day, last day, what) for a month and day or a month written without a year."""
    m = _YEARLESS_DAY.match(s)
    if m:
        return month_number(m[1]), int(m[2]), int(m[3] or m[2]), "day"
    m = _YEARLESS_DAY_FIRST.match(s)
    if m:
        return month_number(m[3]), int(m[1]), int(m[2] or m[1]), "day"
    m = _YEARLESS_MONTH.match(s)
    if m:
        lo, hi = _PART_DAYS[m[1]]
        return month_number(m[2]), lo, hi, "month"
    return None


def _periodic(make, last_year: int) -> tuple:
    return every_year(make, DOMAIN_START.year, last_year)


def mention_constraints(mentions: Iterable[Mention], last_year: int, rules: DatingSettings = DEFAULT_RULES,
                        notes: Optional[list[str]] = None) -> tuple[list[Constraint], list[tuple[Constraint, float]], list[date]]:
    """Hard(er) constraints, soft preferences for the likely day, and the days of reported past events;
    what was left out and why goes to `notes`."""
    mentions = list(mentions)
    notes = notes if notes is not None else []
    # a dated expression the text speaks of in the past is behind the writer: where another clause reads the same
    # date as ahead, that reading is a plan told of ("a concert expected in September 2009 was cancelled") or a
    # misread tense, and bounds nothing
    behind = set()
    for mention in mentions:
        if mention.direction == "past" and not mention.loose and classify(mention.text) == "date":
            absolute = resolve_interval(mention.text, None)
            if absolute is not None:
                behind.add((absolute.earliest, absolute.latest))
    # and a month named with its year in the past is the one the same month without a year means: "the fall of the
    # regime in January" read as ahead (a month ahead has not begun) beside "in early January 2011" behind is that
    # January, not the next
    months_behind = {(lo.year, lo.month) for lo, hi in behind if (lo.year, lo.month) == (hi.year, hi.month)}
    constraints: list[Constraint] = []
    preferences: list[tuple[Constraint, float]] = []
    past_days: list[date] = []
    lead_weekday_seen = False
    for mention in mentions:
        if mention.direction not in ("past", "future") or mention.loose or classify(mention.text) != "date":
            continue
        if _CLOCK.search(mention.text):
            continue  # "November 18, 2010 1:28 PM": a page's or a reader's stamp, not an event a clause speaks of
        if mention.quoted and mention.direction == "future":
            continue  # said before publication, perhaps long before: a future it speaks of bounds nothing
        s = normalise(mention.text)
        words = mention.text.strip()
        lead = mention.sentence < rules.lead_sentences and not mention.quoted
        absolute = resolve_interval(mention.text, None)
        if absolute is not None:
            if mention.direction == "past":
                constraints.append(Constraint.between(absolute.earliest, None, rules.w_tense,
                                                      f"“{words}” spoken of in the past: published on or after {absolute.earliest}"))
                if absolute.precision == "day":
                    past_days.append(absolute.latest)
                    if lead:
                        preferences.append((Constraint.between(absolute.latest, absolute.latest + timedelta(days=rules.lead_news_days), 0.0,
                                                               f"within {rules.lead_news_days} days of the lead's “{words}”"), 0.5))
            elif (absolute.earliest, absolute.latest) in behind:
                notes.append(f"“{words}” is spoken of as ahead and, elsewhere, in the past: the reading ahead is left out")
            elif absolute.precision in ("day", "week", "month"):
                # a bare year in a future clause is as often a comparison ("the worst since 1989") as a date ahead
                constraints.append(Constraint.between(None, absolute.latest, rules.w_tense,
                                                      f"“{words}” spoken of as ahead: published on or before {absolute.latest}"))
            continue
        weekday_day = _weekday_and_day(words)
        if weekday_day is not None and not mention.quoted:
            # "Wednesday, Oct. 15": the years in which that day is that weekday (every five to eleven years)
            weekday, month, day = weekday_day
            lag = (0, rules.yearless_past_days) if mention.direction == "past" else (-rules.yearless_cross_days, 0)

            def window(year, month=month, day=day, weekday=weekday, lag=lag):
                when = _day(year, month, day)
                if when is None or when.day != day or when.weekday() != weekday:
                    return None
                return when + timedelta(days=lag[0]), when + timedelta(days=lag[1])
            side = (f"published on or after it, within {rules.yearless_past_days} days" if mention.direction == "past"
                    else f"published on or before it, within {rules.yearless_cross_days} days")
            constraints.append(Constraint(_periodic(window, last_year), rules.w_yearless,
                                          f"“{words}” (a weekday with a day, so the year is one in which they fall together) "
                                          f"spoken of {'in the past' if mention.direction == 'past' else 'as ahead'}: {side}"))
            continue
        yearless = _yearless(s)
        if yearless is not None:
            # News style leaves the year out for dates of the current year, and for dates ahead across
            # New Year only when they are close. Dates behind may lie up to a year back ("the April 20
            # explosion" written in January; "protests in January" written in January). A month
            # ahead has not ended: "a meeting in February" ahead is mostly written before February,
            # but a schedule or a tour "in September" is written in September too.
            month, first, last, what = yearless
            name = calendar.month_name[month]
            whole_month = what == "month" and first == 1 and last >= 28
            # (a day ahead in a month already begun is no conflict: "25 Feb" ahead beside "February 2011" behind)
            named_behind = sorted(y for y, m in months_behind if m == month) if whole_month else []
            if mention.direction == "future" and named_behind:
                notes.append(f"“{words}” is spoken of as ahead, but the text speaks of {name} {named_behind[-1]} in the past: "
                             f"the reading ahead is left out")
            elif mention.direction == "future":
                def before(year, month=month, first=first, last=last):
                    # "at most about four months ahead" counts to where the month or the days begin
                    start, end = _day(year, month, first), month_end(year, month) if whole_month else _day(year, month, last)
                    if start is None or end is None:
                        return None
                    return min(date(year, 1, 1), start - timedelta(days=rules.yearless_cross_days)), end
                until = f"by the end of {name}" if whole_month else f"on or before {last} {name}"
                constraints.append(Constraint(_periodic(before, last_year), rules.w_yearless,
                                              f"“{words}” spoken of as ahead: published {until}, in the year it names or within "
                                              f"{rules.yearless_cross_days} days before it"))
            elif whole_month:
                def after(year, month=month):
                    return date(year, month, 1), date(year + 1, month, 1) - ONE_DAY
                constraints.append(Constraint(_periodic(after, last_year), rules.w_yearless,
                                              f"“{words}” spoken of in the past: published after {name} began, within the year after"))
            elif what == "day" and lead:
                def news(year, month=month, last=last):
                    end = _day(year, month, last)
                    return None if end is None else (end, end + timedelta(days=rules.lead_news_days))
                preferences.append((Constraint(_periodic(news, last_year), 0.0, f"within {rules.lead_news_days} days of the lead's “{words}”"), 0.5))
            continue
        m = _BARE_WEEKDAY.match(s)
        if m and mention.direction == "past" and not mention.quoted:
            target = WEEKDAYS[m[1]]
            weight = 1.0 if lead and not lead_weekday_seen else 0.25
            lead_weekday_seen = lead_weekday_seen or lead
            days = {target, (target + 1) % 7}
            preferences.append((_weekday_days(days, last_year, f"the day of “{words}” or the day after"), weight))
    return constraints, preferences, past_days


def _weekday_days(weekdays: set[int], last_year: int, evidence: str) -> Constraint:
    start = DOMAIN_START
    ranges = []
    end = date(last_year, 12, 31)
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            ranges.append((day, day))
        day += ONE_DAY
    return Constraint(tuple(merge(ranges)), 0.0, evidence)


def _day_or_week_after(words: str, interval: Interval, what: str, rules: DatingSettings) -> Constraint:
    """The day a page records its news on (a photo taken, a programme aired): published that day or within the
    `rules.weekday_span_days` after it."""
    span = rules.weekday_span_days
    return Constraint.between(interval.earliest, interval.latest + timedelta(days=span), rules.w_dateline,
                              f"{what} “{words}”: published that day or within {span} days after")


def _after_publication(page: str, comments: list, rules: DatingSettings,
                       notes: list[str]) -> tuple[list[Constraint], set[str], list]:
    """What the page says was written after publication (readers' posts and their stamps, notes of amendment, the
    print edition) as constraints; with the words of the stamps and the notes, which name no event the text tells.
    What bounds nothing, and why, goes to `notes`."""
    constraints: list[Constraint] = []
    for words, interval in comments:
        constraints.append(Constraint.between(None, interval.latest, rules.w_tense,
                                              f"a reader's comment stamped “{words}”: published on or before {interval.latest}"))
    stamps = page_stamps(page)
    stamped = {normalise(words) for words, _ in stamps}
    # A reader's comment ("| Report abuse") comes after publication; another stamped post may be one of
    # the older entries a blog page lists, so of those only the one _sure_after picks bounds publication.
    is_comment = [_comment_stamp(page, w) for w, _ in stamps]
    marked = [s for s, c in zip(stamps, is_comment) if c]
    # a stamp among readers' comments that signs none of them is one a reader quotes ("Submitted by X on Mon,
    # 2008-09-15 23:19", pasted from another site): no post of this page
    comments_from = reader_comments_start(page)
    unmarked = [s for s, c in zip(stamps, is_comment) if not c and (comments_from is None or page.find(s[0]) < comments_from)]
    posts = marked + unmarked
    amended = amendment_notes(page)
    for words, day in amended:
        constraints.append(Constraint.between(None, day, rules.w_tense,
                                              f"a note written after publication (an amendment or the print edition), “{words}”: published on or before {day}"))
        if _PRINT_EDITION.match(words):
            lag = rules.print_lag_days
            constraints.append(Constraint.between(day - timedelta(days=lag), None, rules.w_yearless,
                                                  f"the print edition follows the web within {lag} days: published on or after "
                                                  f"{day - timedelta(days=lag)}"))
    entries = [words for words, _ in unmarked if _entry_stamp(page, words)]
    if entries:
        unmarked = [s for s in unmarked if s[0] not in entries]
        notes.append(f"the page lists an entry with its own byline ({', '.join(dict.fromkeys(entries))}): one of a blog's "
                     f"posts, not a comment or an update, so it bounds nothing above")
    listing = _newest_first(page, unmarked)
    if listing:
        # posts stamped newest first down the page are a listing (a blog's front page, a live page): the text on top
        # may be a newer entry than every stamp, by months on a blog seldom written (on the T17 pages, 4 of 18 such
        # pages came more than 6 days after their newest stamp), so they bound nothing above
        unmarked = []
        notes.append(f"the page lists posts newest first ({', '.join(dict.fromkeys(listing))}): the text on top may be "
                     f"newer than all of them, so they bound nothing above")
    for words, interval in marked + ([_sure_after(page, unmarked)] if unmarked else []):
        constraints.append(Constraint.between(None, interval.latest, rules.w_tense,
                                              f"a post on the page stamped “{words}” (a comment or an update): published on or before {interval.latest}"))
    first_post = min([interval.latest for _, interval in comments] + [interval.latest for _, interval in posts], default=None)
    if first_post is not None:
        constraints.append(Constraint.between(first_post - timedelta(days=rules.comment_lag_days), None, rules.w_yearless,
                                              f"the page's first stamped post ({first_post}) comes within {rules.comment_lag_days} days "
                                              f"of publication: published on or after {first_post - timedelta(days=rules.comment_lag_days)}"))
    return constraints, stamped, amended


def infer_publication_date(
    head: str,
    text: str,
    past_expressions: Iterable[str] = (),
    crawled: Optional[str] = None,
    mentions: Optional[Iterable[Mention]] = None,
    hints: Iterable[Constraint] = (),
    rules: DatingSettings = DEFAULT_RULES,
    page: Optional[str] = None,
) -> PublicationDate:
    """Infer from the raw head (first lines, chrome included), the body, the time expressions the
    analysis found with their tense (`mentions`; or, as before, only the past-tense ones as
    `past_expressions`), a crawl date, and hints about the collection (outlet, manifest, corpus);
    `rules`: how much each kind of evidence weighs and how far it reaches. `page`: the whole page as
    scraped, where it is not `text`: what was written on it after publication (readers' posts and their
    stamps, notes of amendment, the print edition) is read there, as cleaning cuts it from the body."""
    page = text if page is None else page
    stamp, comments = head_dates(head)
    if stamp is not None:
        return _from_stamp(stamp, head, list(hints))

    today = date.today()
    last_year = today.year + 1
    constraints: list[Constraint] = list(hints)
    preferences_head: list[tuple[Constraint, float]] = []
    caption = caption_date(head)
    if caption is not None:
        # a photo is taken on the day of its news or before, and published with the story that day or within the
        # week after: a window, with its day the most likely, not the publication date itself
        words, interval = caption
        constraints.append(_day_or_week_after(words, interval, "a photo caption dated", rules))
        preferences_head.append((Constraint.between(interval.earliest, interval.latest, 0.0, f"the caption's day, {words}"), 3.0))
    transcript = transcript_date(page)
    if transcript is not None:
        # a transcript goes up after its broadcast, while the programme is news
        constraints.append(_day_or_week_after(*transcript, "a transcript of a broadcast aired", rules))
    notes: list[str] = []
    found_after, stamped, amended = _after_publication(page, comments, rules, notes)
    constraints += found_after

    current_year = None
    for pattern in CURRENT_YEAR_PATTERNS:
        m = pattern.search(text)
        sentence = _sentence_around(text, m.start(), m.end()) if m else ""
        if m and not _MONTH_YEAR.search(sentence):
            # (a sentence framed by a month of a year, "In August 2008, the CMA claimed that 21,000 will die this year
            # (2008)", speaks of that time's year, not the writer's)
            current_year = int(m.group(1))
            constraints.append(Constraint.between(date(current_year, 1, 1), date(current_year, 12, 31), rules.w_current_year,
                                                  f"year spoken of as the current one: “{sentence}”"))
            break

    if mentions is None:
        mentions = [Mention(e, "past") for e in past_expressions]
    # the days a stamp or a note of amendment names are no events a clause speaks of
    mentions = [m for m in mentions if normalise(m.text) not in stamped and not any(m.text.strip() in w for w, _ in amended)]
    found, preferences, past_days = mention_constraints(list(mentions), last_year, rules, notes)
    preferences += preferences_head
    constraints += found

    if crawled:
        crawl = parse_date_string(crawled)
        if crawl is not None:
            constraints.append(Constraint.between(None, crawl.latest, rules.w_metadata, f"crawled on {crawled}"))

    ahead_days = [(y[0], y[1]) for y in (_yearless(normalise(m.text)) for m in mentions
                                          if m.direction == "future" and not m.loose) if y is not None and y[3] == "day"]
    anchor = month_anchor(text, ahead=ahead_days)
    if anchor is not None:
        month, day, side, sentence = anchor
        if side == "later":
            make = lambda y: (date(y, month, 1), max(date(y, month, 1), _day(y, month, day) - ONE_DAY))  # noqa: E731
        else:
            make = lambda y: (min(month_end(y, month), _day(y, month, day) + ONE_DAY), month_end(y, month))  # noqa: E731
        constraints.append(Constraint(_periodic(make, last_year), rules.w_this_month,
                                      f"“{side} this month” beside a day of {calendar.month_name[month]}: “{sentence}”"))

    dateline = _DATELINE.search(head) or _DATELINE_INLINE.search(head) or _DATELINE_WIRE.search(head)
    dateline_days = None
    if dateline is not None:
        month, day = month_number(dateline.group(1)), int(dateline.group(2))

        def filed(y, month=month, day=day):
            try:
                d = date(y, month, day)
            except ValueError:
                return None
            return d, d + timedelta(days=rules.dateline_lag_days)
        dateline_days = Constraint(_periodic(filed, last_year), rules.w_dateline, f"dateline “{dateline.group(0).strip()}”")
        constraints.append(dateline_days)
        exact = Constraint(tuple((a, a) for a, _ in dateline_days.ranges), 0.0, "the dateline's day")
        preferences.append((exact, 3.0))

    solution = intersect(constraints, (DOMAIN_START, today))
    evidence = [c.evidence for c in solution.kept] + notes
    for c in solution.dropped:
        evidence.append(f"set aside, it conflicts with stronger evidence: {c.evidence}")

    lo, hi = solution.earliest, solution.latest
    if dateline_days is not None and lo is not None and hi is not None and coarsest_common(lo, hi) in ("decade", "none"):
        lo, hi, chosen = _year_by_weekday(solution, dateline_days, text, evidence)
        if chosen is not None:
            solution = chosen
    if lo is None or hi is None:
        evidence.append("no date in metadata or text: the article is undated")
        return PublicationDate(precision="none", source="unknown", evidence=evidence)

    earliest = lo if lo > DOMAIN_START else None
    latest = hi if hi < today else None
    precision = coarsest_common(lo, hi)
    if earliest is None or latest is None or precision in ("decade", "none"):
        # only bounds that hold in every year are shown: a yearly window ("before 16 December of
        # some year") bounds nothing by itself
        single = [c.ranges[0] for c in solution.kept if len(c.ranges) == 1]
        single += solution.ranges if len(solution.ranges) == 1 else []  # one stretch left is a bound, across a New Year too
        # every kept bound holds for all the days kept: the tightest of them bound the article, even where a yearly
        # window ("before 23 September of some year") keeps days in several years. A yearly window merged over every
        # year ("after May began, within the year after") starts in the domain's first year: that is no bound
        first = max((a for a, _ in single), default=None)
        last = min((b for _, b in single), default=None)
        earliest = first if first is not None and first.year > DOMAIN_START.year else None
        latest = last if last is not None and last < today else None
        if anchor is not None:
            evidence.append(f"published in {calendar.month_name[anchor[0]]}, year unknown")
        if dateline_days is not None and not any("gives the day but not the year" in e for e in evidence):
            evidence.append(f"dateline “{dateline.group(0).strip()}” gives the day but not the year")
        evidence.append("no date in metadata or text: the article is undated")
        return PublicationDate(precision="none", earliest=earliest, latest=latest, source="unknown", evidence=evidence)

    near = max((d for d in past_days if lo <= d <= hi), default=lo)
    likely = most_likely(solution, preferences, near) if (hi - lo).days < rules.likely_max_days else None
    if likely is not None and lo != hi:
        reasons = [c.evidence for c, w in preferences if w > 0 and c.allows(likely)]
        why = ", ".join(sorted(set(reasons))) or "no day favoured"
        evidence.append(f"most likely {likely:%a %d %b %Y} ({why}; ties go to the day nearest the latest event reported)")
    return PublicationDate(date=format_value(lo, hi, precision), precision=precision, earliest=lo, latest=hi,
                           source="inferred", evidence=evidence, likely=likely)


# hours east of UTC of the zones pages stamp with; the day a reader or an archive files a stamp under is that day
# anywhere from UTC-12 to UTC+14
_ZONE_HOURS = {"gmt": 0, "utc": 0, "bst": 1, "cet": 1, "cest": 2, "est": -5, "edt": -4, "et": -5, "cst": -6, "cdt": -5,
               "ct": -6, "mst": -7, "mdt": -6, "mt": -7, "pst": -8, "pdt": -7, "pt": -8}
# a clock with its zone by name ("04:46 GMT", "9:01 pm ET") or by its offset from UTC ("14:30:12 +1100", "10:05 UTC+2")
_ZONED_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?\s*(?:(?:utc|gmt)\s*(?P<sign>[+-])(?P<oh>\d{1,2})"
                          r"(?::?(?P<om>\d{2}))?|(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})|(?P<name>" + "|".join(_ZONE_HOURS) + r"))\b", re.I)


def _zone_hours(m: re.Match) -> Optional[float]:
    """Hours east of UTC that a zoned clock names; None for an offset no zone has (beyond -12 to +14)."""
    sign, hours, minutes = (m["sign"], m["oh"], m["om"]) if m["sign"] else (m["sign2"], m["oh2"], m["om2"])
    if sign is None:
        return _ZONE_HOURS[m["name"].lower()]
    offset = (int(hours) + int(minutes or 0) / 60) * (1 if sign == "+" else -1)
    return offset if -12 <= offset <= 14 else None


def _stamp_days(words: str, interval: Interval, head: str) -> tuple[date, date, str]:
    """A head stamp's days: its day, or, when a clock with its zone stands beside it ("6 January 2011 Last updated
    at 04:46 GMT"), the days that moment falls on from UTC-12 to UTC+14, since the date a story is filed under
    depends on the zone it is read in."""
    at = head.find(words)
    near = head[at + len(words):at + len(words) + 40] if at >= 0 else ""
    m = _ZONED_CLOCK.search(near) or (_ZONED_CLOCK.search(head[max(0, at - 40):at]) if at >= 0 else None)
    if m is None or interval.earliest != interval.latest:
        return interval.earliest, interval.latest, ""
    hour = int(m[1])
    if m[3]:  # "9:01 pm ET"
        hour = hour % 12 + (12 if m[3].lower() == "p" else 0)
    zone = _zone_hours(m)
    if hour > 23 or int(m[2]) > 59 or zone is None:
        return interval.earliest, interval.latest, ""
    moment = datetime.combine(interval.earliest, time(hour, int(m[2]))) - timedelta(hours=zone)
    lo, hi = (moment - timedelta(hours=12)).date(), (moment + timedelta(hours=14)).date()
    return lo, hi, f" at {m.group(0).strip()}, which falls on {lo} to {hi} across the world's time zones"


def _from_stamp(stamp: tuple[str, Interval], head: str, hints: list[Constraint]) -> PublicationDate:
    """The publication date a head stamp gives: its day (its days across time zones when its clock has a zone).
    A stamp that the collection's hints exclude (a listing page stamped with another item's date, a stale stamp)
    conflicts with them: the interval then covers both, with a note, rather than trust either."""
    words, interval = stamp
    lo, hi, zoned = _stamp_days(words, interval, head)
    evidence = [f"date in the article head: “{words}”{zoned}"]
    conflicts = [c for c in hints if c.ranges and not any(c.allows(day) for day in (lo, hi))]
    if not conflicts:
        return PublicationDate(date=interval.value(), precision="day", earliest=lo, latest=hi, source="text",
                               evidence=evidence, likely=interval.earliest)
    for c in conflicts:
        lo, hi = min(lo, c.ranges[0][0]), max(hi, c.ranges[-1][1])
        evidence.append(f"but the stamp falls outside what the collection says ({c.evidence}): the two conflict, so "
                        f"the interval covers both, {lo} to {hi}")
    published = PublicationDate(precision="none", source="inferred", evidence=evidence, likely=interval.earliest)
    narrow_publication(published, lo, hi)
    return published


def _year_by_weekday(solution: Solution, dateline_days: Constraint, text: str, evidence: list[str]):
    """A dateline without a year ("MOSCOW, Jan. 14") gives the day; the year is the only one the
    other evidence allows in which that day falls on the weekday the lead speaks of (or the day
    after it, since news is often filed the next day). Ambiguity gives nothing, never a guess."""
    lo, hi = solution.earliest, solution.latest
    weekday_match = _WEEKDAY.search(text[:400])
    words = dateline_days.evidence
    if weekday_match is None:
        evidence.append(f"{words} gives the day but not the year")
        return lo, hi, None
    weekday = WEEKDAYS[weekday_match.group(1).lower()]
    candidates = []
    for a, _ in dateline_days.ranges:
        if any(x <= a <= y for x, y in solution.ranges) and (a.weekday() - weekday) % 7 in (0, 1):
            candidates.append(a)
    if len(candidates) != 1:
        evidence.append(f"{words} gives the day but not the year")
        return lo, hi, None
    found = candidates[0]
    evidence.append(f"the lead's “{weekday_match.group(1)}” fits {found.year} alone between {lo} and {hi}")
    return found, found, Solution([(found, found)])
