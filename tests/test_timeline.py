"""Timeline and briefing selection on small hand-made articles (no parser: the analysis is written
out as the pipeline stores it): which days, which sentences, one entry per day, the Background
section, budgets, relevance and the briefing's order."""
from __future__ import annotations

from datetime import date

from dateline.clean.detokenize import detokenize, looks_tokenized
from dateline.settings import TimelineSettings
from dateline.models import Article, Event, PublicationDate, Sentence, TimeExpression, TimeValue
from dateline.summarise.briefing import build_dated_briefing
from dateline.summarise.relevance import infer_topic, split_on_topic, topic_from_query
from dateline.summarise.timeline import TimelineBudget, generator, merge_same_day
from dateline.models import CitedSentence, TimelineEntry


def day_value(d: str) -> TimeValue:
    x = date.fromisoformat(d)
    return TimeValue(value=d, precision="day", earliest=x, latest=x)


def article(aid: str, published: str, sentences: list[str], dates: dict[int, list[TimeValue]] | None = None,
            outlet: str = "Gazette") -> Article:
    """An article whose sentence i names the time values dates[i]."""
    p = date.fromisoformat(published)
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, text=s, start=pos, end=pos + len(s)))
        pos += len(s) + 1
    times = [TimeExpression(text=v.value or "", sentence=i, start=0, end=1, kind="date", resolved=v)
             for i, values in (dates or {}).items() for v in values]
    return Article(id=aid, path=f"{aid}.txt", outlet=outlet, text=text,
                   published=PublicationDate(date=published, precision="day", earliest=p, latest=p, source="metadata"),
                   sentences=sents, time_expressions=times)


FIRE = "2021-03-01"
REPORT = "2021-03-05"
REOPEN = "2021-03-08"


def corpus() -> list[Article]:
    return [
        article("a1", FIRE, ["A fire destroyed two warehouses at the Kelby grain terminal on Monday.",
                             "Firefighters from three towns fought the fire at the terminal through the night.",
                             "The Kelby terminal was built in 1987 and has handled grain ever since."],
                {0: [day_value(FIRE)], 2: [TimeValue(value="1987", precision="year", earliest=date(1987, 1, 1), latest=date(1987, 12, 31))]}),
        article("a2", "2021-03-02", ["Investigators examined the ruins of the Kelby terminal after Monday's fire.",
                                     "The fire at the Kelby terminal on Monday stopped all loading at the port."],
                {0: [day_value(FIRE)], 1: [day_value(FIRE)]}, outlet="Coast Radio"),
        article("a3", "2021-03-02", ["Grain prices rose as the Kelby terminal stayed closed after the fire on Monday.",
                                     "Traders said buyers at the terminal were turning to other ports for now."],
                {0: [day_value(FIRE)]}, outlet="Farm Weekly"),
        article("a4", REPORT, ["Investigators said on Friday that faulty wiring caused the fire at the Kelby terminal.",
                               "The report found that alarms at the terminal had been switched off for repairs."],
                {0: [day_value(REPORT)]}),
        article("a5", REOPEN, ["Loading resumed at the Kelby grain terminal on Monday, a week after the fire.",
                               "The first ship left the terminal with wheat for export in the afternoon."],
                {0: [day_value(REOPEN)]}, outlet="Coast Radio"),
        article("a6", REOPEN, ["Sunny skies are expected across the region this week with mild temperatures.",
                               "Rain may return on the weekend, forecasters said on their morning show."],
                outlet="Weather Desk"),
    ]


def test_days_referred_to_by_more_articles_come_first_and_the_budget_holds():
    result = generator("datewise").generate(corpus(), TimelineBudget(dates=2, per_date=1, query="kelby"))
    days = [e.date.value for e in result.timeline]
    assert len(days) == 2 and FIRE in days  # three articles speak of the fire's day
    assert all(len(e.sentences) == 1 for e in result.timeline)


def test_one_entry_per_calendar_day_with_citations_from_several_articles():
    result = generator("datewise").generate(corpus(), TimelineBudget(dates=5, per_date=3, query="kelby"))
    values = [e.date.value for e in result.timeline]
    assert len(values) == len(set(values))
    fire = next(e for e in result.timeline if e.date.value == FIRE)
    assert len({s.article for s in fire.sentences}) >= 2  # one sentence per article before a second from one
    cited = [(s.article, s.sentence) for e in result.timeline for s in e.sentences]
    assert len(cited) == len(set(cited))  # a sentence tells one day only


def test_undated_lead_sentence_speaks_of_its_publication_day():
    arts = corpus() + [article("a7", "2021-03-10", ["Kelby port managers met insurers over the terminal fire damage bill.",
                                                      "The insurers asked for the terminal's full repair records."])]
    result = generator("datewise").generate(arts, TimelineBudget(dates=10, per_date=2, query="kelby"))
    entry = next(e for e in result.timeline if e.date.value in ("2021-03-10", "2021-03-09"))
    assert any(s.article == "a7" for s in entry.sentences)


def test_off_topic_articles_and_sentences_are_left_out_and_named():
    result = generator("datewise").generate(corpus(), TimelineBudget(dates=10, per_date=3, query="kelby, terminal"))
    assert [a.id for a in result.off_topic] == ["a6"]
    assert not any(s.article == "a6" for e in result.timeline for s in e.sentences)
    inferred = generator("datewise").generate(corpus(), TimelineBudget(dates=10, per_date=3))
    assert "terminal" in inferred.topic.terms and [a.id for a in inferred.off_topic] == ["a6"]


def test_background_years_go_apart_never_to_the_head_of_the_timeline():
    result = generator("datewise").generate(corpus(), TimelineBudget(dates=10, per_date=2, query="kelby"))
    assert all(e.date.precision == "day" for e in result.timeline)
    assert result.timeline[0].date.value != "1987"
    assert [e.date.value for e in result.background] == ["1987"]
    assert result.background[0].sentences[0].article == "a1"


def test_window_keeps_days_and_articles_inside_it():
    budget = TimelineBudget(dates=10, per_date=2, start=date(2021, 3, 4), end=date(2021, 3, 9), query="kelby")
    result = generator("datewise").generate(corpus(), budget)
    assert {e.date.value for e in result.timeline} <= {REPORT, REOPEN} and result.timeline


def test_a_short_timeline_tops_up_its_briefing_with_news_not_yet_told_not_a_second_outlet_on_the_same_event():
    told = ["Fire destroyed the grain warehouses at the Kelby terminal on Monday.",
            "A blaze gutted the Kelby terminal's grain stores on Monday, the port said."]
    arts = [article("w1", FIRE, [told[0], "The Kelby port union said on Monday that crews had warned of faulty wiring."],
                    {0: [day_value(FIRE)], 1: [day_value(FIRE)]}, outlet="Wire"),
            article("p1", FIRE, [told[1]], {0: [day_value(FIRE)]}, outlet="Post"),
            article("w2", REOPEN, ["The Kelby terminal reopened on Monday."], {0: [day_value(REOPEN)]}, outlet="Wire")]
    fire = Event(id="e-fire", kind="other", date=day_value(FIRE), summary=told[0],
                 citations=[CitedSentence(text=told[0], article="w1", sentence=0), CitedSentence(text=told[1], article="p1", sentence=0)])
    result = generator("datewise").generate(arts, TimelineBudget(dates=5, per_date=3, query="kelby", background=0))
    lines = build_dated_briefing(result, arts, [fire], rules=TimelineSettings(briefing_min_lines=3, briefing_max_lines=3))
    cited = {(line.article, line.sentence) for line in lines}
    assert len(cited & {("w1", 0), ("p1", 0)}) == 1 and ("w1", 1) in cited


def test_budget_fitted_to_corpus_size_reads_as_a_page():
    assert TimelineBudget.for_corpus(150).dates == 40 or TimelineBudget.for_corpus(150).dates <= 50
    assert TimelineBudget.for_corpus(6).dates == 10 and TimelineBudget.for_corpus(3000).dates == 40


def test_same_day_event_entries_merge_into_one():
    a, b = CitedSentence(text="Talks opened.", article="x", sentence=0), CitedSentence(text="Talks began.", article="y", sentence=2)
    entries = [TimelineEntry(date=day_value(FIRE), event="e1", sentences=[a]),
               TimelineEntry(date=day_value(FIRE), event="e2", sentences=[b, a]),
               TimelineEntry(date=day_value(REOPEN), event="e3", sentences=[a])]
    merged = merge_same_day(entries, per_entry=3)
    assert [e.date.value for e in merged] == [FIRE, REOPEN]
    assert {(s.article, s.sentence) for s in merged[0].sentences} == {("x", 0), ("y", 2)}


def test_briefing_opens_with_the_latest_state_then_turning_points_in_date_order():
    arts = corpus()
    result = generator("datewise").generate(arts, TimelineBudget(dates=5, per_date=2, query="kelby"))
    lines = build_dated_briefing(result, arts, [])
    assert lines[0].role == "latest" and lines[0].date.value == max(e.date.value for e in result.timeline)
    days = [line.date.earliest for line in lines[1:]]
    assert days == sorted(days) and all(line.date is not None for line in lines)
    assert all(line.article != "a6" for line in lines)
    texts = {(a.id, s.index): s.text for a in arts for s in a.sentences}
    assert all(texts[(line.article, line.sentence)] == line.text for line in lines)


def test_events_generator_links_and_merges_days():
    arts = corpus()
    events = [Event(id=f"e{i}", kind="meeting", date=day_value(FIRE), summary=s.text, actors=["person:voss"],
                    articles=[aid], citations=[CitedSentence(text=s.text, article=aid, sentence=0)])
              for i, (aid, s) in enumerate([("a1", arts[0].sentences[0]), ("a2", arts[1].sentences[0])])]
    result = generator("events").generate(arts, TimelineBudget(dates=5, per_date=2, query="kelby"), events)
    assert len(result.timeline) == 1 and len(result.timeline[0].sentences) == 2
    linked = generator("datewise").generate(arts, TimelineBudget(dates=5, per_date=2, query="kelby"), events)
    assert next(e for e in linked.timeline if e.date.value == FIRE).event in {"e0", "e1"}


def test_query_parsing_and_inferred_topic():
    assert topic_from_query("libya, gaddafi").terms == ["libya", "gaddafi"]
    assert topic_from_query(["Libya", "libyan"]).terms == ["libya", "libyan"]
    assert topic_from_query("") is None
    topic = topic_from_query("libya")
    on, off = split_on_topic([article("l", FIRE, ["Libyan rebels advanced on Monday toward the capital city."])], topic)
    assert on and not off  # a term matches at a word start: "libya" finds "Libyan"
    assert infer_topic([]).terms == []


def test_detokenize_undoes_treebank_tokens_only_when_the_text_is_tokenized():
    raw = "BP 's chief said , `` We do n't know . '' -LRB- CNN -RRB- -- tune in to '' AC360 , '' tonight ."
    assert looks_tokenized(raw)
    assert detokenize(raw) == "BP's chief said, \u201cWe don't know.\u201d (CNN) -- tune in to \u201cAC360,\u201d tonight."
    prose = "BP's chief said: \"We don't know.\" The well is capped, officials said on Monday."
    assert not looks_tokenized(prose)
    # the treebank escapes a slash and an asterisk with a backslash
    escaped = "\\* Cases of A\\/H1N1 rose , officials said on 3\\/23\\/11 -LRB- Photo : Reuters\\/Kim -RRB- ."
    assert detokenize(escaped) == "* Cases of A/H1N1 rose, officials said on 3/23/11 (Photo: Reuters/Kim)."


def test_page_stamps_are_trimmed_and_comments_and_questions_never_tell_a_day():
    stamped = ("KELBY | Mon Mar 1, 2021 6:52 pm EST KELBY (Reuters) - A fire destroyed the grain warehouses at "
               "the Kelby terminal on Monday, port officials said.")
    comment = "Posted by: Anonymous | March 1, 2021 3:40 PM | Report abuse The Kelby terminal fire on Monday was no accident."
    question = "Who will pay for the Kelby terminal fire that broke out on Monday?"
    arts = [article("s1", FIRE, [stamped], {0: [day_value(FIRE)]}, outlet="Wire"),
            article("s2", FIRE, [comment], {0: [day_value(FIRE)]}, outlet="Forum"),
            article("s3", FIRE, [question], {0: [day_value(FIRE)]}, outlet="Opinion")]
    result = generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=3, query="kelby", background=0))
    (entry,) = result.timeline
    texts = [s.text for s in entry.sentences]
    assert texts == ["A fire destroyed the grain warehouses at the Kelby terminal on Monday, port officials said."]
    assert (entry.sentences[0].article, entry.sentences[0].sentence) == ("s1", 0)  # the citation points at the sentence


def test_a_headline_run_into_the_sentence_is_left_out_of_the_line_but_not_of_the_citation():
    glued = ("Kelby mayor speaks out on terminal fire While the port stayed shut on Monday, the grain warehouses at the "
             "Kelby terminal burned through the night.")
    arts = [article("s1", FIRE, [glued], {0: [day_value(FIRE)]}, outlet="Wire")]
    result = generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=3, query="kelby", background=0))
    (entry,) = result.timeline
    assert [s.text for s in entry.sentences] == [
        "While the port stayed shut on Monday, the grain warehouses at the Kelby terminal burned through the night."]
    assert (entry.sentences[0].article, entry.sentences[0].sentence) == ("s1", 0)
    highlights = ("NEW: Kelby mayor orders inquiry into terminal fire Port says grain warehouses burned on Monday, "
                  "unions dispute claim.")
    arts = [article("s2", FIRE, [highlights], {0: [day_value(FIRE)]}, outlet="Wire")]
    assert generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=3, query="kelby", background=0)).timeline == []


def test_a_photo_caption_in_the_present_with_its_year_is_no_line_of_its_day():
    """"Dockers gather at the burned terminal on March 1, 2021." dates the picture; news in the present names no year."""
    caption = "Dockers gather at the burned grain warehouses of the Kelby terminal on March 1, 2021."
    told = "A fire destroyed two warehouses at the Kelby grain terminal on Monday, the port said."
    dated = TimeExpression(text="March 1, 2021", sentence=0, start=0, end=1, kind="date", resolved=day_value(FIRE),
                           direction="future")
    monday = TimeExpression(text="Monday", sentence=1, start=0, end=1, kind="date", resolved=day_value(FIRE), direction="past")
    arts = [article("c1", "2021-03-02", [caption, told])]
    arts[0].time_expressions = [dated, monday]
    result = generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=3, query="kelby", background=0))
    assert [s.text for e in result.timeline for s in e.sentences] == [told]
    from dateline.summarise.datewise import DatewiseGenerator

    first = DatewiseGenerator().sentences_of(arts[0])[0]  # a picture is taken on a day of news: the day still counts
    assert first.caption and list(first.days) == [date.fromisoformat(FIRE)]
    # the same words read in the past tense, the day not closing the sentence, are news of that day
    dated.direction = "past"
    result = generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=3, query="kelby", background=0))
    assert caption in [s.text for e in result.timeline for s in e.sentences]


def _closing(sentence: str, day: str, published: str) -> Article:
    """An article whose first sentence names `day` with its year, in the past tense, where the sentence has it."""
    told = "A fire destroyed two warehouses at the Kelby grain terminal on Monday, the port said."
    art = article("c2", published, [sentence, told])
    words = sentence[sentence.index("March"):sentence.index("2021") + 4]
    art.time_expressions = [
        TimeExpression(text=words, sentence=0, start=sentence.index(words), end=sentence.index(words) + len(words),
                       kind="date", resolved=day_value(day), direction="past"),
        TimeExpression(text="Monday", sentence=1, start=len(sentence) + 1 + told.index("Monday"),
                       end=len(sentence) + 1 + told.index("Monday") + 6, kind="date", resolved=day_value(FIRE), direction="past")]
    return art


def test_a_sentence_closing_on_a_day_of_the_week_before_with_its_year_is_a_caption_or_note_not_news():
    """"People look at the warehouses after they burned near Kelby March 1, 2021." and "This article was amended on
    March 2, 2021." date themselves as captions and page notes do; the news of that week says "on Monday"."""
    from dateline.summarise.datewise import DatewiseGenerator

    budget = TimelineBudget(dates=3, per_date=3, query="kelby", background=0)
    for closing in ("Dockers look at the Kelby grain warehouses after they burned near the terminal March 1, 2021.",
                    "This article on the Kelby terminal fire was amended on March 1, 2021."):
        art = _closing(closing, FIRE, "2021-03-02")
        assert DatewiseGenerator().sentences_of(art)[0].caption
        assert closing not in [s.text for e in generator("datewise").generate([art], budget).timeline for s in e.sentences]
    # a day with its year inside the sentence, or closing it but long before publication, is news of that day
    inside = "On March 1, 2021, dockers gathered at the Kelby grain warehouses the fire had burned."
    assert not DatewiseGenerator().sentences_of(_closing(inside, FIRE, "2021-03-02"))[0].caption
    history = "The Kelby grain terminal burned once before, on March 1, 2021."
    assert not DatewiseGenerator().sentences_of(_closing(history, FIRE, "2021-04-20"))[0].caption


def test_the_term_matrix_counts_each_sentences_words_as_tokenized_one_at_a_time():
    """The bulk build (one pass over all texts) gives each sentence the row its own `_tokens` give: columns
    numbered in the order words are first met, across batches, a row's entries in first-occurrence order,
    sublinear counts; a NUL inside a text does not split it, an empty sentence has an empty row."""
    import math

    from dateline.summarise.datewise import _Sentence, _TermMatrix, _tokens

    a = article("t1", FIRE, ["x"])
    texts = [["Fire at the Kelby terminal: the fire spread, fire crews came.", "", "Élan vital, naïve café — Kelby's"],
             ["Kelby terminal reopened\x00after the fire; 2021-03-08 was a Monday.", "Fire at the Kelby terminal: the fire spread, fire crews came."]]
    matrix = _TermMatrix()
    batches = [[_Sentence(a, i, t, (), False) for i, t in enumerate(batch)] for batch in texts]
    for batch in batches:
        matrix.add(batch + batch[:1])  # a sentence listed twice gets one row
    M = matrix.matrix()
    expected_vocab: dict[str, int] = {}
    for batch in batches:
        for s in batch:
            words = _tokens(s.text.replace("\x00", " "))
            assert "\x00" not in s.text or words == _tokens(s.text)
            for w in words:
                expected_vocab.setdefault(w, len(expected_vocab))
            counts: dict[int, int] = {}
            for w in words:
                counts[expected_vocab[w]] = counts.get(expected_vocab[w], 0) + 1
            lo, hi = M.indptr[s.row], M.indptr[s.row + 1]
            assert list(M.indices[lo:hi]) == list(counts)
            assert list(M.data[lo:hi]) == [1.0 + math.log(n) for n in counts.values()]
    assert list(matrix.vocab) == list(expected_vocab) and M.shape == (5, len(expected_vocab))
    assert M.indptr[batches[0][1].row + 1] == M.indptr[batches[0][1].row]  # the empty sentence


def test_well_formed_counts_letters_alike_in_ascii_and_other_text():
    from dateline.summarise.datewise import _well_formed

    assert _well_formed("The ministers met in Moscow on Monday to discuss the islands.")
    assert _well_formed("Les ministres se sont réunis à Moscou lundi pour parler des îles.")
    assert not _well_formed("12 34 56 78 90 12 34 56 at 78.")  # mostly digits
    assert not _well_formed("Posted by: reader | September 24, 2008 3:40 PM | Report abuse.")
    assert not _well_formed("Saturday 15 January 2005 16.16 GMT the minister spoke.")


def test_the_timeline_settings_reach_every_step():
    """Each number moved into TimelineSettings changes what the step does when set: the rules are passed
    down, not shadowed by a module constant."""
    from dateline.settings import TimelineSettings

    budget = TimelineBudget(dates=5, per_date=3, query="kelby")
    told = generator("datewise").generate(corpus(), budget)
    assert told.timeline
    assert not generator("datewise", TimelineSettings(min_words=40)).generate(corpus(), budget).timeline  # sentences are shorter
    one_each = generator("datewise", TimelineSettings(same_article=0.0, near_copy=0.01)).generate(corpus(), budget)
    assert all(len(e.sentences) == 1 for e in one_each.timeline)  # everything else is a "near copy" of the first pick
    assert TimelineBudget.for_corpus(150).dates == 40 and TimelineBudget.for_corpus(150, TimelineSettings(max_dates=20)).dates == 20
    assert TimelineBudget.for_corpus(400, TimelineSettings(large_corpus=500)).per_date == 2
    # salience: three outlets refer to the fire's day, so each point of outlet weight adds three
    fire = date.fromisoformat(FIRE)
    heavy = generator("datewise", TimelineSettings(outlet_weight=10.25)).generate(corpus(), budget)
    assert heavy.salience[fire] - told.salience[fire] == 3 * 10.0
    lines = build_dated_briefing(told, corpus(), [], rules=TimelineSettings(briefing_min_lines=1, briefing_max_lines=2))
    assert 1 <= len(lines) <= 2
    inferred = infer_topic(corpus(), rules=TimelineSettings(inferred_terms=1, inferred_actors=0))
    assert len(inferred.terms) == 1 and not inferred.actors


def test_a_month_level_entry_tells_one_on_topic_event_and_never_outranks_the_days():
    """Known only to the month: shown only when its event is reported, in well-formed sentences on the topic
    that no day entry cites, by enough articles to score as a day shown does (articles plus outlets), and then
    with those sentences only (the month sentences are dated, so no day takes them as undated leads)."""
    march = TimeValue(value="2021-03", precision="month", earliest=date(2021, 3, 1), latest=date(2021, 3, 31))
    february = TimeValue(value="2021-02", precision="month", earliest=date(2021, 2, 1), latest=date(2021, 2, 28))
    extra = [article("b1", FIRE, ["The Kelby terminal had been inspected twice in March by the port authority.",
                                  "Egypt's president was ousted last year after weeks of street protests."], {0: [march]}, outlet="Port News"),
             article("b2", FIRE, ["Port authority inspectors visited the Kelby terminal in March as well, officials said.",
                                  "Egypt's army took charge of the country after the president was ousted."], {0: [march]}, outlet="Daily Wire"),
             article("b3", FIRE, ["Kelby dock workers had asked for new fire alarms back in February, a union said.",
                                  "In Egypt the ousted president was put on trial within months of his fall."], {0: [february]},
                     outlet="Union Voice")]
    arts = corpus() + extra

    def event(eid, when, cites):
        return Event(id=eid, kind="other", date=when, summary=cites[0][2], actors=["org:authority"],
                     articles=[a for a, _, _ in cites], citations=[CitedSentence(text=t, article=a, sentence=i) for a, i, t in cites])

    texts = {(a.id, s.index): s.text for a in extra for s in a.sentences}
    off_topic = event("m-off", march, [(a, 1, texts[(a, 1)]) for a in ("b1", "b2", "b3")])  # three articles, about Egypt
    on_topic = event("m-on", march, [(a, 0, texts[(a, 0)]) for a in ("b1", "b2")])  # two articles, two outlets: 2.5
    weak = event("m-weak", february, [("b3", 0, texts[("b3", 0)])])  # one article: 1.25, below every day shown
    result = generator("datewise").generate(arts, TimelineBudget(dates=3, per_date=2, query="kelby"), [off_topic, on_topic, weak])
    assert min(result.salience.values()) == 1.75
    coarse = [e for e in result.timeline if e.date.precision == "month"]
    assert [e.event for e in coarse] == ["m-on"]
    assert {(s.article, s.sentence) for s in coarse[0].sentences} == {("b1", 0), ("b2", 0)}


def test_an_undated_lead_tells_the_day_its_own_lead_names_not_the_day_before():
    # a8's lead names its publication day; its undated second sentence continues that day's news, and the day
    # before (named by one other article) must not borrow it
    day_before = "2021-03-11"
    arts = corpus() + [
        article("a8", "2021-03-12", ["The Kelby port board said on Friday that the terminal would be rebuilt.",
                                     "Kelby port board members meanwhile said the terminal rebuild plan would take two years."],
                {0: [day_value("2021-03-12")]}),
        article("a9", "2021-03-12", ["The Kelby port board met on Thursday to discuss the terminal rebuild plan."],
                {0: [day_value(day_before)]}, outlet="Coast Radio"),
    ]
    result = generator("datewise").generate(arts, TimelineBudget(dates=10, per_date=3, query="kelby"))
    told = {(s.article, s.sentence): e.date.value for e in result.timeline for s in e.sentences}
    assert told.get(("a8", 1)) in (None, "2021-03-12")
    assert told.get(("a8", 0)) == "2021-03-12"


def test_a_sentence_that_opens_inside_a_quotation_is_no_timeline_line():
    from dateline.summarise.datewise import _well_formed

    assert not _well_formed("There is no guarantee that a new attack system will not appear on the islands tomorrow.\u201d")
    assert _well_formed("\u201cThere is no guarantee of anything,\u201d the minister said on Thursday in Moscow.")


def test_an_entry_is_titled_only_by_an_event_that_cites_its_sentences():
    from dateline.models import CitedSentence, Event

    arts = corpus()
    weather = arts[-1]  # a6: off the topic, so never among the fire day's sentences
    elsewhere = Event(id="evt-elsewhere", kind="meeting", date=day_value(FIRE), title="Forecasters meet",
                      summary=weather.sentences[1].text, articles=[weather.id],
                      citations=[CitedSentence(text=weather.sentences[1].text, article=weather.id, sentence=1)])
    fire_cite = CitedSentence(text=arts[0].sentences[0].text, article="a1", sentence=0)
    fire = Event(id="evt-fire", kind="other", date=day_value(FIRE), title="Fire at the Kelby terminal",
                 summary=fire_cite.text, articles=["a1"], citations=[fire_cite])
    budget = TimelineBudget(dates=5, per_date=3, query="kelby")
    alone = generator("datewise").generate(arts, budget, [elsewhere])
    assert next(e for e in alone.timeline if e.date.value == FIRE).event is None
    both = generator("datewise").generate(arts, budget, [elsewhere, fire])
    assert next(e for e in both.timeline if e.date.value == FIRE).event == "evt-fire"


def test_a_briefing_line_for_a_day_is_the_sentence_naming_that_day_not_a_quote_or_one_dated_by_its_article():
    """Of a day's timeline sentences, the briefing tells the one that names the day of what it reports ("entered
    Kelby on Monday"), over one opening on a quote (its speaker comes last) or one the day holds only as its article's,
    even where those name more of the story's main actors."""
    from dateline.models import Actor
    from dateline.summarise.datewise import DatedTimeline
    from dateline.summarise.relevance import Topic

    quote = "“The Kelby terminal and the Nordic Grain Board must now work together,” Ola Berg said."
    plain = "Most grain from the Kelby terminal and the Nordic Grain Board is moving to other ports."
    news = "Fire crews entered the Kelby terminal on Monday."
    arts = [article("q", FIRE, [quote, plain]), article("n", FIRE, [news], {0: [day_value(FIRE)]})]
    entry = TimelineEntry(date=day_value(FIRE), sentences=[CitedSentence(text=quote, article="q", sentence=0),
                                                           CitedSentence(text=plain, article="q", sentence=1),
                                                           CitedSentence(text=news, article="n", sentence=0)])
    main = [Actor(id="org:board", name="Nordic Grain Board", type="ORG", mentions=5),
            Actor(id="fac:kelby", name="Kelby", type="FAC", mentions=9)]
    dated = DatedTimeline(timeline=[entry], background=[], topic=Topic(terms=["kelby"]), salience={date.fromisoformat(FIRE): 1.0})
    (line,) = build_dated_briefing(dated, arts, [], main, rules=TimelineSettings(briefing_min_lines=1, briefing_max_lines=1))
    assert (line.article, line.sentence) == ("n", 0)
    # without a sentence naming its day, a plain one goes before a quote
    entry.sentences = entry.sentences[:2]
    (line,) = build_dated_briefing(dated, arts, [], main, rules=TimelineSettings(briefing_min_lines=1, briefing_max_lines=1))
    assert (line.article, line.sentence) == ("q", 1)


def test_of_two_events_citing_an_entry_one_line_each_the_entrys_first_line_titles_it():
    from dateline.models import CitedSentence, Event

    arts = corpus()
    budget = TimelineBudget(dates=5, per_date=3, query="kelby")
    plain = generator("datewise").generate(arts, budget)
    lines = next(e for e in plain.timeline if e.date.value == FIRE).sentences
    assert len(lines) >= 2

    def event(eid: str, line: CitedSentence, actors: list[str]) -> Event:
        return Event(id=eid, kind="other", date=day_value(FIRE), title=eid, summary=line.text, articles=[line.article],
                     actors=actors, citations=[line])
    # the second line's event names more actors: the first line's still tells the day
    first, second = event("evt-first", lines[0], []), event("evt-second", lines[1], ["org:a", "org:b"])
    titled = generator("datewise").generate(arts, budget, [second, first])
    assert next(e for e in titled.timeline if e.date.value == FIRE).event == "evt-first"


def test_the_briefing_opens_on_the_latest_day_a_sentence_reports_not_a_day_held_by_a_column_alone():
    """A column's opening holds its publication day in the timeline ("After a turbulent month, how that has changed"),
    but the latest state of affairs is the latest day whose news a sentence names; that day's line comes after, and
    after every other day of news."""
    from dateline.summarise.datewise import DatedTimeline
    from dateline.summarise.relevance import Topic

    news = "Fire crews reopened the Kelby terminal on Monday after a week of repairs."
    column = "After a turbulent month at the Kelby terminal, it is worth asking how that has changed the port."
    fire = "A fire destroyed two warehouses at the Kelby terminal on Monday."
    arts = [article("n", REOPEN, [news], {0: [day_value(REOPEN)]}), article("c", "2021-03-10", [column])]
    entries = [TimelineEntry(date=day_value(REOPEN), sentences=[CitedSentence(text=news, article="n", sentence=0)]),
               TimelineEntry(date=day_value("2021-03-10"), sentences=[CitedSentence(text=column, article="c", sentence=0)])]
    dated = DatedTimeline(timeline=entries, background=[], topic=Topic(terms=["kelby"]),
                          salience={date.fromisoformat(REOPEN): 2.0, date(2021, 3, 10): 9.0})
    two = TimelineSettings(briefing_min_lines=2, briefing_max_lines=2)
    lines = build_dated_briefing(dated, arts, [], rules=two)
    assert [(line.role, line.article) for line in lines] == [("latest", "n"), ("turning point", "c")]
    # as a turning point, the column's day comes after every day of news, however salient
    arts.append(article("f", FIRE, [fire], {0: [day_value(FIRE)]}))
    entries.append(TimelineEntry(date=day_value(FIRE), sentences=[CitedSentence(text=fire, article="f", sentence=0)]))
    lines = build_dated_briefing(dated, arts, [], rules=two)
    assert [(line.role, line.article) for line in lines] == [("latest", "n"), ("turning point", "f")]
    # with no day named anywhere, the latest day still opens it
    for a in arts:
        a.time_expressions = []
    lines = build_dated_briefing(dated, arts, [], rules=two)
    assert lines[0].role == "latest" and lines[0].article == "c"