"""TIMEX3 tagging: extents, TimeML type/value/mod and calendar intervals, by class of expression;
the `dateline timex` command on a text file and on a TimeML document."""
from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import FIXTURES, run_cli

from dateline.temporal.timeml import read_timeml
from dateline.temporal.timex import tag_text, tag_uncertain

TIMEX_FIXTURES = FIXTURES / "timex"


def tag(text: str, dct: str, tense: str = "none"):
    return tag_text(text, date.fromisoformat(dct), direction=lambda start, end: tense)


def only(text: str, dct: str, tense: str = "none"):
    found = tag(text, dct, tense)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# sentence, DCT, tense -> extent, type, value, mod, earliest, latest
CASES = [
    # durations
    ("The strike lasted three years.", "2019-12-20", "past", "three years", "DURATION", "P3Y", None, None, None),
    ("The flight takes two hours.", "2019-12-20", "none", "two hours", "DURATION", "PT2H", None, None, None),
    ("They waited for nearly forty years.", "2019-12-20", "past", "nearly forty years", "DURATION", "P40Y", "EQUAL_OR_LESS", None, None),
    ("It ran for more than six months.", "2019-12-20", "past", "more than six months", "DURATION", "P6M", "MORE_THAN", None, None),
    ("The talks took a year and a half.", "2019-12-20", "past", "a year and a half", "DURATION", "P1Y6M", None, None, None),
    ("Feuds simmered for decades.", "2019-12-20", "past", "decades", "DURATION", "PXY", None, None, None),
    ("It is a five-day festival.", "2019-12-20", "none", "five-day", "DURATION", "P5D", None, None, None),
    # sets
    ("The ferry sails every week.", "2019-12-20", "none", "every week", "SET", "P1W", None, None, None),
    ("The club meets each Monday.", "2019-12-20", "none", "each Monday", "SET", "XXXX-WXX-1", None, None, None),
    ("Rates are reviewed annually.", "2019-12-20", "none", "annually", "SET", "P1Y", None, None, None),
    ("Tickets cost $40 a year.", "2019-12-20", "none", "a year", "SET", "P1Y", None, None, None),
    # PRESENT_REF, PAST_REF, FUTURE_REF
    ("Prices are now falling.", "2019-12-20", "none", "now", "DATE", "PRESENT_REF", None, None, None),
    ("It is calm, for now, in the port.", "2019-12-20", "none", "now", "DATE", "PRESENT_REF", None, None, None),
    ("The port is currently closed.", "2019-12-20", "none", "currently", "DATE", "PRESENT_REF", None, None, None),
    ("She had recently resigned.", "2019-12-20", "past", "recently", "DATE", "PAST_REF", None, None, None),
    ("Ships will be bigger in the future.", "2019-12-20", "future", "the future", "DATE", "FUTURE_REF", None, None, None),
    # times of day
    ("They will vote at 3 p.m. Thursday.", "2019-12-16", "future", "3 p.m. Thursday", "TIME", "2019-12-19T15:00", None, "2019-12-19", "2019-12-19"),
    ("They met Thursday evening.", "2019-12-20", "past", "Thursday evening", "TIME", "2019-12-19TEV", None, "2019-12-19", "2019-12-19"),
    ("The vote closed at noon.", "2019-12-20", "past", "noon", "TIME", "2019-12-20T12:00", None, "2019-12-20", "2019-12-20"),
    ("He spoke this morning.", "2019-12-20", "past", "this morning", "TIME", "2019-12-20TMO", None, "2019-12-20", "2019-12-20"),
    # modifiers and parts
    ("Prices fell in late November.", "2019-12-20", "past", "late November", "DATE", "2019-11", "END", "2019-11-21", "2019-11-30"),
    ("It opened in early 2018.", "2019-12-20", "past", "early 2018", "DATE", "2018", "START", "2018-01-01", "2018-04-30"),
    ("Sales rose in mid-March.", "2019-12-20", "past", "mid-March", "DATE", "2019-03", "MID", "2019-03-11", "2019-03-20"),
    ("They met late last July.", "2019-12-20", "past", "late last July", "DATE", "2019-07", "END", "2019-07-21", "2019-07-31"),
    ("Output fell earlier this year.", "2019-12-20", "past", "earlier this year", "DATE", "2019", "START", "2019-01-01", "2019-12-19"),
    # fiscal years, quarters, halves, seasons, decades, centuries
    ("Profit will rise this fiscal year.", "2019-12-20", "future", "this fiscal year", "DATE", "2019", None, "2019-01-01", "2019-12-31"),
    ("Profit rose in the first quarter.", "2019-12-20", "past", "the first quarter", "DATE", "2019-Q1", None, "2019-01-01", "2019-03-31"),
    ("Sales fell in the second half of 2018.", "2019-12-20", "past", "the second half of 2018", "DATE", "2018-H2", None, "2018-07-01", "2018-12-31"),
    ("The dam was built last summer.", "2019-12-20", "past", "last summer", "DATE", "2019-SU", None, "2019-06-01", "2019-08-31"),
    ("Trade boomed in the 2010s.", "2019-12-20", "past", "the 2010s", "DATE", "201", None, "2010-01-01", "2019-12-31"),
    ("Steam ruled the 19th century.", "2019-12-20", "past", "the 19th century", "DATE", "18", None, "1800-01-01", "1899-12-31"),
    ("We sail during the week of March 6.", "2019-12-20", "future", "the week of March 6", "DATE", "2020-W10", None, "2020-03-02", "2020-03-08"),
    # relative days, weeks, months and years, and tense
    ("They met yesterday.", "2019-12-20", "past", "yesterday", "DATE", "2019-12-19", None, "2019-12-19", "2019-12-19"),
    ("They met on Monday.", "2019-12-20", "past", "Monday", "DATE", "2019-12-16", None, "2019-12-16", "2019-12-16"),
    ("They meet again next week.", "2019-12-20", "future", "next week", "DATE", "2019-W52", None, "2019-12-23", "2019-12-29"),
    ("Prices peaked two months ago.", "2019-12-20", "past", "two months ago", "DATE", "2019-10", None, "2019-10-01", "2019-10-31"),
    ("Talks began in January.", "2019-03-10", "past", "January", "DATE", "2019-01", None, "2019-01-01", "2019-01-31"),
    ("Talks will begin in January.", "2019-03-10", "future", "January", "DATE", "2020-01", None, "2020-01-01", "2020-01-31"),
    ("The summit is on Jan. 22.", "2018-12-28", "future", "Jan. 22", "DATE", "2019-01-22", None, "2019-01-22", "2019-01-22"),
    ("The mill closed in fiscal 1999.", "2019-12-20", "past", "fiscal 1999", "DATE", "1999", None, "1999-01-01", "1999-12-31"),
    ("We met in the winter of nineteen ninety-four.", "2019-12-20", "past", "the winter of nineteen ninety-four", "DATE", "1994-WI", None, "1994-12-01", "1995-02-28"),
]


@pytest.mark.parametrize("text,dct,tense,extent,type_,value,mod,earliest,latest", CASES)
def test_timex3(text, dct, tense, extent, type_, value, mod, earliest, latest):
    t = only(text, dct, tense)
    assert text[t.start:t.end] == t.text == extent
    assert (t.type, t.value, t.mod) == (type_, value, mod)
    assert (str(t.earliest) if t.earliest else None, str(t.latest) if t.latest else None) == (earliest, latest)


@pytest.mark.parametrize("text", [
    "A 45-year-old farmer was arrested.",
    "The council passed resolution 1973 by a wide margin.",
    "Some 2000 troops and 1500 vehicles crossed.",
    "The index rose to 1998.5 points.",
    "May I ask a question?",
    "Crowds watched the fall of the wall.",
    "He read the Communist Party daily Granma.",
    "Now, the question is who pays.",
    # a year after a name inside a sentence ends the name
    "Norway sent four Mirage 2000 jets and two Rafale fighters.",
    "A joint venture called Orion 1980, making trawl nets, was sold.",
])
def test_no_false_dates(text):
    assert [t.text for t in tag(text, "2019-12-20")] == []


def test_a_year_after_a_time_word_or_a_function_word_is_a_year():
    found = tag("Sales peaked at Christmas 2018, fell in Spring 2019 and, Reuters said, in 2017.", "2019-12-20", "past")
    assert [t.value for t in found if t.value and t.value[:4].isdigit() and len(t.value) == 4] == ["2018", "2017"]
    assert "2019-SP" in [t.value for t in found]
    # a year that opens the next name dates it
    assert [t.value for t in tag("Ola Fisk and Sons 2018 Nordic Catch Survey found more mackerel.", "2019-12-20", "past")] == ["2018"]


def test_ranges_are_split():
    found = tag("Sales grew from 1998 to 2001, and the fair runs Dec. 18-19.", "2019-12-02", "future")
    assert [(t.text, t.value) for t in found] == [("1998", "1998"), ("2001", "2001"), ("Dec. 18", "2019-12-18"), ("19", "2019-12-19")]


def test_anchor_is_the_expression_before():
    found = tag("Profit rose in the third quarter from a year earlier.", "2019-11-05", "past")
    assert [(t.text, t.value) for t in found] == [("the third quarter", "2019-Q3"), ("a year earlier", "2018-Q3")]
    assert found[0].anchor == "2019-11-05" and found[1].anchor == "2019-Q3"
    later = tag("The plant opened in 1995 and closed the following year.", "2019-12-20", "past")
    assert [(t.text, t.value, t.anchor) for t in later] == [("1995", "1995", "2019-12-20"), ("the following year", "1996", "1995")]


def test_tense_from_the_parse():
    from dateline.analyse.nlp import load_nlp

    text = "The ministers met in January. They will meet again in January."
    found = tag_text(text, date(2019, 3, 10), load_nlp()(text))
    assert [t.value for t in found] == ["2019-01", "2020-01"]


@pytest.mark.parametrize("sentence,word,direction", [
    # future in the past: what was then ahead may since have happened, so neither side of today is sure
    ("A charity concert, expected to take place in Oslo in September 2009, was called off.", "September", "none"),
    ("The panel, set up by the ministry to look into the fire on 3 April, posted its report.", "April", "none"),
    # a present passive is a schedule or a standing fact, not news of what happened
    ("The new single is released on Monday 8 March.", "March", "none"),
    # tensed forward-looking verbs keep news style's reading: ahead
    ("The envoys were expected to resume talks on Thursday.", "Thursday", "future"),
    ("A concert expected to take place in September will be held in Oslo.", "September", "future"),
    ("The minister declined to comment on Saturday.", "Saturday", "past"),
    ("The album was released on Monday.", "Monday", "past"),
    # a "from" date names where a thing comes from, not when the clause's event happens
    ("The station offers a chance to catch up on the podcast from June 2008 entitled Shingles.", "June", "none"),
    ("The talks will run from June to July.", "June", "future"),
    # what a "since" starts from is behind; an adjective's to-infinitive takes the adjective's clause's tense
    ("Aid has been slow to reach survivors since the first tremor on 12 January.", "January", "past"),
    ("The curfew, in force since the riots on 12 January, will end on Friday.", "January", "past"),
    ("The firm has been quick to respond to the outage on Monday.", "Monday", "past"),
    # a participle after its noun tells of a thing done, whatever tense the clause around it has
    ("Search the harbour site and you find a notice posted at 9:10 on Jan 13.", "Jan", "past"),
    ("The ministers will discuss the ban adopted on Tuesday.", "Tuesday", "past"),
    # a passive infinitive looks ahead as an active one does
    ("He gave his view in an interview to be aired on Sunday.", "Sunday", "future"),
    # what one was asked or forced to do comes after the asking
    ("The mayor was forced to ask the council to release the money now rather than in January.", "January", "future"),
    # a year a forecast or a budget is about is not when the clause's event happened
    ("The fishing firm cut capacity and lowered its forecasts for 2026.", "2026", "none"),
    ("The ministry trimmed its 2026 budget on Monday.", "2026", "none"),
    ("The firm reported its results for 2024 on Monday.", "2024", "past"),
    # "would" is the future seen from a past saying; "would have" a past that did not happen, "would not comment" a
    # refusal on that day
    ("The minister said he would fly to Oslo on Friday.", "Friday", "future"),
    ("The minister would have flown to Oslo on Friday.", "Friday", "past"),
    ("The spokeswoman would not comment on Tuesday.", "Tuesday", "past"),
    # a date that is part of a noun is the noun's: the raids were on Tuesday, whatever is to be done about them
    ("The minister said Tuesday's raids on the harbour would be investigated.", "Tuesday", "past"),
    # a participle takes its head clause's tense, but not that clause's "would": the decision is announced already
    ("The fishermen said they would appeal the decision, announced Monday by Fisheries Minister Ola Berg.", "Monday", "none"),
    # a clause looking ahead starts after the date, which may be behind as well as ahead
    ("The new quota will cover every catch after Monday.", "Monday", "none"),
    ("The talks will resume after the summit on Friday.", "Friday", "future"),
    # a noun's day takes no direction from a clause in the present: the vote was held, the election may be either
    ("Thursday's council vote gives the fishermen a broad mandate.", "Thursday", "none"),
    ("Sunday's election marks a turn for the coastal towns.", "Sunday", "none"),
    # the clause's own day in the present is a schedule, and a "will" still looks ahead for a noun's day
    ("The council meets Thursday to vote on the quota.", "Thursday", "future"),
    ("Sunday's election will decide the quota.", "Sunday", "future"),
    # a deadline set, or a day put off to, is ahead whatever the tense of setting it
    ("The ministry extended the ban until Tuesday.", "Tuesday", "future"),
    ("The hearing was adjourned until Thursday.", "Thursday", "future"),
    ("The fleet stayed in port until Tuesday.", "Tuesday", "past"),
])
def test_direction_of_the_clause(sentence, word, direction):
    from dateline.analyse.nlp import load_nlp
    from dateline.temporal.tense import span_direction

    doc = load_nlp()(sentence)
    token = next(t for t in doc if t.text == word)
    assert span_direction(doc[token.i:token.i + 1]) == direction


@pytest.mark.parametrize("sentence,word,value", [
    # "until" a weekday is ahead, unless its clause is over (the DCT is Wednesday 5 March 2025)
    ("The ban runs until Friday.", "Friday", "2025-03-07"),
    ("The fleet stayed in port until Monday, when the storm passed.", "Monday", "2025-03-03"),
    ("The court gave the fishermen until Monday to respond.", "Monday", "2025-03-10"),
    # a weekday the clause's own "would" looks ahead to is the coming one (the DCT is Wednesday 5 March 2025)
    ("Officials said the minister would be flying to Oslo on Thursday with his aides.", "Thursday", "2025-03-06"),
    # a "would" above the clause says nothing of the weekday's side: the ruling was made, the decision announced
    ("The fishermen said they would look for ways to get around Tuesday's ruling by the court.", "Tuesday", "2025-03-04"),
    ("The fishermen said they would appeal the quota, announced Monday by the ministry.", "Monday", "2025-03-03"),
])
def test_which_side_of_the_dct_a_weekday_falls_on(sentence, word, value):
    from dateline.analyse.nlp import load_nlp

    found = {t.text: t.value for t in tag_text(sentence, date(2025, 3, 5), load_nlp()(sentence))}
    assert found[word] == value


def test_periods_a_year_back_and_one_unit_off_a_named_day():
    found = tag("Sales rose in the year-ago quarter. The year-ago figures were restated.", "2019-11-05", "past")
    assert [(t.text, t.value) for t in found] == [("the year-ago quarter", "2018-Q3"), ("The year-ago", "2018-Q3")]
    assert only("The plant could reopen in next year's first quarter.", "2019-11-05", "future").value == "2020-Q1"
    before = only("The day before last Tuesday's hearing, the court met.", "2019-11-07", "past")
    assert (before.text, before.value) == ("The day before last Tuesday", "2019-11-04")
    assert only("Talks resume the week after Jan. 5.", "2019-11-07", "past").value == "2019-W02"


def test_uncertain_publication_date_keeps_only_what_both_ends_agree_on():
    found = tag_uncertain("On Monday the mill, built in 1956, ran for three days.", date(2019, 1, 1), date(2019, 1, 31))
    by_text = {t.text: t for t in found}
    assert by_text["1956"].value == "1956"
    assert by_text["three days"].value == "P3D"
    assert by_text["Monday"].value is None and by_text["Monday"].type == "DATE"
    undated = {t.text: t.value for t in tag_uncertain("On Monday, in 1956.", None, None)}
    assert undated == {"Monday": None, "1956": "1956"}


def test_article_time_expressions_carry_timex3():
    from dateline.analyse import analyse_text
    from dateline.models import PublicationDate

    d = date(2019, 12, 20)
    published = PublicationDate(date="2019-12-20", precision="day", earliest=d, latest=d, source="metadata")
    analysis = analyse_text("The ministers met on Thursday. Talks have now run for three years.", published)
    by_text = {e.text: e for e in analysis.time_expressions}
    assert (by_text["Thursday"].type, by_text["Thursday"].value, by_text["Thursday"].anchor) == ("DATE", "2019-12-19", "2019-12-20")
    assert by_text["now"].value == "PRESENT_REF"
    assert (by_text["three years"].kind, by_text["three years"].type, by_text["three years"].value) == ("duration", "DURATION", "P3Y")
    assert analysis.model_validate_json(analysis.model_dump_json()) == analysis  # the store keeps them via the JSON


def test_cli_json_offsets_index_the_text():
    path = TIMEX_FIXTURES / "article.txt"
    result = run_cli("timex", str(path), "--dct", "2019-12-20", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    text = path.read_text(encoding="utf-8")
    assert all(set(t) == {"start", "end", "text", "type", "value", "mod", "earliest", "latest"} for t in found)
    assert all(text[t["start"]:t["end"]] == t["text"] for t in found)
    by_text = {t["text"]: t for t in found}
    assert by_text["Thursday"]["value"] == "2019-12-19" and by_text["Thursday"]["earliest"] == "2019-12-19"
    assert (by_text["nearly three years"]["value"], by_text["nearly three years"]["mod"]) == ("P3Y", "EQUAL_OR_LESS")
    assert by_text["every Monday"]["type"] == "SET" and by_text["3 p.m. next Tuesday"]["type"] == "TIME"
    assert {"1998", "2001", "now", "the first quarter", "daily"} <= set(by_text)
    assert not {"45-year-old", "1973", "2000"} & set(by_text)


def test_cli_rejects_a_bad_dct():
    result = run_cli("timex", str(TIMEX_FIXTURES / "article.txt"), "--dct", "20 Dec")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_cli_tml_round_trip():
    path = TIMEX_FIXTURES / "sample.tml"
    result = run_cli("timex", "--tml", str(path))
    assert result.returncode == 0, result.stderr
    before, after = read_timeml(path.read_text(encoding="utf-8")), read_timeml(result.stdout)
    assert after.text == before.text and after.dct == "2019-12-20"
    assert "<DOCID>DL-SAMPLE-1</DOCID>" in result.stdout and "Harbour &amp; Co." in result.stdout
    tagged = {after.text[t["start"]:t["end"]]: (t["type"], t["value"], t["mod"]) for t in after.timexes}
    assert tagged == {
        "Thursday": ("DATE", "2019-12-19", None),
        "two weeks": ("DURATION", "P2W", None),
        "late November": ("DATE", "2019-11", "END"),
        "next month": ("DATE", "2020-01", None),
        "every quarter": ("SET", "P1Q", None),
    }


def test_the_tense_shift_across_new_year_is_read_from_the_settings():
    from dateline.settings import DatingSettings

    # "Nov. 20" in a past clause of a 20 December text: this year's; read 40 days ahead of a 10 October text, it
    # moves to last year only when the tense may shift a date by 40 days or less
    text = "The ministers met on Nov. 20."
    ahead = tag_text(text, date(2019, 10, 10), direction=lambda s, e: "past")[0]
    assert ahead.value == "2019-11-20"
    shifted = tag_text(text, date(2019, 10, 10), direction=lambda s, e: "past", rules=DatingSettings(tense_shift_days=30))[0]
    assert shifted.value == "2018-11-20"


@pytest.mark.parametrize("text,value,mod", [
    # a part of "the last"/"the next" unit: the unit before or after the DCT's (a crash once, on real news text)
    ("Prices rose late the last year.", "2009", "END"),
    ("Sales fell early the next month.", "2010-06", "START"),
    ("Early the coming year they vote.", "2011", "START"),
])
def test_a_part_of_the_last_or_next_unit(text, value, mod):
    found = tag_text(text, date(2010, 5, 5))
    assert [(t.value, t.mod) for t in found] == [(value, mod)]
