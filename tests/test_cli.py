"""The `dateline` command as a user runs it: build, read back, outputs, schema, bad input."""
from __future__ import annotations

import json
import re

import jsonschema

from conftest import EXAMPLE, ROOT, run_cli
from dateline.export.schema import story_schema_text


def test_example_build_outputs(example_build):
    out, result = example_build
    assert "7 new article(s) stored" in result.stdout
    assert (out / "report.html").exists() and (out / "report.md").exists() and (out / "dateline.sqlite").exists()
    story = json.loads((out / "story.json").read_text())
    for key in ("articles", "actors", "quotes", "events", "timeline", "briefing", "sources", "groups"):
        assert story[key], key
    article = story["articles"][0]
    for key in ("id", "path", "title", "outlet", "agency", "published", "text", "removed_lines", "duplicate_of"):
        assert key in article
    assert set(article["published"]) >= {"date", "precision", "earliest", "latest", "source", "evidence"}
    assert 5 <= len(story["briefing"]) <= 10
    texts = {(a["id"], s["index"]): s["text"] for a in story["articles"] for s in a["sentences"]}
    for cited in story["briefing"] + [s for t in story["timeline"] for s in t["sentences"]]:
        assert texts[(cited["article"], cited["sentence"])] == cited["text"]
    # the briefing opens with the latest news, out of date order, and both reports say so
    assert story["briefing"][0]["role"] == "latest"
    briefing = (out / "report.md").read_text().split("## Briefing")[1].split("## Timeline")[0]
    assert [line.startswith("- Latest: ") for line in briefing.strip().splitlines()] == \
        [True] + [False] * (len(story["briefing"]) - 1)
    assert (out / "report.html").read_text().count('<span class="role">Latest</span>') == 1


def test_reported_speech_reads_in_its_own_order_and_only_direct_quotes_take_quotation_marks(example_build):
    out, _ = example_build
    quotes = (out / "report.md").read_text().split("## Quotes")[1].split("## Sources")[0]
    # the clause after its cue keeps the cue first; a clause that came first keeps its place, cue after it
    assert "**Sigurður Bjarnason**: said the talks would take place in Bergen" in quotes
    assert "**a joint statement**: The ministers will meet again next month in Reykjavik (according to)" in quotes
    assert "according to The ministers" not in quotes
    html = (out / "report.html").read_text()
    assert "The ministers will meet again next month in Reykjavik <em>(according to)</em>" in html


def test_schema_is_committed_and_story_validates(example_build):
    committed = (ROOT / "schema" / "story.schema.json").read_text()
    assert committed == story_schema_text(), "schema/story.schema.json is stale: run `make schema`"
    out, _ = example_build
    jsonschema.validate(json.loads((out / "story.json").read_text()), json.loads(committed))


def test_example_corpus_is_understood(example_build):
    out, _ = example_build
    story = json.loads((out / "story.json").read_text())
    by_name = {a["path"].split("/")[-1]: a for a in story["articles"]}
    wire, copy = by_name["ntb-bergen-talks.txt"], by_name["coastal-times-bergen.txt"]
    assert wire["agency"] == "NTB" and copy["duplicate_of"] == wire["id"]
    assert any(g["kind"] == "duplicate" and set(g["articles"]) == {wire["id"], copy["id"]} for g in story["groups"])
    herald = by_name["north-sea-herald.html"]
    assert herald["outlet"] == "North Sea Herald" and herald["published"]["date"] == "2025-03-04"
    assert herald["event_group"] is not None and herald["event_group"] == wire["event_group"]
    blog = by_name["fisheries-blog.txt"]["published"]
    assert (blog["date"], blog["precision"], blog["source"]) == ("2025", "year", "inferred")
    warc = by_name["archive.warc.gz#record=1"]
    assert warc["outlet"] == "Fish Trade Weekly" and warc["published"]["date"] == "2025-04-14"
    bjarnason = next(a for a in story["actors"] if a["name"].endswith("Bjarnason"))
    assert {"Sigurdur Bjarnason", "Sigurður Bjarnason", "Bjarnason"} <= {bjarnason["name"], *bjarnason["aliases"]}
    bergen = [t for t in story["timeline"] if t["date"]["value"] == "2025-03-03"]
    assert len(bergen) == 1 and {s["article"] for s in bergen[0]["sentences"]} >= {herald["id"], wire["id"]}
    # "the talks would take place in Bergen in early March", written in January, is the same event
    announcement = by_name["reykjavik-review.jsonl#line=1"]["id"]
    event = next(e for e in story["events"] if e["id"] == bergen[0]["event"])
    assert (announcement, 1) in {(c["article"], c["sentence"]) for c in event["citations"]}


def test_read_back_commands(example_build):
    out, _ = example_build
    db = str(out / "dateline.sqlite")
    for command in ("articles", "actors", "events", "timeline"):
        table = run_cli(command, "--db", db)
        assert table.returncode == 0, table.stderr
        data = json.loads(run_cli(command, "--db", db, "--json").stdout)
        assert data, command
    timeline = json.loads(run_cli("timeline", "--db", db, "--json").stdout)["timeline"]
    assert timeline[0]["date"]["earliest"] <= timeline[-1]["date"]["earliest"]
    assert "Kari Lundgren" in run_cli("actors", "--db", db).stdout


def test_help_everywhere():
    for command in ([], ["build"], ["articles"], ["actors"], ["events"], ["timeline"], ["schema"]):
        result = run_cli(*command, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout


def test_bad_input_is_reported_and_the_rest_goes_through(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text((EXAMPLE / "articles" / "fisheries-blog.txt").read_text())
    (inputs / "empty.txt").write_text("")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(200)))
    (inputs / "latin.txt").write_bytes("Caf\xc3\xa9 ok \xff broken".encode("latin-1"))
    (inputs / "feed.jsonl").write_text('{"text": "' + "Officials met today in the capital and agreed on a plan. " * 3 + '"}\n{broken\n')
    (inputs / "bad.warc").write_text("not a warc at all")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,published\nin/good.txt,2025-02-01\nin/gone.txt,2025-02-02\n")
    out = tmp_path / "out"
    result = run_cli("build", str(inputs), "--manifest", str(manifest), "--out", str(out))
    assert result.returncode == 1
    for name, problem in [("empty.txt", "empty file"), ("image.txt", "binary file"), ("latin.txt", "invalid UTF-8"),
                          ("feed.jsonl#line=2", "invalid JSON"), ("bad.warc", "not a WARC file"), ("m.csv#row=3", "missing file")]:
        assert any(name in line and problem in line for line in result.stderr.splitlines()), (name, result.stderr)
    story = json.loads((out / "story.json").read_text())
    assert len(story["articles"]) == 2 and len(story["skipped"]) == 6
    good = next(a for a in story["articles"] if a["path"].endswith("good.txt"))
    assert good["published"]["date"] == "2025-02-01"

    rerun = run_cli("build", str(inputs / "good.txt"), "--out", str(out))
    assert rerun.returncode == 0 and "0 new article(s) stored, 1 already stored" in rerun.stdout


def test_unusable_store_is_a_clear_error(tmp_path):
    db = tmp_path / "x.sqlite"
    db.write_text("not sqlite")
    result = run_cli("build", str(EXAMPLE / "articles" / "feeds"), "--out", str(tmp_path / "o"), "--db", str(db))
    assert result.returncode == 2 and "not a SQLite file" in result.stderr
    missing = run_cli("articles", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 2 and "no such store" in missing.stderr


def test_report_escapes_article_text(tmp_path):
    feed = tmp_path / "feed.jsonl"
    hostile = ("The minister said <script>alert('x')</script> talks would resume on Monday in Oslo, "
               "and <b>bold</b> claims were made about the quota.")
    feed.write_text(json.dumps({"text": hostile + " " + hostile.replace("minister", "official"), "title": "<img src=x onerror=alert(1)>",
                                "published": "2025-01-10", "url": "javascript:alert(1)"}) + "\n"
                    + json.dumps({"text": "Officials in Oslo said on Monday the quota talks would resume next week in Bergen.",
                                  "url": "https://news.example/quota-talks", "published": "2025-01-11"}) + "\n")
    out = tmp_path / "out"
    assert run_cli("build", str(feed), "--out", str(out)).returncode == 0
    html = (out / "report.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b>bold</b>" not in html
    assert "javascript:" not in html  # a hostile URL is not linked
    assert 'href="https://news.example/quota-talks"' in html  # a web address links to the original
    # self-contained: no stylesheet, script, image or font is fetched from anywhere
    assert not re.search(r"<(?:script|link|img|iframe)\b|<[a-z][^>]*\ssrc=|@import|url\(", html)


def test_builds_are_deterministic_across_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    stories = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-m", "dateline", "build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"),
             "--out", str(out)],
            check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed},
        )
        story = json.loads((out / "story.json").read_text())
        story.pop("generated_at")
        stories.append(story)
    assert stories[0] == stories[1]


def test_out_must_be_a_folder(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = run_cli("build", str(EXAMPLE / "articles" / "feeds"), "--out", str(target))
    assert result.returncode == 2 and "--out must be a folder" in result.stderr and target.read_text() == "x"
