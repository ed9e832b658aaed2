"""Page furniture around the news: reader comments, bylines, credits, share lines, footers.

Judged by method, not by strings collected from one corpus:
- vocabulary families: a line is furniture when it joins words of two families that news prose
  rarely joins (a comment word with a site-interaction word: "comments are moderated", "we
  welcome comments"; a share verb with a reader or a network: "share your photos", "e-mail this");
- shape: a signature ("March 5, 2011 at 6:15 am | Report abuse"), a count ("128 comments"),
  a credit ("Photograph: Liz Condo/AP"), a byline ("By Jane Doe, CNN"), a line that is only a
  place or a timestamp, a programme slot ("9:00 am ET - Briefing - ...");
- position: a comment thread runs to the end of the page, so everything after its start goes,
  and the reader's voice (I, you, exclamations, no attribution) just before its first marker
  is the first comment;
- repetition: a line the page already showed (a caption repeated under the photo, a comment
  quoting the story) is not said twice.
Every function returns a reason a user can read; nothing here loads a model.
"""
from __future__ import annotations

import re
from typing import Optional

from dateline.settings import CleanSettings

DEFAULT_RULES = CleanSettings()

WORD = re.compile(r"[\w’'-]+")

# Reasons, as listed among an article's removed lines.
COMMENT = "reader comment"
COMMENT_NOTICE = "comment thread notice"
COMMENT_SIGNATURE = "comment signature"
COMMENT_COUNT = "comment count"
SHARE = "share, print or e-mail line"
BYLINE = "byline or author note"
DATELINE = "dateline or timestamp line"
COPYRIGHT = "copyright or footer"
RELATED = "related or most-read list"
CREDIT = "photo credit or caption"
NOTICE = "cookie or subscription notice"
REPEATED = "repeated within the page"
SCHEDULE = "programme schedule"
PROMO = "promotion or call to the reader"
SLOT_LINE = "programme schedule slot"

COMMENT_REASONS = (COMMENT, COMMENT_NOTICE, COMMENT_SIGNATURE, COMMENT_COUNT)

# Thresholds are Settings.clean fields (dateline settings prints them with their reasons).

COMMENT_WORD = re.compile(r"\b(?:comments?|commenting|commenters?|discussion|replies|reply|talkback|have your say)\b", re.I)
# Words of the site talking to its readers about their comments.
SITE_INTERACTION = re.compile(
    r"\b(?:welcome[sd]?|polic(?:y|ies)|rules?|guidelines|moderat\w*|pre-?screened|notify|(?:is|are) (?:now )?closed|"
    r"leave|submit\w*|read all|sort(?:ed)? by|newest|oldest|terms of (?:use|service)|expressed|represent|sign in|log in|"
    r"register(?:ed)?|displayed|limited period|courteous|lively|follow-up|thread|permalink|post an?|report abuse|tab|posted (?:in|on|below)|add (?:an?|your)|"
    r"your|our|anything you post|before they post|(?:comments?|discussion) (?:section|box|form|board))\b",
    re.I,
)
ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|declined|reported|announced|quoted|added)\b", re.I)
COMMENT_COUNT_SHAPE = re.compile(
    r"^(?:\(?\d[\d,.]*k?\)?\s+(?:comments?|replies|responses|reactions)|(?:comments?|replies|responses|discussion)\s*[:(]?\s*\d[\d,]*\)?|"
    r"(?:view|show|read|see|load)\s+(?:all\s+)?(?:\d[\d,]*\s+)?(?:comments?|replies)|no comments(?: yet)?|be the first to comment)"
    r"\s*[.!]?$",
    re.I,
)
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
CLOCK = r"\d{1,2}\s*[:.]\s*\d{2}\s*(?:[ap]\.?\s*m\.?)?|\d{1,2}\s*[ap]\.?\s*m\.?"
DATE = rf"(?:{MONTH}\s+{DAY}\s*,?\s*\d{{4}}|{DAY}\s+{MONTH}\s*,?\s*\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
# "March 5 , 2011 at 6:15 am | Report abuse |", "At 5:27 pm on 28 May 2010 , AlexB wrote :", "Posted by X at 6:19 pm"
SIGNATURE = re.compile(
    rf"(?:{DATE}\s*(?:at|,|-|\|)?\s*(?:{CLOCK})\s*(?:[A-Z]{{2,4}}\s*)?\||(?:{CLOCK})\s*(?:on\s+)?{DATE}\s*,?\s*[\w .'-]{{1,40}}\s+wrote\s*:|"
    rf"^\W*{DATE}\s*(?:,|at)?\s*(?:{CLOCK})\s*(?:[A-Z]{{2,4}}\b)?\s*[|:-]?\s*[A-Z]|"
    rf"(?:{CLOCK})\s*[A-Z]{{2,4}}\s+{DATE}\s+[A-Z]{{4,}}\b|"
    r"\|\s*(?:report abuse|reply|permalink)\b|\breport abuse\s*\||\bposted by\s+\S+(?:\s+\S+)?\s+(?:at|on)\s+\d)",
    re.I,
)
# Comment counts and thread notices are judged separately; these are the site's invitations to write.
INVITATION = re.compile(
    r"\b(?:leave|post|add|share|submit|send)\s+(?:a|your|all your|us your)\s+(?:comments?|questions?|thoughts|views|reply)\b"
    r"(?:.{0,40}\b(?:below|here))?",
    re.I,
)
# Calls to the reader to spread, print or send the page: a verb of the family addressing the reader or a network.
SHARE_VERB = re.compile(r"^(?:share|tweet|e-?mail|print|send|forward|pin|post|like|follow|recommend|save)\b", re.I)
SHARE_OBJECT = re.compile(
    r"\b(?:this|your|you|us|article|story|page|link|friends?|facebook|twitter|linkedin|whatsapp|pinterest|reddit|"
    r"ireport|e-?mail|via|on)\b",
    re.I,
)
SHARE_NETWORKS = re.compile(r"\b(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|e-?mail|print|share|tweet|google\+?|messenger|copy link)\b", re.I)
NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|el|bin|la|le))*"
# "By Jane Doe", "By Emily Smith and Katie Glaeser , CNN", "By the CNN Wire Staff"; not "By Tuesday, the rebels ..."
BYLINE_SHAPE = re.compile(
    rf"^(?i:by|words by|written by|posted by|reporting by)\s*:?\s+(?:the\s+)?{NAME}(?:\s*(?:,|and|&)\s*{NAME})*"
    r"(?:\s*[,|-]\s*[A-Z][\w .'’&-]{0,40})?$"
)
AUTHOR_NOTE = re.compile(
    r"^(?:\W*(?:editor\s*'?\s*s note|the author is|(?:-LRB-|\()?\s*with (?:additional )?reporting by|the writer is|the opinions expressed|the views expressed|"
    r"[\w .'-]{0,60}\bcontributed (?:to )?(?:this|the) (?:report|story|article)|additional reporting by|"
    r"reporting by\b|compiled by|edited by|editing by|writing by)\b|.*\b(?:staff reports?|staff writers?|wire staff|special to (?:cnn|the)\b))",
    re.I,
)
REPORTING_CREDIT_ANYWHERE = re.compile(r"(?:-LRB-|\()\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.I)
REPORTING_CREDIT = re.compile(r"^\s*[(-]+(?:LRB-\s*)?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|compiled|edited)\s+by\b", re.I)
COPYRIGHT_SHAPE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|redistributed|rewritten|broadcast)\b|"
    r"\bthis (?:article|story) was (?:first )?published\b|\bterms (?:of|and) (?:use|service|conditions)\b|\bprivacy (?:policy|notice)\b|"
    r"\bcontact us\b|\babout us\b|\bsite ?map\b",
    re.I,
)
RELATED_HEAD = re.compile(
    r"^\W*(?:related(?:\s+(?:stories|articles|news|links|content|coverage|topics|videos?|reading|posts?))?|"
    r"most\s+(?:read|popular|viewed|shared|e-?mailed|commented|watched)|more\s+(?:on|from|about|in)\b.{0,30}|see also|"
    r"also\s+(?:on|in|read)\b.{0,30}|read\s+(?:more|next|also)|you (?:may|might) also (?:like|be interested)|recommended(?: for you| stories)?|"
    r"top stories|trending(?: now)?|editor'?s picks|what'?s popular|latest (?:news|stories|headlines)|further reading|"
    r"in (?:this|other) news|elsewhere on\b.{0,30}|popular (?:stories|now))\W*$",
    re.I,
)
CREDIT_SHAPE = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|image(?: caption| copyright)?|caption|credit|source|video|illustration|graphic)\s*(?:by)?\s*:|"
    r"\((?:photo|picture|image)s?\s+(?:by|:|credit)|\b(?:getty images|afp/getty|ap photo|reuters/[A-Z]|epa/|shutterstock|file photo)\b",
    re.I,
)
NOTICE_SHAPE = re.compile(
    r"\b(?:cookies?|subscri(?:be|ption|bers?)|newsletters?|sign[ -]?up|sign[ -]?in|log[ -]?in|register now|paywall|"
    r"free (?:trial|articles?)|already a (?:subscriber|member)|unlimited (?:access|digital)|download (?:our|the) app|"
    r"turn off (?:your )?ad ?blocker|javascript|your browser|enable|password|e-?mail address|your (?:account|profile))\b",
    re.I,
)
# "9:00 am ET - Remembering the Challenger tragedy - ...": a clock time, a zone or am/pm, a dash, a title.
# (A live blog's "2pm: Here we go" is a report in progress, not a slot.)
# The site speaking to its reader: an imperative of the site's actions ("Get Wonkbook delivered to
# your inbox", "Explore all of our graphics", "Write your review") aimed at the reader or the site.
READER_CALL = re.compile(
    r"^(?:please\s+)?(?:get|explore|find out|write|see|click|tap|watch|listen|view|sign up|follow|read|download|"
    r"subscribe|join|share|check out|learn more|buy|search|browse|tune in|send|submit|enter|visit|discover|"
    r"keep up|stay (?:up to date|informed|tuned))\b",
    re.I,
)
SITE_OBJECT = re.compile(
    r"\b(?:inbox|app|newsletters?|e-?books?|kindle|online|page|site|website|videos?|photos?|graphics?|gallery|"
    r"here|below|live|podcasts?|feeds?|twitter|facebook|blog|instructions|review)\b",
    re.I,
)
# Interface notices: the site explaining itself or its player.
INTERFACE_NOTICE = re.compile(
    r"^(?:sorry|please note|note :)|\bnot available in your\b|\bunable to (?:offer|play|load|display)\b|"
    r"\b(?:click|tap)\s+(?:here|on|the|``|\")|\bautomatic updates\b|\bjavascript\b|\byour browser\b|"
    r"\brunning order\b|\bsubject to change\b",
    re.I,
)
# A name then a segment verb: "Shadow health minister Tom Hale discusses the policy.", "Phil Marsh
# reports from Kiev." (checked by `segment_line`: the words before the verb must read as a name).
SEGMENT_VERB = re.compile(r"\s(?:discuss(?:es)?|discuses|examines|outlines|reports (?:from|on)|investigates|assesses|explains why)\b")
NAME_GLUE = {"of", "the", "from", "at", "and", "for", "a", "-LRB-", "-RRB-", ","}
SLOT = re.compile(rf"^\s*(?:{CLOCK})(?:\s*[A-Za-z]{{2,4}}\b){{0,2}}\s*[-–—|]\s*\S")
PLACE_LINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Za-z .'’-]+)?$")
TIMESTAMP_LINE = re.compile(
    rf"^\W*(?:(?:updated|published|posted|last (?:updated|modified)|first published)\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*,?\s*)?(?:{DATE}|{CLOCK})"
    rf"(?:\s*(?:,|at|-|\|)?\s*(?:{DATE}|{CLOCK}|[A-Z]{{2,4}}|UK time|local time|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*))*\W*$",
    re.I,
)
SPEAKER = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{0,40})?\s?:\s")  # "BLITZER : ", "WOLF BLITZER , CNN ANCHOR : "
TERMINAL_END = re.compile(r"[.]\s*$")
QUOTE_MARK = re.compile(r"``|''|[\"“”]")
# "We", "Our", "us" but not "US" (the country)
READER_FIRST_PERSON = re.compile(r"\b(?:I|I'm|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur)\b(?!\.)|\bI\s+'(?:m|ve|d|ll)\b")
# "u" and "ur" only in lower case and not as in "U.N."
READER_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|YOU|YOUR|u|ur|ya|yall)\b(?!\.)")
NEWS_MARKERS = re.compile(r"-LRB-\s*(?:CNN|Reuters|AP|AFP)\s*-RRB-|\((?:CNN|Reuters|AP|AFP)\)|\bupdated\s*:", re.I)


def words(line: str) -> list[str]:
    return WORD.findall(line)


def without_quotes(line: str) -> str:
    """The line with quoted speech taken out: a quoted "I" is a source speaking, not the writer."""
    line = re.sub(r"``.*?(?:''|$)", " ", line)
    return re.sub(r"[\"“][^\"”]*(?:[\"”]|$)", " ", line)


def comment_marker(line: str, rules: CleanSettings = DEFAULT_RULES) -> Optional[str]:
    """Why a line belongs to a comment thread's furniture (notice, signature, count, invitation), or None."""
    s = line.strip()
    n = len(words(s))
    if not n:
        return None
    if COMMENT_COUNT_SHAPE.match(s):
        return COMMENT_COUNT
    if SIGNATURE.search(s):
        return COMMENT_SIGNATURE
    if n > rules.furniture_max_words and re.search(r"-RRB-|\)", s):
        # a scrape joins lines: wire copy's end ("... -LRB- Editing by X -RRB- We welcome comments that ...")
        # or a comment and the form under it ("... -LRB- required, but will not be displayed -RRB- CNN
        # welcomes a lively and courteous discussion ..."), one line
        tail = re.split(r"-RRB-|\)", s)[-1]
        if tail.strip() and len(words(tail)) <= rules.furniture_max_words and comment_marker(tail, rules):
            return COMMENT_NOTICE
    bare = without_quotes(s)  # "comments Johnston", "our tour" inside a quote: the story's words, not the site's
    if n <= rules.furniture_max_words and COMMENT_WORD.search(bare) and SITE_INTERACTION.search(bare) and not ATTRIBUTION.search(bare):
        if re.search(r"\b(?:to|not|no|would|will|could|refused|declined)\s+comment\b|\bfor comment\b", s, re.I):
            return None  # "declined to comment": a source's silence, news
        return COMMENT_NOTICE
    if n <= rules.furniture_max_words and INVITATION.search(s) and READER_SECOND_PERSON.search(s):
        return COMMENT_NOTICE
    return None


def line_furniture(line: str, rules: CleanSettings = DEFAULT_RULES) -> Optional[str]:
    """Why a line is page furniture wherever it stands (comments aside), or None."""
    s = line.strip()
    n = len(words(s))
    if REPORTING_CREDIT.match(s):
        return BYLINE  # "(Reporting by ...; Editing by ...)", however many names it lists
    if n <= 2 * rules.furniture_max_words and len(COPYRIGHT_SHAPE.findall(s)) >= 2:
        return COPYRIGHT  # "By clicking ... you agree with our Terms of Service and Privacy Policy", however long
    bare = without_quotes(s)
    if n <= 2 * rules.furniture_max_words and COPYRIGHT_SHAPE.search(s) and re.search(r"\bour\b", bare) \
            and READER_SECOND_PERSON.search(bare) and not ATTRIBUTION.search(bare):
        return COPYRIGHT  # the site telling its reader about "our Privacy Policy" and "your data": a legal notice
    if not n or n > rules.furniture_max_words:
        return None
    if n <= rules.furniture_max_words and len(COPYRIGHT_SHAPE.findall(s)) >= 2:
        return COPYRIGHT  # "By clicking ... you agree with our Terms of Service and Privacy Policy"
    if n <= 12 and (SHARE_VERB.match(s) and SHARE_OBJECT.search(s) or len(SHARE_NETWORKS.findall(s)) >= 2 and not ATTRIBUTION.search(s)):
        return SHARE
    if SHARE_VERB.match(s) and re.match(r"^\w+\s+your\b", s, re.I):
        return SHARE  # "Share your photos and videos with CNN iReport"
    if n <= 12 and BYLINE_SHAPE.match(s) and not ATTRIBUTION.search(s):
        return BYLINE
    if AUTHOR_NOTE.match(s) or REPORTING_CREDIT.match(s):
        return BYLINE
    if n <= 25 and COPYRIGHT_SHAPE.search(s) and not ATTRIBUTION.search(bare):
        return COPYRIGHT
    if n <= 8 and RELATED_HEAD.match(s):
        return RELATED
    if n <= 15 and CREDIT_SHAPE.search(s):
        return CREDIT
    if n <= 25 and NOTICE_SHAPE.search(s) and READER_SECOND_PERSON.search(s) and not ATTRIBUTION.search(bare):
        return NOTICE
    if n <= 30 and not ATTRIBUTION.search(bare) and (
            READER_CALL.match(s) and (READER_SECOND_PERSON.search(s) or re.search(r"\b(?:our|us)\b", s) or SITE_OBJECT.search(s))
            or INTERFACE_NOTICE.search(s)):
        return PROMO
    if SLOT.match(s):
        return SLOT_LINE  # a listing ("9:00 am ET - Hearing - ..."), even on a page that is mostly news
    if n <= 12 and TIMESTAMP_LINE.match(s):
        return DATELINE
    return None


def place_line(line: str) -> bool:
    """A place alone on its line, in capitals ("KALDVIK", "BAAR, SWITZERLAND"): a dateline where the
    story opens; further down the same shape is a subheading ("GIRLS BASKETBALL"), so callers ask
    only before the body starts."""
    s = line.strip()
    return (len(words(s)) <= 4 and bool(PLACE_LINE.match(s))
            and sum(c.isupper() for c in s) >= 0.8 * sum(c.isalpha() for c in s))


def quote_open_at(lines: list[str]) -> list[bool]:
    """For each line, whether it starts inside a quotation opened on an earlier line (tokenized text
    splits a long quotation over lines: ``... on one, ...'' on the next)."""
    result, depth = [], 0
    for line in lines:
        result.append(depth > 0)
        for mark in re.findall(r"``|''|[“”]", line):
            depth = depth + 1 if mark in ("``", "“") else max(0, depth - 1)
        if not line.strip():
            depth = 0  # a paragraph break closes what a scrape left open
    return result


def reader_voice(line: str, in_quote: bool = False) -> int:
    """+1 for the reader's voice (I or you outside quotes, exclamations, shouting, no capital at
    the start), -1 for the reporter's (attribution, agency marker, quoted speech), 0 neither."""
    s = line.strip()
    if not s:
        return 0
    if in_quote:  # the line opens inside a quotation: a source speaking, up to where it closes
        close = re.search(r"''|”", s)
        if not close:
            return -1
        s = s[close.end():].strip() or s[:close.end()]
        if s.endswith(("''", "”")):
            return -1
    if s.startswith("@"):
        return 1  # addressing another commenter
    if NEWS_MARKERS.search(s) or SPEAKER.match(s):
        return -1  # an agency's dateline, a transcript's speaker
    bare = without_quotes(s)
    if QUOTE_MARK.search(s) and not (READER_FIRST_PERSON.search(bare) or READER_SECOND_PERSON.search(bare)):
        return -1  # quoted speech, the reporter's; a writer's own I or you around a quote is the reader's
    # The writer's own I or you outranks a "said": a reporter writes "told CNN", a reader "called us and said".
    if READER_FIRST_PERSON.search(bare) or READER_SECOND_PERSON.search(bare) or "!" in s or "??" in s or s[:1].islower():
        return 1
    if ATTRIBUTION.search(bare):
        return -1
    if re.search(r"\b(?:the|this) (?:article|author|writer|story)\b", s, re.I):
        return 1
    return 0


def comment_thread(lines: list[str], is_prose, rules: CleanSettings = DEFAULT_RULES) -> dict[int, str]:
    """Lines of the page's comment thread with their reasons: from the thread's first marker
    (after some of the story has been told) to the end, plus the reader's voice just before it."""
    markers = {i: r for i, l in enumerate(lines) if (r := comment_marker(l, rules))}
    if not markers:
        return {}
    start = _thread_start(lines, markers, is_prose, rules)
    result = dict(markers)  # markers before the thread go as lines of their own
    if start is None:
        return result
    for i in range(start, len(lines)):
        if lines[i].strip():
            result[i] = markers.get(i) or COMMENT
    first = _first_comment(lines, start, rules)
    heading = _thread_heading(lines, first, rules)
    if heading is not None:
        result[heading] = COMMENT_NOTICE
        first = heading + 1
    for i in range(first, start):
        if lines[i].strip():
            result[i] = COMMENT
    return result


# a heading over the thread: "Comments", "Readers' comments (12)", "Have your say", "Discussion"
COMMENT_HEADING = re.compile(r"^(?:(?:readers?[’']?s?|your|user|latest|all)\s+)?(?:comments?|discussion|responses|have your say)"
                             r"\s*(?:\(\d[\d,]*\))?\s*:?$", re.I)


def _thread_heading(lines: list[str], first: int, rules: CleanSettings) -> Optional[int]:
    """A comments heading a few lines above where the look-back put the first comment: what lies between is the
    first comment, whatever its voice (a neutral "They should have settled this years ago." reads as no one's)."""
    seen = 0
    for i in range(first - 1, -1, -1):
        s = lines[i].strip()
        if not s:
            continue
        if COMMENT_HEADING.match(s):
            return i
        seen += 1
        if seen > rules.heading_reach_lines:
            return None
    return None


def related_lists(lines: list[str], is_prose, rules: CleanSettings = DEFAULT_RULES) -> dict[int, str]:
    """A "Related stories" or "Most read" heading and the link titles under it, up to the next line of prose."""
    result: dict[int, str] = {}
    heading = False
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if len(words(s)) <= 8 and RELATED_HEAD.match(s):
            result[i], heading = RELATED, True
        elif heading and not is_prose(s) and len(words(s)) <= rules.related_item_max_words:
            result[i] = RELATED  # a link title: short, no sentence's ending
        else:
            heading = False
    return result


def _thread_start(lines: list[str], markers: dict[int, str], is_prose, rules: CleanSettings) -> Optional[int]:
    """The first marker that opens a thread: some of the story told before it (unless it is a
    notice or a signature, which a headline's count is not), and after it no run of reporting
    (an anchor's "post a comment on my blog" in a transcript that goes on is an invitation, not
    the start of the comments)."""
    prose_seen = 0
    for i, line in enumerate(lines):
        if i in markers and (markers[i] != COMMENT_COUNT or prose_seen >= rules.thread_min_body_lines):
            after = [reader_voice(l) for j, l in enumerate(lines[i + 1:], i + 1) if l.strip() and j not in markers]
            news, reader = after.count(-1), after.count(1)
            speakers = sum(1 for l in lines[i + 1:i + 1 + rules.transcript_window] if SPEAKER.match(l.strip()))
            if speakers < rules.transcript_min_speakers and (
                    len(after) < rules.thread_check_min_lines or news <= rules.thread_max_news_ratio * max(reader, 1)):
                return i
        if is_prose(line):
            prose_seen += 1
    return None


def _first_comment(lines: list[str], start: int, rules: CleanSettings) -> int:
    """Where the comments begin, looking back from the thread's first marker: the start of the
    best-scoring run of lines just above it, a reader's line scoring +1, a neutral line
    -neutral_cost and a reporter's line -1, so that one quotation inside the comments does not end
    them, but the story's quoted, attributed lines do."""
    best, best_at, score = 0.0, start, 0.0
    opened = quote_open_at(lines)
    for i in range(start - 1, -1, -1):
        if not lines[i].strip():
            continue
        voice = reader_voice(lines[i], opened[i])
        score += 1.0 if voice > 0 else (-1.0 if voice < 0 else -rules.neutral_cost)
        if score > best:
            best, best_at = score, i
        if score < best - rules.walk_give_up:
            break
    return best_at


def repeated_lines(lines: list[str], normalise, rules: CleanSettings = DEFAULT_RULES) -> dict[int, str]:
    """Later copies of a line the page already showed (a caption under its photo, a comment quoting the story)."""
    seen: set[str] = set()
    result = {}
    for i, line in enumerate(lines):
        if len(words(line)) < rules.repeat_min_words:
            continue
        key = normalise(line)
        if key in seen:
            result[i] = REPEATED
        seen.add(key)
    return result


def segment_line(line: str, rules: CleanSettings = DEFAULT_RULES) -> bool:
    """A running order's line: a short sentence whose subject is a name (most of its words capitalised)
    and whose verb introduces a segment."""
    s = line.strip()
    m = SEGMENT_VERB.search(s)
    if not m or len(words(s)) > 30 or not TERMINAL_END.search(s) or ATTRIBUTION.search(without_quotes(s)):
        return False
    subject = [w for w in s[:m.start()].replace(",", " , ").split() if w not in NAME_GLUE]
    capitals = sum(1 for w in subject if w[:1].isupper())
    return 2 <= capitals and len(subject) <= 15 and capitals >= rules.segment_name_share * len(subject)


def schedule_page(lines: list[str], skip: dict[int, str], rules: CleanSettings = DEFAULT_RULES) -> Optional[str]:
    """Why the page is a programme schedule rather than an article, or None: most of what is
    left is time slots ("9:00 am ET - Briefing - ...")."""
    kept = [l for i, l in enumerate(lines) if l.strip() and (i not in skip or skip[i] == SLOT_LINE)]
    slots = sum(1 for l in kept if SLOT.match(l))
    if slots >= rules.schedule_min_slots and slots >= rules.schedule_min_share * len(kept):
        return f"{SCHEDULE}: {slots} of its {len(kept)} lines are time slots"
    segments = sum(1 for l in kept if segment_line(l, rules))
    if segments >= rules.schedule_min_segments and segments >= rules.segment_min_share * len(kept):
        return f"{SCHEDULE}: {segments} of its {len(kept)} lines introduce a programme's segments"
    return None
