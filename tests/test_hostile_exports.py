"""Every export escapes what it embeds: a story whose every field carries markup, script, control
characters and formula starters renders with none of it live (checked by rendering the Markdown
with a real CommonMark renderer and parsing the HTML)."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from dateline.export import render_html, render_markdown
from dateline.export.escape import csv_cell, json_for_html, md_text, md_url, terminal_text, web_url
from dateline.models import (Actor, Article, BriefingLine, CitedSentence, Event, PublicationDate, Quote, Sentence, SkippedInput,
                             SourceCoverage, Story, TimelineEntry, TimeValue)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "[evil](javascript:alert(4))",
    "![img](http://evil.example/x.png)",
    "<!-- comment --> <iframe src=//evil.example>",
    "**bold** _em_ `code` ~~strike~~ $x$ | cell |",
    "[/] [bold red]markup[/] [/b]",
    "\x1b[2J\x1b]0;title\x07 \r overwrite \u202etxt.exe",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "&lt;script&gt; entity",
    "<javascript:alert(5)>",
]
PAYLOAD = " ".join(HOSTILE)
LIVE_TAGS = {"script", "img", "iframe", "a", "b", "strong", "em", "code", "del", "s", "style", "object", "embed",
             "svg", "form", "input", "base", "meta", "link"}


def hostile_story() -> Story:
    day = TimeValue(value="2024-03-04", precision="day", earliest="2024-03-04", latest="2024-03-04")
    cited = CitedSentence(text=PAYLOAD, article="a1", sentence=1)
    article = Article(
        id="a1", path=f"[draft]/[/b].txt {PAYLOAD}", url="javascript:alert(9)", title=PAYLOAD, outlet=PAYLOAD,
        agency=PAYLOAD, text=PAYLOAD, published=PublicationDate(
            date="2024-03-04", precision="day", earliest="2024-03-04", latest="2024-03-04", source="text",
            evidence=[PAYLOAD]),
        sentences=[Sentence(index=1, text=PAYLOAD, start=0, end=len(PAYLOAD))],
    )
    untitled = article.model_copy(update={"id": "a2", "title": None, "url": "https://ok.example/a_(b)"})
    return Story(
        generated_at="2024-03-05T00:00:00Z", articles=[article, untitled],
        actors=[Actor(id="p1", name=PAYLOAD, type="PERSON", aliases=[PAYLOAD], roles=[PAYLOAD], mentions=2,
                      articles=["a1"])],
        quotes=[Quote(speaker=None, speaker_text=PAYLOAD, text=PAYLOAD, article="a1", sentence=1)],
        events=[Event(id="e1", kind=PAYLOAD, date=day, title=PAYLOAD, summary=PAYLOAD, citations=[cited]),
                Event(id="e2", kind="x", date=TimeValue(), title=PAYLOAD, summary=PAYLOAD, citations=[cited],
                      date_evidence=PAYLOAD)],
        timeline=[TimelineEntry(date=day, event="e1", sentences=[cited])],
        briefing=[BriefingLine(**cited.model_dump(), date=day)],
        sources=[SourceCoverage(name=PAYLOAD, kind="outlet", articles=["a1"], place_names=[PAYLOAD])],
        groups=[],
        skipped=[SkippedInput(path=PAYLOAD, reason=PAYLOAD)],
    )


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def assert_nothing_live(tags: list[tuple[str, dict]], allowed: set[str]) -> None:
    for tag, attrs in tags:
        assert tag in allowed, f"<{tag}> from article data rendered"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} rendered"
            if name in ("href", "src", "action"):
                assert value.startswith(("#", "https://", "http://")), f"{name}={value!r} rendered"


def test_markdown_renders_no_html_link_or_markup_from_article_data():
    md = render_markdown(hostile_story())
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    parsed = elements(rendered)
    # The report's own structure only: headings, lists, paragraphs, its table, emphasis it adds, code for ids.
    structure = {"h1", "h2", "h3", "ul", "ol", "li", "p", "table", "thead", "tbody", "tr", "th", "td", "em", "strong",
                 "code", "a"}
    assert_nothing_live(parsed.tags, structure)
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links == ["https://ok.example/a_%28b%29"]  # the http(s) one; never javascript:
    text = "".join(parsed.text)
    # The data survives as text, character for character (controls made visible).
    assert "<script>alert(1)</script>" in text and "[evil](javascript:alert(4))" in text
    assert "**bold** _em_ `code` ~~strike~~ $x$ | cell |" in text
    assert "\x1b" not in md and "\u202e" not in md and "\\x1b[2J" in text
    # Emphasis and code elements hold only what the report itself wraps: never the payload's own.
    assert sum(tag == "code" for tag, _ in parsed.tags) == 3  # the legend's `A3:5` and the two article ids


def test_html_report_escapes_every_field_and_forbids_script():
    html = render_html(hostile_story())
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    parsed = elements(html)
    page = {"html", "head", "meta", "title", "style", "body", "header", "main", "h1", "h2", "h3", "p", "nav", "a",
            "ol", "ul", "li", "span", "div", "table", "tr", "th", "td", "blockquote", "article", "details",
            "summary", "code", "em"}
    assert_nothing_live(parsed.tags, page)
    assert not any(tag == "script" for tag, _ in parsed.tags)
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in parsed.tags)
    assert "<script>alert(1)</script>" in "".join(parsed.text)


def test_story_json_round_trips_hostile_text_exactly():
    story = hostile_story()
    data = json.loads(story.model_dump_json())
    assert data["articles"][0]["title"] == PAYLOAD
    embedded = json_for_html(data)
    assert "</" not in embedded and "<!--" not in embedded and json.loads(embedded) == data


@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"),
    ("  =x", "'  =x"), ("\uff1dx", "'\uff1dx"), ("plain", "plain"), (-3, -3), (2.5, 2.5), (None, None),
])
def test_csv_cells_never_start_a_formula(value, expected):
    assert csv_cell(value) == expected


def test_urls_and_terminal_text():
    assert web_url("javascript:alert(1)") is None and web_url("data:text/html,x") is None
    assert web_url("https://a.example/x\"onmouseover=1") is None and web_url(" https://a.example/ ") == "https://a.example/"
    assert md_url("https://a.example/a_(b)") == "<https://a.example/a_%28b%29>"
    assert terminal_text("a\x1b[2Jb\u202ec\r") == "a\\x1b[2Jb\\u202ec\\x0d"
    assert md_text("a\nb <i>") == "a b &lt;i&gt;"
