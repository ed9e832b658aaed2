"""The Store contract, run against every backend through the protocol (no SQL on a connection):
SQLite always, PostgreSQL when a server can be started (Debian's `postgresql` on loopback), else
skipped with the reason. Models round-trip through the rows; the story is assembled from them."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import date

import pytest

from dateline.errors import StoreError
from dateline.models import (Actor, Article, ArticleAnalysis, ArticleGroup, BriefingLine, CitedSentence, EntityMention, Event,
                             EventMention, PublicationDate, Quote, QuoteMention, RemovedLine, Sentence, SkippedInput,
                             SourceCoverage, Story, TimeExpression, TimelineEntry, TimeValue)
from dateline.store import (SCHEMA_VERSION, AnalysedArticle, DocumentRecord, Store, StoreBusy, StoreProtocol,
                            open_store)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_url(request, tmp_path):
    """A function returning the URL of a new, empty store of the backend under test."""
    if request.param == "sqlite":
        counter = iter(range(100))
        return lambda: f"sqlite:///{tmp_path}/store-{next(counter)}.sqlite"
    return request.getfixturevalue("postgres")


@pytest.fixture
def store(new_url):
    with open_store(new_url()) as s:
        yield s


def document(n: int, text: str | None = None, **meta) -> DocumentRecord:
    text = text or f"Talks in Bergen, part {n}.\nThe ministers met on Monday.\nFollow us for more."
    return DocumentRecord(id=f"doc{n:02d}", path=f"/in/article-{n}.txt", source_text=text, url=meta.get("url"),
                          title=meta.get("title"), outlet=meta.get("outlet", "Herald"),
                          published_meta=meta.get("published"), published_from="metadata" if meta.get("published") else None,
                          line_hashes=[n, 1000, -(2 ** 63) + n])


def analysed(doc_id: str, day: date) -> AnalysedArticle:
    published = PublicationDate(date=day.isoformat(), precision="day", earliest=day, latest=day, source="metadata",
                                evidence=["manifest"])
    sentences = [Sentence(index=0, text="Kari Lundgren met Sigurdur Bjarnason in Bergen.", start=0, end=47),
                 Sentence(index=1, text="\"We agreed,\" she said.", start=48, end=70)]
    entities = [EntityMention(text="Kari Lundgren", label="PERSON", sentence=0, start=0, end=13),
                EntityMention(text="Bergen", label="GPE", sentence=0, start=40, end=46)]
    expressions = [TimeExpression(text="Monday", sentence=0, start=20, end=26, kind="date", direction="past",
                                  resolved=TimeValue(value=day.isoformat(), precision="day", earliest=day, latest=day))]
    analysis = ArticleAnalysis(
        published=published, sentences=sentences, entities=entities, time_expressions=expressions,
        quotes=[QuoteMention(text="We agreed", sentence=1, speaker_text="she", speaker_is_person=True)],
        events=[EventMention(sentence=0, kind="meeting", date=TimeValue(value=day.isoformat(), precision="day"),
                             date_evidence="Monday", actors=[("Kari Lundgren", "PERSON")], places=["Bergen"])],
        roles={"Kari Lundgren": ["minister"]},
    )
    article = Article(id=doc_id, path=f"/in/article-{int(doc_id[3:])}.txt", title=f"Title {doc_id}", outlet="Herald", agency="NTB",
                      published=published, text="Kari Lundgren met Sigurdur Bjarnason in Bergen. \"We agreed,\" she said.",
                      removed_lines=[RemovedLine(line=3, text="Follow us for more.", reason="subscription or site notice")],
                      sentences=sentences, entities=entities, time_expressions=expressions)
    return AnalysedArticle(article, analysis, clean_key="c1", analysis_key="a1")


def story_over(articles: list[Article]) -> Story:
    day = TimeValue(value="2025-03-03", precision="day", earliest=date(2025, 3, 3), latest=date(2025, 3, 3))
    cited = CitedSentence(text=articles[0].sentences[0].text, article=articles[0].id, sentence=0)
    for a in articles:
        a.entities[0].actor = "kari-lundgren"
    articles[1].duplicate_of, articles[0].event_group = articles[0].id, "grp-1"
    return Story(
        generated_at="2026-01-01T00:00:00+00:00", articles=articles,
        actors=[Actor(id="kari-lundgren", name="Kari Lundgren", type="PERSON", aliases=["Lundgren"], roles=["minister"],
                      mentions=3, articles=[a.id for a in articles])],
        quotes=[Quote(speaker="kari-lundgren", speaker_text="she", text="We agreed", article=articles[0].id, sentence=1)],
        events=[Event(id="ev-1", kind="meeting", date=day, title="Meeting: Lundgren in Bergen", summary=cited.text,
                      actors=["kari-lundgren"], places=["Bergen"], articles=[articles[0].id], citations=[cited],
                      date_evidence="Monday")],
        timeline=[TimelineEntry(date=day, event="ev-1", sentences=[cited])],
        briefing=[BriefingLine(**cited.model_dump())],
        sources=[SourceCoverage(name="Herald", kind="outlet", articles=[a.id for a in articles], events=["ev-1"],
                                actors=["kari-lundgren"], place_names=["Bergen"])],
        groups=[ArticleGroup(id="grp-1", kind="same-event", articles=[articles[0].id], event="ev-1")],
        skipped=[SkippedInput(path="/in/bad.txt", reason="binary file")],
    )


# -- the contract ------------------------------------------------------------------------------------


def test_every_backend_implements_the_protocol(store):
    assert isinstance(store, StoreProtocol)
    assert store.version() == SCHEMA_VERSION
    assert store.article_ids() == set() and store.load_story() is None and list(store.iter_articles()) == []


def test_documents_are_added_corrected_and_kept_with_their_evidence(store):
    assert store.put_documents([document(1), document(2)]) == {"doc01": "added", "doc02": "added"}
    assert store.put_documents([document(1)]) == {"doc01": "unchanged"}
    assert store.put_documents([document(2, published="2025-03-04")]) == {"doc02": "updated"}
    states = store.document_states()
    assert {s.status for s in states.values()} == {"pending"}
    assert store.line_evidence() == {"doc01": sorted([1, 1000, -(2 ** 63) + 1]), "doc02": sorted([2, 1000, -(2 ** 63) + 2])}
    (back,) = store.iter_documents(["doc02"])
    assert (back.published_meta, back.source_text, back.outlet) == ("2025-03-04", document(2).source_text, "Herald")


def test_analysed_articles_round_trip_through_the_rows(store):
    store.put_documents([document(1), document(2), document(3)])
    first, second = analysed("doc01", date(2025, 3, 4)), analysed("doc02", date(2025, 3, 2))
    store.save_analysed([first, second], [("doc03", "c9", "no article text left after removing site chrome")])
    assert store.article_ids() == {"doc01", "doc02"}
    stored = list(store.iter_articles())
    assert [s.article.id for s in stored] == ["doc02", "doc01"]  # earliest first
    assert stored[1].article == first.article and stored[1].analysis == first.analysis
    assert stored[1].raw == document(1).source_text
    assert store.get_article("doc01") == first.article and store.get_article("doc03") is None
    assert [(i, s.reason) for i, s in store.document_notes()] == [("doc03", "no article text left after removing site chrome")]
    assert store.document_states()["doc03"].status == "skipped"


def test_story_is_assembled_from_its_rows(store):
    store.put_documents([document(1), document(2)])
    items = [analysed("doc01", date(2025, 3, 2)), analysed("doc02", date(2025, 3, 4))]
    store.save_analysed(items, [])
    story = story_over([i.article for i in items])
    store.save_story(story)
    assert store.load_story() == story
    assert store.actors() == story.actors and store.events() == story.events and store.timeline() == story.timeline
    assert store.quotes() == story.quotes and store.sources() == story.sources
    assert store.events()[0].title == "Meeting: Lundgren in Bergen"
    assert store.get_article("doc01").entities[0].actor == "kari-lundgren"


def test_a_failed_story_write_leaves_the_previous_story(store):
    store.put_documents([document(1), document(2)])
    items = [analysed("doc01", date(2025, 3, 2)), analysed("doc02", date(2025, 3, 4))]
    store.save_analysed(items, [])
    story = story_over([i.article for i in items])
    store.save_story(story)
    broken = story.model_copy(update={"actors": story.actors * 2})  # the same actor twice: a primary key clash
    with pytest.raises(Exception):
        store.save_story(broken)
    assert store.load_story() == story


def test_input_skips_are_replaced_when_their_input_is_read_again(store):
    store.record_input_skips(["/in/a.warc.gz", "/in/b.txt"], [SkippedInput(path="/in/a.warc.gz#record=2", reason="cut short"),
                                                              SkippedInput(path="/in/b.txt", reason="binary file")])
    store.record_input_skips(["/in/a.warc.gz"], [])  # read again, fine now
    assert store.input_skips() == [SkippedInput(path="/in/b.txt", reason="binary file")]


def test_one_writer_at_a_time(new_url):
    url = new_url()
    with open_store(url) as first, open_store(url) as second:
        with first.writer(timeout=0):
            with pytest.raises(StoreBusy, match="another build"):
                with second.writer(timeout=0):
                    pass
            messages = []
            with pytest.raises(StoreBusy, match="waiting 0.5 s"):
                with second.writer(timeout=0.5, on_wait=messages.append):
                    pass
            assert len(messages) == 1 and "waiting up to 0.5 s" in messages[0]
        with second.writer(timeout=0):  # released: the next build goes ahead
            pass


def test_a_waiting_writer_goes_ahead_when_the_first_finishes(new_url):
    url = new_url()
    with open_store(url) as first, open_store(url) as second:
        release = threading.Event()
        held = threading.Event()

        def hold():
            with first.writer(timeout=0):
                held.set()
                release.wait(5)

        thread = threading.Thread(target=hold)
        thread.start()
        held.wait(5)
        threading.Timer(0.5, release.set).start()
        with second.writer(timeout=10):
            pass
        thread.join()


def _fresh_file_being_opened_by_another(path):
    """What a second process opening the same fresh file at this moment holds: its write lock, mid-way
    (the test's setup, not the code under test)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_two_opening_a_fresh_store_at_once_both_get_it(tmp_path):
    path = tmp_path / "fresh.sqlite"
    other = _fresh_file_being_opened_by_another(path)
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    with Store(path) as store:  # SQLite answered "locked" at once here, without waiting
        assert store.article_ids() == set()
    other.close()


def test_a_store_kept_locked_is_one_clear_error_after_the_wait(tmp_path):
    path = tmp_path / "fresh.sqlite"
    other = _fresh_file_being_opened_by_another(path)
    with pytest.raises(StoreError, match=r"fresh.sqlite: cannot open the store \(database is locked\)"):
        Store(path, busy_timeout_ms=300)
    other.execute("ROLLBACK")
    other.close()
    with Store(path) as store:
        assert store.article_ids() == set()


# -- choosing a backend --------------------------------------------------------------------------------


def test_open_store_picks_the_backend_by_url(tmp_path):
    with open_store(tmp_path / "a.sqlite") as a, open_store(f"sqlite:///{tmp_path}/b.sqlite") as b:
        assert type(a) is type(b) is Store
    assert (tmp_path / "b.sqlite").exists()
    with pytest.raises(StoreError, match="unknown store scheme 'mysql'"):
        open_store("mysql://localhost/x")


def test_an_unreachable_postgres_is_one_clear_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


def test_importing_the_store_does_not_import_spacy(tmp_path):
    """The store, settings and models are plain data, and the web app only reads them: they import
    with spaCy unimportable."""
    code = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "spacy" or name.startswith("spacy.") or name == "thinc":
            raise ImportError("spaCy is blocked in this test")
sys.meta_path.insert(0, Block())
import dateline.store, dateline.settings, dateline.models, dateline.web.app
with dateline.store.open_store({str(tmp_path / 's.sqlite')!r}) as store:
    store.load_story()
assert "spacy" not in sys.modules
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# -- SQLite files ----------------------------------------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database")
    with pytest.raises(StoreError, match="not a SQLite file"):
        Store(path)
    assert path.read_text() == "my notes, not a database"


def test_store_from_a_newer_dateline_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)  # what a newer Dateline would have left: the test's setup, not the code under test
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this Dateline"):
        Store(path)


def test_a_schema_1_store_is_migrated_and_its_articles_analysed_again(tmp_path):
    from dateline.store.migrations import MIGRATIONS, statements

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)  # a store as Dateline 0.1 wrote it
    for statement in statements(MIGRATIONS[0], "sqlite"):
        conn.execute(statement)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (1)")
    published = PublicationDate(date="2025-03-04", precision="day", source="metadata").model_dump_json()
    conn.execute("INSERT INTO articles VALUES ('old1', '/in/old.txt', NULL, 'Old', 'Herald', NULL, ?, '2025-03-04', "
                 "'utf-8', 'Old raw text.\nSecond line.', 'Old raw text.', '[]', '{}', NULL, NULL, '2025-01-01')", (published,))
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.version() == SCHEMA_VERSION
        state = store.document_states()["old1"]
        assert state.status == "pending" and store.line_evidence()["old1"]
        (doc,) = store.iter_documents(["old1"])
        assert (doc.published_meta, doc.source_text) == ("2025-03-04", "Old raw text.\nSecond line.")
