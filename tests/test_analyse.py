"""Analysis with the real spaCy model: quotes and speakers, roles, actors across spellings, events."""
from __future__ import annotations

from datetime import date

from dateline.analyse import analyse_text
from dateline.group import merge_actors
from dateline.models import PublicationDate

PUBLISHED = PublicationDate(date="2024-05-03", precision="day", earliest=date(2024, 5, 3), latest=date(2024, 5, 3),
                            source="metadata")

TEXT = """Foreign Minister Anna Berg and her counterpart, Pavel Ivanov, met in Vienna on Thursday to discuss the border dispute.

“We made progress, but there is still a long way to go,” Berg said at a joint news conference.

Ivanov struck a harder tone. “Our position has not changed and it will not change,” he told reporters after the meeting.

The two ministers will meet again in Geneva next month, officials said."""


def test_quotes_speakers_and_continuations():
    analysis = analyse_text(TEXT, PUBLISHED)
    quotes = {q.text[:20]: q for q in analysis.quotes}
    assert quotes["We made progress, bu"].speaker_text == "Anna Berg" and quotes["We made progress, bu"].speaker_is_person
    assert quotes["Our position has not"].speaker_text == "Pavel Ivanov"  # "he" resolved to the sentence's subject
    assert not quotes["We made progress, bu"].partial


def test_scare_quotes_are_not_quotes():
    text = "The ministers confirmed plans for “joint economic activities” on the islands, officials said on Monday."
    analysis = analyse_text(text, PUBLISHED)
    # what the officials said is reported speech with a quoted term in it, not anyone's direct quote
    assert not any(q.direct for q in analysis.quotes)
    assert all(q.partial for q in analysis.quotes if "joint economic activities" in q.text)


def test_roles_and_time_expressions():
    analysis = analyse_text(TEXT, PUBLISHED)
    assert "Foreign Minister" in analysis.roles.get("Anna Berg", [])
    resolved = {t.text: t.resolved.value for t in analysis.time_expressions}
    assert resolved["Thursday"] == "2024-05-02"
    assert resolved["next month"] == "2024-06"


def test_a_nouns_weekday_is_the_days_value_and_the_calendars():
    # published on Friday 3 May 2024: Thursday's vote was yesterday's, in the TIMEX3 value and the calendar alike
    analysis = analyse_text("Thursday's council vote gives the fishermen a broad mandate to fish the northern banks.",
                            PUBLISHED)
    thursday = next(t for t in analysis.time_expressions if t.text == "Thursday")
    assert (thursday.value, thursday.resolved.value) == ("2024-05-02", "2024-05-02")
    # with no tense to say which side, the nearer day: Sunday's game, on a Friday, is two days on
    analysis = analyse_text("Sunday's game in Bergen brings together the two oldest clubs of the fishing towns.", PUBLISHED)
    sunday = next(t for t in analysis.time_expressions if t.text == "Sunday")
    assert (sunday.value, sunday.resolved.value) == ("2024-05-05", "2024-05-05")


def test_event_mentions_who_where_when():
    analysis = analyse_text(TEXT, PUBLISHED)
    meeting = next(e for e in analysis.events if e.date.value == "2024-05-02")
    assert meeting.kind == "meeting"
    assert {"Anna Berg", "Pavel Ivanov"} <= {name for name, _ in meeting.actors}
    assert meeting.places == ["Vienna"]
    # "after the meeting", with no date of its own, is the Thursday meeting
    after = next(e for e in analysis.events if e.sentence == 3)
    assert after.date.value == "2024-05-02" and after.refers_to == meeting.sentence


def test_actor_merging_across_spellings_and_labels():
    mentions = [
        ("a1", "Sergey Lavrov", "PERSON"), ("a1", "Lavrov", "PERSON"), ("a2", "Sergei Lavrov", "PERSON"),
        ("a3", "Lavrov", "ORG"), ("a3", "Lavrov", "PERSON"), ("a2", "Taro Kono", "PERSON"), ("a4", "Yohei Kono", "PERSON"),
        ("a4", "Kono", "PERSON"), ("a1", "U.S.", "GPE"), ("a2", "United States", "GPE"), ("a3", "US", "GPE"),
    ]
    index = merge_actors(mentions, {"a1": {"Sergey Lavrov": ["Foreign Minister"]}})
    lavrov = index.get(index.lookup("a3", "Lavrov"))
    assert lavrov.name in ("Sergey Lavrov", "Sergei Lavrov") and set(lavrov.aliases) >= {"Lavrov"}
    assert index.lookup("a2", "Sergei Lavrov") == index.lookup("a1", "Sergey Lavrov") == lavrov.id
    assert lavrov.roles == ["Foreign Minister"] and lavrov.articles == ["a1", "a2", "a3"]
    # different given names are different people; a bare surname joins the one named in its article
    assert index.lookup("a2", "Taro Kono") != index.lookup("a4", "Yohei Kono")
    assert index.lookup("a4", "Kono") == index.lookup("a4", "Yohei Kono")
    assert index.lookup("a1", "U.S.") == index.lookup("a2", "United States") == index.lookup("a3", "US")


def test_name_particles_survive_entity_tidying():
    text = "European Commission President Ursula von der Leyen met Saudi Crown Prince Mohammed bin Salman in Riyadh on Monday."
    analysis = analyse_text(text, PUBLISHED)
    names = {e.text for e in analysis.entities if e.label == "PERSON"}
    assert "Mohammed bin Salman" in names  # (the small model itself splits "Ursula von der Leyen")


def test_roles_lose_nationalities_known_anywhere_in_the_corpus():
    mentions = [("a1", "Sigurdur Bjarnason", "PERSON"), ("a2", "Sigurður Bjarnason", "PERSON"), ("a2", "Icelandic", "NORP")]
    roles = {"a1": {"Sigurdur Bjarnason": ["Icelandic Fisheries Minister"]}, "a2": {"Sigurður Bjarnason": ["Fisheries Minister"]}}
    index = merge_actors(mentions, roles)
    assert index.get(index.lookup("a1", "Sigurdur Bjarnason")).roles == ["Fisheries Minister"]


def test_tokenized_corpus_quotes():
    text = "`` We will fight to the last man , '' Gadhafi said on Monday . Obama said the regime `` must go '' ."
    quotes = analyse_text(text, PUBLISHED).quotes
    assert [(q.text, q.speaker_text, q.partial) for q in quotes] == [
        ("We will fight to the last man ,", "Gadhafi", False), ("the regime `` must go ''", "Obama", True)]


def test_transliterated_surnames_are_one_person_but_namesakes_are_not():
    mentions = [
        ("a1", "Moammar Gadhafi", "PERSON"), ("a1", "Gadhafi", "PERSON"), ("a2", "Muammar Gaddafi", "PERSON"),
        ("a3", "Muammar Qaddafi", "PERSON"), ("a3", "Qaddafi", "PERSON"), ("a4", "Saif al-Islam Gadhafi", "PERSON"),
        ("a5", "Sergei Lavrov", "PERSON"), ("a5", "Dmitry Lavrentiev", "PERSON"),
    ]
    index = merge_actors(mentions)
    muammar = index.lookup("a1", "Moammar Gadhafi")
    assert index.lookup("a2", "Muammar Gaddafi") == index.lookup("a3", "Muammar Qaddafi") == index.lookup("a3", "Qaddafi") == muammar
    assert index.lookup("a4", "Saif al-Islam Gadhafi") != muammar  # his son: another given name
    assert index.lookup("a5", "Sergei Lavrov") != index.lookup("a5", "Dmitry Lavrentiev")


def test_a_wire_opening_is_parsed_apart_from_the_sentence_it_opens():
    """Read as one with the lead, the opening's place became its subject, the speaker and an actor; it stays in the
    sentence's text, as the writer wrote it, and its day (the filing's) dates no event."""
    text = ("NORTH SEA (Wire) - Norway, Iceland and the Faroe Islands urged the commission on Monday to set a lower "
            "quota.\n\n"
            "Tromsø, Norway (Wire) -- Fishermen blocked the harbour in Hammerfest on Tuesday.\n\n"
            "BERGEN, April 30 (Wire) - Exporters signed a deal with Chinese buyers on Wednesday.")
    analysis = analyse_text(text, PUBLISHED)
    assert [s.text[:20] for s in analysis.sentences] == ["NORTH SEA (Wire) - N", "Tromsø, Norway (Wire", "BERGEN, April 30 (Wi"]
    assert analysis.sentences[0].start == 0 and analysis.sentences[2].text.endswith("on Wednesday.")
    names = {e.text for e in analysis.entities}
    assert {"Norway", "Iceland"} <= names and not names & {"NORTH SEA", "Wire", "Tromsø", "BERGEN"}
    urged = next(e for e in analysis.events if e.date.value == "2024-04-29")
    assert urged.agent == "Norway, Iceland and Faroe Islands"
    assert next(q for q in analysis.quotes if q.cue == "urged").speaker_text != "NORTH SEA"
    blocked = next(e for e in analysis.events if e.sentence == 1)
    assert (blocked.agent, blocked.places, blocked.date.value) == ("Fishermen", ["Hammerfest"], "2024-04-30")
    assert next(e for e in analysis.events if e.kind == "agreement").date.value == "2024-05-01"
    assert not any(e.date.value == "2024-04-30" and e.sentence == 2 for e in analysis.events)  # "April 30": the filing's
    assert {(t.text, t.sentence) for t in analysis.time_expressions} >= {("April 30", 2), ("Wednesday", 2)}
