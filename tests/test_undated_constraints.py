"""Dating an undated article by intersecting what its time expressions, its head and its corpus
say about the publication date: agreeing evidence narrows, conflicting evidence is dropped with
a note or widens the answer, no evidence leaves the article undated. Examples written for these
tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from dateline.temporal.constraints import Constraint, corpus_hints, intersect
from dateline.temporal.pubdate import Mention, head_dates, infer_publication_date

DOMAIN = (date(1900, 1, 1), date(2030, 12, 31))


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- the intersection itself -------------------------------------------------------------------

def test_agreeing_constraints_narrow_to_their_overlap_and_all_are_kept():
    after = Constraint.between(d("2020-03-02"), None, 3, "after")
    before = Constraint.between(None, d("2020-03-10"), 3, "before")
    year = Constraint.between(d("2020-01-01"), d("2020-12-31"), 6, "year")
    solution = intersect([after, before, year], DOMAIN)
    assert (solution.earliest, solution.latest) == (d("2020-03-02"), d("2020-03-10"))
    assert solution.kept == [after, before, year] and solution.dropped == []


def test_a_lighter_conflicting_constraint_is_dropped_not_obeyed():
    year = Constraint.between(d("2020-01-01"), d("2020-12-31"), 6, "year")
    wrong = Constraint.between(d("2023-05-01"), None, 3, "misread tense")
    solution = intersect([year, wrong], DOMAIN)
    assert (solution.earliest, solution.latest) == (d("2020-01-01"), d("2020-12-31"))
    assert solution.dropped == [wrong]


def test_equally_weighted_conflict_widens_to_cover_both_sides():
    early = Constraint.between(d("2020-01-01"), d("2020-01-31"), 3, "January")
    late = Constraint.between(d("2020-06-01"), d("2020-06-30"), 3, "June")
    solution = intersect([early, late], DOMAIN)
    assert solution.earliest == d("2020-01-01") and solution.latest == d("2020-06-30")
    assert len(solution.ranges) == 2  # both sides stay possible; nothing in between is claimed


def test_two_agreeing_pieces_outweigh_one_heavier_dissenter():
    a = Constraint.between(None, d("2019-06-30"), 3, "ahead 1")
    b = Constraint.between(d("2019-06-01"), d("2019-12-31"), 3, "the year 2019, in the past")
    dissent = Constraint.between(d("2021-01-01"), d("2021-12-31"), 4, "corpus")
    solution = intersect([a, b, dissent], DOMAIN)
    assert (solution.earliest, solution.latest) == (d("2019-06-01"), d("2019-06-30"))
    assert solution.dropped == [dissent]


def test_the_same_bound_said_twice_counts_once():
    twice = [Constraint.between(d("2012-01-01"), None, 3, "2012 in the past"),
             Constraint.between(d("2012-01-01"), None, 3, "2012 in the past, again")]
    corpus = Constraint.between(d("2010-03-01"), d("2011-03-01"), 4, "corpus")
    solution = intersect(twice + [corpus], DOMAIN)
    assert solution.latest == d("2011-03-01") and len(solution.dropped) == 2


def test_no_constraints_leave_the_whole_domain():
    solution = intersect([], DOMAIN)
    assert (solution.earliest, solution.latest) == DOMAIN


# --- publication dates from an article's own words ---------------------------------------------

def test_no_evidence_leaves_the_article_undated():
    published = infer_publication_date("", "The committee discussed fisheries.", mentions=[])
    assert published.date is None and published.precision == "none" and published.source == "unknown"
    assert published.earliest is None and published.latest is None and published.likely is None
    assert any("undated" in e for e in published.evidence)


def test_summit_ahead_and_talks_behind_narrow_a_current_year_to_weeks():
    text = ("Norway wants to make 2024 a decisive year for the quota talks, the minister said Tuesday. "
            "The ministers will meet again on Feb. 12, after talks in November ended without a deal. "
            "A final round is planned in August.")
    mentions = [Mention("Tuesday", "past", 0), Mention("Feb. 12", "future", 1), Mention("November", "past", 1),
                Mention("August", "future", 2)]
    published = infer_publication_date("", text, mentions=mentions)
    assert published.source == "inferred"
    assert (published.earliest, published.latest) == (d("2024-01-01"), d("2024-02-12"))
    assert published.likely is not None and published.likely.weekday() in (1, 2)  # Tuesday or the day after
    assert any("Feb. 12" in e for e in published.evidence) and any("2024" in e for e in published.evidence)


def test_dated_past_and_future_bound_both_sides():
    mentions = [Mention("June 3, 2021", "past", 0), Mention("June 20, 2021", "future", 2)]
    published = infer_publication_date("", "text", mentions=mentions)
    assert (published.earliest, published.latest, published.precision) == (d("2021-06-03"), d("2021-06-20"), "month")
    assert published.date == "2021-06"


def test_a_loose_tense_bounds_nothing():
    mentions = [Mention("June 3, 2021", "past", 0), Mention("June 1, 2021", "future", 1, loose=True),
                Mention("July 2021", "future", 1)]
    published = infer_publication_date("", "text", mentions=mentions)
    assert (published.earliest, published.latest) == (d("2021-06-03"), d("2021-07-31"))


def test_misread_tense_against_the_corpus_is_set_aside_with_a_note():
    hints = corpus_hints([(d("2010-04-01"), d("2010-04-01")), (d("2010-09-30"), d("2010-09-30"))])
    mentions = [Mention("2012", "past", 3), Mention("May 2010", "past", 1)]
    published = infer_publication_date("", "text", mentions=mentions, hints=hints)
    assert (published.earliest, published.latest) == (d("2010-05-01"), d("2010-10-31"))
    assert any(e.startswith("set aside") and "2012" in e for e in published.evidence)


def test_dateline_without_a_year_takes_the_year_from_the_corpus():
    head = "CAIRO, Feb. 1 (Wire) - Protesters filled the square on Tuesday."
    hints = corpus_hints([(d("2011-01-25"), d("2011-01-25")), (d("2011-02-13"), d("2011-02-13"))])
    published = infer_publication_date(head, head, mentions=[Mention("Tuesday", "past", 0)], hints=hints)
    assert (published.earliest, published.latest, published.likely) == (d("2011-02-01"), d("2011-02-02"), d("2011-02-01"))
    assert any("dateline" in e for e in published.evidence) and any("corpus" in e for e in published.evidence)


@pytest.mark.parametrize("head,day", [
    ("Rebels hold the road * Talks stall BENGHAZI, Libya, March 8 (Wire) - Fighting went on.", "2011-03-08"),
    ("OXFORD, Miss., Sept. 26 -- The debate hall filled early.", "2011-09-26"),
    ("ROBERT, La., May 8 (Wire) - Crews worked through the night.", "2011-05-08"),
    ("ROME Feb 21 (Wire) - The prime minister spoke.", "2011-02-21"),
    ("Aug 21 (Wire) - Rebels entered the capital.", "2011-08-21"),
])
def test_a_dateline_with_its_state_or_country_dates_the_article(head, day):
    hints = corpus_hints([(d("2011-01-25"), d("2011-01-25")), (d("2011-10-13"), d("2011-10-13"))])
    published = infer_publication_date(head, head, mentions=[], hints=hints)
    assert published.likely == d(day) and (published.latest - published.earliest).days <= 1
    assert any(e.startswith("dateline") for e in published.evidence)


def test_crawl_date_is_never_outweighed():
    mentions = [Mention("2025", "past", 0), Mention("March 2025", "past", 1)]
    published = infer_publication_date("", "text", mentions=mentions, crawled="2021-03-04")
    assert published.latest == d("2021-03-04")
    assert sum(e.startswith("set aside") for e in published.evidence) == 2


@pytest.mark.parametrize("head,stamp,comments", [
    ("TOKYO, Dec. 3, 2016 (Kyodo) -- Ministers met.", "2016-12-03", 0),
    ("By A. Writer | March 4, 2015; 9:12 PM ET | Comments", "2015-03-04", 0),
    ("Last updated: Tuesday, 5 May 2015\nText", "2015-05-05", 0),
    ("Boats pass the harbour in Bergen, Norway, April 29, 2014.\nThe talks went on.", None, 0),
    ("Its work grew after Sept. 11, 2001, when funding rose.", None, 0),
    ("Great point!!! February 10, 2011 at 7:53 am | Report abuse |", None, 1),
    # run-on heads (page lines joined): a date after its weekday, or with the clock a page prints, is a stamp
    ("Storm hits the coast Minister defends response Tuesday 8 June 2010 13.19 BST The minister said", "2010-06-08", 0),
    ("Ann Reporter | 09:53 AM, Thursday, 21 May 2009 I have covered health since 1990.", "2009-05-21", 0),
    ("Ann Reporter | 10:57 UK time, Friday, 22 January 2010 The agency said", "2010-01-22", 0),
    ("The parade was held on Tuesday 8 June 2010 in the capital.", None, 0),
    ("Officials in the northern provinces said fighting has gone on since Friday, 22 January 2010.", None, 0),
    # "posted" in a caption's prose is the picture's day; the stamp is the page's
    ("Crowds in the square in a still taken from a video posted on May 3, 2012 on a website.\n"
     "Credit: Wire TV OSLO | Mon May 14, 2012 6:01 pm EDT OSLO (Wire) - Crowds gathered.", "2012-05-14", 0),
    ("Posted on May 3, 2012 | by A. Writer", "2012-05-03", 0),
    ("News | Updated: Monday, May 14, 2012\nText", "2012-05-14", 0),
    # a related video's stamp beside its title, as a media module prints it, is the video's
    ("Reporters taken to mass funeral in port town updated: Wed Aug 10 2011 10:52:00 Gunfire heralded the convoy.", None, 0),
])
def test_only_a_stamp_in_the_head_is_the_publication_date(head, stamp, comments):
    found, comment_stamps = head_dates(head)
    assert (str(found[1].earliest) if found else None) == stamp
    assert len(comment_stamps) == comments


def test_a_readers_comment_bounds_publication_from_above():
    head = "Great point!!! February 10, 2011 at 7:53 am | Report abuse |"
    published = infer_publication_date(head, head, mentions=[Mention("February 1, 2011", "past", 0)])
    # from above by the comment, from below by the week before it (comment_lag_days), tighter than 1 February
    assert (published.earliest, published.latest) == (d("2011-02-04"), d("2011-02-10"))


# --- the corpus: copies of a dated text ------------------------------------------------------------

def _article(aid: str, published):
    from dateline.models import Article

    return Article(id=aid, path=f"{aid}.txt", text="...", published=published)


def _metadata(day: str):
    from dateline.models import PublicationDate

    return PublicationDate(date=day, precision="day", earliest=d(day), latest=d(day), source="metadata")


def test_an_undated_copy_of_a_dated_text_is_dated_by_it():
    from dateline.models import PublicationDate
    from dateline.settings import DatingSettings
    from dateline.temporal.constraints import date_from_copies

    undated = _article("b", PublicationDate(precision="none", source="unknown", evidence=["no date"]))
    narrowed = date_from_copies([_article("a", _metadata("2011-02-01")), undated], [["a", "b"]])
    assert narrowed == ["b"]
    p = undated.published
    assert (p.earliest, p.latest) == (d("2011-01-29"), d("2011-02-04")) and DatingSettings().copy_lag_days == 3
    assert p.source == "inferred" and p.likely == d("2011-02-01") and any("a.txt" in e for e in p.evidence)


def test_a_copy_that_conflicts_with_the_articles_own_evidence_is_noted_not_obeyed():
    from dateline.models import PublicationDate
    from dateline.temporal.constraints import date_from_copies

    own = PublicationDate(date="2012-05", precision="month", earliest=d("2012-05-01"), latest=d("2012-05-31"),
                          source="inferred", evidence=["“May 2012” ..."])
    article = _article("b", own)
    assert date_from_copies([_article("a", _metadata("2011-02-01")), article], [["a", "b"]]) == []
    assert (own.earliest, own.latest) == (d("2012-05-01"), d("2012-05-31"))
    assert any("conflicts" in e for e in own.evidence)


def test_an_article_dated_by_metadata_is_left_alone_by_its_copies():
    from dateline.temporal.constraints import date_from_copies

    first, second = _article("a", _metadata("2011-02-01")), _article("b", _metadata("2011-03-09"))
    assert date_from_copies([first, second], [["a", "b"]]) == []
    assert second.published.date == "2011-03-09"


def test_a_wire_dateline_inside_a_run_on_head_gives_the_day():
    head = "Ports reopen after storm | 4:01 pm BST VALLETTA, May 26 (Wire) - The harbour authority said on Tuesday"
    hints = corpus_hints([(d("2009-04-01"), d("2009-04-01")), (d("2009-07-01"), d("2009-07-01"))])
    published = infer_publication_date(head, head, mentions=[Mention("Tuesday", "past", 0)], hints=hints)
    assert (published.earliest, published.latest, published.likely) == (d("2009-05-26"), d("2009-05-27"), d("2009-05-26"))
    # a comma-and-day inside prose is no dateline
    prose = "Officials in VALLETTA, May 26 was a quiet day. The harbour authority said on Tuesday"
    assert infer_publication_date(prose, prose, mentions=[], hints=hints).earliest == d("2009-03-01")


def test_later_this_month_takes_its_month_from_the_days_the_article_names():
    text = ("The ministers agreed to keep talking until the summit takes place later this month. The talks were hard. "
            "The two leaders will meet on Dec. 15 and 16 in the capital.")
    published = infer_publication_date("", text, mentions=[Mention("Dec. 15 and 16", "future", 2)])
    assert published.earliest is None and published.latest is None and published.date is None
    assert any("“later this month” beside a day of December" in e for e in published.evidence)
    assert "published in December, year unknown" in published.evidence
    # the year from elsewhere turns that into December before the 15th
    hints = corpus_hints([(d("2016-11-20"), d("2016-12-20"))])
    published = infer_publication_date("", text, mentions=[Mention("Dec. 15 and 16", "future", 2)], hints=hints)
    assert (published.earliest, published.latest) == (d("2016-12-01"), d("2016-12-14"))


def test_a_yearly_window_is_no_bound_in_the_first_year_of_the_domain():
    published = infer_publication_date("", "In May the talks broke down.", mentions=[Mention("May", "past", 0)])
    assert published.earliest is None and published.latest is None


def test_a_day_with_its_weekday_fixes_the_year():
    # 15 October fell on a Wednesday in 2003, 2008 and 2014: the corpus's years leave 2008 alone
    hints = corpus_hints([(d("2007-06-01"), d("2007-06-01")), (d("2010-06-01"), d("2010-06-01"))])
    mentions = [Mention("Wednesday, Oct. 15", "past", 0)]
    published = infer_publication_date("", "Markets fell on Wednesday, Oct. 15.", mentions=mentions, hints=hints)
    assert (published.earliest, published.latest) == (d("2008-10-15"), d("2009-10-15"))
    assert any("a weekday with a day" in e for e in published.evidence)
    # a weekday that 15 October has in no year near (a Sunday in 2006 and 2017): set aside, the corpus span stays
    wrong = infer_publication_date("", "x", mentions=[Mention("Sunday, Oct. 15", "past", 0)], hints=hints)
    assert wrong.earliest == d("2007-05-01")


def test_the_first_post_on_the_page_bounds_publication_within_the_week_before_it():
    text = ("The council met again.\nGreat point!!! March 3, 2012 at 7:53 am | Report abuse |\n"
            "I disagree. March 5, 2012 at 9:10 pm | Report abuse |")
    published = infer_publication_date("", text, mentions=[])
    assert (published.earliest, published.latest) == (d("2012-02-26"), d("2012-03-03"))
    assert any("first stamped post (2012-03-03)" in e for e in published.evidence)
    # the article's own past-tense date, later than that, still narrows it
    later = infer_publication_date("", text, mentions=[Mention("March 1, 2012", "past", 0)])
    assert (later.earliest, later.latest) == (d("2012-03-01"), d("2012-03-03"))


def test_a_page_listing_older_posts_is_bounded_by_its_latest_post_only():
    """A blog page lists earlier entries with their stamps: those come before the article, so only the
    latest unmarked stamp bounds publication from above (a reader's comment still does each time)."""
    text = ("The minister resigned on Friday, aides said.\n"
            "Earlier posts: May 10, 2010 20:07 UTC Budget talks stall\n"
            "June 2, 2010 09:15 UTC Minister resigns\n"
            "May 28, 2010 18:40 UTC Aides quit\n")
    published = infer_publication_date("", text, mentions=[])
    assert published.latest == d("2010-06-02")
    assert not any("May 10, 2010" in e and "on or before" in e for e in published.evidence)


def test_posts_stamped_oldest_first_are_a_thread_bounded_by_its_first_post():
    """Readers' posts run oldest first down the page, each stamped with a dash or a semicolon before its clock
    and no "Report abuse": the first of them already comes after the article."""
    text = ("The envoy left Damascus on Sunday without a deal.\n"
            "22nd January 2012 - 18:12 The talks were doomed from the start.\n"
            "23rd January 2012 - 09:40 Give diplomacy a chance.\n"
            "By Ann Reader | January 30, 2012; 7:15 AM ET Still nothing.\n")
    published = infer_publication_date("", text, mentions=[Mention("Sunday", "past", 0)])
    assert (published.earliest, published.latest) == (d("2012-01-16"), d("2012-01-22"))
    assert any("“22nd January 2012” (a comment or an update)" in e for e in published.evidence)


# --- the same story in dated articles: which week the article's weekday is in ----------------------

_STORY = ("Engineers at the Marlowe dam sealed the cracked spillway gate after divers found a second fissure "
          "near the northern pylon, the river authority said on {day}. Residents of Callen and Brisk villages "
          "were told they could return home once the reservoir level falls below the warning mark.")
_OTHER = ("The city council approved a new budget for the municipal library, adding reading rooms and "
          "extending opening hours on {day} evenings, officials said.")
_TOPICS = ["orchard", "harbour", "railway", "school", "market", "bridge", "clinic", "stadium", "museum", "factory"]
_PLACES = ["Osk", "Perl", "Quin", "Rode"]
# other articles of the collection: word rarity is measured across it, as in a build's corpus
_FILLER = [f"The {t} at {p} reopened after repairs, and the {t} board thanked volunteers and the {p} council for the work."
           for t in _TOPICS for p in _PLACES[:2]]


def _reported(aid: str, text: str, day: str):
    from dateline.models import Article

    return Article(id=aid, path=f"{aid}.txt", text=text, published=_metadata(day))


def _undated_with_weekday(text: str, weekday: str, direction: str = "past", own=None):
    from dateline.models import Article, PublicationDate, TimeExpression

    start = text.index(weekday)
    expression = TimeExpression(text=weekday, sentence=0, start=start, end=start + len(weekday), direction=direction)
    published = own or PublicationDate(precision="none", earliest=d("2014-01-01"), latest=d("2014-12-31"), source="unknown",
                                       evidence=["the corpus's span"])
    return Article(id="u", path="u.txt", text=text, published=published, time_expressions=[expression])


def _collection(*extra):
    return [*extra, *(_reported(f"f{i}", text, "2014-03-01") for i, text in enumerate(_FILLER))]


def test_dated_reports_of_the_same_story_fix_the_week_of_its_weekday():
    from dateline.settings import DatingSettings
    from dateline.temporal.constraints import date_from_reports

    # 2014-05-14 is a Wednesday: the reports' "Tuesday" is 13 May, so the article came out 13-19 May
    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    report = _reported("r", _STORY.format(day="Tuesday") + " More rain is forecast.", "2014-05-14")
    unrelated = _reported("x", _OTHER.format(day="Tuesday"), "2014-09-02")
    assert date_from_reports(_collection(undated, report, unrelated)) == ["u"]
    p = undated.published
    assert (p.earliest, p.latest) == (d("2014-05-13"), d("2014-05-13") + timedelta(days=DatingSettings().weekday_span_days))
    assert p.source == "inferred" and p.likely == d("2014-05-14")
    assert any("r.txt (2014-05-14, similarity" in e and "“Tuesday”" in e for e in p.evidence)
    assert not any("x.txt" in e for e in p.evidence)  # another story, though it names the weekday too


def test_reports_placing_the_weekday_in_different_weeks_widen_the_window():
    from dateline.temporal.constraints import date_from_reports

    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    first = _reported("r1", _STORY.format(day="Tuesday"), "2014-05-14")
    later = _reported("r2", _STORY.format(day="Tuesday") + " A week on, the gate holds.", "2014-05-21")
    assert date_from_reports(_collection(undated, first, later)) == ["u"]
    assert (undated.published.earliest, undated.published.latest) == (d("2014-05-13"), d("2014-05-26"))


def test_reports_placing_the_weekday_months_apart_fix_nothing():
    # a weekday the same story names in weeks months apart is a recurring one (a weekly programme), not one week
    from dateline.temporal.constraints import date_from_reports

    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    first = _reported("r1", _STORY.format(day="Tuesday"), "2014-05-14")
    later = _reported("r2", _STORY.format(day="Tuesday") + " Months on, the gate holds.", "2014-09-17")
    assert date_from_reports(_collection(undated, first, later)) == []
    assert (undated.published.earliest, undated.published.latest) == (d("2014-01-01"), d("2014-12-31"))
    assert any("too far apart to be one story's week" in e for e in undated.published.evidence)


def test_no_narrowing_without_the_weekday_in_the_reports_or_without_a_similar_report():
    from dateline.temporal.constraints import date_from_reports

    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    silent = _reported("r", _STORY.format(day="weekend"), "2014-05-14")  # the same story, no weekday named
    other = _reported("x", _OTHER.format(day="Tuesday"), "2014-05-14")  # the weekday, in another story
    assert date_from_reports(_collection(undated, silent, other)) == []
    assert (undated.published.earliest, undated.published.latest) == (d("2014-01-01"), d("2014-12-31"))
    ahead = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday", direction="future")
    assert date_from_reports(_collection(ahead, _reported("r", _STORY.format(day="Tuesday"), "2014-05-14"))) == []


def test_a_collection_too_small_to_weigh_words_narrows_nothing():
    from dateline.settings import DatingSettings
    from dateline.temporal.constraints import date_from_reports

    REPORT_MIN_ARTICLES = DatingSettings().report_min_articles
    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    few = [undated, _reported("r", _STORY.format(day="Tuesday"), "2014-05-14")]
    few += [_reported(f"f{i}", text, "2014-03-01") for i, text in enumerate(_FILLER[:REPORT_MIN_ARTICLES - 3])]
    assert len(few) < REPORT_MIN_ARTICLES and date_from_reports(few) == []


def test_reports_that_conflict_with_the_articles_own_evidence_are_noted_not_obeyed():
    from dateline.models import PublicationDate
    from dateline.temporal.constraints import date_from_reports

    own = PublicationDate(date="2014-06", precision="month", earliest=d("2014-06-01"), latest=d("2014-06-30"),
                          source="inferred", evidence=["“June 1” spoken of in the past"])
    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday", own=own)
    assert date_from_reports(_collection(undated, _reported("r", _STORY.format(day="Tuesday"), "2014-05-14"))) == []
    assert (own.earliest, own.latest) == (d("2014-06-01"), d("2014-06-30"))
    assert any("conflicts" in e and "r.txt" in e for e in own.evidence)


# --- the thresholds come from settings.DatingSettings, passed down as `rules` ----------------------

def test_the_dating_rules_are_read_from_the_settings_passed_down():
    from dateline.models import PublicationDate
    from dateline.settings import DatingSettings, Settings
    from dateline.temporal.constraints import date_from_copies, date_from_reports

    rules = Settings().with_overrides(["dating.dateline_lag_days=0", "dating.corpus_margin_days=3",
                                       "dating.copy_lag_days=1", "dating.weekday_span_days=2"]).dating
    head = "CAIRO, Feb. 1 (Wire) - Protesters filled the square on Tuesday."
    hints = corpus_hints([(d("2011-01-25"), d("2011-01-25")), (d("2011-02-13"), d("2011-02-13"))], rules=rules)
    assert "within 3 days" in hints[0].evidence and hints[0].ranges == ((d("2011-01-22"), d("2011-02-16")),)
    published = infer_publication_date(head, head, mentions=[Mention("Tuesday", "past", 0)], hints=hints, rules=rules)
    assert (published.earliest, published.latest) == (d("2011-02-01"), d("2011-02-01"))  # no day after the dateline's
    heavy = DatingSettings(w_metadata=1.0)  # a crawl date made lighter than the corpus's span: the crawl date is set aside
    late = infer_publication_date("", "text", crawled="2010-03-04", hints=corpus_hints([(d("2011-01-25"), d("2011-01-25"))], rules=heavy),
                                  rules=heavy)
    assert late.earliest >= d("2010-12-25") and any("crawled on 2010-03-04" in e for e in late.evidence if "set aside" in e)

    undated = _article("b", PublicationDate(precision="none", source="unknown", evidence=["no date"]))
    date_from_copies([_article("a", _metadata("2011-02-01")), undated], [["a", "b"]], rules=rules)
    assert (undated.published.earliest, undated.published.latest) == (d("2011-01-31"), d("2011-02-02"))

    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    assert date_from_reports(_collection(undated, _reported("r", _STORY.format(day="Tuesday"), "2014-05-14")), rules=rules) == ["u"]
    assert (undated.published.earliest, undated.published.latest) == (d("2014-05-13"), d("2014-05-15"))
    strict = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    report = _reported("r", _STORY.format(day="Tuesday"), "2014-05-14")
    assert date_from_reports(_collection(strict, report), rules=DatingSettings(report_similarity=1.0)) == []


def test_the_first_weekday_a_report_of_the_same_story_names_is_the_one_anchored():
    from dateline.models import TimeExpression
    from dateline.temporal.constraints import date_from_reports

    text = "Mayor Ilse Varga toured the Marlowe dam on Monday. " + _STORY.format(day="Tuesday")
    undated = _undated_with_weekday(text, "Tuesday")
    monday = TimeExpression(text="Monday", sentence=0, start=text.index("Monday"), end=text.index("Monday") + 6, direction="past")
    undated.time_expressions.insert(0, monday)  # spoken of first, but no report of the story names it
    assert date_from_reports(_collection(undated, _reported("r", _STORY.format(day="Tuesday"), "2014-05-14"))) == ["u"]
    assert (undated.published.earliest, undated.published.latest) == (d("2014-05-13"), d("2014-05-19"))
    assert any("“Tuesday”" in e for e in undated.published.evidence)


def test_a_report_looking_ahead_to_the_weekday_does_not_say_which_one_is_meant():
    from dateline.temporal.constraints import date_from_reports

    # published on Monday 12 May, the report's "Tuesday" is the coming one, not 6 May
    undated = _undated_with_weekday(_STORY.format(day="Tuesday"), "Tuesday")
    ahead = _reported("r", _STORY.format(day="Tuesday") + " Inspectors will return to the dam on Tuesday.", "2014-05-12")
    assert date_from_reports(_collection(undated, ahead)) == []
    assert (undated.published.earliest, undated.published.latest) == (d("2014-01-01"), d("2014-12-31"))


# --- a single weak clue is not trusted: evidence that says nothing of the date of writing is left out --

def test_this_month_takes_no_month_from_days_the_article_speaks_of_in_the_past():
    # written in June: the "April 20" explosion and the caption's "Apr. 21" are behind, not this month's days
    hints = corpus_hints([(d("2010-04-01"), d("2010-04-01")), (d("2010-12-31"), d("2010-12-31"))])
    text = ("Apr. 21: An oil slick is seen as the rig burns.\nEarlier this month, the government announced an inquiry. "
            "Oil reached the delta nine days after the April 20 explosion.")
    mentions = [Mention("Apr. 21", "past", 0), Mention("April 20", "past", 2)]
    published = infer_publication_date("", text, mentions=mentions, hints=hints)
    assert published.latest >= d("2010-06-10") and not any("this month" in e for e in published.evidence)
    # nor does a day behind fix the month of "later this month" ("since September 11", written in October)
    text = "The interview will be broadcast later this month. Plots were foiled since September 11."
    published = infer_publication_date("", text, mentions=[Mention("September 11", "past", 1)], hints=hints)
    assert published.latest >= d("2010-10-07") and not any("this month" in e for e in published.evidence)


def test_a_date_after_its_weekday_is_no_stamp_when_the_head_names_other_days():
    # a gallery's captions, two days apart: neither is the page's date (it came out on the 17th)
    head = ("Traders watch the board in Tokyo Wednesday, Oct. 15, 2008.\nThe index fell.\n"
            "A pedestrian walks under a market board in Tokyo, Thursday, Oct. 16, 2008.\nStocks plunged.")
    assert head_dates(head) == (None, [])
    published = infer_publication_date(head, head, mentions=[Mention("Wednesday, Oct. 15, 2008", "past", 0),
                                                             Mention("Thursday, Oct. 16, 2008", "past", 2)])
    assert published.earliest == d("2008-10-16") and (published.latest is None or published.latest >= d("2008-10-17"))
    # nor is one day repeated down a gallery's captions, each ending its sentence or going on with a place
    gallery = ("Traders watch the board in Tokyo Wednesday, Oct. 15, 2008.\nThe index fell.\n"
               "An investor stands by a monitor at a securities company Wednesday Oct. 15, 2008 in Shanghai, China.")
    assert head_dates(gallery) == (None, [])
    # a caption's day is the photo's: published that day or within the week after, that day the most likely
    published = infer_publication_date(gallery, gallery, mentions=[])
    assert (published.earliest, published.latest, published.likely) == (d("2008-10-15"), d("2008-10-21"), d("2008-10-15"))
    # alone in the head, the same form is the page's stamp
    assert str(head_dates("Storm hits the coast Tuesday 8 June 2010 The minister said")[0][1].earliest) == "2010-06-08"


def test_posts_stamped_newest_first_are_older_entries_and_bound_nothing_from_above():
    # a blog's front page: the newest post on top, unstamped, then older entries, each below a later one
    text = ("Farmers wait for the crop report due late Monday; as of May 24 planting lagged.\n"
            "May 26, 2009 20:21 UTC Ministers gather in Vienna.\n"
            "May 12, 2009 12:28 UTC Flood warnings were issued.\n"
            "May 3, 2009 22:40 UTC Traders watched the weather.\n")
    published = infer_publication_date("", text, mentions=[])
    # after the oldest post's week began; above, nothing: a blog seldom written may post its next entry months later
    assert published.earliest == d("2009-04-27") and (published.latest is None or published.latest > d("2009-12-31"))
    assert any("newest first" in e and "bound nothing above" in e for e in published.evidence)


def test_an_entry_stamped_with_its_own_byline_is_an_older_post_not_a_comment():
    # a blog page: the newest post on top, unstamped; below it an older entry, its stamp then its byline
    text = ("The fishermen's union will meet in Bergen on May 20 to vote on the quota.\n"
            "Photo: boats in the harbour. Apr 29, 2009 09:23 UTC By Kari Nilsen and Ola Berg Nevermind the weather: "
            "the trawlers sailed.\n")
    published = infer_publication_date("", text, mentions=[Mention("May 20", "future", 0)])
    assert not any("Apr 29, 2009" in e and "on or before" in e for e in published.evidence)
    assert any("its own byline" in e and "bounds nothing above" in e for e in published.evidence)
    assert published.earliest == d("2009-04-23") and published.latest is None  # "May 20" of some year: no bound
    # a reader's comment, stamped and signed as one, still bounds it
    comment = text + "Great point!!! May 2, 2009 at 7:53 am | Report abuse |\n"
    assert infer_publication_date("", comment, mentions=[Mention("May 20", "future", 0)]).latest == d("2009-05-02")


def test_a_day_of_some_year_left_undated_is_still_bounded_by_the_corpus():
    # a corpus over three years: "23 September" ahead keeps a stretch in each, so the article is undated, yet it lies
    # within the corpus's span, on both sides
    hints = corpus_hints([(d("2009-06-27"), d("2009-06-27")), (d("2011-11-30"), d("2011-11-30"))])
    published = infer_publication_date("", "text", mentions=[Mention("23 September", "future", 0)], hints=hints)
    assert published.precision == "none" and published.date is None
    assert (published.earliest, published.latest) == (d("2009-05-27"), d("2011-12-31"))


def test_a_date_spoken_of_in_the_past_is_no_bound_ahead_where_another_clause_reads_it_as_ahead():
    # a schedule page: "catch up on the podcast from June 2008" read as ahead, "the podcast from June 2008 aired" behind
    hints = corpus_hints([(d("2009-06-27"), d("2009-06-27")), (d("2011-11-29"), d("2011-11-29"))])
    mentions = [Mention("June 2008", "future", 0), Mention("June 2008", "past", 3), Mention("July 2008", "future", 5)]
    published = infer_publication_date("", "text", mentions=mentions, hints=hints)
    assert (published.earliest, published.latest) == (d("2009-05-27"), d("2011-12-30"))
    assert any("“June 2008” is spoken of as ahead and, elsewhere, in the past" in e for e in published.evidence)


def test_a_note_of_amendment_bounds_publication_from_above_and_is_no_event():
    text = ("The spill widened after the rig sank, officials said on Wednesday.\n"
            "This article was amended on 14 and 21 May 2010.")
    published = infer_publication_date("", text, mentions=[Mention("Wednesday", "past", 0), Mention("21 May 2010", "past", 1)])
    assert published.latest == d("2010-05-14") and (published.earliest is None or published.earliest <= d("2010-05-13"))
    assert any("written after publication" in e for e in published.evidence)
    assert not any("“21 May 2010” spoken of in the past" in e for e in published.evidence)


def test_a_correction_printed_later_bounds_publication_from_above_and_is_no_stamp():
    head = ("Why some stand their ground The following correction was printed in the Courier's Corrections and "
            "clarifications column, Sunday March 27, 2005 In the article below we said the medal was last awarded in 2004.")
    published = infer_publication_date(head, head, mentions=[Mention("2004", "past", 0)])
    assert published.latest == d("2005-03-27") and published.earliest == d("2004-01-01")
    assert any("written after publication" in e for e in published.evidence)
    assert head_dates(head) == (None, [])


def test_a_print_edition_note_bounds_publication_from_above_and_is_no_event():
    text = ("Crews capped the well, the company said on Thursday.\n"
            "A version appeared on p6 of the Main section of the Daily Courier on Saturday 29 May 2010.")
    published = infer_publication_date("", text, mentions=[Mention("Thursday", "past", 0), Mention("Saturday 29 May 2010", "past", 1)])
    assert published.latest == d("2010-05-29")
    assert any("print edition" in e for e in published.evidence)
    assert not any("“Saturday 29 May 2010” spoken of in the past" in e for e in published.evidence)


def test_a_print_edition_note_bounds_publication_within_the_week_before_it():
    text = ("Crews capped the well, the company said.\n"
            "A version appeared on p6 of the Main section of the Daily Courier on Saturday 29 May 2010.")
    published = infer_publication_date("", text, mentions=[])
    assert (published.earliest, published.latest) == (d("2010-05-23"), d("2010-05-29"))
    # a prior only: the article's own evidence of an earlier day outweighs it
    earlier = infer_publication_date("", text, mentions=[Mention("May 20, 2010", "future", 0)])
    assert earlier.latest == d("2010-05-20") and (earlier.earliest is None or earlier.earliest < d("2010-05-20"))
    assert any("set aside" in e and "print edition follows the web" in e for e in earlier.evidence)


@pytest.mark.parametrize("line, aired", [
    ('This is a rush transcript from "Evening Desk," June 7, 2010. This copy may not be in its final form.', "2010-06-07"),
    ("THIS IS A TRANSCRIPT OF the Sunday Panel, 14 March 2010", "2010-03-14"),
])
def test_a_transcript_is_published_within_the_week_after_its_broadcast(line, aired):
    published = infer_publication_date("", "The senator defended the bill.\n" + line, mentions=[])
    assert (published.earliest, published.latest) == (d(aired), d(aired) + timedelta(days=6))
    assert any("transcript of a broadcast" in e for e in published.evidence)


def test_a_transcript_quoted_in_prose_names_no_broadcast():
    text = "The driller said so on June 7, 2010, according to a transcript of the hearing."
    published = infer_publication_date("", text, mentions=[])
    assert not any("transcript of a broadcast" in e for e in published.evidence)


def test_the_weekday_anchored_is_the_one_the_most_similar_report_speaks_of():
    from dateline.temporal.constraints import date_from_reports

    # the article speaks of Thursday, then Friday; the report most like it (12 May, a Monday) names Friday only: that
    # Friday is 9 May. A report less like it, of another incident weeks later, names Thursday: it does not anchor.
    text = "Divers reached the wreck on Thursday. " + _STORY.format(day="Friday")
    undated = _undated_with_weekday(text, "Friday")
    from dateline.models import TimeExpression
    start = text.index("Thursday")
    undated.time_expressions.insert(0, TimeExpression(text="Thursday", sentence=0, start=start, end=start + 8, direction="past"))
    best = _reported("r1", _STORY.format(day="Friday") + " The gate was sealed.", "2014-05-12")
    other = _reported("r2", "Divers reached another wreck near the Marlowe dam on Thursday, the river authority said.", "2014-06-04")
    assert date_from_reports(_collection(undated, best, other)) == ["u"]
    assert (undated.published.earliest, undated.published.latest) == (d("2014-05-09"), d("2014-05-15"))
    assert any("“Friday”" in e and "r1.txt" in e for e in undated.published.evidence)


def test_a_month_without_its_year_read_as_ahead_is_the_one_named_with_its_year_in_the_past():
    # "the fall of the regime in January" (read as ahead) beside "in early January 2011" behind: that January
    hints = corpus_hints([(d("2011-02-16"), d("2011-02-16")), (d("2011-10-20"), d("2011-10-20"))])
    mentions = [Mention("January", "future", 0), Mention("early January 2011", "past", 1)]
    published = infer_publication_date("", "text", mentions=mentions, hints=hints)
    assert published.earliest == d("2011-01-16") and published.latest == d("2011-11-20")
    assert any("speaks of January 2011 in the past" in e for e in published.evidence)
    # a day ahead in a month already begun is no conflict: it still bounds publication
    mentions = [Mention("25 Feb", "future", 0), Mention("February 2011", "past", 1)]
    published = infer_publication_date("", "text", mentions=mentions, hints=hints)
    assert any(e.startswith("“25 Feb” spoken of as ahead") for e in published.evidence)
    assert not any("left out" in e for e in published.evidence)


def test_a_clock_governed_by_a_preposition_is_prose_not_the_page_stamp():
    head = "Flu cases\nCases reported to the agency as of 17:00 GMT 15 June 2009 are: 3,000.\nMore text"
    assert head_dates(head) == (None, [])
    assert str(head_dates("Flu cases\n13.19 BST 21 May 2009\nThe agency said")[0][1].earliest) == "2009-05-21"
    byline = "Why leaders listen\nBy Ann Writer February 9, 2011: 2:42 PM ET In Monday's column, a reader wrote"
    assert str(head_dates(byline)[0][1].earliest) == "2011-02-09"


def test_a_month_ahead_bounds_publication_by_its_end_not_its_start():
    # a tour "in September" is written in September too: the bound is the month's last day
    hints = corpus_hints([(d("2010-06-01"), d("2010-10-31"))])
    published = infer_publication_date("", "text", mentions=[Mention("September", "future", 0)], hints=hints)
    assert published.latest == d("2010-09-30")
    assert any("by the end of September" in e for e in published.evidence)


def test_a_month_of_next_year_ahead_is_counted_from_where_it_begins():
    # "may not make it to March", written on 17 November: March begins within four months, though it ends later
    hints = corpus_hints([(d("2008-09-01"), d("2009-06-30"))])
    published = infer_publication_date("", "text", mentions=[Mention("March", "future", 0)], hints=hints)
    assert published.earliest <= d("2008-11-17") <= published.latest
    assert published.earliest == d("2008-10-30")  # 1 March 2009 less 122 days


def test_dates_in_readers_comments_bound_nothing():
    from dateline.analyse import analyse_text, load_nlp

    text = ("The senator suspended his campaign, aides said on Wednesday.\n"
            "Good call. Posted by: reader1 | September 25, 2008 7:25 PM | Report abuse\n"
            "The senator will debate his rival on Sept. 24, 2008.")
    analysis = analyse_text(text, None, head=text, doc=load_nlp()(text))
    assert not any("Sept. 24, 2008" in e for e in analysis.published.evidence)
    assert analysis.published.latest is None or analysis.published.latest >= d("2008-09-25")


def test_a_stamp_with_a_zoned_clock_covers_the_days_that_moment_falls_on():
    # 04:46 GMT on 6 January is still 5 January west of the Atlantic: an archive there files it under the 5th
    published = infer_publication_date("Doctor in court\n6 January 2011 Last updated at 04:46 GMT A bodyguard said", "A bodyguard said.")
    assert (published.earliest, published.latest, published.likely) == (d("2011-01-05"), d("2011-01-06"), d("2011-01-06"))
    assert published.source == "text" and "04:46 GMT" in published.evidence[0]
    plain = infer_publication_date("Doctor in court\n6 January 2011\nA bodyguard said", "A bodyguard said.")
    assert (plain.earliest, plain.latest) == (d("2011-01-06"), d("2011-01-06"))
    # a zone given as its offset from UTC, and a clock with its seconds: 14:30 at UTC+11 is 03:30 UTC
    offset = infer_publication_date("Date: Sat, 5 Mar 2011 14:30:12 +1100\nThe letter", "The letter.")
    assert (offset.earliest, offset.latest) == (d("2011-03-04"), d("2011-03-05")) and "+1100" in offset.evidence[0]
    west = infer_publication_date("Posted March 5, 2011 23:30 UTC-5\nThe letter", "The letter.")
    assert (west.earliest, west.latest) == (d("2011-03-05"), d("2011-03-06"))
    # an offset no zone has is no zone
    odd = infer_publication_date("Published 6 January 2011 04:46 +2500\nThe letter", "The letter.")
    assert (odd.earliest, odd.latest) == (d("2011-01-06"), d("2011-01-06"))


def test_a_head_stamp_the_collection_excludes_widens_to_cover_both():
    # a video listing stamped with an older item's date: the stamp and the corpus disagree, neither is trusted alone
    hints = corpus_hints([(d("2011-01-25"), d("2011-01-25")), (d("2011-02-13"), d("2011-02-13"))])
    published = infer_publication_date("Videos\nupdated : Fri Nov 19 2010 03:22:00 A leader speaks", "text", hints=hints)
    assert (published.earliest, published.latest) == (d("2010-11-19"), d("2011-03-16"))
    assert published.source == "inferred" and any("the two conflict" in e for e in published.evidence)
    agreeing = infer_publication_date("Videos\nupdated : Tue Feb 1 2011 03:22:00 A leader speaks", "text", hints=hints)
    assert (agreeing.earliest, agreeing.latest) == (d("2011-02-01"), d("2011-02-01"))


def test_a_stamp_a_reader_quotes_among_the_comments_bounds_nothing():
    page = ("The senator's plan drew fire from both sides on Thursday.\n"
            "Good point. Posted by: reader1 | September 19, 2008 11:00 AM | Report abuse\n"
            "See my blog: Submitted by Someone on Mon, 2008-09-15 23:19. Posted by: reader2 | September 20, 2008 9:00 AM | Report abuse")
    published = infer_publication_date("", "The senator's plan drew fire from both sides on Thursday.", page=page,
                                       mentions=[Mention("Thursday", "past", 0)])
    assert published.latest == d("2008-09-19")
    assert not any("2008-09-15" in e for e in published.evidence)


def test_a_signature_without_a_report_link_still_marks_a_readers_post():
    page = ("Lawmakers pressed the Treasury on the deficit on Thursday.\n"
            "Will you do that for us? Posted by: masseur | January 16, 2009 8:56 PM Crashing the economy twice is bad.")
    published = infer_publication_date("", "Lawmakers pressed the Treasury on the deficit on Thursday.", page=page,
                                       mentions=[Mention("Thursday", "past", 0)])
    assert published.latest == d("2009-01-16")
    assert any("“January 16, 2009”" in e and "published on or before 2009-01-16" in e for e in published.evidence)


def test_a_reply_link_marks_a_readers_post_whatever_the_order_of_the_thread():
    # replies nest under older comments, so the thread is not in order; each signed post still comes after the article
    page = ("Rebels took the port on Sunday.\n"
            "Who will rebuild it? March 9, 2011 at 6:19 pm | Reply\n"
            "Not the rebels. March 7, 2011 at 9:29 pm | Reply\n")
    published = infer_publication_date("", "Rebels took the port on Sunday.", page=page, mentions=[Mention("Sunday", "past", 0)])
    assert (published.earliest, published.latest) == (d("2011-03-01"), d("2011-03-07"))


def test_an_ongoing_meeting_from_a_day_does_not_put_the_day_ahead():
    """"are discussing it at a conference from 4 May": going on since that day, not arranged for it."""
    from dateline.analyse import analyse_text, load_nlp

    text = "Fisheries ministers are discussing the quota at a conference in Reykjavik from 4 May."
    analysis = analyse_text(text, None, head=text, doc=load_nlp()(text))
    assert not any("4 May" in e and "ahead" in e for e in analysis.published.evidence)
    # an arrangement with no "from" is ahead
    text = "Fisheries ministers are meeting in Reykjavik on 4 May."
    analysis = analyse_text(text, None, head=text, doc=load_nlp()(text))
    assert any("4 May" in e and "ahead" in e for e in analysis.published.evidence)


def test_this_year_in_a_sentence_framed_by_an_earlier_month_is_not_the_writers_year():
    framed = ("In August 2020, the council claimed that up to 2,000 boats will leave the fleet this year (2020), "
              "and the claim was repeated.")
    assert not any("current one" in e for e in infer_publication_date("", framed, mentions=[]).evidence)
    plain = "Up to 2,000 boats will leave the fleet this year (2024), the council said."
    published = infer_publication_date("", plain, mentions=[])
    assert (published.earliest, published.latest) == (d("2024-01-01"), d("2024-12-31"))


def test_a_year_dated_infinitive_read_as_ahead_bounds_nothing_a_yearless_one_still_does():
    """An infinitive has no tense of its own, and the parser hangs a caption's or a noun's date on it: "in an effort
    to protect the stock in Tromsø April 29, 2024" is the photo's day, not a plan."""
    from dateline.analyse import analyse_text

    caption = ("A fisheries inspector weighs mackerel at a landing site in an effort to protect the stock in Tromsø "
               "April 29, 2024.\n\nExporters said prices had doubled since the autumn.")
    hints = corpus_hints([(d("2024-04-01"), d("2024-06-30"))])
    published = analyse_text(caption, None, hints=hints).published
    assert not any("April 29, 2024" in e for e in published.evidence) and published.latest > d("2024-06-30")
    planned = "The ministry will publish the new quotas on May 20, officials said."
    evidence = analyse_text(planned, None, hints=hints).published.evidence
    assert any("“May 20” spoken of as ahead" in e for e in evidence)
