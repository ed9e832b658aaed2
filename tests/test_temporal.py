"""Time expressions against an anchor, uncertain anchors, and publication-date inference."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.models import TimeValue
from dateline.temporal import infer_publication_date, parse_date_string, resolve_expression


def day(iso: str) -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(value=iso, precision="day", earliest=d, latest=d)


@pytest.mark.parametrize(
    "text,anchor,direction,value,precision,earliest,latest",
    [
        ("Thursday", "2019-12-20", "past", "2019-12-19", "day", "2019-12-19", "2019-12-19"),
        ("Thursday", "2019-12-19", "past", "2019-12-19", "day", "2019-12-19", "2019-12-19"),
        ("Saturday", "2019-12-19", "future", "2019-12-21", "day", "2019-12-21", "2019-12-21"),
        ("last Monday", "2019-01-14", "none", "2019-01-07", "day", "2019-01-07", "2019-01-07"),
        ("yesterday", "2019-12-20", "past", "2019-12-19", "day", "2019-12-19", "2019-12-19"),
        ("Dec. 15 and 16", "2016-12-03", "future", "2016-12-15", "day", "2016-12-15", "2016-12-16"),
        ("Jan. 22", "2018-12-28", "future", "2019-01-22", "day", "2019-01-22", "2019-01-22"),
        ("next month", "2019-12-20", "future", "2020-01", "month", "2020-01-01", "2020-01-31"),
        ("late last month", "2016-12-03", "past", "2016-11", "month", "2016-11-21", "2016-11-30"),
        ("mid-January", "2019-12-19", "future", "2020-01", "month", "2020-01-11", "2020-01-20"),
        ("early September", "2018-09-20", "past", "2018-09", "month", "2018-09-01", "2018-09-10"),
        ("December", "2019-01-14", "past", "2018-12", "month", "2018-12-01", "2018-12-31"),
        ("in June", "2019-01-14", "future", "2019-06", "month", "2019-06-01", "2019-06-30"),
        ("earlier this year", "2019-12-19", "past", "2019", "year", "2019-01-01", "2019-12-18"),
        ("next week", "2018-09-20", "future", "2018-W39", "week", "2018-09-24", "2018-09-30"),
        ("in 1956", "2019-12-19", "past", "1956", "year", "1956-01-01", "1956-12-31"),
        ("the 1990s", "2016-12-03", "none", "199X", "decade", "1990-01-01", "1999-12-31"),
        ("Dec. 3, 2016", "2019-12-19", "none", "2016-12-03", "day", "2016-12-03", "2016-12-03"),
        ("three days ago", "2019-12-19", "past", "2019-12-16", "day", "2019-12-16", "2019-12-16"),
    ],
)
def test_resolve(text, anchor, direction, value, precision, earliest, latest):
    kind, resolved = resolve_expression(text, day(anchor), direction)
    assert kind == "date"
    assert (resolved.value, resolved.precision) == (value, precision)
    assert (str(resolved.earliest), str(resolved.latest)) == (earliest, latest)


@pytest.mark.parametrize("text,kind", [("more than 70 years", "duration"), ("decades", "duration"), ("five-day", "duration"),
                                       ("annual", "set"), ("year-end", "set")])
def test_durations_and_sets_are_not_dates(text, kind):
    assert resolve_expression(text, day("2019-12-19"), "past") == (kind, TimeValue())


def test_relative_expression_without_anchor_is_unresolved():
    kind, value = resolve_expression("Thursday", None, "past")
    assert kind == "unresolved" and value.value is None and value.precision == "none"


def test_uncertain_anchor_widens_instead_of_guessing():
    year = TimeValue(value="2019", precision="year", earliest=date(2019, 1, 1), latest=date(2019, 12, 31))
    _, this_year = resolve_expression("this year", year, "past")
    assert this_year.value == "2019" and this_year.precision == "year"
    _, monday = resolve_expression("Monday", year, "past")
    assert monday.value is None and monday.precision == "none"
    assert monday.earliest <= date(2019, 1, 1) and monday.latest >= date(2019, 12, 30)
    month = TimeValue(value="2019-01", precision="month", earliest=date(2019, 1, 1), latest=date(2019, 1, 31))
    _, next_month = resolve_expression("next month", month, "future")
    assert next_month.value == "2019-02" and next_month.precision == "month"


def test_parse_metadata_dates():
    assert parse_date_string("2019-12-20T09:30:00+09:00").precision == "day"
    assert parse_date_string("2019-12").value() == "2019-12"
    assert parse_date_string("2019").value() == "2019"
    assert parse_date_string("Dec. 20, 2019").value() == "2019-12-20"
    assert parse_date_string("sometime soon") is None


def test_publication_date_from_a_dateline():
    head = "TOKYO, Dec. 3, 2016 (Kyodo) -- Ministers met."
    published = infer_publication_date(head, head)
    assert (published.date, published.precision, published.source) == ("2016-12-03", "day", "text")
    assert published.evidence and "Dec. 3, 2016" in published.evidence[0]


def test_publication_year_spoken_of_as_current():
    text = "Japan wants to make 2019 a “historic year” in advancing talks, the minister said Monday."
    published = infer_publication_date("", text, ["1956"])
    assert (published.date, published.precision, published.source) == ("2019", "year", "inferred")
    assert str(published.earliest) == "2019-01-01" and str(published.latest) == "2019-12-31"


def test_undated_text_gives_bounds_not_a_date():
    text = "The treaty, signed in 1987, banned the missiles. Putin said Thursday that talks would go on."
    published = infer_publication_date("", text, ["1987"], crawled="2021-03-04")
    assert published.date is None and published.precision == "none" and published.source == "unknown"
    assert str(published.earliest) == "1987-01-01" and str(published.latest) == "2021-03-04"
    assert any("undated" in e for e in published.evidence)


def test_month_anchor_narrows_a_known_year():
    text = ("Officials want to make 2016 a year of progress. The leaders will meet later this month, "
            "on Dec. 15 and 16, in Yamaguchi.")
    published = infer_publication_date("", text)
    assert (published.date, published.precision) == ("2016-12", "month")
    assert str(published.earliest) == "2016-12-01" and str(published.latest) == "2016-12-14"


def test_month_anchor_without_a_year_is_evidence_only():
    published = infer_publication_date("", "The summit takes place later this month, on Dec. 15, in Japan.")
    assert published.date is None and published.precision == "none"
    assert any("December, year unknown" in e for e in published.evidence)


def test_dateline_and_weekday_fix_the_year_only_when_one_year_fits():
    head = "MOSCOW, Jan. 14 (Kyodo) -- Japan wants progress."
    text = "Foreign Minister Taro Kono said Monday that talks would continue. The 2018 summit set the course."
    # bounds 2018..2019 from the text and a crawl: Jan. 14 is a Monday in 2019 and a Sunday in 2018
    published = infer_publication_date(head, text, ["2018"], crawled="2019-03-01")
    assert (published.date, published.precision, published.source) == ("2019-01-14", "day", "inferred")
    # with looser bounds several years fit: nothing is guessed
    loose = infer_publication_date(head, text, ["2008"], crawled="2019-03-01")
    assert loose.date is None and any("gives the day but not the year" in e for e in loose.evidence)
    # a dateline and a year spoken of as current give the day even without a weekday
    # (the day or, for copy filed late, the day after; the dateline's own day the most likely)
    current = infer_publication_date(head, "Japan wants to make 2019 a historic year, the minister said.")
    assert (str(current.earliest), str(current.latest), str(current.likely)) == ("2019-01-14", "2019-01-15", "2019-01-14")


@pytest.mark.parametrize(
    "text,direction,value,earliest,latest",
    [
        ("the third quarter", "past", "1998-Q3", "1998-07-01", "1998-09-30"),
        ("the fourth quarter of 1997", "none", "1997-Q4", "1997-10-01", "1997-12-31"),
        ("fall", "past", "1998-FA", "1998-09-01", "1998-11-30"),
        ("last fall", "past", "1997-FA", "1997-09-01", "1997-11-30"),
        ("the summer of 1996", "none", "1996-SU", "1996-06-01", "1996-08-31"),
        ("winter", "past", "1997-WI", "1997-12-01", "1998-02-28"),
        ("the weekend", "past", "1998-W45", "1998-11-07", "1998-11-08"),
        ("a year earlier", "past", "1997", "1997-01-01", "1997-12-31"),
        ("almost four years ago", "past", "1994", "1994-01-01", "1994-12-31"),
        ("early Friday", "past", "1998-11-06", "1998-11-06", "1998-11-06"),
    ],
)
def test_quarters_seasons_weekends_and_hedged_expressions(text, direction, value, earliest, latest):
    kind, resolved = resolve_expression(text, day("1998-11-12"), direction)
    assert kind == "date" and resolved.value == value
    assert (str(resolved.earliest), str(resolved.latest)) == (earliest, latest)


@pytest.mark.parametrize("text,direction,value,earliest,latest", [
    ("late last July", "past", "2019-07", "2019-07-21", "2019-07-31"),
    ("this fiscal year", "future", "2019", "2019-01-01", "2019-12-31"),
    ("3 p.m. Thursday", "past", "2019-12-19", "2019-12-19", "2019-12-19"),
])
def test_resolve_falls_back_on_the_timex3_reading(text, direction, value, earliest, latest):
    kind, resolved = resolve_expression(text, day("2019-12-20"), direction)
    assert kind == "date" and resolved.value == value
    assert (str(resolved.earliest), str(resolved.latest)) == (earliest, latest)
