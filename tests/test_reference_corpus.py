"""The reference corpus (five real scraped articles on the Japan-Russia peace-treaty talks),
built with and without its manifest. Skipped with a reason when ../shared is absent."""
from __future__ import annotations

from pathlib import Path

from conftest import REFERENCE

# Lines of each file a reader must keep (body) and must not see (chrome), by content.
CHROME = {
    "000_e14d01d88d6ab56f.txt": ["print PRINT", "INTERNATIONAL > Europe & Eurasia", "• Ambassador", "• Ukraine", "• COVID-19", "• Trending Japan"],
    "001_0873716c1434f36d.txt": ["• Kyodo", "In a time of both misinformation", "By subscribing, you can help us"],
    "002_3ed4bf90ac3744bf.txt": ["• Kyodo", "In a time of both misinformation", "By subscribing, you can help us"],
    "003_484078774d3298c5.txt": ["- Advertisement -", "Subscribe to our newsletter", "Sign up here to get the latest news"],
    "004_8ef769d34f6d49cd.txt": ["print PRINT", "• Ambassador", "• Ukraine", "• COVID-19", "• Trending Japan"],
}
TITLES = {
    "000_e14d01d88d6ab56f.txt": "Japan, Russia to continue talks on peace treaty",
    "003_484078774d3298c5.txt": "STILL AT WAR! Japan to Discuss Proposed Peace Treaty with Russia",
    "004_8ef769d34f6d49cd.txt": "Japan seeks “historic” year in treaty talks amid deep rift with Russia",
}


def by_file(story):
    return {Path(a["path"]).name: a for a in story["articles"]}


def body_lines(name: str) -> list[str]:
    lines = [l.strip() for l in (REFERENCE / name).read_text(encoding="utf-8").splitlines() if l.strip()]
    chrome = CHROME[name] + ([TITLES[name]] if name in TITLES else [])
    return [l for l in lines if not any(l.startswith(c) for c in chrome)]


def test_chrome_removed_and_every_body_line_kept(reference_story):
    articles = by_file(reference_story)
    assert set(articles) == set(CHROME)
    for name, article in articles.items():
        text = article["text"]
        for chrome in CHROME[name]:
            assert chrome not in text, f"{name}: chrome line kept: {chrome!r}"
        removed = " ".join(r["text"] for r in article["removed_lines"])
        for chrome in CHROME[name]:
            assert chrome.strip() in removed, f"{name}: {chrome!r} not listed among removed lines"
        for line in body_lines(name):
            assert " ".join(line.split()) in text, f"{name}: body line lost: {line[:60]!r}"


def test_titles_and_agency(reference_story):
    articles = by_file(reference_story)
    for name, title in TITLES.items():
        assert articles[name]["title"] == title
    assert articles["001_0873716c1434f36d.txt"]["agency"] == "Kyodo"
    assert articles["002_3ed4bf90ac3744bf.txt"]["agency"] == "Kyodo"
    assert articles["000_e14d01d88d6ab56f.txt"]["agency"] is None


def test_dates_from_manifest_and_undated_article(reference_story):
    articles = by_file(reference_story)
    assert articles["000_e14d01d88d6ab56f.txt"]["published"]["date"] == "2019-12-20"
    assert articles["000_e14d01d88d6ab56f.txt"]["published"]["source"] == "metadata"
    undated = articles["003_484078774d3298c5.txt"]["published"]
    assert undated["date"] is None and undated["precision"] == "none" and undated["source"] == "unknown"


def test_moscow_meeting_articles_grouped(reference_story):
    articles = by_file(reference_story)
    a, b = articles["000_e14d01d88d6ab56f.txt"], articles["001_0873716c1434f36d.txt"]
    assert a["event_group"] is not None and a["event_group"] == b["event_group"]
    others = [articles[n]["event_group"] for n in ("002_3ed4bf90ac3744bf.txt", "003_484078774d3298c5.txt", "004_8ef769d34f6d49cd.txt")]
    assert a["event_group"] not in others
    group = next(g for g in reference_story["groups"] if g["id"] == a["event_group"])
    assert group["kind"] == "same-event" and sorted(group["articles"]) == sorted([a["id"], b["id"]])


def test_lavrov_is_one_actor_across_spellings(reference_story):
    lavrovs = [a for a in reference_story["actors"] if "Lavrov" in a["name"] or any("Lavrov" in x for x in a["aliases"])]
    assert len(lavrovs) == 1
    lavrov = lavrovs[0]
    names = {lavrov["name"], *lavrov["aliases"]}
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= names
    assert lavrov["type"] == "PERSON"
    assert "Foreign Minister" in lavrov["roles"]
    assert len(lavrov["articles"]) == 5


def test_quotes_attributed_to_lavrov_motegi_and_putin(reference_story):
    actors = {a["id"]: a["name"] for a in reference_story["actors"]}
    by_speaker: dict[str, list[str]] = {}
    for quote in reference_story["quotes"]:
        by_speaker.setdefault(actors.get(quote["speaker"], "?"), []).append(quote["text"])

    def said(name: str, words: str) -> bool:
        return any(words in q for q in by_speaker.get(name, []))

    assert said("Sergey Lavrov", "We have no choice but to address moves")
    assert said("Sergey Lavrov", "It’s not easy to bring closer the principal positions")
    assert said("Sergey Lavrov", "Implementation of those will bring our relations")
    assert said("Toshimitsu Motegi", "We will continue discussions")
    assert said("Vladimir Putin", "I’ve heard news about such a deployment")
    assert said("Taro Kono", "With an eye to making the year 2019")
    # no quote is credited to a place or a thing
    assert all(q["speaker"] is None or q["speaker"].startswith("person:") for q in reference_story["quotes"])


def test_timeline_holds_the_foreign_ministers_meetings_on_their_days(reference_story):
    actors = {a["id"]: a for a in reference_story["actors"]}
    events = {e["id"]: e for e in reference_story["events"]}
    expected = {"2016-12-03": {"Fumio Kishida", "Sergey Lavrov"}, "2019-01-14": {"Taro Kono", "Sergey Lavrov"},
                "2019-12-19": {"Toshimitsu Motegi", "Sergey Lavrov"}}
    for day, ministers in expected.items():
        entries = [t for t in reference_story["timeline"] if t["date"]["value"] == day and t["date"]["precision"] == "day"]
        assert entries, f"no timeline entry on {day}"
        participants = set()
        for entry in entries:
            participants |= {actors[a]["name"] for a in events[entry["event"]]["actors"] if a in actors}
            for sentence in entry["sentences"]:
                article = next(a for a in reference_story["articles"] if a["id"] == sentence["article"])
                assert article["sentences"][sentence["sentence"]]["text"] == sentence["text"]
        assert ministers <= participants, f"{day}: {participants}"


def test_timeline_carries_uncertainty(reference_story):
    precisions = {t["date"]["precision"] for t in reference_story["timeline"]}
    assert "month" in precisions and "day" in precisions
    for entry in reference_story["timeline"]:
        date = entry["date"]
        assert date["earliest"] <= date["latest"]
        if date["precision"] == "day":
            assert date["value"] == date["earliest"]


def test_relative_expressions_resolved(reference_story):
    articles = by_file(reference_story)

    def resolved(name, text):
        return [t["resolved"]["value"] for t in articles[name]["time_expressions"] if t["text"] == text]

    assert "2019-12-19" in resolved("000_e14d01d88d6ab56f.txt", "Thursday")
    assert "2019-12-19" in resolved("000_e14d01d88d6ab56f.txt", "yesterday")
    assert "2020-01" in resolved("000_e14d01d88d6ab56f.txt", "next month")
    assert resolved("002_3ed4bf90ac3744bf.txt", "Dec. 15 and 16") == ["2016-12-15"]
    assert resolved("001_0873716c1434f36d.txt", "mid-January") == ["2020-01"]
    assert resolved("001_0873716c1434f36d.txt", "earlier this year") == ["2019"]
    assert resolved("004_8ef769d34f6d49cd.txt", "1956") == ["1956", "1956"]


def test_without_manifest_no_article_gets_a_wrong_year(reference_story_undated):
    true_year = {"000_e14d01d88d6ab56f.txt": 2019, "001_0873716c1434f36d.txt": 2019, "002_3ed4bf90ac3744bf.txt": 2016,
                 "004_8ef769d34f6d49cd.txt": 2019}
    for article in reference_story_undated["articles"]:
        name = Path(article["path"]).name
        published = article["published"]
        assert published["source"] != "metadata"
        if published["precision"] in ("day", "month", "year"):
            assert int(published["date"][:4]) == true_year[name], f"{name}: {published}"
            assert published["evidence"], "a date inferred from the text must say why"
        if published["earliest"] and name in true_year:
            assert int(published["earliest"][:4]) <= true_year[name]
        if published["latest"] and name in true_year:
            assert int(published["latest"][:4]) >= true_year[name]
    kono = next(a for a in reference_story_undated["articles"] if a["path"].endswith("004_8ef769d34f6d49cd.txt"))
    assert kono["published"]["date"].startswith("2019") and kono["published"]["source"] == "inferred"


def test_event_titles_say_who_met_whom_where(reference_story):
    def meetings(day: str) -> list[str]:
        return [e["title"] for e in reference_story["events"] if e["date"]["value"] == day and e["kind"] == "meeting"]

    for day, ministers in (("2019-12-19", ("Toshimitsu Motegi", "Sergey Lavrov")), ("2019-01-14", ("Taro Kono", "Sergey Lavrov"))):
        assert any(t.endswith(" meet in Moscow") and all(m in t for m in ministers)
                   for t in meetings(day)), meetings(day)


def test_undated_article_keeps_its_meeting_without_a_date(reference_story):
    undated = next(a for a in reference_story["articles"] if a["path"].endswith("003_484078774d3298c5.txt"))
    events = [e for e in reference_story["events"] if undated["id"] in e["articles"]]
    assert events and all(e["date"]["precision"] == "none" and e["date"]["value"] is None for e in events)
    names = {a for e in events for a in e["actors"]}
    assert {"person:taro-kono", "person:sergey-lavrov"} <= names
    assert not any(t["event"] in {e["id"] for e in events} for t in reference_story["timeline"])
