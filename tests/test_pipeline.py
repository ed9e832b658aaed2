"""Builds as a user runs them (the real CLI, the real model, real SQLite): adding equals building at
once, a killed build resumes to the same story, one writer at a time, corrections flow through,
a rebuild reanalyses nothing, input streams through bounded batches."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, run_cli
from dateline.models import SkippedInput
from dateline.settings import Settings
from dateline.store import open_store

INCREMENTAL = FIXTURES / "incremental"
FOOTER = "Harbour Post, 12 Quay Street, Tromsø, Norway"  # in one article of each batch: chrome only once both are in


def story_bytes(out: Path) -> str:
    """story.json as written, with its build time blanked (the one field allowed to differ)."""
    story = json.loads((out / "story.json").read_text())
    story["generated_at"] = "-"
    return json.dumps(story, indent=2, ensure_ascii=False)


def test_adding_articles_gives_the_story_of_building_them_together(tmp_path):
    a, b = str(INCREMENTAL / "a"), str(INCREMENTAL / "b")
    together = tmp_path / "together"
    assert run_cli("build", a, b, "--out", str(together)).returncode == 0

    stepwise = tmp_path / "stepwise"
    first = run_cli("build", a, "--out", str(stepwise))
    assert first.returncode == 0, first.stderr
    quota = next(x for x in json.loads((stepwise / "story.json").read_text())["articles"] if x["path"].endswith("harbour-quota.txt"))
    assert FOOTER in quota["text"]  # alone, batch A holds no evidence that the footer is the site's

    added = run_cli("add", b, "--db", str(stepwise / "dateline.sqlite"), "--out", str(stepwise))
    assert added.returncode == 0, added.stderr
    assert "2 new article(s) stored" in added.stdout and "1 updated" in added.stdout
    assert "harbour-quota.txt (cleaned again" in added.stdout
    story = json.loads((stepwise / "story.json").read_text())
    quota = next(x for x in story["articles"] if x["path"].endswith("harbour-quota.txt"))
    assert FOOTER not in quota["text"]
    assert any(r["text"] == FOOTER and r["reason"] == "repeated in unrelated articles" for r in quota["removed_lines"])
    assert story_bytes(stepwise) == story_bytes(together)


def test_add_needs_an_existing_store(tmp_path):
    result = run_cli("add", str(INCREMENTAL / "b"), "--db", str(tmp_path / "none.sqlite"))
    assert result.returncode == 2 and "no such store" in result.stderr


def _wait_for(predicate, limit: float = 120.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _stored(db: Path) -> tuple[int, int]:
    """(documents, analysed articles) in the store, read as another process sees it."""
    if not db.exists():
        return (0, 0)
    try:
        with open_store(db) as store:
            return len(store.document_states()), len(store.article_ids())
    except Exception:  # noqa: BLE001 - the file may be brand new, mid-creation
        return (0, 0)


def _children(pid: int) -> set[int]:
    """The processes `pid` started (Linux: /proc), e.g. its parse workers."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("moment", ["while reading", "while analysing", "while parse workers analyse"])
def test_a_build_killed_with_sigkill_resumes_to_the_same_story(tmp_path, example_build, moment):
    reference, _ = example_build
    out, db = tmp_path / "out", tmp_path / "out" / "dateline.sqlite"
    processes = "2" if moment == "while parse workers analyse" else "1"
    args = [sys.executable, "-m", "dateline", "build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"),
            "--out", str(out), "--set", "ingest.batch_size=1", "--set", "analyse.parse_chunk=1", "--set", "analyse.batch_size=1",
            "--set", f"analyse.n_process={processes}"]
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        ready = (lambda: _stored(db)[0] >= 1) if moment == "while reading" else (lambda: _stored(db)[1] >= 2)
        assert _wait_for(ready), "the build never reached the moment to kill it"
        workers = _children(process.pid)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL
    if processes == "2" and Path("/proc/self/task").exists():
        assert len(workers) == 2, "the build ran no parse workers: nothing tested"
        assert _wait_for(lambda: not any(_alive(w) for w in workers), 10), "parse workers outlived the killed build"
    with open_store(db) as store:
        assert store.integrity() == "ok"
        finished = store.article_ids()
    assert len(finished) < 7, "the build finished before it was killed: nothing tested"

    rerun = run_cli("build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"), "--out", str(out))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{7 - len(finished)} new article(s) stored, {len(finished)} already stored" in rerun.stdout
    assert story_bytes(out) == story_bytes(reference)


def test_a_second_build_waits_then_fails_clearly_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    db = out / "dateline.sqlite"
    with open_store(db) as store, store.writer(timeout=0):
        result = run_cli("build", str(INCREMENTAL / "a"), "--out", str(out), "--wait", "0.5")
    assert result.returncode == 2
    assert "waiting:" in result.stderr and "another build" in result.stderr and "gave up after waiting 0.5 s" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "story.json").exists()
    with open_store(db) as store:
        assert store.document_states() == {}  # nothing half-done


def test_two_builds_at_once_both_finish_and_lose_nothing(tmp_path):
    out = tmp_path / "out"
    commands = [[sys.executable, "-m", "dateline", "build", str(INCREMENTAL / part), "--out", str(out / part),
                 "--db", str(out / "shared.sqlite"), "--wait", "120"] for part in ("a", "b")]
    processes = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in processes]
    assert [r[2] for r in results] == [0, 0], [r[1] for r in results]
    assert all("Traceback" not in r[1] for r in results)
    with open_store(out / "shared.sqlite") as store:
        assert len(store.article_ids()) == 4 and len(store.load_story().articles) == 4


def test_a_corrected_manifest_updates_the_stored_article_and_says_so(tmp_path):
    blog = EXAMPLE / "articles" / "fisheries-blog.txt"
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"file,published,outlet\n{blog},,Small Boats Blog\n")
    out = tmp_path / "out"
    first = run_cli("build", str(blog), "--manifest", str(manifest), "--out", str(out))
    assert first.returncode == 0, first.stderr
    published = json.loads((out / "story.json").read_text())["articles"][0]["published"]
    assert (published["date"], published["source"]) == ("2025", "inferred")

    manifest.write_text(f"file,published,outlet\n{blog},2025-02-14,Small Boats Weekly\n")
    second = run_cli("build", str(blog), "--manifest", str(manifest), "--out", str(out))
    assert second.returncode == 0, second.stderr
    assert "1 updated" in second.stdout and "fisheries-blog.txt (metadata corrected; analysed again)" in second.stdout
    article = json.loads((out / "story.json").read_text())["articles"][0]
    assert (article["published"]["date"], article["published"]["source"], article["outlet"]) == \
        ("2025-02-14", "metadata", "Small Boats Weekly")

    third = run_cli("build", str(blog), "--out", str(out))  # read again without a manifest: no news, nothing lost
    assert third.returncode == 0 and "0 updated" in third.stdout and "1 already stored" in third.stdout
    assert json.loads((out / "story.json").read_text())["articles"][0]["published"]["date"] == "2025-02-14"


# -- in process, with injected settings and a wrapping store ------------------------------------------


class RecordingStore:
    """The real store, recording the size of every batch written to it."""

    def __init__(self, inner):
        self.inner = inner
        self.document_batches: list[int] = []
        self.analysed_batches: list[int] = []

    def put_documents(self, documents):
        self.document_batches.append(len(documents))
        return self.inner.put_documents(documents)

    def save_analysed(self, items, skips, reused=()):
        self.analysed_batches.append(len(items) + len(skips))
        return self.inner.save_analysed(items, skips, reused)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_input_streams_through_bounded_batches_each_committed(tmp_path):
    settings = Settings().with_overrides(["ingest.batch_size=2", "analyse.parse_chunk=3"])
    from dateline.pipeline import build

    with open_store(tmp_path / "s.sqlite") as inner:
        store = RecordingStore(inner)
        report = build([str(EXAMPLE / "articles")], None, EXAMPLE / "manifest.csv", settings=settings, store=store)
    assert len(report.added) == 7
    assert max(store.document_batches) <= 2 and sum(store.document_batches) == 7
    assert max(store.analysed_batches) <= 3 and sum(store.analysed_batches) == 7


REAL_PARTITION = None  # set by the test below, read in the worker it forks


def _partition_in_worker(*args):
    """analyse_partition, noting the process it ran in (a module-level function: pickled by name)."""
    result = REAL_PARTITION(*args)
    with open(os.environ["DATELINE_TEST_PIDS"], "a") as f:
        f.write(f"{os.getpid()} {len(result)}\n")
    return result


def test_parse_workers_build_the_story_of_one_process(tmp_path, monkeypatch):
    import dateline.engine.local as local
    import dateline.pipeline as pipeline

    global REAL_PARTITION
    REAL_PARTITION = local.analyse_partition
    pids = tmp_path / "pids.txt"
    monkeypatch.setenv("DATELINE_TEST_PIDS", str(pids))
    monkeypatch.setattr(local, "analyse_partition", _partition_in_worker)
    inputs = [str(EXAMPLE / "articles")]
    one = pipeline.build(inputs, tmp_path / "one.sqlite", EXAMPLE / "manifest.csv",
                         settings=Settings().with_overrides(["analyse.n_process=1"]))
    assert {int(line.split()[0]) for line in pids.read_text().split()[::2]} == {os.getpid()}
    pids.unlink()
    two = pipeline.build(inputs, tmp_path / "two.sqlite", EXAMPLE / "manifest.csv",
                         settings=Settings().with_overrides(["analyse.n_process=2", "analyse.parse_chunk=3"]))
    ran = [tuple(map(int, line.split())) for line in pids.read_text().splitlines()]
    assert len({pid for pid, _ in ran}) == 2 and os.getpid() not in {pid for pid, _ in ran}
    assert sum(n for _, n in ran) == 7 and len(ran) >= 4  # small partitions: both workers finish together
    assert two.added == one.added  # committed in input order, whichever worker finished first
    assert two.story.model_dump(exclude={"generated_at"}) == one.story.model_dump(exclude={"generated_at"})


def test_a_build_outside_the_main_thread_spawns_its_workers_and_builds_the_same_story(tmp_path):
    """A web server builds in a worker thread: forking there is unsafe, so its parse workers are spawned
    (and load the model themselves); the story is the same."""
    import threading

    from dateline.pipeline import build

    inputs, manifest = [str(EXAMPLE / "articles")], EXAMPLE / "manifest.csv"
    one = build(inputs, tmp_path / "one.sqlite", manifest, settings=Settings().with_overrides(["analyse.n_process=1"]))
    found = {}
    worker = threading.Thread(target=lambda: found.setdefault("report", build(
        inputs, tmp_path / "two.sqlite", manifest, settings=Settings().with_overrides(["analyse.n_process=2"]))))
    worker.start()
    worker.join(600)
    assert not worker.is_alive() and "report" in found
    two = found["report"]
    assert two.added == one.added
    assert two.story.model_dump(exclude={"generated_at"}) == one.story.model_dump(exclude={"generated_at"})


def test_parse_processes_follow_the_setting_and_the_work():
    from dateline.engine.local import parse_processes

    auto = Settings()
    assert auto.analyse.n_process == 0
    assert parse_processes(auto, auto.analyse.articles_per_worker - 1) == 1  # a few articles: no worker is worth its start
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    assert parse_processes(auto, 10_000) == cores
    assert parse_processes(Settings().with_overrides(["analyse.n_process=3"]), 2) == 2  # never more than the work
    assert parse_processes(Settings().with_overrides(["analyse.n_process=3"]), 50) == 3


def test_a_rebuild_reanalyses_nothing(tmp_path, monkeypatch):
    import dateline.pipeline as pipeline

    db = tmp_path / "s.sqlite"
    pipeline.build([str(INCREMENTAL / "a")], db)
    parsed = []
    import dateline.engine.local as local

    real = local.parse_texts
    monkeypatch.setattr(local, "parse_texts", lambda texts, settings: real(parsed.extend(texts) or parsed[:], settings))
    again = pipeline.build([str(INCREMENTAL / "a")], db)
    assert parsed == [] and again.added == [] and again.updated == [] and len(again.unchanged) == 2


def test_a_changed_analysis_setting_analyses_again_and_says_why(tmp_path):
    a, out = str(INCREMENTAL / "a"), tmp_path / "out"
    assert run_cli("build", a, "--out", str(out)).returncode == 0
    changed = run_cli("build", a, "--out", str(out), "--set", "attribution.direct_share=0.8")
    assert changed.returncode == 0, changed.stderr
    assert "2 updated" in changed.stdout
    assert "fjord-ferry.txt (analysed again: the analysis code, model or settings changed" in changed.stdout
    same = run_cli("build", a, "--out", str(out), "--set", "attribution.direct_share=0.8")
    assert "0 updated" in same.stdout and "2 already stored" in same.stdout


def test_an_undated_article_is_dated_again_when_the_corpus_span_moves(tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Ferry crews in Bergen ended their strike on Monday after talks with the operator.\n")
    january, june = tmp_path / "january.txt", tmp_path / "june.txt"
    january.write_text("The Bergen ferry operator and its crews opened talks on pay in Bergen.\n")
    june.write_text("The Bergen ferry operator raised fares on its fjord routes for the summer.\n")
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"file,published\n{january},2025-01-10\n{june},2025-06-01\n")
    out = tmp_path / "out"
    assert run_cli("build", str(undated), str(january), "--manifest", str(manifest), "--out", str(out)).returncode == 0
    grown = run_cli("build", str(undated), str(january), str(june), "--manifest", str(manifest), "--out", str(out))
    assert grown.returncode == 0, grown.stderr
    assert "undated.txt (analysed again" in grown.stdout and "january.txt (already stored" in grown.stdout
    article = next(x for x in json.loads((out / "story.json").read_text())["articles"] if x["path"].endswith("undated.txt"))
    assert any("run from 2025-01-10 to 2025-06-01" in e for e in article["published"]["evidence"])


def test_an_article_whose_analysis_fails_is_skipped_and_the_rest_stored(tmp_path, monkeypatch):
    import dateline.engine.local as local
    import dateline.pipeline as pipeline

    real = local.analyse_text

    def flaky(text, *args, **kwargs):
        if "Reykjavik round" in text or "second round of talks" in text:
            raise ValueError("simulated analyser bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(local, "analyse_text", flaky)
    report = pipeline.build([str(EXAMPLE / "articles" / "feeds")], tmp_path / "s.sqlite")
    assert len(report.added) == 1
    assert [s.reason for s in report.skipped] == ["analysis failed (ValueError: simulated analyser bug); please report this"]
    assert report.skipped[0].path.endswith("reykjavik-review.jsonl#line=2")
    assert report.story.skipped == report.skipped


def test_an_article_longer_than_the_limit_is_skipped_with_its_size(tmp_path):
    from dateline.pipeline import build

    settings = Settings().with_overrides(["ingest.max_text_chars=300"])
    report = build([str(EXAMPLE / "articles" / "feeds")], tmp_path / "s.sqlite", settings=settings)
    assert report.added == [] and report.story.articles == []
    too_long = [s for s in report.skipped if s.reason.startswith("too long to analyse")]
    assert len(too_long) == 2 and "the limit is 300" in too_long[0].reason


def test_skips_of_earlier_builds_stay_in_the_story_until_their_input_is_fixed(tmp_path):
    from dateline.pipeline import build

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text((INCREMENTAL / "a" / "fjord-ferry.txt").read_text())
    (inputs / "empty.txt").write_text("")
    db = tmp_path / "s.sqlite"
    first = build([str(inputs)], db)
    assert [s.path for s in first.story.skipped] == [str(inputs / "empty.txt")]
    second = build([str(INCREMENTAL / "b")], db)
    assert second.skipped == [] and second.story.skipped == first.story.skipped
    (inputs / "empty.txt").write_text((INCREMENTAL / "b" / "reykjavik-talks.txt").read_text().replace("Friday", "Monday"))
    third = build([str(inputs / "empty.txt")], db)
    assert third.story.skipped == [] and len(third.added) == 1
    assert SkippedInput  # the model the story lists them with


def test_a_postgres_store_builds_the_same_story_as_sqlite(tmp_path, postgres, example_build):
    reference, _ = example_build
    url = postgres()
    out = tmp_path / "out"
    result = run_cli("build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"), "--out", str(out),
                     "--db", url)
    assert result.returncode == 0, result.stderr
    assert story_bytes(out) == story_bytes(reference)
    events = json.loads(run_cli("events", "--db", url, "--json").stdout)
    assert events and all(e["title"] for e in events)


def test_a_build_parses_a_wire_opening_apart_from_the_lead(tmp_path):
    """The build's parse runs the pipeline's own components: the opening's place is no actor and no one's subject."""
    story = tmp_path / "wire.txt"
    story.write_text("HAMMERFEST, Norway (NTB) - Fishermen blocked the harbour in Tromsø on Tuesday to protest the new "
                     "quotas.\n\nThe ministry said it would meet them on Friday.\n")
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"file,published\n{story},2025-03-06\n")
    out = tmp_path / "out"
    result = run_cli("build", str(story), "--manifest", str(manifest), "--out", str(out))
    assert result.returncode == 0, result.stderr
    built = json.loads((out / "story.json").read_text())
    assert not {a["name"] for a in built["actors"]} & {"HAMMERFEST", "Norway", "NTB"}
    blocked = next(e for e in built["events"] if e["date"]["value"] == "2025-03-04")
    assert blocked["title"].startswith("Fishermen block") and blocked["citations"][0]["text"].startswith("HAMMERFEST, Norway (NTB) - ")
    assert built["articles"][0]["agency"] == "NTB"
