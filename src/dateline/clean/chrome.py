"""Remove site chrome from text scraped off the web, by method rather than by a list of strings.

Four kinds of evidence, combined per line and per paragraph:
- shape: navigation bullets, breadcrumbs ("A > B"), markers ("- Advertisement -"),
  interface labels ("print PRINT") look nothing like prose;
- position: chrome sits before the first and after the last paragraph of prose;
- vocabulary: calls to subscribe, sign up, share or accept cookies;
- repetition: a line that also appears in unrelated articles of the batch is the
  site's, not the story's (articles sharing much of their text are treated as
  copies of each other, not as evidence).
Reader comments and the furniture of news pages (bylines, credits, share lines, footers,
"related" lists, programme slots) are judged in `clean.furniture` and removed here with the rest.
Every removed line is kept with its reason.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from dateline.settings import CleanSettings
from dateline.clean.furniture import DEFAULT_RULES, COMMENT, DATELINE, MONTH, comment_thread, place_line, related_lists, line_furniture, repeated_lines, schedule_page
from dateline.models import RemovedLine

BULLET = re.compile(r"^\s*(?:[•·▪►◦‣■□●○*]|[-–—](?=\s))\s*")
BREADCRUMB_SEP = re.compile(r"\s(?:>|»|›|/|\||::)\s")
MARKER = re.compile(r"^[\s\-–—_*=~\[\](){}<>|]*[^\W\d_][\w .'’&]{0,40}?[\s\-–—_*=~\[\](){}<>|]*$")
# "- Advertisement -", "== Sponsored ==": the same decoration on both sides, set off by spaces
# (a list item such as "- Ali**" is decorated on one side only).
DASH_MARKER = re.compile(r"^([-–—_*=~])[-–—_*=~]*\s+\S.*\s+[-–—_*=~]*\1$")
BRACKET_MARKER = re.compile(r"^[\[(<]\s*[^\W\d_][^\d]*[\])>]$")  # "[Advertisement]", not "[Smith, p. 41]"
TABLE_ROW = re.compile(r"^\|.*\|.*\|$")
TERMINAL = re.compile(r"[.!?…:。！？][\"”’')\]]*$")
CALL_TO_ACTION = re.compile(
    r"\b(subscrib\w*|newsletter\w*|sign[ -]?up|sign[ -]?in|log[ -]?in|inbox|cookies?|all rights reserved|"
    r"copyright|advertisements?|advertise with us|sponsored content|follow us|share (?:this|on)|click here|read more|related (?:articles|stories|news)|"
    r"terms of (?:use|service)|privacy policy|download (?:our|the) app|recommended for you)\b|©",
    re.I,
)
WORD = re.compile(r"[\w’'-]+")
# Wire services whose credit lines travel with syndicated copy; knowing the field's agencies is
# domain knowledge, and an unknown agency is still caught by the shape of a credit line.
KNOWN_AGENCIES = {
    "kyodo", "kyodo news", "reuters", "ap", "associated press", "afp", "agence france-presse", "bloomberg",
    "xinhua", "tass", "itar-tass", "ria novosti", "interfax", "jiji", "jiji press", "yonhap", "dpa", "ansa",
    "efe", "upi", "pa", "press association", "anadolu", "bernama", "pti", "ani", "aap", "cna", "kyodo/jiji",
}


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).replace("\xa0", " ")
    return re.sub(r"\s+", " ", line).strip().lower()


def words(line: str) -> list[str]:
    return WORD.findall(line)


def is_notice(line: str, rules: CleanSettings = DEFAULT_RULES) -> bool:
    """A call to subscribe, share or accept cookies. Such calls are short; a long line that mentions
    advertising is prose about it."""
    return bool(CALL_TO_ACTION.search(line)) and len(words(line)) <= rules.notice_max_words


def is_prose(line: str) -> bool:
    """A line of running text: enough words and a sentence's ending."""
    return len(words(line)) >= 6 and bool(TERMINAL.search(line.strip()))


def chrome_shape(line: str) -> Optional[str]:
    """Why a line looks like site furniture wherever it stands, or None."""
    s = line.strip()
    n = len(words(s))
    if TABLE_ROW.match(s):
        return None  # a table row as trafilatura renders one ("| a | b |"): content, not a breadcrumb
    if n <= 4 and (DASH_MARKER.match(s) or (n <= 2 and BRACKET_MARKER.match(s))) and MARKER.match(s):
        return "marker line"
    if BULLET.match(s) and n <= 6 and not TERMINAL.search(s):
        return "navigation bullet"
    if BREADCRUMB_SEP.search(s) and n <= 12 and not TERMINAL.search(s):
        parts = BREADCRUMB_SEP.split(s)
        if len(parts) >= 2 and all(len(words(p)) <= 5 for p in parts):
            return "breadcrumb"
    lowered = [w.lower() for w in words(s)]
    if 0 < n <= 3 and len(set(lowered)) < n:
        return "interface label"
    return None


def credit_agency(line: str) -> Optional[str]:
    """The agency named by a wire credit line ("• Kyodo", "(Reuters)", "By AFP"), or None."""
    s = line.strip()
    m = re.match(r"^(?:[•·▪►◦‣■*\-–—]\s*|by\s+|\(|source:\s*)?([A-Z][\w.&/-]*(?:[ -][A-Z][\w.&-]*){0,2})\)?\s*$", s, re.I)
    if not m:
        return None
    name = m.group(1).strip()
    if name.lower() in KNOWN_AGENCIES:
        return name
    if BULLET.match(s) and name[0].isupper() and len(name.split()) <= 2:
        return name  # a lone bullet name heading the copy: the shape of a credit line
    return None


# A wire story's opening: "TRIPOLI (Reuters) - ", "OXFORD, Miss., Sept. 26 (AP) -- ", "BENGHAZI, Libya, March 8
# (Reuters) - ", "ROME Feb 21 (Reuters) - ", "Aug 21 (Reuters) - ": a place in capitals, perhaps its state or country
# and the day, or the day alone, then the agency and a dash.
_AGENCY_DASH = re.compile(r"\((?P<agency>[A-Z][A-Za-z.&/ -]{1,30})\)\s*(?:--?|\u2013|\u2014)\s*")
_PLACE_BEFORE = re.compile(rf"(?:^|(?<=\s))(?:(?!(?:[ECMP][SD]T|GMT|BST|UTC|CES?T)\b)[A-Z][A-Z.'’\\/-]+(?: [A-Z][A-Z.'’\\/-]+){{0,3}}"
                           rf"(?:,\s+[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){{0,2}})?(?:,?\s+(?i:{MONTH})\s+\d{{1,2}}(?:,\s+\d{{4}})?)?"
                           rf"|(?i:{MONTH})\s+\d{{1,2}})\s*$")
# a page's time stamp before the opening: "TRIPOLI | Fri Mar 18, 2011 7:22 pm EDT " (its zone is no place)
_STAMP = re.compile(rf"\|\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?{MONTH}\s+\d{{1,2}},\s+\d{{4}}", re.I)


STAMP_BEFORE_DATELINE = "page stamp and the wire's dateline"


def wire_opening(line: str) -> Optional[tuple[int, int, str]]:
    """Where the wire's opening on a line that opens with one starts and ends, and the agency it names. Alone, the
    opening ("TRIPOLI (Reuters) - ") is the story's first words, as the wire wrote it (the extraction benchmark's
    bodies keep it); after a page's time stamp ("TRIPOLI | Fri Mar 18, 2011 7:22 pm EDT TRIPOLI (Reuters) - "),
    with anything the page put before that (a headline, a photo credit), the two are the page's heading."""
    dash = _AGENCY_DASH.search(line, 0, 240)
    if dash is None or not (dash.group("agency").lower() in KNOWN_AGENCIES or len(dash.group("agency").split()) <= 2):
        return None
    place = _PLACE_BEFORE.search(line, 0, dash.start())
    if place is None or sum(c.isupper() for c in place.group(0)) < 2 and not place.group(0).rstrip()[-1:].isdigit():
        return None  # a place in capitals, or the day alone ("Aug 21 (Reuters) - ")
    lead = line[:place.start()]
    if lead.strip() and not _STAMP.search(lead):
        return None
    return place.start(), dash.end(), dash.group("agency").strip()


# the place of a dateline in a heading's run: "... were launched Washington (CNN) -- ", "... Tripoli, Libya (CNN) -- "
_NAMED_PLACE_BEFORE = re.compile(r"(?:^|(?<=\s))[A-Z][\w.'’\\/-]*(?: [A-Z][\w.'’\\/-]*){0,3}"
                                 r"(?:,\s+[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?)?\s*$")
# how far into its line a run-in dateline may stand: past a headline, a byline and the story's highlights
RUN_IN_REACH = 1500


def _agency_opens(dash: re.Match, line: str) -> bool:
    """The parenthesis before the dash names a known wire, or a name of one or two words after which a sentence
    opens (not an acronym in prose: "the committee (DEC) - which ...")."""
    agency, after = dash.group("agency").strip(), line[dash.end():dash.end() + 1]
    return agency.lower() in KNOWN_AGENCIES or len(agency.split()) <= 2 and (after.isupper() or after in "\"“‘'")


def _place_before(line: str, end: int) -> Optional[re.Match]:
    return _PLACE_BEFORE.search(line, 0, end) or _NAMED_PLACE_BEFORE.search(line, 0, end)


def run_in_opening(line: str) -> Optional[int]:
    """Where the wire's opening starts on a line that a page's heading runs into, when text that flattens a page
    has put its headline, byline or highlights on the story's first line ("... missiles were launched Washington
    (CNN) -- Nineteen U.S. warplanes ...", "* Market's ability to cope limited LONDON, Feb 28 (Reuters) - Unrest
    ..."); None when the line opens with it or holds none."""
    dash = _AGENCY_DASH.search(line, 0, RUN_IN_REACH)
    if dash is None or not _agency_opens(dash, line):
        return None
    place = _place_before(line, dash.start())
    start = place.start() if place else dash.start()
    return start if line[:start].strip() else None


# how far into its paragraph a wire's opening ends: a place, its state or country, a day, the agency
OPENING_REACH = 120


def opening_length(paragraph: str) -> Optional[int]:
    """How many characters of the paragraph the wire's opening takes when the paragraph starts with one
    ("WASHINGTON (AP) -- ", "Tripoli, Libya (CNN) -- ", "OSLO, March 2 (Reuters) - ", "(CNN) -- "), its dash and
    the space after included; None when it starts with none. The parser reads the opening apart from the story's
    first sentence (analyse/nlp.py)."""
    dash = _AGENCY_DASH.search(paragraph, 0, OPENING_REACH)
    if dash is None or not _agency_opens(dash, paragraph) or dash.end() >= len(paragraph.rstrip()):
        return None
    if paragraph[:dash.start()].strip():
        place = _place_before(paragraph, dash.start())
        if place is None or place.start() != 0:
            return None
    return dash.end()


def is_headline(line: str) -> bool:
    s = line.strip()
    n = len(words(s))
    if not 3 <= n <= 25 or BULLET.match(s) or re.search(r"[.,;:]$", s):
        return False
    capitals = sum(1 for w in words(s) if w[:1].isupper())
    return capitals >= 1


@dataclass
class CleanText:
    text: str
    title: Optional[str] = None
    agency: Optional[str] = None
    removed: list[RemovedLine] = field(default_factory=list)
    not_article: Optional[str] = None  # why the text is not an article at all, or None


def shared_items(sets: dict, copy_overlap: float) -> dict:
    """For each key, the items of its set that also stand in the set of an unrelated key (one sharing at
    most `copy_overlap` of its items: copies of an article are not evidence of chrome). Depends on the
    sets only, never on the order they came in; items are lines, or hashes of lines (`evidence`)."""
    holders: dict = defaultdict(list)
    for key in sorted(sets):
        for item in sets[key]:
            holders[item].append(key)
    related: dict = {}
    result: dict = {key: set() for key in sets}
    for item, keys in holders.items():
        if len(keys) < 2:
            continue
        for i in keys:
            for j in keys:
                if i == j:
                    continue
                pair = (i, j) if i < j else (j, i)
                if pair not in related:
                    a, b = sets[i], sets[j]
                    related[pair] = len(a & b) / max(1, min(len(a), len(b))) > copy_overlap
                if not related[pair]:
                    result[i].add(item)
                    break
    return result


def shared_lines(texts: list[str], copy_overlap: float = 0.5) -> list[set[str]]:
    """For each text, the lines it shares with at least one unrelated text of the batch."""
    line_sets = {i: {normalise_line(l) for l in t.splitlines() if len(words(l)) >= 1} for i, t in enumerate(texts)}
    found = shared_items(line_sets, copy_overlap)
    return [found[i] for i in range(len(texts))]


def _paragraphs(lines: list[str]) -> list[list[int]]:
    paragraphs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if line.strip():
            current.append(i)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _line_paragraphs(lines: list[str]) -> bool:
    """Text with many lines and no blank line between them (one sentence or paragraph a line, as in
    tokenized corpora) has no paragraph structure to go by: each line is judged as a paragraph."""
    filled = [l for l in lines if l.strip()]
    return len(filled) >= 3 and len(filled) == len(lines)


def _furniture(lines: list[str], extracted_html: bool, rules: CleanSettings) -> dict[int, str]:
    """Lines that are comments or page furniture wherever they stand: the comment thread, lines of a
    furniture family, later copies of a line the page already showed (in scraped text only: in
    extracted HTML the markup has already told page from story, and repeated lines there are
    list items, such as a recipe's or a tour's)."""
    found = comment_thread(lines, is_prose, rules)
    if not extracted_html:
        found.update({i: r for i, r in repeated_lines(lines, normalise_line, rules).items() if i not in found})
    found.update({i: r for i, r in related_lists(lines, is_prose, rules).items() if i not in found})
    for i, line in enumerate(lines):
        # inside a thread, a line of a known family (an author note, a reporting credit) says so
        if found.get(i) in (None, COMMENT) and (reason := line_furniture(line, rules)):
            found[i] = reason
        elif found.get(i) == COMMENT and is_notice(line, rules):
            found[i] = "subscription or site notice"
    return found


def clean_plain_text(
    raw: str,
    shared: set[str] | frozenset = frozenset(),
    known_title: Optional[str] = None,
    line_paragraphs: bool = False,
    rules: CleanSettings = DEFAULT_RULES,
) -> CleanText:
    """Split scraped text into body, title, agency and removed lines. `line_paragraphs`: every
    line is a paragraph (extracted HTML), rather than blank lines separating them (scraped text)."""
    lines = raw.splitlines()
    by_line = line_paragraphs or _line_paragraphs(lines)
    paragraphs = [[i] for i, l in enumerate(lines) if l.strip()] if by_line else _paragraphs(lines)
    furniture = _furniture(lines, extracted_html=line_paragraphs, rules=rules)
    removed: dict[int, str] = {}
    title: Optional[str] = None
    agency: Optional[str] = None
    known = normalise_line(known_title) if known_title else None

    def edge_reason(i: int, trailing: bool = False) -> Optional[str]:
        s = lines[i]
        if reason := chrome_shape(s) or furniture.get(i):
            return reason
        if is_notice(s, rules):
            return "subscription or site notice"
        if not trailing and place_line(s):
            return DATELINE
        if normalise_line(s) in shared:
            return "repeated in unrelated articles"
        # Extracted HTML keeps short closing lines the page's structure put in the article (a
        # ticket price, a contact); in scraped text they are the site's.
        if len(words(s)) <= 3 and not TERMINAL.search(s.strip()) and not (trailing and line_paragraphs):
            return "short non-sentence line"
        return None

    # Leading zone: everything before the first line of prose.
    body_started = False
    for para in paragraphs:
        for i in para:
            s = lines[i].strip()
            if known and normalise_line(s) == known:
                removed[i] = "headline (title)"
            elif agency is None and (name := credit_agency(s)) and (len(para) == 1 or name.lower() in KNOWN_AGENCIES):
                # an unknown name counts as a credit only standing alone, not inside a block of menu bullets
                agency, removed[i] = name, "wire credit (agency)"
            elif i in furniture:
                removed[i] = furniture[i]
            elif is_prose(s):
                body_started = True
                break
            elif reason := edge_reason(i):
                removed[i] = reason
            elif title is None and known is None and is_headline(s):
                title, removed[i] = re.sub(r"\s+", " ", s), "headline (title)"
            else:
                body_started = True
                break
        if body_started:
            break

    agency = _peel_trailing(lines, paragraphs, removed, agency, shared, edge_reason, rules)

    # Middle: furniture, lines whose shape alone gives them away, or repeated non-prose lines.
    for para in paragraphs:
        for i in para:
            if i in removed:
                continue
            s = lines[i]
            reason = chrome_shape(s)
            if reason == "navigation bullet" and not any(
                j != i and BULLET.match(lines[j]) and chrome_shape(lines[j]) for j in para
            ):
                reason = None  # a single short bullet inside prose is more likely a list item
            if reason is None and normalise_line(s) in shared and not is_prose(s):
                reason = "repeated in unrelated articles"
            if reason := reason or furniture.get(i):
                removed[i] = reason

    agency, openings = _strip_openings(lines, paragraphs, removed, agency)
    headings = _split_run_in_headings(lines, paragraphs, removed)
    body = []
    for para in paragraphs:
        kept: list[str] = []
        for i in (i for i in para if i not in removed):
            if i in headings:  # the heading closes a paragraph of its own; the story opens the next
                body.append(" ".join(kept + [_one_line(headings[i])]))
                kept = []
            kept.append(_one_line(lines[i]))
        if kept:
            body.append(" ".join(kept))
    return CleanText(
        text="\n\n".join(body),
        title=title or (known_title.strip() if known_title else None),
        agency=agency,
        removed=sorted([RemovedLine(line=i + 1, text=lines[i].strip(), reason=r) for i, r in removed.items()] + openings,
                       key=lambda r: r.line),
        not_article=schedule_page(lines, removed, rules),
    )


def _strip_openings(lines, paragraphs, removed, agency) -> tuple[Optional[str], list[RemovedLine]]:
    """Cut a page's stamp and the wire's opening after it from the line they start, in place ("TRIPOLI | Fri Mar
    18, 2011 7:22 pm EDT TRIPOLI (Reuters) - ..."): read as a sentence they became an event and a person ("GMT SAO").
    An opening with no stamp before it stays. What was cut is returned as removed; the agency an opening names,
    when none was known."""
    cut: list[RemovedLine] = []
    for para in paragraphs:
        for i in para:
            text = lines[i].strip()
            if i in removed or not text:
                continue
            found = wire_opening(text)
            if found is None:
                continue
            start, end, name = found
            agency = agency or name
            if start and text[end:].strip():
                cut.append(RemovedLine(line=i + 1, text=text[:end].strip(), reason=STAMP_BEFORE_DATELINE))
                lines[i] = text[end:]
            elif start:
                removed[i] = STAMP_BEFORE_DATELINE
    return agency, cut


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


# the kept lines a story's dateline stands in: its first, or after a byline and a line of highlights
OPENING_LINES = 3


def _split_run_in_headings(lines, paragraphs, removed) -> dict[int, str]:
    """A heading run into the text on one line is set apart as a paragraph of its own, in place: the headline,
    byline or highlights before the story's dateline (`run_in_opening`: "... were launched Washington (CNN) --
    Nineteen U.S. warplanes ..."), and a subheading in capitals before a paragraph (`capitals_heading`: "QATARI
    PLANE JOINS AIR PATROLS NATO said on Thursday ..."). Read with the sentence after as one, they became its
    subject, its speaker and the timeline's line. The words stay: they are the outlet's own. Returns the headings by
    line, each line now the text after its heading."""
    kept = [i for para in paragraphs for i in para if i not in removed and lines[i].strip()]
    headings: dict[int, str] = {}
    for n, i in enumerate(kept):
        text = lines[i].strip()
        start = run_in_opening(text) if n < OPENING_LINES and not headings and not wire_opening(text) else None
        start = start if start is not None else capitals_heading(text)
        if start is not None:
            lines[i], headings[i] = text[start:], text[:start]
    return headings


# a subheading in capitals run into its paragraph: three words or more, then the paragraph's first word (a capital
# and a small letter: "THE START OF THE CONFLICT Libya's civil war began"), or its subject in capitals and a verb
# ("QATARI PLANE JOINS AIR PATROLS NATO said"); a transcript's speaker ("BEN WEDEMAN, CNN CORRESPONDENT: ...") has
# its colon
_CAPITALS_RUN = re.compile(r"(?:[A-Z][A-Z0-9.'’&/-]*,?\s+){3,}")
_CAPITALS_WORD = re.compile(r"[A-Z][A-Z0-9.'’&/-]*,?\s+$")


def capitals_heading(line: str) -> Optional[int]:
    """Where the paragraph starts on a line a subheading in capitals opens, or None."""
    run = _CAPITALS_RUN.match(line)
    if run is None or ":" in line[:run.end() + 1]:
        return None
    after = line[run.end():run.end() + 2]
    if after[:1].isupper() and after[1:2].islower():
        end = run.end()
    elif after[:1].islower():
        end = _CAPITALS_WORD.search(line, 0, run.end()).start()  # "... AIR PATROLS NATO said": NATO is the subject
    else:
        return None
    heading = line[:end].split()
    if heading[-1].endswith(","):
        return None  # a dateline's place before its state: "PENSACOLA BEACH, Fla. -- ..."
    return end if len(heading) >= 3 and sum(c.isalpha() for c in "".join(heading)) >= HEADING_LETTERS else None


HEADING_LETTERS = 12  # fewer letters in capitals are a name or two ("US AND UK FORCES"), not a subheading


def _peel_trailing(lines, paragraphs, removed, agency, shared, edge_reason, rules) -> Optional[str]:
    """Trailing zone: whole paragraphs of chrome, peeled from the end. Returns the agency, which a
    closing credit line may name."""
    for para in reversed(paragraphs):
        if all(i in removed for i in para):
            continue
        reasons = {i: edge_reason(i, trailing=True) for i in para}
        credit = [i for i in para if agency is None and credit_agency(lines[i])]
        if len(para) == 1 and credit:
            agency, removed[para[0]] = credit_agency(lines[para[0]]), "wire credit (agency)"
            continue
        notice = any(is_notice(lines[i], rules) or normalise_line(lines[i]) in shared for i in para)
        if all(reasons.values()) or (len(para) <= 3 and notice):
            for i in para:
                removed[i] = removed.get(i) or reasons[i] or "subscription or site notice"
            continue
        break
    return agency
