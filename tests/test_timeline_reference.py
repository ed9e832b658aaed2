"""The reference corpus (../shared/corpora/japan-russia): one timeline entry per day, the Background
apart, a dated briefing, and December 2019 told with citations from both articles that covered it."""
from __future__ import annotations

import re


def by_file(story: dict) -> dict:
    return {a["path"].split("/")[-1]: a for a in story["articles"]}


def test_one_entry_per_day_and_background_apart(reference_story):
    days = [e["date"]["value"] for e in reference_story["timeline"] if e["date"]["precision"] == "day"]
    assert days and len(days) == len(set(days))
    assert not any(e["date"]["precision"] in ("year", "decade") for e in reference_story["timeline"])
    first = reference_story["timeline"][0]["date"]["earliest"]
    assert all(e["date"]["latest"] < first or e["date"]["precision"] in ("year", "decade")
               for e in reference_story["background"])


def test_briefing_is_dated_latest_first_then_in_date_order(reference_story):
    lines = reference_story["briefing"]
    assert lines and lines[0]["role"] == "latest" and lines[0]["date"]["earliest"] >= "2019-12-19"
    later = [line["date"]["earliest"] for line in lines[1:]]
    assert later == sorted(later)
    texts = {(a["id"], s["index"]): s["text"] for a in reference_story["articles"] for s in a["sentences"]}
    assert all(texts[(line["article"], line["sentence"])] == line["text"] for line in lines)


def test_december_2019_meeting_and_boat_detention_cited_from_both_articles(reference_story):
    files = by_file(reference_story)
    both = {files["000_e14d01d88d6ab56f.txt"]["id"], files["001_0873716c1434f36d.txt"]["id"]}
    december = [e for e in reference_story["timeline"] if e["date"]["earliest"].startswith("2019-12")]
    meeting = [e for e in december if e["date"]["value"] == "2019-12-19"]
    assert meeting and {s["article"] for s in meeting[0]["sentences"]} == both
    detention = [s for e in december for s in e["sentences"]
                 if re.search(r"seiz|detain|detention", s["text"], re.I) and re.search(r"boat|trawler|fish", s["text"], re.I)]
    assert {s["article"] for s in detention} == both, [s["text"] for s in detention]
