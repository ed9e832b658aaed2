"""Actors a reader recognises: towns are never persons, noise is dropped and counted, roles carry
no fragments, types have plain names, and roles are listed in a repeatable order."""
from __future__ import annotations

import pytest

from dateline.analyse import analyse_text
from dateline.analyse.gazetteer import is_place_name
from dateline.analyse.nlp import load_nlp
from dateline.analyse.roles import person_roles
from dateline.group.actors import is_noise, merge_actors

TOWNS = ["Misrata", "Benghazi", "Ajdabiya", "Zawiya", "Tobruk", "Sirte", "Tripoli", "Bergen", "Tromsø", "Akureyri"]


@pytest.mark.parametrize("town", TOWNS)
def test_a_town_the_tagger_calls_a_person_is_a_place(town):
    index = merge_actors([("a1", town, "PERSON"), ("a2", town, "PERSON"), ("a1", "Muammar Gaddafi", "PERSON")])
    actor = index.get(index.lookup("a1", town))
    assert actor.type != "PERSON" and actor.label == "place"


def test_a_place_known_only_from_the_corpus_is_a_place():
    # not in the gazetteer, but tagged a place elsewhere in the corpus
    assert not is_place_name("Qasr Harbour Flats")
    index = merge_actors([("a1", "Qasr", "PERSON"), ("a2", "Qasr", "GPE"), ("a3", "Qasr", "PERSON")])
    assert index.get(index.lookup("a1", "Qasr")).label == "place"


def test_a_person_named_in_full_stays_a_person_even_if_a_town_shares_the_surname():
    index = merge_actors([("a1", "Jesse Jackson", "PERSON"), ("a1", "Jackson", "PERSON"), ("a2", "Jackson", "PERSON")])
    actor = index.get(index.lookup("a2", "Jackson"))
    assert actor.type == "PERSON" and actor.label == "person" and actor.name == "Jesse Jackson"


def test_noise_is_dropped_and_counted():
    assert is_noise("-LRB- CNN") and is_noise("``") and is_noise("''") and is_noise("the rebels") and is_noise("Benghazi and")
    assert not is_noise("al-Qaeda") and not is_noise("U.N.") and not is_noise("Misrata")
    index = merge_actors([("a1", "-LRB- CNN", "ORG"), ("a1", "``", "PERSON"), ("a1", "NATO", "ORG")])
    assert [a.name for a in index.actors] == ["NATO"] and index.dropped_noise == 2


def test_plain_labels():
    index = merge_actors([("a1", "NATO", "ORG"), ("a1", "Libyan", "NORP"), ("a1", "Libya", "GPE"), ("a1", "Ali Zeidan", "PERSON")])
    assert {a.name: a.label for a in index.actors} == {
        "NATO": "organisation", "Libyan": "group", "Libya": "place", "Ali Zeidan": "person"}


def test_roles_have_no_sentence_openers_and_carry_dates():
    doc = load_nlp()("But President Barack Obama said on Monday that NATO would act.")
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert person_roles(person) == ["President"]
    index = merge_actors([("a1", "Barack Obama", "PERSON"), ("a2", "Barack Obama", "PERSON")],
                         {"a1": {"Barack Obama": ["President"]}, "a2": {"Barack Obama": ["President", "Commander"]}},
                         {"a1": "2011-03-01", "a2": "2011-03-20"})
    obama = index.actors[0]
    assert obama.roles == ["President", "Commander"]
    president = next(r for r in obama.role_dates if r.role == "President")
    assert (president.first, president.last) == ("2011-03-01", "2011-03-20")


def test_roles_are_listed_in_a_repeatable_order():
    roles = {"a1": {"Kari Lundgren": ["Minister", "Envoy"]}, "a2": {"Kari Lundgren": ["Envoy", "Minister"]}}
    first = merge_actors([("a1", "Kari Lundgren", "PERSON"), ("a2", "Kari Lundgren", "PERSON")], roles).actors[0].roles
    again = merge_actors([("a2", "Kari Lundgren", "PERSON"), ("a1", "Kari Lundgren", "PERSON")], roles).actors[0].roles
    assert first == again == ["Envoy", "Minister"]


def test_word_order_and_number_variants_are_one_actor():
    index = merge_actors([("a1", "National Transitional Council", "ORG"), ("a2", "Transitional National Council", "ORG"),
                          ("a1", "Libyan", "NORP"), ("a2", "Libyans", "NORP")])
    assert len(index.actors) == 2
    assert index.lookup("a2", "Transitional National Council") == index.lookup("a1", "National Transitional Council")
    assert index.lookup("a2", "Libyans") == index.lookup("a1", "Libyan")


def test_a_place_two_outlets_transliterate_differently_is_one_place_but_two_known_places_stay_apart():
    index = merge_actors([("a1", "Shikotara", "LOC"), ("a1", "Shikotara", "LOC"), ("a2", "Shikotar", "GPE"),
                          ("a1", "Suzhou", "GPE"), ("a2", "Suizhou", "GPE"), ("a1", "Niger", "GPE"), ("a2", "Nigeria", "GPE")])
    assert index.lookup("a2", "Shikotar") == index.lookup("a1", "Shikotara")
    assert index.get(index.lookup("a1", "Shikotara")).aliases == ["Shikotar"]
    assert index.lookup("a1", "Suzhou") != index.lookup("a2", "Suizhou")
    assert index.lookup("a1", "Niger") != index.lookup("a2", "Nigeria")
    # two spellings the gazetteer gives one city (its name and an alternate) are that one city
    index = merge_actors([("a1", "Ajdabiyah", "GPE"), ("a1", "Ajdabiyah", "GPE"), ("a2", "Ajdabiya", "GPE")])
    assert index.lookup("a2", "Ajdabiya") == index.lookup("a1", "Ajdabiyah")


def test_a_sentence_fragment_seen_once_is_noise_but_a_name_seen_once_is_kept():
    index = merge_actors([("a1", "Benghazi protesters", "ORG"), ("a1", "Abdel Fattah Younes", "PERSON")])
    assert [a.name for a in index.actors] == ["Abdel Fattah Younes"] and index.dropped_noise == 1


def test_titles_spellings_and_short_forms_of_one_person_are_one_actor():
    index = merge_actors([("a1", "Muammar Gaddafi", "PERSON"), ("a1", "Colonel Gaddafi", "PERSON"),
                          ("a2", "Moammar Gadhafi", "PERSON"), ("a2", "Gadhafi", "PERSON"),
                          ("a3", "Abdel Hafiz Ghoga", "PERSON"), ("a4", "Hafiz Ghoga", "PERSON"),
                          ("a4", "Spokeswoman Eri Kaneko", "PERSON"), ("a5", "Eri Kaneko", "PERSON")])
    people = {a.name: a for a in index.actors}
    assert set(people) == {"Muammar Gaddafi", "Abdel Hafiz Ghoga", "Eri Kaneko"}, sorted(people)
    assert people["Muammar Gaddafi"].mentions == 4 and "Colonel Gaddafi" in people["Muammar Gaddafi"].aliases
    assert index.lookup("a4", "Hafiz Ghoga") == people["Abdel Hafiz Ghoga"].id


def test_two_people_sharing_a_surname_stay_apart():
    index = merge_actors([("a1", "Saif al-Islam Gaddafi", "PERSON"), ("a2", "Muammar Gaddafi", "PERSON")])
    assert len(index.actors) == 2


def test_names_met_once_in_passing_are_listed_apart_not_dropped():
    from dateline.group.actors import split_passing

    index = merge_actors([("a1", "Kofi Annan", "PERSON"), ("a1", "Alain Juppe", "PERSON"), ("a2", "Seoul", "GPE"),
                          ("a1", "NATO", "ORG"), ("a2", "NATO", "ORG"), ("a3", "Jon Olsen", "PERSON")],
                         roles={"a3": {"Jon Olsen": ["Fisheries Minister"]}})
    juppe = index.lookup("a1", "Alain Juppe")
    actors, passing = split_passing(index.actors, involved={juppe})
    assert sorted(a.name for a in passing) == ["Kofi Annan", "Seoul"]  # once, no role, quote or event
    assert sorted(a.name for a in actors) == ["Alain Juppe", "Jon Olsen", "NATO"]  # a speaker, a role, twice named


def _entities(text: str) -> dict[str, str]:
    from dateline.analyse.article import tidy_entities

    doc = load_nlp()(text)
    tidy_entities(doc)
    return {e.text: e.label_ for e in doc.ents}


def test_a_capitalised_adjective_opening_a_sentence_is_no_name():
    found = _entities("Coastal communities in northern Norway have urged the government to hold firm.")
    assert "Coastal" not in found and found.get("Norway") == "GPE"


def test_a_lone_person_word_that_begins_a_place_named_in_the_text_is_that_place():
    text = ("The dispute touches the waters around Svalbard, which Icelandic officials call the Svalbard Box. "
            "Boats were turned away from the Svalbard Box last summer.")
    assert _entities(text).get("Svalbard") in (None, "LOC", "GPE")


def _tidied(text: str, marked: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """The text's entities set by hand (word, label, which occurrence), then tidied: the rule, apart from the tagger."""
    from spacy.tokens import Span

    from dateline.analyse.article import tidy_entities

    doc = load_nlp()(text)
    spans = []
    for words, label, nth in marked:
        n = len(words.split())
        starts = [t.i for t in doc if doc[t.i:t.i + n].text == words]
        spans.append(Span(doc, starts[nth], starts[nth] + n, label=label))
    doc.ents = spans
    tidy_entities(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_a_surname_a_place_shares_stays_a_person_when_the_person_is_named_in_full():
    text = "Maria Hollis opened the Hollis Bridge. Hollis said it cost less than planned."
    marked = [("Maria Hollis", "PERSON", 0), ("Hollis Bridge", "FAC", 0), ("Hollis", "PERSON", 2)]
    assert _tidied(text, marked)[-1] == ("Hollis", "PERSON")
    # with no one of that name in the text, the lone word is the place
    alone = "Ferries sail around Hollis. The Hollis Bridge is closed."
    assert _tidied(alone, [("Hollis", "PERSON", 0), ("Hollis Bridge", "FAC", 0)])[0] == ("Hollis", "LOC")


def test_a_clocks_time_zone_is_no_name():
    text = "The strikes began at 9:22 p.m. ET, the Pentagon said, and ended before 0600 GMT."
    tidied = _tidied(text, [("ET", "ORG", 0), ("Pentagon", "ORG", 0), ("GMT", "ORG", 0)])
    assert tidied == [("Pentagon", "ORG")]


def test_a_verb_or_adverb_before_a_name_is_not_part_of_it():
    text = "Suppose Kari Lundgren had signed the deal. Meanwhile Pavel Ivanov said nothing."
    tidied = dict(_tidied(text, [("Suppose Kari Lundgren", "PERSON", 0), ("Meanwhile Pavel Ivanov", "PERSON", 0)]))
    assert tidied == {"Kari Lundgren": "PERSON", "Pavel Ivanov": "PERSON"}


def test_a_bare_surname_is_the_person_its_article_spelled_it_for_not_a_near_spelling():
    """"Sayeh said" after "Khaled al-Sayeh" is he, not the "Reza Sayah" the same article credits at its end and other
    articles name more often; the Arabic article written onto a surname is not part of it."""
    index = merge_actors([("a1", "Khaled al-Sayeh", "PERSON"), ("a1", "Sayeh", "PERSON"), ("a1", "Reza Sayah", "PERSON"),
                          ("a2", "Reza Sayah", "PERSON"), ("a3", "Reza Sayah", "PERSON"), ("a4", "Khaled el-Sayeh", "PERSON")])
    assert index.lookup("a1", "Sayeh") == index.lookup("a1", "Khaled al-Sayeh") == index.lookup("a4", "Khaled el-Sayeh")
    assert index.lookup("a1", "Reza Sayah") != index.lookup("a1", "Sayeh")


def test_actor_ids_write_out_letters_that_do_not_decompose():
    """An id is read in URLs: "Sigurður Bjarnason" is person:sigurdur-bjarnason, as an Icelander would write it in
    ASCII, not "sigurur"; accented letters lose only their accent."""
    index = merge_actors([("a", "Sigurður Bjarnason", "PERSON"), ("a", "Łukasz Nørgaard", "PERSON"), ("a", "José Müller", "PERSON")])
    assert {a.id for a in index.actors} == {"person:sigurdur-bjarnason", "person:lukasz-norgaard", "person:jose-muller"}


@pytest.mark.parametrize("text,person,role", [
    ("U.S. Secretary of State Hillary Clinton said on Tuesday that talks would go on.", "Hillary Clinton", "Secretary of State"),
    ("Minister for Foreign Affairs Anna Berg met her counterpart in Oslo.", "Anna Berg", "Minister for Foreign Affairs"),
    ("U.S. Defense Secretary Robert Gates said on Monday that the plan could work.", "Robert Gates", "Defense Secretary"),
])
def test_a_title_naming_its_portfolio_is_a_role_and_the_portfolio_no_actor(text, person, role):
    """"Secretary of State Hillary Clinton": her role, and "State" is part of it, not an organisation in the story."""
    result = analyse_text(text, None)
    assert result.roles.get(person) == [role]
    assert not any(e.label == "ORG" for e in result.entities), result.entities


def test_a_generation_after_the_surname_does_not_hide_it():
    """"Adm. Samuel Locklear III" is the "Locklear" the rest of the article quotes, and "Cal Ripken, Jr." the "Ripken"."""
    index = merge_actors([("a", "Samuel Locklear III", "PERSON"), ("a", "Locklear", "PERSON"), ("a", "Locklear", "PERSON"),
                          ("a", "Cal Ripken, Jr.", "PERSON"), ("a", "Ripken", "PERSON")])
    assert len({index.lookup("a", n) for n in ("Samuel Locklear III", "Locklear")}) == 1
    assert len({index.lookup("a", n) for n in ("Cal Ripken, Jr.", "Ripken")}) == 1
    assert len(index.actors) == 2


def test_abbreviated_ranks_before_a_name_are_roles():
    """"Adm. Samuel Locklear" is an admiral, "Vice Adm. Bill Gortney" a vice admiral, "Sen. John McCain" a senator;
    "Chairman Adm. Mike Mullen" holds an office and a rank, two roles; "Maj." split by the tokenizer is still a rank."""
    nlp = load_nlp()
    roles = {}
    for text in ("Adm. Samuel Locklear said the mission went well.", "Vice Adm. Bill Gortney said the strikes worked.",
                 "Sen. John McCain said the United States should act.",
                 "Joint Chiefs of Staff Chairman Adm. Mike Mullen said the zone was in place.",
                 "On Sunday, Maj. Gen. John Lorimer said the ships were in place."):
        doc = nlp(text)
        person = next(e for e in doc.ents if e.label_ == "PERSON")
        roles[person.text] = person_roles(person)
    assert roles == {"Samuel Locklear": ["Admiral"], "Bill Gortney": ["Vice Admiral"], "John McCain": ["Senator"],
                     "Mike Mullen": ["Joint Chiefs of Staff Chairman", "Admiral"], "John Lorimer": ["Major General"]}


def test_a_rank_alone_is_no_one():
    """"said military spokeswoman Cmdr. Monica Rousselow": the tagger's "Cmdr" is a rank, not a person of the story."""
    result = analyse_text("The United States fired 20 missiles, said military spokeswoman Cmdr. Monica Rousselow.", None)
    assert "Cmdr" not in {e.text for e in result.entities}


def test_a_name_keeps_no_quotation_mark_or_full_stop_the_tagger_took_in():
    from dateline.analyse.grammar import clean_entity_text
    assert [clean_entity_text(t) for t in ("“Operation Odyssey Dawn", "Zuwara.", "U.S.", "Hillary & Co.", "the Icelandic Coast Guard’s")] \
        == ["Operation Odyssey Dawn", "Zuwara", "U.S.", "Hillary & Co.", "Icelandic Coast Guard"]


def test_a_surname_that_spells_a_rank_is_still_a_person():
    """Only a rank written with its stop ("Cmdr.") is dropped alone: "Sen said" is Amartya Sen."""
    from dateline.analyse.article import tidy_entities
    doc = load_nlp()("Economist Amartya Sen spoke in Oslo on Monday. Sen said the quota talks were fair.")
    assert "Sen" in {e.text for e in doc.ents if e.label_ == "PERSON"}  # as the tagger reads it
    tidy_entities(doc)
    assert "Sen" in {e.text for e in doc.ents if e.label_ == "PERSON"}


def test_one_title_written_two_ways_and_a_title_another_qualifies_are_listed_once():
    """A reader's list of a person's titles: "Secretary of Defense" and "Defense Secretary" are one, "Spokesman" is the
    "Military Spokesman" written short; a "Deputy Foreign Minister" is no foreign minister, and both stay."""
    roles = {"a1": {"Petra Holm": ["Secretary of Defense", "Spokesman"]},
             "a2": {"Petra Holm": ["Defense Secretary", "Military Spokesman"], "Ola Berg": ["Deputy Foreign Minister"]},
             "a3": {"Petra Holm": ["Defense Secretary"], "Ola Berg": ["Foreign Minister"]}}
    people = [(a, name, "PERSON") for a in ("a1", "a2", "a3") for name in roles[a]]
    index = merge_actors(people, roles, {"a1": "2025-03-01", "a2": "2025-03-05", "a3": "2025-03-09"})
    holm, berg = (index.get(index.lookup("a2", n)) for n in ("Petra Holm", "Ola Berg"))
    assert holm.roles == ["Defense Secretary", "Military Spokesman"]
    secretary = next(r for r in holm.role_dates if r.role == "Defense Secretary")
    assert (secretary.first, secretary.last) == ("2025-03-01", "2025-03-09")
    assert sorted(berg.roles) == ["Deputy Foreign Minister", "Foreign Minister"]


@pytest.mark.parametrize("text,person,role", [
    # an organisation before the title is not cut in half where a word of it is a nationality elsewhere
    ("Arab states met. Arab League Secretary-General Amr Moussa said the strikes went too far.", "Amr Moussa",
     "Secretary-General"),
    # a tokenized corpus's spaced hyphen is the title's own; an organisation named whole stays in it
    ("Nordic Council Secretary - General Kari Lundgren said the talks went well.", "Kari Lundgren",
     "Nordic Council Secretary-General"),
    # an appositive title keeps the portfolio it names after it
    ("Piers also talked to Paul Wolfowitz, former U.S. Deputy Secretary of Defense, about the war.", "Paul Wolfowitz",
     "Former Deputy Secretary of Defense"),
])
def test_titles_are_read_whole(text, person, role):
    doc = load_nlp()(text)
    found = next(e for e in doc.ents if e.label_ == "PERSON" and e.text == person)
    assert role in person_roles(found), person_roles(found)


def test_a_town_the_tagger_took_for_a_person_speaks_for_no_one_in_the_story():
    """The analysis of one sentence may take "Misrata" for the person who spoke ("Misrata said ..."); the corpus knows a
    town, and the story's quote keeps the words as written with no speaker to credit."""
    from datetime import date as day

    from dateline.models import Article, ArticleAnalysis, EntityMention, PublicationDate, QuoteMention, Sentence
    from dateline.summarise.story import assemble_story

    text = "Misrata said the shelling went on. Fighting went on in Misrata."
    published = PublicationDate(date="2011-03-20", precision="day", earliest=day(2011, 3, 20), latest=day(2011, 3, 20),
                                source="metadata")
    sentences = [Sentence(index=0, text="Misrata said the shelling went on.", start=0, end=34),
                 Sentence(index=1, text="Fighting went on in Misrata.", start=35, end=63)]
    entities = [EntityMention(text="Misrata", label="PERSON", sentence=0, start=0, end=7),
                EntityMention(text="Misrata", label="GPE", sentence=1, start=55, end=62)]
    article = Article(id="a1", path="a1.txt", text=text, published=published, sentences=sentences, entities=entities)
    quote = QuoteMention(text="the shelling went on", sentence=0, speaker_text="Misrata", speaker_is_person=True,
                         cue="said", direct=False, start=13, end=33)
    analysis = ArticleAnalysis(published=published, sentences=sentences, entities=entities, quotes=[quote])
    story = assemble_story([(article, analysis)])
    assert [a.type for a in story.actors + story.mentioned_once if a.name == "Misrata"] == ["GPE"]
    assert [(q.speaker, q.speaker_text, q.speakers) for q in story.quotes] == [(None, "Misrata", [])]
