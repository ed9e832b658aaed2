"""Date-wise timeline: pick the days that matter, then the sentences that tell each day.

The idea of Datewise (Gholipour Ghalandari & Ifrim, ACL 2020), reimplemented over Dateline's
own analysis, with a heuristic date ranker in place of a trained one:

1. Every sentence is placed on the days it speaks of: the days its own time expressions name
   ("on Monday" resolved against the publication date), or, for a lead sentence that reports the
   news without a date of its own, its article's publication day and the day before (news of an
   evening is printed the next morning).
2. A day's salience is how many distinct articles refer to it, counting more an article that looks
   back at it from a later day (the day stayed news) and the articles published on it, with the
   outlets that covered it. Only articles on the story's topic count.
3. For each chosen day, the candidate sentences are those that name the day and the leads of that
   day's articles. All of them shape the day's centroid (the words both kinds of candidate share),
   which is then refocused on the candidates above the knee of their similarity to it (the day's
   main story, not every thread that touches the day). Sentences on the topic and well-formed are
   picked greedily so that the picked set stays close to that centroid, one article each before a
   second from the same article, never two near-copies.

Days long before the coverage, and years and decades, are background: they go to their own
section, never to the head of the timeline.
"""
from __future__ import annotations

import itertools
import re
import string
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dateline.models import Article, CitedSentence, Event, Sentence, TimelineEntry, TimeValue
from dateline.settings import TimelineSettings
from dateline.temporal.calendar import NAMES_A_YEAR, dates_like_a_caption
from dateline.summarise.relevance import Topic, infer_topic, sentence_on_topic, split_on_topic, topic_from_query

# the numbers (how near the top a lead is, salience weights, sentence bounds, budgets) are settings:
# `TimelineSettings` in dateline/settings.py, each with its reason, passed down as `rules`
DEFAULT_RULES = TimelineSettings()
BACKGROUND_PRECISIONS = ("year", "decade")
COARSE_PRECISIONS = ("week", "month")  # in the window, known only to these: shown as an uncertain entry


@dataclass
class TimelineBudget:
    """How much timeline to tell: `dates` days (None: as the corpus warrants), `per_date` sentences
    each, within `start`..`end`, about `query` (None: inferred from the corpus)."""

    dates: Optional[int] = None
    per_date: Optional[int] = None  # None: fitted to the corpus size
    start: Optional[date] = None
    end: Optional[date] = None
    query: Optional[str | list[str]] = None
    background: Optional[int] = None  # background entries (None: a third of the dates, 2 to 8 by default)
    coarse: bool = True  # also show in-window happenings known only to the week or month

    @staticmethod
    def for_corpus(articles: int, rules: TimelineSettings = DEFAULT_RULES) -> "TimelineBudget":
        """A story that reads as a page: by default about one day per three articles, 10 to 40 days (a
        handful of articles still tells several days: each recalls earlier ones)."""
        dates = max(rules.min_dates, min(rules.max_dates, round(articles / rules.articles_per_date)))
        return TimelineBudget(dates=dates, per_date=rules.per_date if articles < rules.large_corpus else rules.per_date_large)


@dataclass
class DatedTimeline:
    timeline: list[TimelineEntry]
    background: list[TimelineEntry]
    topic: Topic
    off_topic: list[Article] = field(default_factory=list)
    salience: dict[date, float] = field(default_factory=dict)  # of the days shown


WORD = re.compile(r"(?u)\b\w\w+\b")
# the words of many sentences in one pass over their texts joined by NUL, which no word contains:
# each NUL found closes a sentence
_WORD_OR_END = re.compile(r"(?u)\w\w+|\x00")  # WORD without its \b: \w\w+ is greedy, so a match starts and ends at one
_END, _STOP = -1, -2


def _tokens(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


class _TermMatrix:
    """Sublinear term counts of every sentence seen, built once per sentence; TF-IDF weights for a
    run come from the document frequencies within that run's sentences (a window of the store), so
    a service answering many windows over one store never re-tokenizes."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self._blocks: list = []  # one CSR block of rows per add(), widened to the vocabulary when stacked
        self._rows = 0
        self._matrix = None

    def add(self, sentences: list["_Sentence"]) -> None:
        """Rows for the sentences not seen yet: the words of each (`_tokens`), columns numbered in the order
        words are first met, a row's entries in the order its words first occur. One regular-expression
        pass over all the texts, then array operations: no Python loop per word."""
        fresh = list({id(s): s for s in sentences if s.row < 0}.values())
        if not fresh:
            return
        words = _WORD_OR_END.findall("\x00".join(s.text.replace("\x00", " ") for s in fresh).lower() + "\x00")
        vocab = self.vocab
        first_met = defaultdict(itertools.count().__next__)  # each distinct word, numbered in order of first occurrence
        met = np.fromiter(map(first_met.__getitem__, words), dtype=np.int64, count=len(words))
        column = np.fromiter((_END if w == "\x00" else _STOP if w in ENGLISH_STOP_WORDS else vocab.setdefault(w, len(vocab))
                              for w in first_met), dtype=np.int64, count=len(first_met))  # new words get the next columns
        codes = column[met]
        ends = codes == _END
        rows = np.cumsum(ends) - ends  # the sentence each word belongs to
        keep = codes >= 0
        width = max(1, len(vocab))
        keys = rows[keep] * width + codes[keep]
        unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")  # (row, word) pairs in order of first occurrence
        unique, counts = unique[order], counts[order]
        indptr = np.zeros(len(fresh) + 1, dtype=np.int64)
        np.cumsum(np.bincount(unique // width, minlength=len(fresh)), out=indptr[1:])
        values = 1.0 + np.log(counts.astype(float))
        self._blocks.append((values, (unique % width).astype(np.int64), indptr))
        for row, s in enumerate(fresh, start=self._rows):
            s.row = row
        self._rows += len(fresh)
        self._matrix = None

    def matrix(self):
        if self._matrix is None:
            width = max(1, len(self.vocab))
            blocks = [sparse.csr_matrix((d, i, p), shape=(len(p) - 1, width)) for d, i, p in self._blocks]
            self._matrix = sparse.vstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]
            self._blocks = [(self._matrix.data, self._matrix.indices, self._matrix.indptr)]
        return self._matrix

    def weigher(self, sentences: list["_Sentence"]):
        """A function from sentences to their unit-length TF-IDF rows, IDF over `sentences` (smoothed).
        The rows of all `sentences` are weighed and normalised at once (each row on its own, so a group's
        rows are the same as if weighed alone); a group only selects its rows."""
        M = self.matrix()
        index = np.fromiter((s.row for s in sentences), dtype=np.int64, count=len(sentences))
        rows = M[index]
        df = np.bincount(rows.indices, minlength=M.shape[1])
        idf = np.log((1.0 + len(sentences)) / (1.0 + df)) + 1.0
        weights = sparse.diags(idf)
        weighed = _normalise(rows @ weights)
        position = np.full(M.shape[0], -1, dtype=np.int64)  # row of the store -> row of `weighed`
        position[index] = np.arange(len(index))

        def vectors(group: list["_Sentence"]):
            at = position[np.fromiter((s.row for s in group), dtype=np.int64, count=len(group))]
            if (at >= 0).all():
                return weighed[at]
            return _normalise(M[[s.row for s in group]] @ weights)

        return vectors


@dataclass(slots=True)  # one small object per sentence of the store: no per-instance dict
class _Sentence:
    article: Article
    index: int
    text: str
    days: Sequence[date]  # days its own time expressions name
    lead: bool  # a lead sentence with no day of its own
    weeks: Sequence[tuple[date, date]] = ()  # weeks it names ("earlier in the week")
    lead_days: Sequence[date] = ()  # a lead's: the days whose news it may report
    news_day: Optional[date] = None  # a lead's: its publication day, when its own lead names that day
    caption: bool = False  # a photo's caption: its day counts for the day's salience, its words make no line
    _usable: Optional[dict] = None
    row: int = -1  # its row in the term matrix of the generator that made it, once added

    def usable(self, patterns, key: Optional[tuple] = None, rules: TimelineSettings = DEFAULT_RULES) -> bool:
        """Well-formed and on the topic (computed once per topic: a sentence can stand for several days);
        `key`: the patterns' texts, when the caller has them."""
        key = key if key is not None else tuple(p.pattern for p in patterns)
        if self._usable is None:
            self._usable = {}
        if key not in self._usable:
            self._usable[key] = not self.caption and _well_formed(self.text, rules) and sentence_on_topic(self.text, patterns)
        return self._usable[key]


def publication_day(article: Article) -> Optional[date]:
    p = article.published
    if p.precision == "day" and p.earliest:
        return p.earliest
    return None


# a page's date stamp run into the text ("Saturday 15 January 2005 16.16 GMT", "Last updated at 14:59 GMT"):
# the sentence carries page furniture, whatever else it says
STAMP = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? \d{1,2} [a-z]+,? \d{4},? \d{1,2}[.:]\d{2}\b"
                   r"|\blast updated (?:at|on)\b")


# a dateline or update stamp run into the lead ("CHICAGO | Wed Apr 29, 2009 10:56 pm BST CHICAGO (Reuters) - ",
# "Cairo, Egypt (CNN) -- ", "(Update 8:03 p.m. in Cairo, 1:03 p.m. ET) "): page furniture before the sentence proper,
# left out of the text the timeline quotes (the citation still points at the whole sentence)
_CLOCK = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|AM|PM)?(?:\s*(?:ET|EST|EDT|GMT|BST|CET|UTC))?"
LEAD_STAMP = re.compile(
    r"^(?:[^()]{0,80}\((?:Reuters|AP|AFP|CNN|UPI|Bloomberg|BBC)\)\s*[-\u2013\u2014]+\s*"
    r"|\(?Update[^()]{0,60}\)\s*[-\u2013\u2014]?\s*"
    r"|[A-Z][^()|]{0,40}?,\s*" + _CLOCK + r"\)\s*[-\u2013\u2014]?\s*"
    r"|By [A-Z][^|]{0,60}?" + _CLOCK + r"\s+)")
# a reader comment's or a poll's furniture inside a sentence ("Posted by: X | September 24, 2008 3:40 PM |
# Report abuse", "6:39 pm | ...", "YES | NO"): the sentence is not the article's own news
FURNITURE = re.compile(r"(?i)\breport abuse\b|\bposted by\b|\|\s*(?:yes|no)\b|" + _CLOCK + r"\s*\||\|\s*[a-z]+\.? \d{1,2},? \d{4}")


# a headline run into the sentence with no stop between ("Husband of missing journalist speaks out While Gadhafi did
# not mention ..."): the sentence proper opens at a capitalised word no name starts with, after a lower-case word
RUN_ON_HEADING = re.compile(r"^[A-Z](?:[^\s.!?;:\"“”]*\s+){3,14}?[^\s.!?;:\"“”]*[a-z]\s+(?=(?:While|But|However|Although|Though|"
                            r"Meanwhile|He|She|They|We|It|Its|This|These|Those|When|Despite|Yet)\s)")


# the label a page puts on its story highlights or a media item ("NEW: Lebanon introduces resolution Clinton says ...",
# "WATCH: ..."): what follows is a run of headlines or a caption
MEDIA_LABEL = re.compile(r"(?:NEW|WATCH|VIDEO|PHOTOS?|GALLERY|LISTEN|AUDIO):\s")


def _display(text: str) -> str:
    heading = RUN_ON_HEADING.match(text)
    if heading:
        text = text[heading.end():]
    head = text[:100]
    if ")" not in head and not head.startswith("By "):
        return text
    trimmed = LEAD_STAMP.sub("", text, count=1).strip()
    return trimmed if trimmed else text


_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def _furniture_or_stamp(text: str) -> bool:
    """STAMP or FURNITURE found in the text. Each regular expression is tried only when the text holds a
    fragment every match of it needs ("day" or "updated"; "|", "report" or "ted by"), which a plain
    substring test finds far faster than a search of every position."""
    low = text.lower()
    if ("day" in low or "updated" in low) and STAMP.search(text):
        return True
    return ("|" in text or "report" in low or "ted by" in low) and FURNITURE.search(text) is not None


def _well_formed(text: str, rules: TimelineSettings = DEFAULT_RULES) -> bool:
    # the cheap tests first: each one alone can reject
    if text.rstrip(" \"'\u201d\u2019)").endswith("?"):
        return False  # a question asks; a timeline line tells
    words = text.split()
    if not rules.min_words <= len(words) <= rules.max_words:
        return False
    if text.rstrip()[-1:] not in ".!?\"'”’)":
        return False  # a headline, a caption, a cut-off line
    if text.count("\u201d") > text.count("\u201c"):
        return False  # it opens inside a quotation: alone, the words lose their speaker
    if text[:1].isupper() and MEDIA_LABEL.match(text):
        return False  # a page's highlights or a video's caption, not the article's telling
    if _furniture_or_stamp(text):
        return False
    if text.isascii():  # letters counted in C: str.isalpha of an ASCII character is [A-Za-z]
        letters = len(text) - len(text.encode("ascii").translate(None, _ASCII_LETTERS))
    else:
        letters = sum(map(str.isalpha, text))
    return letters > rules.letter_share * (len(text) - text.count(" "))


def _caption_day(t, sentence: Optional[Sentence], published: Optional[date], rules: TimelineSettings) -> bool:
    """A day named with its year, not after publication, in the present ("People gather at the wreckage of a U.S.
    F-15 fighter jet, southeast of Benghazi, on March 22, 2011.") or closing its sentence in the week before
    ("People look at a U.S. F-15E fighter jet after it crashed near Benghazi March 22, 2011."): a photo's caption,
    or a page's note ("This article was amended on 18 June 2010."). A picture is taken on a day of news, so the day
    counts; but the caption tells no news itself. News of the week names no year of its own."""
    v = t.resolved
    if t.direction == "future" and published is not None and v.latest is not None and v.latest <= published \
            and NAMES_A_YEAR.search(t.text) is not None:
        return True
    return sentence is not None and dates_like_a_caption(t.text, v.latest, sentence.text[t.end - sentence.start:],
                                                         published, rules.caption_days)


def _sentences(article: Article, rules: TimelineSettings = DEFAULT_RULES) -> list[_Sentence]:
    days: dict[int, list[date]] = defaultdict(list)
    weeks: dict[int, list[tuple[date, date]]] = defaultdict(list)
    dated: set[int] = set()
    pub = publication_day(article)
    captions = set()
    by_index = {s.index: s for s in article.sentences}
    for t in article.time_expressions:
        if t.kind in ("date", "unresolved"):
            dated.add(t.sentence)
        if _caption_day(t, by_index.get(t.sentence), pub, rules):
            captions.add(t.sentence)
        v = t.resolved
        if t.kind == "date" and v.precision == "week" and v.earliest and v.latest and (v.latest - v.earliest).days <= rules.week_max_days:
            weeks[t.sentence].append((v.earliest, v.latest))
        if t.kind == "date" and t.resolved.precision == "day" and t.resolved.earliest:
            if t.resolved.earliest not in days[t.sentence]:
                days[t.sentence].append(t.resolved.earliest)
    # an undated lead reports the publication day's news, or the day before's (printed next morning);
    # when the lead itself names the publication day ("agreed Saturday"), that is its news day: the undated
    # lead sentences around it still shape both days' centroids, but are quoted for that day only
    recent = tuple(pub - timedelta(days=lag) for lag in range(rules.publication_lag_days + 1)) if pub else ()
    named = pub if pub and any(pub in days[i] for i in days if i < rules.lead_sentences) else None
    out = []
    for s in article.sentences:
        lead = s.index < rules.lead_sentences and s.index not in dated
        out.append(_Sentence(article, s.index, _display(s.text), days.get(s.index, ()), lead=lead,
                             weeks=weeks.get(s.index, ()), lead_days=recent if lead else (), news_day=named if lead else None,
                             caption=s.index in captions))
    return out


def _in(day: date, start: Optional[date], end: Optional[date]) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


class DatewiseGenerator:
    """Days by salience, sentences by centrality to the day; see the module's docstring."""

    name = "datewise"

    def __init__(self, rules: TimelineSettings = DEFAULT_RULES) -> None:
        self.rules = rules
        self._sentences: dict[tuple[str, int], list[_Sentence]] = {}  # per article: reused across runs over one store
        self._days: dict[tuple[str, int], tuple[date, ...]] = {}  # per article: the days its sentences name
        self._notable: dict[tuple[str, int], list[_Sentence]] = {}  # per article: its sentences naming a day or week, or leads
        self._topic_hits: dict = {}  # (article, topic) -> terms named: reused by every window with that topic
        self._terms = _TermMatrix()

    def sentences_of(self, article: Article) -> list[_Sentence]:
        key = (article.id, len(article.sentences))
        if key not in self._sentences:
            self._sentences[key] = _sentences(article, self.rules)
        return self._sentences[key]

    def days_of(self, article: Article) -> tuple[date, ...]:
        """The distinct days the article's sentences name, in the order first named."""
        key = (article.id, len(article.sentences))
        if key not in self._days:
            self._days[key] = tuple(dict.fromkeys(d for s in self.sentences_of(article) for d in s.days))
        return self._days[key]

    def notable_of(self, article: Article) -> list[_Sentence]:
        """The article's sentences that name a day or a week or report its publication day, in order."""
        key = (article.id, len(article.sentences))
        if key not in self._notable:
            self._notable[key] = [s for s in self.sentences_of(article) if s.days or s.weeks or s.lead]
        return self._notable[key]

    def generate(self, articles: list[Article], budget: TimelineBudget, events: Optional[list[Event]] = None) -> DatedTimeline:
        start, end, rules = budget.start, budget.end, self.rules
        pool = [a for a in articles if not a.duplicate_of]
        if start or end:
            pool = [a for a in pool if (publication_day(a) or a.published.sort_day()) is None
                    or _in(publication_day(a) or a.published.sort_day(), start, end)]
        topic = topic_from_query(budget.query) or infer_topic(pool, rules=rules)
        on_topic, off_topic = split_on_topic(pool, topic, self._topic_hits, rules=rules)
        patterns = topic.patterns()
        sentences = [s for a in on_topic for s in self.sentences_of(a)]
        if not sentences:
            return DatedTimeline([], [], topic, off_topic)

        published = [d for d in (publication_day(a) for a in on_topic) if d]
        coverage_start = min(published) if published else None
        window_start = start or (coverage_start - timedelta(days=rules.background_before_days) if coverage_start else None)
        window_end = end

        salience = self._rank_days([(a, self.days_of(a)) for a in on_topic if self.sentences_of(a)], window_start, window_end,
                                   rules)
        self._terms.add(sentences)
        vectorizer = self._terms.weigher(sentences)

        mentions: dict[date, list[_Sentence]] = defaultdict(list)
        leads: dict[date, list[_Sentence]] = defaultdict(list)
        in_week: dict[date, list[_Sentence]] = defaultdict(list)  # "earlier in the week": some day of it
        for s in (s for a in on_topic for s in self.notable_of(a)):  # in the order of `sentences`
            for d in s.days:
                mentions[d].append(s)
            for first, last in s.weeks:
                for offset in range((last - first).days + 1):
                    in_week[first + timedelta(days=offset)].append(s)
            for day in s.lead_days:
                leads[day].append(s)

        fitted = TimelineBudget.for_corpus(len(on_topic), rules)
        limit = budget.dates if budget.dates is not None else fitted.dates
        per_date = budget.per_date or fitted.per_date
        entries: list[TimelineEntry] = []
        chosen: dict[date, float] = {}
        told: set[tuple[str, int]] = set()  # a sentence tells one day only
        for day, score in sorted(salience.items(), key=lambda kv: (-kv[1], kv[0])):
            if len(entries) >= limit:
                break
            picked = self._summarise([s for s in mentions[day] if (s.article.id, s.index) not in told],
                                     [s for s in leads[day] if (s.article.id, s.index) not in told], per_date, vectorizer, patterns,
                                     rules, day)
            if not picked:
                continue
            if len(picked) < per_date and in_week[day]:
                # too few sentences name the day: a sentence naming its week may tell it, from another article
                more = self._summarise([s for s in in_week[day] if (s.article.id, s.index) not in told
                                        and s.article.id not in {p.article.id for p in picked}], [],
                                       per_date - len(picked), vectorizer, patterns, rules)
                picked += more
            told.update((s.article.id, s.index) for s in picked)
            chosen[day] = score
            entries.append(TimelineEntry(
                date=TimeValue(value=day.isoformat(), precision="day", earliest=day, latest=day),
                event=_event_on(day, events, picked),
                sentences=[CitedSentence(text=s.text, article=s.article.id, sentence=s.index) for s in picked],
            ))
        if budget.coarse and events and chosen:
            entries += _coarse_entries(events, on_topic, window_start, window_end, max(1, limit // rules.coarse_per_dates),
                                       per_date, lambda text: _well_formed(text, rules) and sentence_on_topic(text, patterns),
                                       told, min(chosen.values()), rules)
        entries.sort(key=lambda e: (e.date.earliest, e.date.latest))
        background_budget = budget.background if budget.background is not None else min(
            rules.background_max, max(rules.background_min, limit // rules.background_per_dates))
        told.update((c.article, c.sentence) for e in entries for c in e.sentences)
        background = _background(on_topic, [s for s in sentences if (s.article.id, s.index) not in told],
                                 coverage_start, window_start, background_budget, vectorizer, patterns, rules)
        return DatedTimeline(entries, background, topic, off_topic, chosen)

    @staticmethod
    def _rank_days(articles: list[tuple[Article, tuple[date, ...]]], start: Optional[date], end: Optional[date],
                   rules: TimelineSettings = DEFAULT_RULES) -> dict[date, float]:
        """Salience of each day from the articles (each with the days its sentences name) that refer to it."""
        refer: dict[date, set[str]] = defaultdict(set)
        look_back: dict[date, set[str]] = defaultdict(set)
        ahead: dict[date, set[str]] = defaultdict(set)
        outlets: dict[date, set[str]] = defaultdict(set)
        published: Counter = Counter()
        seen_articles: set[str] = set()
        for a, days in articles:
            pub = publication_day(a)
            if a.id not in seen_articles:
                seen_articles.add(a.id)
                if pub:
                    published[pub] += 1
            for d in days:
                refer[d].add(a.id)
                outlets[d].add(a.outlet or a.id)
                if pub and d < pub:
                    look_back[d].add(a.id)
                elif pub and d > pub:
                    ahead[d].add(a.id)
        scores: dict[date, float] = {}
        for d in set(refer) | set(published):
            if not _in(d, start, end):
                continue
            n = len(refer[d])
            plans_only = n > 0 and len(ahead[d]) == n
            score = (n + rules.look_back_bonus * len(look_back[d]) + rules.published_weight * published[d]
                     + rules.outlet_weight * len(outlets[d]))
            scores[d] = score * (rules.future_discount if plans_only else 1.0)
        return scores

    @staticmethod
    def _summarise(mentioning: list[_Sentence], leads: list[_Sentence], k: int, vectorizer, patterns,
                   rules: TimelineSettings = DEFAULT_RULES, day: Optional[date] = None) -> list[_Sentence]:
        def unique(group: list[_Sentence], seen: set[str]) -> list[_Sentence]:
            out = []
            for s in group:
                key = s.text.lower()
                if key in seen:
                    continue
                seen.add(key)
                out.append(s)
            return out

        # every sentence about the day shapes its centroid (Datewise); only usable ones may be picked
        seen: set[str] = set()
        ment = unique(mentioning, seen)
        pub = unique(leads, seen)
        candidates = ment + pub
        if not candidates or k <= 0:
            return []
        X = vectorizer(candidates)
        # only the day's own words: every dense vector below stays small. Column sums are taken with
        # bincount over the rows' entries in storage order, the order scipy's own sums add them in
        words, columns = np.unique(X.indices, return_inverse=True)
        data, indptr, width = X.data, X.indptr, len(words)
        X = sparse.csr_matrix((data, columns, indptr), shape=(X.shape[0], width))

        def column_sum(first: int, last: int, scale: float = 1.0) -> np.ndarray:
            """Sum of rows first..last-1 (scaled: their mean), as a dense vector over the day's words."""
            lo, hi = indptr[first], indptr[last]
            weights = data[lo:hi] * scale if scale != 1.0 else data[lo:hi]
            return np.bincount(columns[lo:hi], weights=weights, minlength=width).astype(float, copy=False)

        # the day's centroid: the words that sentences naming the day and the day's leads share (Datewise's
        # "PM-mean"), or all of one kind when the other is missing
        c_ment = column_sum(0, len(ment), 1.0 / len(ment)) if ment else None
        c_pub = column_sum(len(ment), len(candidates), 1.0 / len(pub)) if pub else None
        if c_ment is not None and c_pub is not None:
            centroid = np.where((c_ment > 0) & (c_pub > 0), c_ment + c_pub, 0.0)
            if not centroid.any():
                centroid = c_ment + c_pub
        else:
            centroid = c_ment if c_ment is not None else c_pub
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        centrality = X @ centroid
        # refocus on the sentences above the knee of that ranking (Datewise's candidate cut): the day's
        # main story, not every thread that touches the day; the centroid becomes theirs
        if len(candidates) > 2:
            ranked = np.sort(centrality)[::-1]
            cut = ranked[_knee(ranked)]
            keep = centrality > cut
            if keep.any():
                entries = np.repeat(keep, np.diff(indptr))
                centroid = np.bincount(columns[entries], weights=data[entries], minlength=width).astype(float, copy=False)
                centroid = centroid / (np.linalg.norm(centroid) or 1.0)
                centrality = X @ centroid
        key = tuple(p.pattern for p in patterns)
        # a lead is quoted only for its article's news day (when its lead names one); `day`: the day told
        ok = np.array([s.usable(patterns, key, rules) and (i < len(ment) or day is None or s.news_day in (None, day))
                       for i, s in enumerate(candidates)])
        centrality = np.where(ok, centrality, 0.0)
        order = np.argsort(-centrality)[:rules.max_candidates]  # rows of X, best first
        centrality = centrality[order]
        candidates = [candidates[i] for i in order]

        # greedy: each pick keeps the summary's vector closest to the centroid (Datewise's CentroidOpt),
        # computed for all candidates at once: |s + x|^2 = |s|^2 + 2 s.x + 1 for unit rows x
        n = len(candidates)
        article_of = np.array([hash(c.article.id) for c in candidates])
        picked: list[int] = []
        summary = np.zeros(width)
        toward = 0.0  # summary . centroid
        overlap = np.zeros(n)  # X @ summary
        nearest = np.zeros(n)  # highest similarity to a picked sentence
        available = centrality > 0
        same_article = np.zeros(n, dtype=bool)
        for _ in range(k):
            if not available.any():
                break
            value = (toward + centrality) / np.sqrt(np.maximum(summary @ summary + 2 * overlap + 1.0, 1e-12))
            value = value - rules.same_article * same_article  # a second sentence of one article only when no other article has one
            value[~available] = -np.inf
            best = int(np.argmax(value))
            if not np.isfinite(value[best]):
                break
            picked.append(best)
            lo, hi = indptr[order[best]], indptr[order[best] + 1]
            row = np.zeros(width)
            row[columns[lo:hi]] = data[lo:hi]
            summary += row
            toward += float(row @ centroid)
            similarity = (X @ row)[order]  # each row's product is its own: the same as over the candidates alone
            overlap += similarity
            nearest = np.maximum(nearest, similarity)
            available &= nearest <= rules.near_copy
            available[best] = False
            same_article |= article_of == article_of[best]
        return [candidates[i] for i in picked]


def _knee(values: np.ndarray) -> int:
    """The index of the knee of a descending curve: the point farthest from the line joining its ends."""
    n = len(values)
    if n < 3:
        return n - 1
    x = np.arange(n, dtype=float)
    dx, dy = x[-1] - x[0], values[-1] - values[0]
    norm = np.hypot(dx, dy) or 1.0
    distance = np.abs(dy * (x - x[0]) - dx * (values - values[0])) / norm
    return int(np.argmax(distance))


def _normalise(X):
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ X)


def _event_on(day: date, events: Optional[list[Event]], picked: list[_Sentence]) -> Optional[str]:
    """The event reported on that day whose citations overlap the picked sentences most (then a meeting or an
    agreement, then the event of the entry's earliest line, then the best-cited);
    none when no event cites any of them: a title must describe the entry's own sentences."""
    if not events:
        return None
    order = {(s.article.id, s.index): n for n, s in enumerate(picked)}

    def shared(e: Event) -> int:
        return len(order.keys() & {(c.article, c.sentence) for c in e.citations})

    def first_line(e: Event) -> int:  # the entry's lines come best first: the event of an earlier one tells the day
        return min(order.get((c.article, c.sentence), len(order)) for c in e.citations)

    same_day = [e for e in events if e.date.precision == "day" and e.date.earliest == day and shared(e)]
    if not same_day:
        return None
    best = max(same_day, key=lambda e: (shared(e), e.kind in ("meeting", "agreement"), -first_line(e), len(e.actors),
                                        len(e.citations)))
    return best.id


def _coarse_entries(events: list[Event], on_topic: list[Article], start: Optional[date], end: Optional[date],
                    limit: int, per_date: int, usable, told: set[tuple[str, int]], floor: float,
                    rules: TimelineSettings = DEFAULT_RULES) -> list[TimelineEntry]:
    """In-window events known only to the week or month, shown with their interval (a hollow dot in the
    report), never as a precise day. Each entry tells one event, in the sentences of on-topic articles that
    pass the test day sentences pass (`usable`: well-formed, on the topic) and no day entry cites. An event
    is scored as a day is (articles reporting it, plus outlet_weight per outlet) and is shown only when that
    reaches `floor`, the score of the least salient day shown: known only to the month, it must not outrank
    the days; the best-supported event of each interval first, within `limit` entries."""
    outlet_of = {a.id: a.outlet or a.id for a in on_topic}
    best: dict[str, tuple[float, Event, list[CitedSentence]]] = {}
    for e in events:
        if not (e.date.precision in COARSE_PRECISIONS and e.date.earliest and e.date.latest
                and (start is None or e.date.earliest >= start) and (end is None or e.date.latest <= end)
                and (e.actors or e.kind in ("meeting", "agreement"))):
            continue
        cites = [c for c in e.citations if c.article in outlet_of and (c.article, c.sentence) not in told and usable(c.text)]
        reporting = {c.article for c in cites}
        score = len(reporting) + rules.outlet_weight * len({outlet_of[a] for a in reporting})
        if cites and score >= floor and (e.date.value not in best or score > best[e.date.value][0]):
            best[e.date.value] = (score, e, cites)
    ranked = sorted(best.values(), key=lambda x: (-x[0], x[1].date.earliest, x[1].id))[:limit]
    entries = []
    for _, event, cites in ranked:
        entries.append(TimelineEntry(date=event.date, event=event.id, sentences=spread_citations(cites, per_date)))
    return entries


def spread_citations(cites: list[CitedSentence], k: int) -> list[CitedSentence]:
    """At most `k` of the citations, one per article before a second from any, never the same words twice."""
    chosen: list[CitedSentence] = []
    for pass_ in (0, 1):
        for c in cites:
            if len(chosen) >= k or any(c.text == x.text for x in chosen):
                continue
            if pass_ == 0 and any(c.article == x.article for x in chosen):
                continue
            if c not in chosen:
                chosen.append(c)
    return chosen


def _background(articles: list[Article], sentences: list[_Sentence], coverage_start: Optional[date],
                window_start: Optional[date], limit: int, vectorizer, patterns,
                rules: TimelineSettings = DEFAULT_RULES) -> list[TimelineEntry]:
    """Years, decades and days long before the coverage that the articles recall ("ruled since 1969"),
    the most recalled first, one sentence each, told in date order."""
    if limit <= 0:
        return []
    by_key: dict[tuple, list[tuple[str, int, TimeValue]]] = defaultdict(list)
    for article in articles:
        for t in article.time_expressions:
            v = t.resolved
            if t.kind != "date" or not v.earliest or not v.latest or v.precision == "none":
                continue
            before = window_start is not None and v.latest < window_start
            if v.precision in BACKGROUND_PRECISIONS and coverage_start and v.latest < coverage_start or before:
                by_key[(v.value, v.precision)].append((article.id, t.sentence, v))
    text_of = {(s.article.id, s.index): s.text for s in sentences}
    sentence_of = {(s.article.id, s.index): s for s in sentences}
    ranked = sorted(by_key.items(), key=lambda kv: -len({a for a, _, _ in kv[1]}))
    entries = []
    for (value, precision), refs in ranked:
        if len(entries) >= limit:
            break
        options = [(a, i) for a, i, _ in refs if (a, i) in text_of and _well_formed(text_of[(a, i)], rules)
                   and sentence_on_topic(text_of[(a, i)], patterns)]
        if not options:
            continue
        options = list(dict.fromkeys(options))
        X = vectorizer([sentence_of[o] for o in options])
        centre = np.asarray(X.mean(axis=0)).ravel()
        best = options[int(np.argmax(X @ centre))]
        v = refs[0][2]
        entries.append(TimelineEntry(date=TimeValue(value=value, precision=precision, earliest=v.earliest, latest=v.latest),
                                     sentences=[CitedSentence(text=text_of[best], article=best[0], sentence=best[1])]))
    entries.sort(key=lambda e: (e.date.earliest, e.date.latest))
    return entries
