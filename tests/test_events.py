"""Event kinds with participants and places from the sentence's syntax, plain titles, and the
outlet comparison (events, quotes, names each outlet uses) on a fixture corpus of two outlets."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import FIXTURES, run_cli
from dateline.analyse import analyse_text
from dateline.group.actors import merge_actors
from dateline.group.events import event_title
from dateline.models import Article, PublicationDate

PUBLISHED = PublicationDate(date="2025-03-07", precision="day", earliest=date(2025, 3, 7), latest=date(2025, 3, 7),
                            source="metadata")
CASES = [
    ("Anti-aircraft fire rang out across Oslo for a third night on Monday.", "other", set(), ["Oslo"]),
    ("Foreign Minister Anna Berg met her counterpart Pavel Ivanov in Vienna on Thursday.",
     "meeting", {"Anna Berg", "Pavel Ivanov"}, ["Vienna"]),
    ("Prime Minister Ellen Storm will visit Reykjavik on Monday.", "visit", {"Ellen Storm"}, ["Reykjavik"]),
    ("Norway and Iceland signed a fisheries agreement in Oslo on Wednesday.", "agreement", {"Norway", "Iceland"}, ["Oslo"]),
    ("Russian border guards detained five Japanese fishing boats off Hokkaido on Monday.", "detention",
     {"Russian", "Japanese"}, ["Hokkaido"]),
    ("Russian authorities seized a Japanese trawler in Nemuro on Tuesday.", "seizure", {"Russian", "Japanese"}, ["Nemuro"]),
    ("The ministry announced on Tuesday that quotas would be cut.", "announcement", set(), []),
    ("Kari Lundgren said in Bergen on Thursday that the talks had failed.", "statement", {"Kari Lundgren"}, ["Bergen"]),
]


@pytest.mark.parametrize("text,kind,actors,places", CASES)
def test_event_kinds_with_participants_and_places_from_syntax(text, kind, actors, places):
    events = analyse_text(text, PUBLISHED).events
    if not actors and not places:
        assert all(e.kind == kind for e in events)
        return
    assert len(events) == 1, events
    event = events[0]
    assert event.kind == kind
    assert actors <= {name for name, _ in event.actors}
    assert event.places == places


def test_detention_reported_as_a_noun_names_who_detained_whom():
    text = ("The talks were overshadowed by the detention of two Japanese fishing boats by Russian "
            "border guards earlier in the week.")
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.kind == "detention")
    assert event.agent == "Russian border guards" and event.theme == "two Japanese fishing boats"
    assert {"Russian", "Japanese"} <= {name for name, _ in event.actors}


def test_titles_in_plain_words():
    index = merge_actors([("a", "Anna Berg", "PERSON"), ("a", "Pavel Ivanov", "PERSON"), ("a", "Ellen Storm", "PERSON")])
    ids = [index.lookup("a", n) for n in ("Anna Berg", "Pavel Ivanov")]
    assert event_title("meeting", ids, ["Vienna"], index) == "Anna Berg and Pavel Ivanov meet in Vienna"
    assert event_title("visit", [index.lookup("a", "Ellen Storm")], ["Reykjavik"], index) == "Ellen Storm visits Reykjavik"
    assert event_title("detention", [], ["Tromsø"], index, "Norwegian coast guards", "two Icelandic trawlers") == \
        "Norwegian coast guards detain two Icelandic trawlers in Tromsø"


def test_an_event_of_no_known_kind_is_titled_by_who_did_what():
    index = merge_actors([("a", "Bergen", "GPE")])
    assert event_title("other", [], ["Bergen"], index, "Exporters", "news", "welcome") == "Exporters welcome news in Bergen"
    assert event_title("other", [], ["Oslo"], index, "The harbour master", "the keys", "hand over") == \
        "The harbour master hands over the keys in Oslo"
    assert event_title("other", [], ["Bergen"], index, "Boats from Bergen", None, "try") == "Boats from Bergen try"
    assert event_title("other", [], [], index, "The ferry", None, "reach") == "The ferry reaches"
    assert event_title("other", [], [], index, "Norway and Iceland", "a deal", "seal") == "Norway and Iceland seal a deal"
    # what was brought comes before where to, as the text has it
    assert event_title("other", [], ["Bergen"], index, "A winter storm", "snow", "bring to Bergen") == \
        "A winter storm brings snow to Bergen"
    assert event_title("other", [], ["Bergen"], index, "The ferry", None, "return to Bergen") == "The ferry returns to Bergen"
    # no subject of the verb: names the clause holds elsewhere did not do it
    assert event_title("other", [], ["Bergen"], index, None, "news", "welcome") == "Event in Bergen"
    # from the text: the verb, its subject and object are what the title tells
    text = "Exporters in Bergen welcomed news on Monday that the fisheries agreement will be signed in Oslo in June."
    monday = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert (monday.action, monday.agent, monday.theme) == ("welcome", "Exporters", "news")
    # a reporting verb's clause is what happened: the agency reported it
    text = "The ministry's spokeswoman raised questions about the quota, the Harbour Agency reported on Monday."
    reported = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert (reported.action, reported.agent) == ("raise", "ministry's spokeswoman")
    # "he" is the person last named, and where he goes is part of what he does
    text = "Fisheries Minister Lars Holm met boat owners in Tromsø on Thursday. He returns to Bergen on Saturday."
    saturday = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-08")
    assert (saturday.action, saturday.agent) == ("return to Bergen", "Lars Holm")
    index = merge_actors([("a", "Lars Holm", "PERSON"), ("a", "Bergen", "GPE")])
    assert event_title("other", [index.lookup("a", "Lars Holm")], saturday.places, index, saturday.agent, saturday.theme,
                       saturday.action) == "Lars Holm returns to Bergen"


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory):
    out = tmp_path_factory.mktemp("outlets")
    folder = FIXTURES / "outlets"
    result = run_cli("build", str(folder), "--manifest", str(folder / "manifest.csv"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads((out / "story.json").read_text()), (out / "report.md").read_text()


def test_outlets_compared_events_quotes_and_names(two_outlets):
    story, report = two_outlets
    sources = {s["name"]: s for s in story["sources"]}
    assert set(sources) == {"Nordic Wire", "Island Post"}
    actors = {a["id"]: a for a in story["actors"]}
    # the Bergen meeting is one event that both outlets cover, first reported on the day they published
    meeting = next(e for e in story["events"] if e["kind"] == "meeting" and "Bergen" in e["places"])
    assert len(meeting["articles"]) == 2
    for source in sources.values():
        assert source["first_reported"][meeting["id"]] == "2025-03-04"
    # whom each quoted
    quoted = {name: {actors[a]["name"] for a in s["quoted"]} for name, s in sources.items()}
    assert "Kari Lundgren" in quoted["Nordic Wire"] and "Sigurður Bjarnason" in quoted["Island Post"] | quoted["Nordic Wire"]
    # the names each side uses for the same waters, learnt from the text, and who uses which
    naming = next(n for n in story["naming"] if n["kind"] == "naming")
    uses = {u["name"]: u for u in naming["names"]}
    assert uses["Svalbard Zone"]["sources"] == ["Nordic Wire"]
    assert uses["Northern Banks"]["sources"] == ["Island Post", "Nordic Wire"]
    assert uses["Svalbard Zone"]["said_to_be_used_by"] == ["Oslo"]
    # one minister, two spellings, one per outlet
    spelling = next(n for n in story["naming"] if n["kind"] == "spelling")
    assert {u["name"]: u["sources"] for u in spelling["names"]} == {
        "Sigurdur Bjarnason": ["Island Post"], "Sigurður Bjarnason": ["Nordic Wire"]}
    assert "Who calls it what" in report and "Svalbard Zone" in report


def test_story_lists_are_repeatable(two_outlets, tmp_path):
    story, _ = two_outlets
    folder = FIXTURES / "outlets"
    result = run_cli("build", str(folder), "--manifest", str(folder / "manifest.csv"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    again = json.loads((tmp_path / "story.json").read_text())
    for key in ("actors", "quotes", "events", "sources", "naming"):
        assert again[key] == story[key], key


def test_titles_agree_in_number_and_name_the_theme_when_no_agent():
    index = merge_actors([])
    assert event_title("seizure", [], [], index, "Russian border authorities", None) == "Russian border authorities seize"
    assert event_title("detention", [], [], index, None, "two trawlers") == "Two trawlers detained"
    # a name ending in -s is still one: "the Faroe Islands gets", "Thomas Mathews urges", but "Faroese trawlers get"
    named = merge_actors([("a", "Faroe Islands", "GPE"), ("a", "Thomas Mathews", "PERSON")])
    islands, mathews = named.lookup("a", "Faroe Islands"), named.lookup("a", "Thomas Mathews")
    assert event_title("other", [islands], [], named, "Faroe Islands", "two crew members", "get") == \
        "Faroe Islands gets two crew members"
    assert event_title("other", [islands], [], named, "the Faroe Islands", "a quota", "win") == "The Faroe Islands wins a quota"
    assert event_title("other", [mathews], [], named, "Thomas Mathews", "a ceasefire", "urge") == "Thomas Mathews urges a ceasefire"
    assert event_title("other", [islands], [], named, "Faroese trawlers", "two nets", "get") == "Faroese trawlers get two nets"


def test_seizure_in_a_relative_clause_names_what_was_seized():
    text = ("The minister called for the swift release of five Japanese trawlers that were seized by the Russian "
            "border authorities near the islands on Tuesday.")
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.kind == "seizure")
    assert event.agent == "Russian border authorities" and event.theme == "five Japanese trawlers"


def test_boats_one_outlet_says_were_seized_and_another_detained_are_one_event():
    from dateline.group.events import cluster_events

    seized = analyse_text("Russian border guards seized five Japanese fishing boats off Hokkaido on Tuesday.", PUBLISHED)
    detained = analyse_text("Russian border guards detained five Japanese fishing boats off Hokkaido on Tuesday.", PUBLISHED)
    index = merge_actors([(aid, e.text, e.label) for aid, an in (("a1", seized), ("a2", detained)) for e in an.entities])
    mentions = [(aid, m, "") for aid, an in (("a1", seized), ("a2", detained)) for m in an.events
                if m.kind in ("seizure", "detention")]
    assert len(mentions) == 2
    events = cluster_events(mentions, index)
    assert len(events) == 1 and events[0].articles == ["a1", "a2"]


def _mention(sentence: int, kind: str, names: list[str], agent=None):
    from dateline.models import EventMention, TimeValue

    day = TimeValue(value="2025-03-06", precision="day", earliest=date(2025, 3, 6), latest=date(2025, 3, 6))
    return EventMention(sentence=sentence, kind=kind, date=day, date_evidence="“Thursday”",
                        actors=[(n, "PERSON") for n in names], places=[], agent=agent)


def test_a_statement_joins_a_meeting_only_when_everyone_it_names_takes_part():
    from dateline.group.events import cluster_events

    names = ["Anna Berg", "Pavel Ivanov", "Ellen Storm"]
    index = merge_actors([("a", n, "PERSON") for n in names] + [("b", n, "PERSON") for n in names])
    meeting = ("a", _mention(1, "meeting", ["Anna Berg", "Pavel Ivanov"]), "Berg met Ivanov on Thursday.")
    # a third person's statement that day naming the two: another happening, not their meeting
    aside = ("b", _mention(4, "statement", ["Ellen Storm", "Anna Berg", "Pavel Ivanov"], agent="Ellen Storm"),
             "Ahead of Berg's talks with Ivanov, Storm said Thursday that ...")
    # one of the two speaking of the talks: part of the meeting
    inside_ = ("b", _mention(2, "statement", ["Anna Berg", "Pavel Ivanov"], agent="Anna Berg"), "Berg said Thursday the talks with Ivanov went well.")
    events = cluster_events([meeting, aside, inside_], index)
    by_citation = {(c.article, c.sentence): e.kind for e in events for c in e.citations}
    assert by_citation == {("a", 1): "meeting", ("b", 2): "meeting", ("b", 4): "statement"}
    assert len(events) == 2


def test_an_event_the_sentence_dates_apart_is_not_the_one_its_main_verb_is_dated_by():
    """'news on Monday that the agreement will be signed in June': Monday dates the welcoming, not the agreement."""
    text = ("Exporters in Bergen welcomed news on Monday that the fisheries agreement between Norway and Iceland "
            "will be signed in Oslo in June.")
    events = analyse_text(text, PUBLISHED).events
    monday = [e for e in events if e.date.value == "2025-03-03"]
    assert monday and all(e.kind != "agreement" for e in monday)
    # with no date of its own, the agreement the news is about is what the day dates
    plain = analyse_text("Norway and Iceland welcomed on Monday the fisheries agreement between them.", PUBLISHED).events
    assert [e.kind for e in plain] == ["agreement"]


def test_a_speaker_the_parser_attached_elsewhere_is_the_one_who_made_the_statement():
    """spaCy reads "Lars Holm" as a third man in the talks ("with Ivanov and Petrov, ... Lars Holm"), leaving "said"
    without a subject: the name just before the verb, over its relative clause, is the speaker."""
    text = ("Ahead of Berg’s talks with Ivanov and Petrov, Norwegian Deputy Fisheries Minister Lars Holm, who is in "
            "charge of quota negotiations with Iceland, said Friday that for the talks to move forward Iceland needs "
            "to accept a lower share.")
    analysis = analyse_text(text, PUBLISHED)
    statement = next(e for e in analysis.events if e.kind == "statement")
    assert statement.agent == "Lars Holm"  # by name: the actor table keeps his title
    index = merge_actors([("a", name, label) for name, label in statement.actors])
    title = event_title("statement", [index.lookup("a", name) for name, _ in statement.actors], [], index, statement.agent)
    assert title == "Lars Holm makes a statement"
    assert [q.speaker_text for q in analysis.quotes] == ["Lars Holm"]


def test_a_verb_that_is_not_finite_borrows_no_subject_from_the_name_before_it():
    from dateline.analyse.grammar import misattached_subject
    from dateline.analyse.nlp import load_nlp

    doc = load_nlp()("They want to deploy missiles in Norway following the expiration of an accord.")
    following = next(t for t in doc if t.text == "following")
    assert misattached_subject(following) is None


def test_an_event_no_verb_and_subject_tell_is_titled_in_the_text_own_words():
    """The noun a date is part of ("Norway’s 2019 walkout") or a participle after its noun ("the fishing ban adopted
    Tuesday") titles the event, not the names around it; a possessor is no place ("in response to Iceland’s ...")."""
    text = ("Iceland has kept its quota high since the talks broke down, which happened following Norway’s 2019 walkout "
            "in Bergen.")
    walkout = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2019")
    assert walkout.kind == "other" and walkout.phrase == "Norway’s walkout"
    text = ("The ministers confirmed the importance of the fishing ban adopted Tuesday in response to Iceland’s "
            "largest catch in a decade, an official said.")
    ban = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-04")
    assert ban.phrase == "fishing ban adopted" and "Iceland" not in ban.places
    index = merge_actors([("a", name, label) for name, label in ban.actors])
    ids = [index.lookup("a", name) for name, _ in ban.actors]
    assert event_title("other", ids, ban.places, index, ban.agent, ban.theme, ban.action, ban.phrase) == "Fishing ban adopted"
    # what the event is of, when a name says it: "the 2019 blockade of Bergen" is no bare "Blockade"
    text = "The boats have fished closer to shore ever since the 2019 blockade of Bergen by the coast guard."
    blockade = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2019")
    assert blockade.phrase == "blockade of Bergen"
    # a speaker with no name of its own still titles the statement
    assert event_title("statement", [], [], index, "Icelandic fisheries ministry") == \
        "Icelandic fisheries ministry makes a statement"


def test_what_a_relative_clause_leaves_unsaid_is_the_noun_it_describes():
    """'the five-point plan Holm proposed to Lundgren in May': Holm proposed the plan (its hyphen kept); 'the day Holm
    arrived' tells when, not what he arrived."""
    text = "Talks go on under the five-point plan Holm proposed to Lundgren in May, officials said."
    may = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2024-05")
    assert (may.agent, may.action, may.theme) == ("Holm", "propose", "five-point plan")
    text = "Boat owners protested again on the day Holm arrived in Tromsø in May."
    may = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2024-05")
    assert (may.agent, may.action, may.theme) == ("Holm", "arrive", None)


def test_a_date_that_is_part_of_a_noun_dates_that_noun_not_the_verb():
    """'seized after Iceland’s 1976 victory': 1976 is the victory's year, not the seizure's; 'Sunday's vote': the
    day names no one who voted."""
    text = "The island was seized after Iceland’s 1976 victory in the cod war."
    victory = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "1976")
    assert (victory.kind, victory.phrase, victory.action) == ("other", "Iceland’s victory", None)
    text = "Many voters stayed home during Sunday's vote in Tromsø."
    vote = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-02")
    assert (vote.phrase, vote.agent, vote.places) == ("vote", None, ["Tromsø"])
    text = "Monday's meeting between Anna Berg and Pavel Ivanov in Vienna ended early."
    meeting = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert meeting.kind == "meeting" and {"Anna Berg", "Pavel Ivanov"} <= {n for n, _ in meeting.actors}


def test_the_two_leaders_are_the_pair_last_named_together():
    text = ("Ministers agreed on Saturday to keep talking until the summit between Prime Minister Ellen Storm and "
            "President Pavel Ivanov. The two leaders will meet on March 15 in Reykjavik.")
    meeting = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-15")
    assert meeting.kind == "meeting" and {"Ellen Storm", "Pavel Ivanov"} <= {n for n, _ in meeting.actors}
    index = merge_actors([("a", name, label) for name, label in meeting.actors] + [("a", "Reykjavik", "GPE")])
    ids = [index.lookup("a", name) for name, _ in meeting.actors]
    assert event_title("meeting", ids, meeting.places, index, meeting.agent) == "Ellen Storm and Pavel Ivanov meet in Reykjavik"
    # "the two boats" are no pair of people
    text = "Ellen Storm and Pavel Ivanov spoke on Friday. The two boats will sail on March 15 from Reykjavik."
    sail = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-15")
    assert "Ellen Storm" not in {n for n, _ in sail.actors}


def test_what_someone_wants_or_calls_for_is_an_aim_not_an_event():
    text = "Ola Berg wants an agreement with Iceland before March 20."
    assert [(e.kind, e.agent, e.action) for e in analyse_text(text, PUBLISHED).events] == [("other", "Ola Berg", "want")]
    # an agreement to be signed is one
    text = "Ola Berg and Iceland's minister will sign an agreement on March 20."
    assert [e.kind for e in analyse_text(text, PUBLISHED).events] == ["agreement"]


def test_an_agreement_only_come_near_is_no_agreement_and_its_title_says_how_near():
    """"moved close to an agreement on Thursday": they did not agree; the title says what they did."""
    text = "Norway and Iceland moved close to a quota agreement on Thursday after a second round of talks in Bergen."
    assert [(e.kind, e.agent, e.action) for e in analyse_text(text, PUBLISHED).events] == [
        ("other", "Norway and Iceland", "move close to agreement")]
    text = "Negotiators for Norway and Iceland neared an agreement on Thursday."
    assert [e.kind for e in analyse_text(text, PUBLISHED).events] == ["other"]
    text = "Norway and Iceland reached an agreement on Thursday after a second round of talks in Bergen."
    assert [e.kind for e in analyse_text(text, PUBLISHED).events] == ["agreement"]


def test_the_two_are_the_only_two_people_just_named():
    text = ("Minister Ola Berg had a long discussion with his counterpart, Pavel Ivanov. Berg called it useful. "
            "The two agreed to meet again in Oslo on March 20.")
    meeting = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-20")
    assert meeting.agent == "Ola Berg and Pavel Ivanov"
    # three people just named: "the two" could be any two of them
    text = "Ola Berg met Pavel Ivanov in Bergen. Anna Storm joined them later. The two agreed to meet again in Oslo on March 20."
    meeting = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-20")
    assert not any(name in (meeting.agent or "") for name in ("Berg", "Ivanov", "Storm"))


def _title(event) -> str:
    index = merge_actors([("a", name, label) for name, label in event.actors] + [("a", p, "GPE") for p in event.places])
    ids = [index.lookup("a", name) for name, _ in event.actors]
    return event_title(event.kind, ids, event.places, index, event.agent, event.theme, event.action, event.phrase,
                       event.said)


def test_who_readies_a_meeting_is_not_who_meets():
    """The date is the summit's, and the summit is the leaders': the ministers smoothing its way do not meet on it."""
    text = ("Berg and Fisheries Minister Pavel Ivanov sought to smooth the way for a summit of their leaders on March 20 "
            "in Oslo.")
    summit = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-20")
    assert summit.kind == "meeting" and not {n for n, _ in summit.actors} & {"Berg", "Pavel Ivanov"}
    assert _title(summit) == "Summit in Oslo"  # the text's own word, when no one is named
    # who speaks during a summit took part in it
    text = "During a London summit in February, Ola Berg and Pavel Ivanov agreed to raise the quota."
    summit = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-02")
    assert {"Ola Berg", "Pavel Ivanov"} <= {n for n, _ in summit.actors}


def test_a_protest_is_titled_by_what_its_agent_did():
    """Summoning an ambassador is no protest of the ambassador's: the title says who summoned whom, by name."""
    text = ("Norwegian Deputy Fisheries Minister Lars Holm summoned Icelandic Ambassador Jon Sigurdsson on Wednesday and "
            "protested at remarks by Icelandic officials.")
    protest = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-05")
    assert protest.kind == "protest"
    assert _title(protest) == "Lars Holm summons Jon Sigurdsson"
    text = "Lars Holm protested on Wednesday at remarks by Icelandic officials."
    assert _title(next(e for e in analyse_text(text, PUBLISHED).events)) == "Lars Holm protests"


def test_a_meeting_with_one_person_named_is_titled_by_its_two_sides():
    """"Iceland and Norway moved close ... after talks" with only "Lundgren said after the meeting" naming a person:
    one minister is no meeting; the two countries are its sides."""
    index = merge_actors([("a", "Kari Lundgren", "PERSON"), ("a", "Iceland", "GPE"), ("a", "Norway", "GPE")])
    ids = [index.lookup("a", name) for name in ("Kari Lundgren", "Iceland", "Norway")]
    assert event_title("meeting", ids, [], index) == "Iceland and Norway meet"
    # two persons are the sides; one person without two countries still holds talks
    index = merge_actors([("a", "Kari Lundgren", "PERSON"), ("a", "Ola Berg", "PERSON"), ("a", "Iceland", "GPE"),
                          ("a", "Norway", "GPE")])
    assert event_title("meeting", [index.lookup("a", n) for n in ("Kari Lundgren", "Ola Berg", "Iceland", "Norway")],
                       [], index) == "Kari Lundgren and Ola Berg meet"
    index = merge_actors([("a", "Kari Lundgren", "PERSON"), ("a", "Iceland", "GPE")])
    assert event_title("meeting", [index.lookup("a", n) for n in ("Kari Lundgren", "Iceland")], [], index) == \
        "Kari Lundgren holds talks"


def test_where_the_talks_of_a_dated_clause_were_held_is_where_it_took_place():
    text = "Iceland and Norway moved close to a mackerel deal on Thursday after a second round of talks in Reykjavik."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-06")
    assert event.places == ["Reykjavik"]
    # talks ahead are held elsewhere, later
    text = "Ola Berg spoke to reporters on Thursday ahead of talks in Reykjavik."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-06")
    assert "Reykjavik" not in event.places


def test_a_meeting_known_to_the_month_joins_the_one_meeting_inside_it_not_news_in_the_same_city():
    """"will meet next month in Reykjavik" is the talks in Reykjavik on April 10, not exporters welcoming news in
    Reykjavik on April 14."""
    from dateline.group.events import cluster_events
    from dateline.models import EventMention, TimeValue

    def on(value, precision, lo, hi, kind, actors, places):
        when = TimeValue(value=value, precision=precision, earliest=lo, latest=hi)
        return EventMention(sentence=0, kind=kind, date=when, date_evidence="-", actors=actors, places=places)

    countries = [("Iceland", "GPE"), ("Norway", "GPE")]
    index = merge_actors([(a, n, label) for a in "abc" for n, label in countries])
    month = ("a", on("2025-04", "month", date(2025, 4, 1), date(2025, 4, 30), "meeting", [], ["Reykjavik"]), "")
    talks = ("b", on("2025-04-10", "day", date(2025, 4, 10), date(2025, 4, 10), "meeting", countries, ["Reykjavik"]), "")
    news = ("c", on("2025-04-14", "day", date(2025, 4, 14), date(2025, 4, 14), "other", [], ["Bergen", "Reykjavik"]), "")
    events = cluster_events([month, talks, news], index)
    assert sorted(e.articles for e in events) == [["a", "b"], ["c"]]


def test_a_subject_of_two_people_is_both_of_them():
    text = "Prime Minister Ellen Storm and President Pavel Ivanov entrusted the ministers with the new task on Monday."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert event.agent == "Ellen Storm and Pavel Ivanov"
    assert _title(event).startswith("Ellen Storm and Pavel Ivanov entrust ")


def test_what_a_press_conference_speaks_of_is_not_where_it_was_held():
    text = ("Two papers took up a press conference yesterday by President Pavel Ivanov in which he mentioned the "
            "possibility of boats fishing in the Svalbard Box.")
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-06")
    assert "Svalbard Box" not in event.places
    # its own place is
    text = "Pavel Ivanov gave a press conference in Tromsø on Thursday about quotas in the Svalbard Box."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-06")
    assert "Svalbard Box" not in event.places


def test_according_to_is_no_accord():
    text = "Ola Berg's boats fished in the Svalbard Box on Wednesday, according to witnesses."
    assert all(e.kind != "agreement" for e in analyse_text(text, PUBLISHED).events)


def test_what_someone_appears_to_have_done_is_the_event():
    text = "Rebels appeared Monday to have slowed the advance of government forces in Bergen."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert _title(event).startswith("Rebels slow advance")


def test_a_clause_of_its_own_does_not_give_the_event_its_kind_and_a_title_keeps_its_spaces():
    """The call is the League's, not the distributing; "British, French and Lebanese envoys" keep every nationality
    joined to the first, with their commas and spaces."""
    text = ("British, French and Lebanese envoys distributed the draft on Tuesday after the Nordic Council called on "
            "the ministers to act.")
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-04")
    assert event.kind != "statement"
    assert _title(event) == "British, French and Lebanese envoys distribute draft"


def test_a_statement_that_says_what_was_urged_or_called_for_is_titled_by_it():
    text = "The Icelandic government late on Monday called for a cease-fire in the Svalbard Box."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-03")
    assert _title(event) == "Icelandic government calls for cease-fire in Svalbard Box"  # "late on Monday": when, not who
    text = "Norway, Iceland and the Faroes on Wednesday urged the Nordic Council to act."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.date.value == "2025-03-05")
    assert _title(event).endswith("urge Nordic Council")


def test_a_date_beside_a_participant_is_not_part_of_its_name():
    text = "Russia's fisheries minister yesterday called for a cease-fire in the Svalbard Box."
    event = next(e for e in analyse_text(text, PUBLISHED).events)
    assert "yesterday" not in (event.agent or "") and event.agent


def test_a_date_telling_which_time_of_a_place_is_meant_dates_no_event():
    text = ("That was Norway's coast after the great storm exactly 30 years ago, not today's Norway, "
            "where the fleet is larger.")
    events = analyse_text(text, PUBLISHED).events
    assert all(e.date.value != "2025-03-07" for e in events), events
    assert all(e.date.value.startswith("1995") for e in events)


def test_talks_at_a_level_are_held_by_officials_of_that_level_not_by_who_agreed_to_them():
    text = ("Anna Berg met Pavel Ivanov in Vienna on Thursday. "
            "The two agreed to start expert-level talks in mid-April to plan joint patrols off Svalbard.")
    events = analyse_text(text, PUBLISHED).events
    talks = next(e for e in events if e.date.value == "2025-04")
    assert talks.actors == [] and talks.phrase == "expert-level talks"
    assert event_title(talks.kind, [], talks.places, merge_actors([]), talks.agent, talks.theme, talks.action,
                       talks.phrase) == "Expert-level talks"
    assert {"Anna Berg", "Pavel Ivanov"} <= {name for name, _ in events[0].actors}


def test_who_speaks_at_an_occasion_the_date_is_part_of_is_the_one_who_made_the_statement():
    text = "In a 2004 interview with the Courier of Tromso, Norway, Kari Lundgren described how she felt about her job."
    (event,) = analyse_text(text, PUBLISHED).events
    assert event.kind == "statement" and event.agent == "Kari Lundgren"
    index = merge_actors([("a1", name, label) for name, label in event.actors])
    ids = [index.lookup("a1", name) for name, _ in event.actors]
    assert event_title(event.kind, ids, event.places, index, event.agent, event.theme, event.action,
                       event.phrase) == "Kari Lundgren makes a statement"


def test_a_verb_in_e_the_lemmatizer_cut_short_keeps_its_e():
    text = "Fighting raged in the port of Misrata on Friday, the rebels said."
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.agent == "Fighting")
    assert event.action == "rage"


def test_what_a_verb_acts_on_through_a_preposition_keeps_it_in_the_title():
    text = "The storm surge rebounded from the harbour wall in Tromsø on Tuesday."
    event = next(e for e in analyse_text(text, PUBLISHED).events)
    assert event.theme == "from harbour wall"
    index = merge_actors([("a1", name, label) for name, label in event.actors])
    ids = [index.lookup("a1", name) for name, _ in event.actors]
    assert event_title(event.kind, ids, event.places, index, event.agent, event.theme, event.action,
                       event.phrase) == "Storm surge rebounds from harbour wall in Tromsø"


def test_a_short_form_beside_its_full_name_is_no_spelling_difference_between_outlets():
    from dateline.models import Article, EntityMention
    from dateline.summarise.sources import naming_differences

    def piece(aid, outlet, names):
        text = " and ".join(names) + " met."
        spans, at = [], 0
        for name in names:
            spans.append(EntityMention(text=name, label="GPE", sentence=0, start=at, end=at + len(name)))
            at += len(name) + len(" and ")
        return Article(id=aid, path=aid, text=text, outlet=outlet, entities=spans)

    arts = [piece("a1", "Nordic Wire", ["United Kingdom", "Kunashir"]), piece("a2", "Island Post", ["U.K.", "Kunashiri"]),
            piece("a3", "Nordic Wire", ["U.K.", "Kunashir"])]
    index = merge_actors([(a.id, e.text, e.label) for a in arts for e in a.entities])
    for a in arts:
        for e in a.entities:
            e.actor = index.lookup(a.id, e.text)
    spellings = [{u.name: u.sources for u in n.names} for n in naming_differences(arts, index) if n.kind == "spelling"]
    assert spellings == [{"Kunashir": ["Nordic Wire"], "Kunashiri": ["Island Post"]}]


@pytest.mark.parametrize("text,title", [
    # "said" tells nothing of what was said: the reported clause does, cut to subject, verb group and what completes it
    ("Ola Berg said on Monday that the talks had failed.", "Ola Berg says talks had failed"),
    ("A Norwegian-led patrol in the Barents Sea has effectively closed the fishing grounds and turned back three "
     "trawlers, Admiral Kari Lund said Sunday.", "Kari Lund says Norwegian-led patrol has closed fishing grounds"),
    # a capital the sentence's start gave goes; a proper adjective's stays
    ("Four Icelandic reporters who were reported detained by coast guards in Norway last week have been released and "
     "have arrived safely in Tromso, Editor Ola Dahl said Monday.", "Ola Dahl says four Icelandic reporters have been released"),
    ("The Icelandic government is consulting with the Nordic Council, Ola Berg said on Tuesday.",
     "Ola Berg says Icelandic government is consulting with Nordic Council"),
    # a subject of several keeps them all
    ("Iceland and Norway will hold talks on quotas next month, the Icelandic ministry said on Monday.",
     "Icelandic ministry says Iceland and Norway will hold talks"),
    # the speaker is the one the agent phrase names, else that phrase
    ("Catches are likely to fall in the coming weeks, a Norwegian official said on Monday.",
     "Norwegian official says catches are likely to fall"),
    # where the cut would not say what was said: a quote's "I", an "it" that is no one
    ("“I think the quota is too low,” Ola Berg said on Monday.", "Ola Berg makes a statement"),
    ("It is unclear whether the talks can resume, Ola Berg said on Monday.", "Ola Berg makes a statement"),
    ("It is clear, Ola Berg said on Monday.", "Ola Berg makes a statement"),
    # nor where a clause completes the verb: cut before it, the line would say nothing
    ("Ola Berg said on Monday that rising costs mean the fleet will stay in port.", "Ola Berg makes a statement"),
])
def test_a_statement_is_titled_by_what_was_said(text, title):
    event = next(e for e in analyse_text(text, PUBLISHED).events if e.kind == "statement")
    assert _title(event) == title


def test_a_reported_clause_the_parser_left_without_a_finite_verb_titles_nothing():
    """spaCy can read "Reporters captured by guards have been released, Dahl said" with "captured" as the clause
    said reports and "released" as its conjunct: "reporters captured" would say the opposite of the news."""
    from spacy.tokens import Doc

    from dateline.analyse.events import _what_was_said
    from dateline.analyse.nlp import load_nlp

    words = ["Reporters", "captured", "by", "guards", "have", "been", "released", ",", "Dahl", "said", "."]
    tags = ["NNS", "VBN", "IN", "NNS", "VBP", "VBN", "VBN", ",", "NNP", "VBD", "."]
    pos = ["NOUN", "VERB", "ADP", "NOUN", "AUX", "AUX", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ["reporter", "capture", "by", "guard", "have", "be", "release", ",", "Dahl", "say", "."]

    def parse(heads, deps):
        return Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)

    misparse = parse([1, 9, 1, 2, 6, 6, 1, 9, 9, 9, 9],
                     ["nsubjpass", "ccomp", "agent", "pobj", "aux", "auxpass", "conj", "punct", "nsubj", "ROOT", "punct"])
    assert _what_was_said(misparse[9], 7) is None
    right = parse([6, 0, 1, 2, 6, 6, 9, 9, 9, 9, 9],
                  ["nsubjpass", "acl", "agent", "pobj", "aux", "auxpass", "ccomp", "punct", "nsubj", "ROOT", "punct"])
    assert _what_was_said(right[9], 7) == "reporters have been released"


def test_an_event_is_titled_as_its_summary_tells_it_not_as_a_list_of_the_days_names():
    """Most of the day's mentions of Ellen Storm are of no known kind; the one that tells the event best is her
    meeting: the title says she met Lars Holm, with the names that mention holds, not "Ellen Storm, Pavel Ivanov and
    Lars Holm in Oslo"."""
    from dateline.group.events import cluster_events

    names = ["Ellen Storm", "Pavel Ivanov", "Lars Holm"]
    index = merge_actors([("a", n, "PERSON") for n in names])
    mentions = [("a", _mention(1, "other", ["Ellen Storm", "Pavel Ivanov"]), "Storm accused Ivanov on Thursday."),
                ("a", _mention(2, "other", ["Ellen Storm"]), "Storm flew home on Thursday."),
                ("a", _mention(3, "meeting", ["Ellen Storm", "Lars Holm"]), "Storm met Holm on Thursday in Oslo.")]
    mentions[2][1].places = ["Oslo"]
    (event,) = cluster_events(mentions, index)
    assert event.kind == "other" and event.summary == "Storm met Holm on Thursday in Oslo."
    assert event.title == "Ellen Storm and Lars Holm meet in Oslo"


def test_an_adverb_that_makes_a_phrasal_verb_stays_with_its_verb_in_the_title():
    """spaCy calls the "back" of "got back" an adverb: "gets two crew members" would say they were got, not got back."""
    text = "The Norwegian navy on Tuesday got back two crew members whose jet malfunctioned."
    assert _title(next(e for e in analyse_text(text, PUBLISHED).events)) == "Norwegian navy gets back two crew members"
    text = "Ola Berg said on Monday that the president would step down."
    assert _title(next(e for e in analyse_text(text, PUBLISHED).events)) == "Ola Berg says president would step down"


def test_the_outlets_reporting_the_story_are_not_its_actors():
    """"Coastal Times" named in its own credits is no actor of the story it reports; a paper that is only named, or a
    name an outlet shares only in part, stays one."""
    from dateline.models import Actor
    from dateline.models import reporting_outlets, story_actors

    arts = [Article(id="a1", path="a1.txt", text="x", outlet="Coastal Times", agency="NTB"),
            Article(id="a2", path="a2.txt", text="x", outlet="North Sea Herald")]
    actors = [Actor(id="org:ct", name="Coastal Times", type="ORG", mentions=9),
              Actor(id="org:ntb", name="Norwegian News Agency", type="ORG", aliases=["ntb"], mentions=4),
              Actor(id="org:ft", name="Fishing Times", type="ORG", mentions=3),
              Actor(id="person:ola", name="Ola Berg", type="PERSON", mentions=5)]
    assert reporting_outlets(arts) == {"coastal times", "ntb", "north sea herald"}
    assert [a.id for a in story_actors(actors, reporting_outlets(arts))] == ["org:ft", "person:ola"]


def test_a_statement_is_titled_by_its_speaker_not_by_a_place_its_adjective_resembles():
    """"The Icelandic fisheries ministry said" does not name Iceland: the ministry spoke, not the countries the
    statement is about."""
    index = merge_actors([("a", "Iceland", "GPE"), ("a", "Norway", "GPE"), ("a", "Kari Lundgren", "PERSON")])
    ids = [index.lookup("a", n) for n in ("Iceland", "Norway")]
    assert event_title("statement", ids, [], index, "the Icelandic fisheries ministry") == \
        "The Icelandic fisheries ministry makes a statement"
    assert event_title("statement", ids, [], index, "Iceland's fisheries ministry") == "Iceland makes a statement"
    lundgren = [index.lookup("a", "Kari Lundgren")] + ids
    assert event_title("statement", lundgren, ["Bergen"], index, "Lundgren") == "Kari Lundgren makes a statement in Bergen"


def test_what_the_text_says_did_not_happen_is_titled_so():
    """"Rebels did not retake the town" is not a retaking, and ministers who did not meet held no meeting: the title
    says what did not happen, never the opposite."""
    titles = {}
    for text in ("Rebels did not retake the town of Bergen on Tuesday, officials said.",
                 "Foreign Minister Anna Berg did not meet her counterpart Pavel Ivanov in Vienna on Thursday.",
                 "Exporters in Bergen welcomed the news on Monday."):
        [event] = analyse_text(text, PUBLISHED).events
        index = merge_actors([("a", name, label) for name, label in event.actors])
        ids = [index.lookup("a", name) for name, _ in event.actors]
        titles[event_title(event.kind, ids, event.places, index, event.agent, event.theme, event.action, event.phrase,
                           event.said, event.negated)] = event.kind
    assert titles == {"Rebels do not retake town": "other", "Anna Berg does not meet Pavel Ivanov in Vienna": "other",
                      "Exporters welcome news in Bergen": "other"}


def test_titles_agree_with_plurals_that_do_not_end_in_s():
    index = merge_actors([("a", "Oslo", "GPE"), ("a", "Yemen", "GPE")])
    cases = {("People", "gather"): "People gather in Oslo", ("Police", "clear"): "Police clear in Oslo",
             ("Gunmen", "attack"): "Gunmen attack in Oslo", ("The virus", "spread"): "The virus spreads in Oslo",
             ("The news", "reach"): "The news reaches in Oslo", ("The United States", "send"): "The United States sends in Oslo",
             ("Member states", "agree"): "Member states agree in Oslo"}
    for (agent, action), title in cases.items():
        assert event_title("other", [], ["Oslo"], index, agent, None, action) == title
    # a name is one, however it ends
    assert event_title("other", [index.lookup("a", "Yemen")], ["Oslo"], index, "Yemen", None, "protest") == "Yemen protests in Oslo"


def test_a_date_on_a_verb_that_says_nothing_takes_the_title_of_the_main_clause():
    """"Norway sent a patrol ship toward Svalbard and its planes were over the zone again on Sunday, officials said": the
    date hangs from "were", which tells nothing a title can say; the reported main clause tells what Norway did."""
    titles = []
    for text in ("Norway sent a patrol ship toward Svalbard and its planes were over the zone again on Sunday, officials said.",
                 "Iceland's attempts to push Norway into a deal in 2019 did not change the quota, as Bjarnason predicted they would."):
        for event in analyse_text(text, PUBLISHED).events:
            index = merge_actors([("a", name, label) for name, label in event.actors])
            ids = [index.lookup("a", name) for name, _ in event.actors]
            titles.append(event_title(event.kind, ids, event.places, index, event.agent, event.theme, event.action,
                                      event.phrase, event.said, event.negated))
    assert titles == ["Norway sends patrol ship", "Iceland's attempts do not change quota"]


def test_an_event_the_clause_gives_no_words_for_is_titled_by_its_sentence_cut_to_a_headline():
    """"Event in Kelby" or a bare name tells nothing: the sentence tells it, its wire opening dropped and cut at a clause
    break (not the one that ends a fronted phrase) or after the title's words."""
    from dateline.group.events import cluster_events
    from dateline.settings import GroupSettings

    index = merge_actors([("a", "Kelby", "GPE")])
    text = ("Kelby (Wire) -- Four crew members of the same trawler were among nine sailors missing in Kelby harbour "
            "on Monday, the coast guard said.")
    (event,) = cluster_events([("a", analyse_text(text, PUBLISHED).events[0], text)], index, GroupSettings(title_words=14))
    assert event_title("other", [], ["Kelby"], index) == "Event in Kelby"  # what the clause alone gives
    assert event.title == "Four crew members of the same trawler were among nine sailors missing in Kelby\u2026"
    from dateline.group.events import _headline

    fronted = "In a letter on Monday to the Kelby harbour master, the crews asked for the quay to reopen at once, and soon."
    assert _headline(fronted, 14) == "In a letter on Monday to the Kelby harbour master, the crews asked for\u2026"
    assert _headline("The crews of the trawlers that the storm kept in port, all nine of them, asked for help.", 14) == \
        "The crews of the trawlers that the storm kept in port"
    # a title that tells what happened is kept
    told = "Exporters in Kelby welcomed news on Monday that the quay will reopen."
    (event,) = cluster_events([("a", analyse_text(told, PUBLISHED).events[0], told)], index)
    assert event.title == "Exporters welcome news in Kelby"


def test_a_statement_the_sentence_quotes_is_titled_by_its_words_as_headlines_give_them():
    """'Ola Berg: “We will not sign a deal that gives away the Svalbard Box”' says what "makes a statement" did not;
    with two quotations in the sentence, whose is which the title could not say."""
    from dateline.group.events import cluster_events
    from dateline.settings import GroupSettings

    def titled(text: str, words: int = 14) -> str:
        index = merge_actors([("a", name, "PERSON") for name, label in analyse_text(text, PUBLISHED).events[0].actors
                              if label == "PERSON"])
        (event,) = cluster_events([("a", analyse_text(text, PUBLISHED).events[0], text)], index, GroupSettings(title_words=words))
        return event.title

    quoted = "“We will not sign a deal that gives away the Svalbard Box,” Ola Berg told the Storting on Tuesday."
    assert titled(quoted) == "Ola Berg: “We will not sign a deal that gives away the Svalbard Box”"
    assert titled(quoted, words=6) == "Ola Berg: “We will not sign a deal…”"
    two = "“We will not sign,” Ola Berg told the Storting on Tuesday, calling the offer “a deal that gives away the Box”."
    assert titled(two) == "Ola Berg makes a statement"


def test_what_a_clause_only_asks_for_in_the_subjunctive_is_no_event():
    """"the suggestion that Ola Berg return his 2019 medal" and "asked that the ferry be held in Bergen on Monday": asked
    for, not done. The same verbs told as done are events."""
    for asked in ("But Moore's suggestion that Ola Berg return his 2019 fisheries medal ignores what he said.",
                  "The harbour master asked that the ferry be held in Bergen on Monday."):
        assert analyse_text(asked, PUBLISHED).events == []
    assert [(e.agent, e.action) for e in analyse_text("Ola Berg returned his 2019 fisheries medal on Monday.",
                                                      PUBLISHED).events] == [("Ola Berg", "return")]
    assert [e.action for e in analyse_text("The ferry was held in Bergen on Monday.", PUBLISHED).events] == ["hold"]


def test_a_photo_caption_closing_on_its_day_with_the_year_tells_no_event():
    """"Dockers gather at the burned warehouses in Bergen on March 6, 2025." captions a picture; the same day told in
    the text's own way, or a day with its year long before publication, is an event."""
    caption = "Dockers gather at the burned grain warehouses of the Kelby terminal in Bergen on March 6, 2025."
    assert analyse_text(caption, PUBLISHED).events == []
    told = "On March 6, 2025, dockers gathered at the burned grain warehouses in Bergen."
    assert [e.action for e in analyse_text(told, PUBLISHED).events] == ["gather"]
    history = "Dockers gathered at the burned grain warehouses of the Kelby terminal in Bergen on March 6, 2019."
    assert [e.action for e in analyse_text(history, PUBLISHED).events] == ["gather"]


def test_an_announcement_by_a_pronoun_is_not_credited_to_other_names_in_its_clause():
    """"a ceasefire that it announced on Monday, blaming rebels who it says are members of the Kelby Front": "it" is
    someone the clause does not name, not the Kelby Front."""
    text = ("The Norwegian government has denied breaking a ceasefire that it announced on Monday, blaming rebels who "
            "it says are members of the Kelby Front.")
    credited = [(e.kind, e.actors) for e in analyse_text(text, PUBLISHED).events]
    assert not any(kind == "announcement" and any("Kelby" in name for name, _ in actors) for kind, actors in credited)
    named = "The Kelby Front announced a ceasefire on Monday, blaming the government for the fighting."
    assert [(e.kind, [n for n, _ in e.actors]) for e in analyse_text(named, PUBLISHED).events] == [
        ("announcement", ["Kelby Front"])]
