"""The web app and API through a real `dateline serve` on a loopback port, with httpx: pages, the
JSON API, search, exports, security headers, auth failures, oversize and malformed uploads, and an
upload that runs the pipeline and shows up in the story."""
from __future__ import annotations

import json
import html
import re
import subprocess
import sys
import time

import httpx
import pytest
from markupsafe import escape

from conftest import ROOT
from web_fixture import TOKEN, active_content, copy_store, free_port, hostile_store, serve




@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = hostile_store(tmp_path_factory)
    with serve(db, log=tmp_path_factory.mktemp("log") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def _story(client):
    return client.get("/api/export/json").json()


def _hostile(story):
    return next(a for a in story["articles"] if "Quota talks" in (a["title"] or ""))


def test_every_page_renders_with_security_headers(client):
    story = _story(client)
    article, actor, event = story["articles"][0], story["actors"][0], story["events"][0]
    day = next(t["date"]["earliest"] for t in story["timeline"] if t["date"]["precision"] == "day")
    pages = ["/", "/timeline", f"/day/{day}", "/articles", f"/articles/{article['id']}", "/actors", f"/actors/{actor['id']}",
             "/sources", "/events", f"/events/{event['id']}", "/search?q=Bergen", "/exports", "/api/docs"]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, (page, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert not active_content(r.text), page  # no inline script, handler or javascript: link
        assert 'src="http' not in r.text and 'href="http://cdn' not in r.text  # everything served by the app
    assert client.get("/static/app.js").status_code == 200 and client.get("/static/style.css").status_code == 200


def test_plain_labels_and_report_citations(client):
    page = client.get("/actors").text
    assert ">place<" in page and ">person<" in page
    assert not re.search(r"<td>(GPE|NORP|PERSON|ORG|LOC|FAC)</td>", page)
    timeline = client.get("/timeline").text
    assert re.search(r'class="cite" href="/articles/[0-9a-f]+#s-[0-9a-f]+-\d+"[^>]*>A\d+:\d+</a>', timeline)


def test_names_mentioned_once_are_listed_apart_on_the_actors_page(client):
    story = _story(client)
    assert story["mentioned_once"], "the example corpus names someone once in passing"
    page = client.get("/actors").text
    assert f"Mentioned once in passing ({len(story['mentioned_once'])})" in page
    listed = html.unescape(page.split("Mentioned once in passing", 1)[1])
    for actor in story["mentioned_once"]:
        assert actor["name"] in listed
    assert not {a["id"] for a in story["mentioned_once"]} & {a["id"] for a in story["actors"]}


def test_article_page_shows_paragraphs_evidence_removed_lines_timexes_and_siblings(client):
    story = _story(client)
    wire = next(a for a in story["articles"] if a["path"].endswith("ntb-bergen-talks.txt"))
    page = client.get(f"/articles/{wire['id']}").text
    assert page.count('<p class="para">') >= 2  # paragraphs kept
    assert f'id="s-{wire["id"]}-0"' in page and f'href="#s-{wire["id"]}-0"' in page  # numbered, linkable sentences
    assert '<mark class="timex"' in page and "Mon 3 Mar 2025" in page  # "on Monday" with its value
    removed = len(wire["removed_lines"])
    assert f"{removed} line{'s' if removed != 1 else ''} removed in cleaning" in page
    copy = next(a for a in story["articles"] if a["duplicate_of"] == wire["id"])
    assert f'/articles/{copy["id"]}' in page  # the copy is linked from its original
    review = next(a for a in story["articles"] if a["url"] and a["url"].startswith("https://reykjavik-review"))
    review_page = client.get(f"/articles/{review['id']}").text
    assert "How the date was found" in review_page and "JSON field" in review_page
    assert f'<a href="{review["url"]}" rel="noopener noreferrer nofollow">' in review_page


def test_the_overview_dates_each_briefing_line_and_counts_in_words(client):
    """A briefing opens with the latest news, then runs in event order: without each line's date a reader cannot
    follow it. Counts read "1 article", never "1 article(s)"."""
    story = _story(client)
    page = client.get("/").text
    dated = [line for line in story["briefing"] if line["date"]]
    assert dated
    for line in dated:
        when = line["date"]["value"]
        assert re.search(r'<strong class="when">[^<]+</strong>: ' + re.escape(str(escape(line["text"]))), page), when
    assert "(s)" not in page and not re.search(r"\b1 (articles|mentions)\b", page)
    # the line it opens with is the latest news, out of date order: it says so
    first = story["briefing"][0]
    assert first["role"] == "latest" and re.search(r'<li><span class="role">Latest</span> <strong class="when">', page)
    assert page.count('<span class="role">Latest</span>') == 1


def test_reported_speech_is_not_shown_in_quotation_marks(client):
    story = _story(client)
    plain = re.compile(r"[\w ,.;:-]+")  # no character the page would escape
    reported = [q for q in story["quotes"] if not q["direct"] and q["speaker"] and plain.fullmatch(q["text"])]
    direct = [q for q in story["quotes"] if q["direct"] and q["speaker"] and plain.fullmatch(q["text"])]
    assert reported and direct
    for q, quoted in [(reported[0], False), (direct[0], True)]:
        page = client.get(f"/actors/{q['speaker']}").text
        assert q["text"] in page and (f"“{q['text']}”" in page) == quoted


def test_timeline_filters_narrow(client):
    story = _story(client)
    everything = client.get("/api/timeline").json()["timeline"]["total"]
    page_all = client.get("/timeline").text
    assert f"{everything} of {everything} entries" in page_all
    narrowed = client.get("/timeline", params={"from": "2025-03-03", "to": "2025-03-03"}).text
    match = re.search(r"(\d+) of (\d+) entries match", narrowed)
    assert match and 0 < int(match.group(1)) < everything
    overlapping = {t["date"]["earliest"] for t in story["timeline"]
                   if t["date"]["earliest"] <= "2025-03-03" <= (t["date"]["latest"] or t["date"]["earliest"])}
    shown = set(re.findall(r'<time datetime="([\d-]+)"', narrowed))
    assert "2025-03-03" in shown and shown == overlapping, (shown, overlapping)
    ntb = client.get("/timeline", params={"source": "NTB"}).text
    from_ntb = {a["id"] for a in story["articles"] if "NTB" in (a["outlet"], a["agency"])}
    cited = set(re.findall(r'class="cite" href="/articles/([0-9a-f]+)#', ntb))
    assert cited and cited <= from_ntb, (cited, from_ntb)
    assert len(cited) < len({s["article"] for t in story["timeline"] for s in t["sentences"]})
    lundgren = next(a for a in story["actors"] if a["name"] == "Kari Lundgren")
    by_actor = client.get("/timeline", params={"actor": lundgren["id"]}).text
    assert 0 < int(re.search(r"(\d+) of", by_actor).group(1)) <= everything
    none = client.get("/timeline", params={"q": "zzzunfindable"}).text
    assert "No entry matches these filters." in none
    bad = client.get("/timeline", params={"from": "March"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


def test_search_ranks_and_highlights(client):
    r = client.get("/api/search", params={"q": "Bergen"}).json()
    assert r["total"] >= 3 and r["items"]
    ranks = [i["rank"] for i in r["items"]]
    assert ranks == sorted(ranks)
    assert all("[[Bergen]]" in i["snippet"] for i in r["items"])
    page = client.get("/search", params={"q": "Bergen"}).text
    assert "<mark>Bergen</mark>" in page
    assert client.get("/api/search", params={"q": '"unbalanced AND ('}).status_code == 200  # never an FTS syntax error
    assert client.get("/api/search").status_code == 422


def test_api_pagination_and_lookups(client):
    first = client.get("/api/articles", params={"per_page": 3}).json()
    assert first["per_page"] == 3 and len(first["items"]) == 3 and first["total"] >= 8 and first["next"]
    second = client.get(first["next"]).json()
    assert second["page"] == 2 and {i["id"] for i in second["items"]}.isdisjoint({i["id"] for i in first["items"]})
    label = first["items"][0]["label"]
    assert client.get(f"/api/articles/{label}").json()["id"] == first["items"][0]["id"]
    sentences = client.get("/api/sentences", params={"article": first["items"][0]["id"]}).json()
    assert sentences["items"][0]["cite"] == f"{label}:0"
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] > 0 and re.fullmatch(r"A\d+:\d+", quotes["items"][0]["cite"])
    assert client.get("/api/actors", params={"type": "PERSON"}).json()["total"] > 0
    budget = client.get("/api/timeline", params={"dates": 2, "per_date": 1}).json()["timeline"]
    assert budget["total"] == 2 and all(len(t["sentences"]) == 1 for t in budget["items"])
    windowed = client.get("/api/timeline", params={"from": "2025-03-01", "to": "2025-03-31", "query": "Bergen"}).json()["timeline"]
    assert windowed["total"] >= 1 and all("Bergen" in s["text"] for t in windowed["items"] for s in t["sentences"])
    assert client.get("/api/events").json()["total"] > 0
    spec = client.get("/api/openapi.json").json()
    assert {"/api/articles", "/api/sentences", "/api/actors", "/api/quotes", "/api/events", "/api/timeline", "/api/search"} <= set(spec["paths"])


def test_errors_are_json_with_a_message(client):
    for url, status in [("/api/articles/nope", 404), ("/api/nope", 404), ("/api/articles?page=0", 422),
                        ("/api/timeline?from=2025-04-01&to=2025-03-01", 400), ("/api/export/pdf", 422)]:
        r = client.get(url)
        assert r.status_code == status, url
        body = r.json()
        assert body["error"]["status"] == status and body["error"]["message"] and "Traceback" not in r.text
    r = client.delete("/api/articles")
    assert r.status_code == 405 and r.json()["error"]["message"]
    page = client.get("/articles/nope")
    assert page.status_code == 404 and "no article" in page.text and page.headers["content-type"].startswith("text/html")


def test_xss_fixture_inert_in_pages_and_exports(client):
    story = _story(client)
    bad = _hostile(story)
    urls = ["/", "/timeline", "/articles", f"/articles/{bad['id']}", "/sources", "/search?q=alert", "/events",
            "/api/export/html"]
    for url in urls:
        text = client.get(url).text
        assert not active_content(text), url
    for slide in client.get("/api/export/timelinejs").json()["events"]:  # TimelineJS renders these as HTML
        assert not active_content(slide["text"]["headline"] + slide["text"]["text"]), slide
    article_page = client.get(f"/articles/{bad['id']}").text
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in article_page  # shown as text, not dropped
    assert "not a web address, so not a link" in article_page
    md = client.get("/api/export/md")
    assert md.headers["content-type"].startswith("text/markdown") and md.headers["x-content-type-options"] == "nosniff"
    csv_export = client.get("/api/export/csv", params={"table": "timeline"})
    assert csv_export.headers["content-type"].startswith("text/csv") and "attachment" in csv_export.headers["content-disposition"]
    assert ",=" not in csv_export.text and "'=HYPERLINK" in csv_export.text  # formula injection guarded


def test_settings_are_documented_and_hide_the_token(client):
    settings = client.get("/-/settings.json").json()
    assert all(item["description"] for item in settings.values())
    assert settings["token"]["value"] == "set" and TOKEN not in json.dumps(settings)
    assert settings["host"]["value"] == "127.0.0.1"


# -- writes ----------------------------------------------------------------------------------------
NEW_ARTICLE = {
    "title": "Faroese join the mackerel talks",
    "outlet": "Torshavn Post",
    "published": "2025-03-10",
    "text": ("The Faroe Islands joined the mackerel talks in Bergen on Monday, fisheries minister Dánjal Jacobsen said.\n\n"
             "Jacobsen met Kari Lundgren in Bergen on Monday and said a three-way deal was possible before the summer."),
}


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    db = copy_store(hostile_store(tmp_path_factory), tmp_path_factory.mktemp("writable"))
    with serve(db, extra=("--max-upload", "20000"), log=tmp_path_factory.mktemp("wlog") / "serve.log") as base:
        with httpx.Client(base_url=base, timeout=30) as c:
            yield c


def test_writes_need_the_token(writable, tmp_path):
    assert writable.post("/api/articles", json=NEW_ARTICLE).status_code == 401
    wrong = writable.post("/api/articles", json=NEW_ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "token" in wrong.json()["error"]["message"]
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    basic = writable.post("/api/articles", json=NEW_ARTICLE, headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert basic.status_code == 401


def test_no_token_configured_refuses_writes(tmp_path_factory):
    db = copy_store(hostile_store(tmp_path_factory), tmp_path_factory.mktemp("readonly"))
    with serve(db, token=None) as base:
        r = httpx.post(base + "/api/articles", json=NEW_ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "DATELINE_TOKEN" in r.json()["error"]["message"]
        assert httpx.get(base + "/api/articles").status_code == 200  # reads stay open


def test_oversize_and_malformed_uploads(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = writable.post("/api/articles", headers=auth, files={"file": ("big.txt", b"word " * 10_000, "text/plain")})
    assert big.status_code == 413 and "limit" in big.json()["error"]["message"]
    cases = [
        ({"content": b"{not json", "headers": {**auth, "Content-Type": "application/json"}}, 400, "not valid JSON"),
        ({"json": {"title": "no text"}}, 400, "text"),
        ({"json": []}, 400, "no articles"),
        ({"files": {"file": ("feed.jsonl", b'{"text": "ok words here and more"}\n{broken\n', "application/x-ndjson")}}, 400, "line 2"),
        ({"files": {"file": ("photo.png", b"\x89PNG\r\n", "image/png")}}, 415, "format"),
        ({"files": {"file": ("page.txt", b"   ", "text/plain")}}, 400, "empty"),
        ({"content": b"text=abc", "headers": {**auth, "Content-Type": "application/x-www-form-urlencoded"}}, 415, "multipart"),
    ]
    for kwargs, status, words in cases:
        kwargs.setdefault("headers", auth)
        r = writable.post("/api/articles", **kwargs)
        assert r.status_code == status, (kwargs, r.text)
        assert words in r.json()["error"]["message"] and "Traceback" not in r.text


def test_upload_runs_the_pipeline_one_build_at_a_time(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = writable.get("/api/story").json()["articles"]
    first = writable.post("/api/articles", json=NEW_ARTICLE, headers=auth)
    assert first.status_code == 202, first.text
    job = first.json()
    second = writable.post("/api/articles", headers=auth,
                           files={"file": ("more.txt", NEW_ARTICLE["text"].replace("Monday", "Tuesday").encode(), "text/plain")})
    assert second.status_code == 409 and second.json()["error"]["build"]["id"] == job["id"]
    assert writable.get("/api/builds").json()["running"] == job["id"]
    deadline = time.monotonic() + 240
    while (state := writable.get(job["url"]).json())["state"] == "running":
        assert time.monotonic() < deadline, state
        time.sleep(0.5)
    assert state["state"] == "done" and len(state["added"]) == 1, state
    time.sleep(1.2)  # the app rechecks the file at most once a second
    assert writable.get("/api/story").json()["articles"] == before + 1
    found = writable.get("/api/search", params={"q": "Faroe"}).json()
    assert found["total"] >= 1 and found["items"][0]["source"] == "Torshavn Post"
    assert "Faroese join the mackerel talks" in writable.get("/articles", params={"source": "Torshavn Post"}).text
    again = writable.post("/api/articles", json=NEW_ARTICLE, headers=auth).json()  # the same article again: nothing new
    while (state := writable.get(again["url"]).json())["state"] == "running":
        time.sleep(0.5)
    assert state["added"] == [] and state["unchanged"]


def test_serve_binds_loopback_by_default():
    from typer.testing import CliRunner

    from dateline.cli import app

    help_text = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).output
    assert "127.0.0.1" in help_text
    from dateline.web.settings import WebSettings

    assert WebSettings().host == "127.0.0.1"


def test_web_imports_no_nlp():
    code = ("import sys, builtins\n"
            "real = builtins.__import__\n"
            "def block(name, *a, **k):\n"
            "    if name == 'spacy' or name.startswith('spacy.') or name.startswith('dateline.analyse'):\n"
            "        raise ImportError('NLP is not allowed here: ' + name)\n"
            "    return real(name, *a, **k)\n"
            "builtins.__import__ = block\n"
            "import dateline.web, dateline.web.app, dateline.web.views, dateline.web.api, dateline.web.data, dateline.web.render\n"
            "import dateline.export.timelinejs, dateline.export.csv, dateline.export.formats\n"
            "assert 'spacy' not in sys.modules\n"
            "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_a_story_saved_by_another_process_is_picked_up(tmp_path_factory):
    """Articles being added leave the pages alone; a newly saved story replaces the old one in the
    background, while readers keep the old one meanwhile."""
    from dateline.store import Store
    from dateline.web.data import StoryData

    db = copy_store(hostile_store(tmp_path_factory), tmp_path_factory.mktemp("external"))
    data = StoryData(db)
    before = data.current()
    with Store(db) as store:
        story = store.load_story()
        store.save_story(story.model_copy(update={"generated_at": "2030-01-01T00:00:00+00:00", "actors": story.actors[:3]}))
    deadline = time.monotonic() + 60
    while (view := data.current()).generation == before.generation:
        assert view is before and time.monotonic() < deadline
        time.sleep(0.2)
    assert len(view.story.actors) == 3 and view.story.generated_at.startswith("2030")
    hits, total = data.search("Bergen", 5, 0)
    assert total >= 3 and hits[0].segments
    data.close()


def test_an_unexpected_error_is_json_without_a_trace(tmp_path_factory):
    """The app with a data layer that fails, served by uvicorn on loopback in this process (the failure is
    injected, so not through `dateline serve`), asked over HTTP."""
    import threading

    import uvicorn

    from dateline.web import WebSettings, create_app
    from dateline.web.data import StoryData

    class Broken(StoryData):
        def current(self):
            raise RuntimeError("secret internals /etc/passwd")

    db = hostile_store(tmp_path_factory)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db=db), Broken(db)), host="127.0.0.1", port=port,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        r = httpx.get(base + "/api/articles", timeout=10)
        assert r.status_code == 500 and r.json()["error"]["message"].startswith("internal error")
        assert "secret" not in r.text and "Traceback" not in r.text
        page = httpx.get(base + "/timeline", timeout=10)
        assert page.status_code == 500 and "secret" not in page.text
    finally:
        server.should_exit = True
        thread.join(10)


def test_the_outlets_page_says_who_calls_it_what_with_citations_and_counts_articles_with_no_source(client):
    story = _story(client)
    assert story["naming"], "the example corpus spells one minister two ways"
    page = client.get("/sources").text
    section = html.unescape(page.split("Who calls it what", 1)[1].split("</section>", 1)[0])
    for difference in story["naming"]:
        for use in difference["names"]:
            assert f"“{use['name']}”: {', '.join(use['sources'])}" in section
    unsourced = sum(1 for a in story["articles"] if not a["outlet"] and not a["agency"])
    if unsourced:
        noun = "article names" if unsourced == 1 else "articles name"
        assert f"{unsourced} {noun} no outlet or agency" in html.unescape(page)
    else:
        assert "no outlet or agency" not in page
    assert "1 outlets" not in page


def test_a_joint_quote_is_listed_under_each_speaker(client):
    """"The two ministers agreed to meet again in Reykjavik on April 10" (the example's North Sea Herald article): both
    said it, so the quotes API filtered by either speaker, and either one's actor page, has it, saying whom it was
    said with."""
    story = _story(client)
    ids = {a["name"]: a["id"] for a in story["actors"]}
    for name in ("Kari Lundgren", "Sigurður Bjarnason"):
        quotes = client.get("/api/quotes", params={"speaker": ids[name], "per_page": 100}).json()["items"]
        assert any("meet again in Reykjavik on April 10" in q["text"] and set(q["speakers"]) == {ids["Kari Lundgren"], ids["Sigurður Bjarnason"]}
                   for q in quotes), (name, [q["text"] for q in quotes])
        page = client.get(f"/actors/{ids[name]}").text
        other = "Sigurður Bjarnason" if name == "Kari Lundgren" else "Kari Lundgren"
        assert re.search(rf'class="with">with <a [^>]*>{other}</a>:</span> <em>agreed</em> to meet again in Reykjavik', page)
