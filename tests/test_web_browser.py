"""The web app in a real browser: Debian's chromium driven by Playwright against `dateline serve`.

Every page at 1280 px and 375 px (no horizontal scrolling on a phone, no console error, which is
also where a CSP violation would show), the filters and search, a citation followed to its
highlighted sentence, keyboard use, and the hostile fixture inert (no dialog ever fires).
Screenshots go to out/screenshots/."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from web_fixture import hostile_store, serve

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "out" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (apt-get install -y chromium); the browser tests need it",
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve(hostile_store(tmp_path_factory)) as base:
        yield base


class Watched:
    """A page that records dialogs, console errors and page errors."""

    def __init__(self, browser, width: int, height: int):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self):
        self.context.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def watched(request, browser):
    w = Watched(browser, *WIDTHS[request.param])
    w.name = request.param
    yield w
    w.close()


def _pages(base: str, page) -> dict[str, str]:
    story = page.request.get(base + "/api/export/json").json()
    hostile = next(a for a in story["articles"] if "Quota talks" in (a["title"] or ""))
    wire = next(a for a in story["articles"] if a["path"].endswith("ntb-bergen-talks.txt"))
    lundgren = next(a for a in story["actors"] if a["name"] == "Kari Lundgren")
    event = next(e for e in story["events"] if e["date"]["value"] == "2025-03-03")
    return {"overview": "/", "timeline": "/timeline", "day": "/day/2025-03-03", "articles": "/articles",
            "article": f"/articles/{wire['id']}", "hostile-article": f"/articles/{hostile['id']}", "actors": "/actors",
            "actor": f"/actors/{lundgren['id']}", "outlets": "/sources", "events": "/events", "event": f"/events/{event['id']}",
            "search": "/search?q=mackerel", "exports": "/exports", "api-docs": "/api/docs"}


def test_every_page_at_both_widths(site, watched):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = watched.page
    for name, path in _pages(site, page).items():
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1 and page.locator("main").is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {watched.name} width"
        unlabelled = page.evaluate("""[...document.querySelectorAll('input, select')].filter(
            el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.name)""")
        assert not unlabelled, (path, unlabelled)
        page.screenshot(path=str(SHOTS / f"{name}-{watched.name}.png"), full_page=name in ("overview", "article", "hostile-article"))
    assert not watched.dialogs, watched.dialogs
    assert not watched.errors, watched.errors  # a CSP violation or a script error would show here


def test_filters_search_and_citation(site, watched):
    page = watched.page
    page.goto(site + "/timeline")
    total = int(re.search(r"(\d+) of", page.locator(".count").inner_text()).group(1))
    page.select_option("#f-source", "NTB")  # app.js submits the form on change
    page.wait_for_url(re.compile(r"source=NTB"))
    assert "from=" not in page.url  # empty fields stay out of the address
    narrowed = int(re.search(r"(\d+) of", page.locator(".count").inner_text()).group(1))
    assert 0 < narrowed < total
    page.fill("#f-from", "2025-03-01")
    page.fill("#f-to", "2025-03-31")
    page.click(".filters button[type=submit]")
    page.wait_for_url(re.compile(r"to=2025-03-31"))
    dates = page.eval_on_selector_all("article.entry time", "els => els.map(e => e.getAttribute('datetime'))")
    assert dates and all("2025-03-01" <= d <= "2025-03-31" for d in dates), dates

    # follow a citation to its highlighted sentence
    cite = page.locator("a.cite").first
    label, href = cite.inner_text(), cite.get_attribute("href")
    cite.click()
    page.wait_for_url(re.compile(re.escape(href.split("#")[0])))
    target = page.locator(":target")
    assert target.count() == 1 and target.get_attribute("id") == href.split("#")[1]
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 224, 138)"
    assert target.locator("a.num").inner_text() == label.split(":")[1]
    page.screenshot(path=str(SHOTS / f"citation-{watched.name}.png"))

    # search from the top bar, with the keyboard
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "top-q"
    page.keyboard.type("Bergen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Bergen"))
    marks = page.locator("ol.hits mark")
    assert marks.count() >= 3 and marks.first.inner_text() == "Bergen"
    page.screenshot(path=str(SHOTS / f"search-{watched.name}.png"))
    assert not watched.dialogs and not watched.errors, (watched.dialogs, watched.errors)


def test_keyboard_reaches_the_content(site, browser):
    w = Watched(browser, 1280, 900)
    try:
        w.page.goto(site + "/")
        w.page.keyboard.press("Tab")
        assert w.page.evaluate("document.activeElement.textContent") == "Skip to content"
        w.page.keyboard.press("Enter")
        assert w.page.evaluate("document.activeElement.id") == "main"
        w.page.keyboard.press("Tab")
        assert w.page.evaluate("document.activeElement.tagName") == "A"  # first link inside the content
    finally:
        w.close()


def test_hostile_article_is_inert_everywhere(site, watched):
    page = watched.page
    pages = _pages(site, page)
    for path in (pages["hostile-article"], "/", "/timeline", "/articles", "/sources", "/search?q=alert", "/search?q=onerror"):
        page.goto(site + path)
        page.wait_for_load_state("load")
        page.mouse.move(10, 10)
        page.hover("main")
    assert not watched.dialogs, watched.dialogs
    assert page.evaluate("document.querySelectorAll('main script, main img, main svg:not(.chart)').length") == 0
    page.goto(site + pages["hostile-article"])
    title = page.locator("h1").inner_text()
    assert "<script>alert('title')</script>" in title  # shown as text, as written
    assert page.locator("a[href^='javascript:']").count() == 0
    assert not watched.dialogs and not watched.errors, (watched.dialogs, watched.errors)


@pytest.fixture(scope="module")
def reference_site(reference_build):
    with serve(reference_build / "dateline.sqlite") as base:
        yield base


def test_reference_search_and_filters(reference_site, browser):
    w = Watched(browser, 1280, 900)
    page = w.page
    try:
        story = page.request.get(reference_site + "/api/export/json").json()
        source = {a["id"]: a["outlet"] or a["agency"] or "source unknown" for a in story["articles"]}
        page.goto(reference_site + "/")
        page.fill("#top-q", "Lavrov")
        page.press("#top-q", "Enter")
        page.wait_for_url(re.compile(r"q=Lavrov"))
        hits = page.locator("ol.hits > li")
        assert hits.count() >= 5
        cited = [re.search(r"/articles/([0-9a-f]+)#", h).group(1) for h in
                 page.eval_on_selector_all("ol.hits a.cite", "els => els.map(e => e.getAttribute('href'))")]
        assert len({source[a] for a in cited}) >= 2  # his sentences from both kinds of source (Kyodo and the others)
        assert len(set(cited)) >= 4
        assert all(m == "Lavrov" for m in page.eval_on_selector_all("ol.hits mark", "els => els.map(e => e.textContent)"))
        api = page.request.get(reference_site + "/api/search?q=Lavrov&per_page=100").json()
        ranks = [i["rank"] for i in api["items"]]
        assert ranks == sorted(ranks) and api["total"] == hits.count()
        page.screenshot(path=str(SHOTS / "reference-search.png"))

        page.goto(reference_site + "/timeline")
        total = int(re.search(r"(\d+) of", page.locator(".count").inner_text()).group(1))
        page.select_option("#f-source", "Kyodo")
        page.wait_for_url(re.compile("source=Kyodo"))
        page.fill("#f-from", "2019-01-01")
        page.fill("#f-to", "2019-12-31")
        page.click(".filters button[type=submit]")
        page.wait_for_url(re.compile("to=2019-12-31"))
        narrowed = int(re.search(r"(\d+) of", page.locator(".count").inner_text()).group(1))
        assert 0 < narrowed < total
        kyodo = {a["id"] for a in story["articles"] if "Kyodo" in (a["outlet"], a["agency"])}
        hrefs = page.eval_on_selector_all("a.cite", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and {re.search(r"/articles/([0-9a-f]+)#", h).group(1) for h in hrefs} <= kyodo
        expected = [t for t in story["timeline"] if t["date"]["earliest"] and t["date"]["earliest"] <= "2019-12-31"
                    and (t["date"]["latest"] or t["date"]["earliest"]) >= "2019-01-01"
                    and any(s["article"] in kyodo for s in t["sentences"])]
        assert narrowed == len(expected)
        page.screenshot(path=str(SHOTS / "reference-timeline-filtered.png"), full_page=True)
        assert not w.dialogs and not w.errors, w.errors
    finally:
        w.close()
