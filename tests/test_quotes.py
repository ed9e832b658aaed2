"""Quote and reported-speech patterns, one sentence each, through the real spaCy model."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli
from dateline.analyse.article import tidy_entities
from dateline.analyse.nlp import load_nlp
from dateline.analyse.quotes import find_attributions, find_quotes, quoted_regions


def attributions(text: str):
    doc = load_nlp()(text)
    tidy_entities(doc)
    return doc, find_attributions(doc)


def only(text: str, contains: str):
    doc, found = attributions(text)
    hits = [a for a in found if contains in text[a.start:a.end]]
    assert len(hits) == 1, [(text[a.start:a.end], a.speaker_text) for a in found]
    return hits[0]


def content(text: str, att) -> str:
    return " ... ".join(text[s:e] for s, e in att.pieces)


def test_direct_quote_speaker_after():
    text = "“The harbour will reopen next week,” Maria Lopez said on Tuesday."
    att = only(text, "harbour")
    assert att.direct and content(text, att) == "“The harbour will reopen next week,”"
    assert att.speaker_text == "Maria Lopez" and att.cue == "said"
    assert text[att.speaker_start:att.speaker_end] == "Maria Lopez"


def test_direct_quote_speaker_before_with_colon():
    text = "Mayor Henrik Dahl told reporters: “We have done everything we could for the fishermen.”"
    att = only(text, "fishermen")
    assert att.direct and att.actor == "Henrik Dahl" and att.cue == "told"


def test_speaker_between_two_parts_of_one_quote():
    text = "“We are close,” said Anna Berg, the chief negotiator. “But nothing is signed yet.”"
    att = only(text, "We are close")
    assert len(att.pieces) == 2 and "nothing is signed" in content(text, att)
    assert att.actor == "Anna Berg" and att.direct


def test_quote_continued_in_the_next_sentence_keeps_its_speaker():
    text = "“The quota is unfair,” Jon Olsen said. “Our boats will stay in port until it changes.”"
    att = only(text, "quota is unfair")
    assert "boats will stay" in content(text, att) and att.actor == "Jon Olsen"


def test_indirect_said_that():
    text = "Prime Minister Ellen Storm said that the government would raise the fuel tax in March."
    att = only(text, "fuel tax")
    assert not att.direct and content(text, att) == "that the government would raise the fuel tax in March"
    assert att.actor == "Ellen Storm" and att.cue == "said"


def test_warned_and_thought_verbs():
    text = "The central bank warned that inflation would rise. Analysts believe the rate will fall by summer."
    _, found = attributions(text)
    by_cue = {a.cue: a for a in found}
    assert content(text, by_cue["warned"]) == "that inflation would rise"
    assert by_cue["warned"].speaker_text == "The central bank"
    assert content(text, by_cue["believe"]) == "the rate will fall by summer"
    assert by_cue["believe"].kind == "thought" and by_cue["believe"].speaker_text == "Analysts"


def test_according_to():
    text = "The ferry carried 300 passengers when it ran aground, according to the coast guard."
    att = only(text, "ferry carried")
    assert att.cue == "according to" and att.speaker_text == "the coast guard"
    assert content(text, att).startswith("The ferry carried 300 passengers")


def test_pronoun_speaker_resolved_to_the_person_named_before():
    text = ("Defence Minister Karl Weber arrived in Oslo on Monday.\n\n"
            "“This is a difficult moment for both countries,” he said.")
    att = only(text, "difficult moment")
    assert att.speaker_text == "he" and att.actor == "Karl Weber"


@pytest.mark.parametrize("text,contains,source", [
    ("Rebel fighters in Misrata said they had stalled a ground attack on the city.", "stalled", "Rebel fighters in Misrata"),
    ("A spokesman for Kari Lundgren said the boats had left the harbour.", "boats had left", "A spokesman for Kari Lundgren"),
    ("“We are scared,” a Misrata resident told Reuters by telephone.", "scared", "a Misrata resident"),
    ("Obama administration officials said the plan was firm.", "plan was firm", "Obama administration officials"),
])
def test_a_name_that_says_whose_or_where_the_source_is_is_not_the_speaker(text, contains, source):
    att = only(text, contains)
    assert att.speaker_text == source and not att.actor_is_person, (att.speaker_text, att.actor)


def test_a_he_never_stands_for_a_town_the_tagger_took_for_a_person():
    text = "Misrata was shelled again. He said the wounded were being brought in private cars."
    doc, found = attributions(text)
    assert any(e.text == "Misrata" and e.label_ == "PERSON" for e in doc.ents)  # the tagger's reading, the test's premise
    att = only(text, "wounded")
    assert att.speaker_text == "He" and att.actor is None


def test_partial_quote_inside_reported_speech():
    text = "Olsen said the new rules were “a disaster for the coast” and should be withdrawn."
    att = only(text, "disaster")
    assert not att.direct and att.partial
    assert "should be withdrawn" in content(text, att) and att.actor == "Olsen"


def test_nested_quote_stays_inside_its_outer_quote():
    text = "“My father always told me, ‘Never sell the boat,’ and I never did,” Peter Holm said."
    _, found = attributions(text)
    assert len(found) == 1, [content(text, a) for a in found]
    assert found[0].actor == "Peter Holm" and "Never sell the boat" in content(text, found[0])


def test_scare_quotes_are_not_quotes():
    text = "The so-called “fish war” ended in 1976 with a treaty signed in Oslo."
    _, found = attributions(text)
    assert not found


def test_quoted_regions_of_tokenized_and_nyt_text():
    text = "``We will win,'' he said. ''It is over,'' she said. \"Done\" they said."
    regions = [text[a:b] for a, b in quoted_regions(text)]
    assert regions == ["``We will win,''", "''It is over,''", "\"Done\""]


def test_cli_prints_offsets_into_the_file(tmp_path):
    text = ("Harbour talks\n\n“We will meet again in May,” Minister Lena Dahl said. Dahl added that the talks were useful.\n\n"
            "Lena Dahl and Ola Berg agreed to meet again in June.\n")
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("quotes", str(path), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert {"text", "start", "end", "speaker_text", "speaker_start", "speaker_end", "cue", "direct", "actor"} <= set(items[0])
    for item in items:
        assert text[item["start"]:item["end"]] == item["text"]
        if item["speaker_start"] is not None:
            assert text[item["speaker_start"]:item["speaker_end"]] == item["speaker_text"]
    direct = next(i for i in items if i["direct"])
    assert "meet again in May" in direct["text"] and direct["actor"] == "Lena Dahl"
    indirect = next(i for i in items if not i["direct"])
    assert indirect["cue"] == "added" and indirect["text"] == "that the talks were useful"
    joint = next(i for i in items if "June" in i["text"])
    assert joint["speakers"] == ["Lena Dahl", "Ola Berg"]


@pytest.mark.parametrize("content_bytes,message", [(b"\xff\xfe\x00bad", "not UTF-8")])
def test_cli_rejects_a_file_that_is_not_utf8(tmp_path, content_bytes, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content_bytes)
    result = run_cli("quotes", str(path))
    assert result.returncode == 2 and message in result.stderr


def test_quote_set_off_by_a_dash_belongs_to_the_cue_right_after_it():
    text = ("Mr. Holm suggested the mayor had shown a fondness for grand projects - ''He would have loved "
            "the pyramids,'' Mr. Holm said twice - and reminded the crowd of the cost.")
    doc, found = attributions(text)
    quote = next(a for a in found if a.cue == "said")
    assert content(text, quote) == "''He would have loved the pyramids,''" and quote.direct and quote.actor == "Holm"
    assert any(a.cue == "suggested" and "fondness" in content(text, a) for a in found)
    assert not any("pyramids" in content(text, a) for a in found if a is not quote)


def test_quoted_sentence_after_a_colon_is_its_own_quote_by_the_same_speaker():
    text = ('Senator Reid said both candidates are "strangers in the Senate," but he gave the Texan a '
            'back-handed compliment: "You never have to guess where he stands. He is a very smart man."')
    doc, found = attributions(text)
    said = only(text, "strangers")
    quote = only(text, "guess where")
    assert said is not quote and "guess where" not in content(text, said)
    assert quote.direct and quote.actor == said.actor and "Reid" in (quote.actor or "")


def test_a_few_quoted_words_far_from_any_cue_are_a_name_not_a_quote():
    text = ('The senator wrote under the pseudonym "Carlos Danger," but it did him no good, as he was '
            'eventually discovered.')
    doc, found = attributions(text)
    assert not any(a.direct for a in found), [(content(text, a), a.cue) for a in found]


def test_a_few_quoted_words_right_by_their_cue_are_a_quote():
    text = 'Asked whether he would run again, Priebus said, "Probably."'
    att = only(text, "Probably")
    assert att.direct and att.actor == "Priebus"


def test_scare_quote_inside_reported_speech_stays_part_of_it():
    text = ("Ms. Lind told a gathering in Oslo that she will protect public hospitals while her opponent, Karl Moe, "
            "wants to “take Norway backward.”")
    doc, found = attributions(text)
    assert not any(a.direct and content(text, a).strip("“”.") == "take Norway backward" for a in found)
    assert any("take Norway backward" in content(text, a) for a in found)


def test_straight_quote_left_open_runs_to_the_end_of_its_paragraph():
    text = ('The ministry answered on Monday:\n\n"As we have explained before, the only figure close to that '
            'is an announcement in September. Then the minister said 100,000 would come.\n\n'
            '"That adds up to 185,000 over two years."')
    regions = [text[a:b] for a, b in quoted_regions(text)]
    assert regions[0].startswith('"As we have explained') and regions[0].endswith("would come.")
    assert regions[1] == '"That adds up to 185,000 over two years."'


def test_quote_over_several_one_sentence_lines_closes_where_its_mark_does():
    for sep in ("\n", "\n\n"):  # one sentence a line, as a cleaned text joins them
        text = (f"Oil prices rose on Monday. {sep}“What we are witnessing today is unimaginable. {sep}Warplanes are "
                f"bombing one area after another. {sep}There are many dead,” Adel Saleh said on television. {sep}"
                "“Anyone who moves is shot.”")
        att = only(text, "unimaginable")
        assert att.direct and att.actor == "Adel Saleh" and "Warplanes" in content(text, att)
    # a quote that reopens on each paragraph stays in its paragraphs
    text = "“The first paragraph goes on\n\n“and the second closes it,” she said."
    assert [text[a:b] for a, b in quoted_regions(text)][0] == "“The first paragraph goes on"


def test_a_participle_after_said_reports_its_own_object_not_the_quote():
    text = ("“It is not easy to bring the positions closer; the problem is complicated,” Lavrov said at a news "
            "conference, underscoring the difficulty of resolving the dispute.")
    doc, found = attributions(text)
    quote = next(a for a in found if a.cue == "said")
    assert quote.direct and quote.actor == "Lavrov" and "news conference" not in content(text, quote)
    assert not any("Lavrov said" in content(text, a) for a in found), [(content(text, a), a.cue) for a in found]


def test_a_direct_quote_shows_what_stands_inside_its_marks_not_the_words_framing_it():
    text = "Mayor Ola Berg promised work to “keep the ferries running through the winter storms and pay the crews on time.”"
    doc = load_nlp()(text)
    tidy_entities(doc)
    quotes = find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)})
    assert [(q.text, q.direct) for q in quotes] == [
        ("keep the ferries running through the winter storms and pay the crews on time.", True)]


def test_reported_speech_knows_whether_its_cue_came_first():
    doc = load_nlp()("Mayor Ola Berg urged Iceland to cut its quota. The ferries will run all winter, the harbour office said.")
    tidy_entities(doc)
    found = {q.cue: q.cue_first for q in find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)})}
    assert found == {"urged": True, "said": False}


def _quotes(text: str):
    doc = load_nlp()(text)
    tidy_entities(doc)
    return find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)})


def test_reported_speech_cut_before_a_second_cue_leaves_no_dangling_word():
    """"suggested that … by saying: “…”": the reported words end before "by saying", not on "by"."""
    quotes = _quotes("Mayor Ola Berg suggested that the ferries will run all winter by saying: “We have the crews.”")
    reported = [q.text for q in quotes if not q.direct]
    assert reported and all(not t.rstrip().endswith(" by") and t == t.rstrip() for t in reported), reported


def test_according_to_shows_the_words_before_their_cue():
    """"According to the Herald, Berg also said …": the cue stands before its source, so the words read first."""
    quotes = _quotes("According to the Bergen Herald, Ola Berg also expressed the view that the quota was too low.")
    according = [q for q in quotes if q.cue == "according to"]
    assert according and all(not q.cue_first for q in according)


def test_the_two_who_speak_are_the_pair_last_named():
    quotes = _quotes("Ola Berg met Pavel Ivanov in Oslo on Thursday. The two agreed to start talks on quotas in March.")
    assert "Ola Berg and Pavel Ivanov" in [q.speaker_text for q in quotes]


def test_a_definite_title_is_the_person_last_named_with_it():
    """"The Icelandic minister said" after the two ministers were named with their titles is the Icelandic one."""
    text = ("Norwegian Fisheries Minister Ola Berg met Icelandic Fisheries Minister Anna Sigurdsdottir in Oslo on Monday. "
            "The Icelandic minister said the quota talks would resume in May.")
    assert only(text, "quota talks").actor == "Anna Sigurdsdottir"
    text = ("Norwegian Fisheries Minister Ola Berg met Icelandic Fisheries Minister Anna Sigurdsdottir in Oslo on Monday. "
            "The Norwegian minister said the quota talks would resume in May.")
    assert only(text, "quota talks").actor == "Ola Berg"


def test_a_bare_title_stands_for_one_named_in_the_last_sentences_only():
    """News calls the sitting president "the president", however many others it has named since: a bare title reaches
    back two sentences, no further; "the two ministers" are a pair, not the last minister named."""
    near = "President Kari Lund arrived in Oslo on Monday. The president said the ban would stay."
    assert only(near, "ban would stay").actor == "Kari Lund"
    far = ("President Kari Lund arrived in Oslo on Monday. The harbour was closed. Boats waited offshore. "
           "Prices rose at the market. The president said the ban would stay.")
    assert only(far, "ban would stay").actor is None
    pair = ("Fisheries Minister Ola Berg met Fisheries Minister Anna Sigurdsdottir in Oslo on Monday. "
            "The two ministers said the quota talks would resume in May.")
    assert only(pair, "quota talks").actor != "Anna Sigurdsdottir"


def test_a_source_of_two_people_joined_by_and_is_both_of_them():
    """"Berg and Sigurdsdottir agreed": the agreement is theirs, not the first-named's alone; a name the parser joins
    from outside the source phrase ("talks with ... and ..., the deputy minister said") is not a speaker."""
    nlp = load_nlp()
    text = ("Norwegian Fisheries Minister Ola Berg and Icelandic Fisheries Minister Anna Sigurdsdottir agreed on Monday "
            "to resume the quota talks in Reykjavik.")
    doc = nlp(text)
    tidy_entities(doc)
    [quote] = find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)})
    assert quote.speakers == ["Ola Berg", "Anna Sigurdsdottir"]
    assert quote.speaker_text == "Ola Berg and Anna Sigurdsdottir"
    text = "Ola Berg and the fisheries ministry said on Monday that the quota talks would resume in Reykjavik."
    doc = nlp(text)
    tidy_entities(doc)
    assert all(q.speakers == [] for q in find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)}))
    text = ("Ahead of talks with Berg and Sigurdsdottir, Deputy Fisheries Minister Per Lund, who leads the Norwegian "
            "delegation, said Friday that the quota split must change.")
    doc = nlp(text)
    tidy_entities(doc)
    lund = [q for q in find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)}) if "quota split" in q.text]
    assert lund and all(q.speakers == [] and q.speaker_text == "Per Lund" for q in lund)


def test_a_joint_quote_belongs_to_each_speaker_in_the_story(tmp_path):
    (tmp_path / "talks.txt").write_text(
        "Quota talks resume\n\nOSLO, March 3 (Reuters) - Norwegian Fisheries Minister Ola Berg and Icelandic Fisheries Minister "
        "Anna Sigurdsdottir agreed on Monday to resume the mackerel quota talks in Reykjavik in April.\n\n"
        "Berg said on Monday that the split of the quota was still open.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(tmp_path / "talks.txt"), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    ids = {a["name"]: a["id"] for a in story["actors"]}
    joint = next(q for q in story["quotes"] if "resume the mackerel quota talks" in q["text"])
    assert joint["speaker"] is None and joint["speakers"] == [ids["Ola Berg"], ids["Anna Sigurdsdottir"]]
    alone = next(q for q in story["quotes"] if "still open" in q["text"])
    assert alone["speaker"] == ids["Ola Berg"] and alone["speakers"] == [ids["Ola Berg"]]


def test_the_cue_names_the_listener_a_reader_needs_before_the_words():
    """"Lavrov told reporters ... that": shown as "told reporters that ...", not "told that ...", and "called it
    “strange” that ..." keeps what it was called; a verb whose object is what was said ("urged Japan to comply") keeps
    its object in the words."""
    nlp = load_nlp()
    cues = {}
    for text in ("Ola Berg told reporters after the meeting that it would be difficult to settle the quota.",
                 "Berg urged Iceland to accept the quota split.",
                 "Anna Sigurdsdottir called it “strange and unhelpful” that Oslo was raising the stakes before the talks."):
        doc = nlp(text)
        tidy_entities(doc)
        [quote] = find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)})
        cues[quote.cue] = quote.text
    assert cues == {"told reporters": "that it would be difficult to settle the quota", "urged": "Iceland to accept the quota split",
                    "called it “strange and unhelpful”": "that Oslo was raising the stakes before the talks"}


def test_a_rank_abbreviated_before_the_speaker_neither_ends_the_sentence_nor_hides_the_name():
    """"said military spokeswoman Cmdr. Monica Rousselow": the tokenizer splits "Cmdr" from its stop, and the parser had
    ended the sentence there and made "Cmdr" the speaker."""
    doc, found = attributions("The United States fired 20 missiles into Libya, said military spokeswoman Cmdr. Monica "
                              "Rousselow. Lt. Col. John Smith said the strikes had worked.")
    assert len(list(doc.sents)) == 2
    assert {a.actor for a in found} == {"Monica Rousselow", "John Smith"}


def test_the_two_ministers_are_the_only_two_named_however_far_back():
    """The pair "the two ministers" stands for is found through a counterpart in apposition ("Berg and her Icelandic
    counterpart, Anna Sigurdsdottir") and beyond the last few sentences, when they are the only two people named."""
    text = ("Norwegian Fisheries Minister Ola Berg and her Icelandic counterpart, Anna Sigurdsdottir, met for four hours. "
            "The talks were held at the old customs house. Fishing groups waited outside. The harbour was quiet. "
            "Prices did not move. The two ministers agreed to meet again in Reykjavik in April.")
    doc = load_nlp()(text)
    tidy_entities(doc)
    [quote] = [q for q in find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)}) if "Reykjavik" in q.text]
    assert quote.speakers == ["Ola Berg", "Anna Sigurdsdottir"]
    # a third person named: the pair is the two joined by "and", the counterpart by her name in apposition
    text = ("Norwegian Fisheries Minister Ola Berg and her Icelandic counterpart, Anna Sigurdsdottir, met for four hours. "
            "Their advisers briefed Danish envoy Thomas Jensen. The two ministers agreed to meet again in Reykjavik in April.")
    doc = load_nlp()(text)
    tidy_entities(doc)
    [quote] = [q for q in find_quotes(doc, {s.start: i for i, s in enumerate(doc.sents)}) if "Reykjavik" in q.text]
    assert quote.speakers == ["Ola Berg", "Anna Sigurdsdottir"]


def test_the_unnamed_source_is_shown_as_the_text_first_described_it():
    """"the official said" after "according to a Japanese official" is that official, not the officials before it; a
    second, different source keeps its own words, a source joined to another describes no one, and a definite source
    never described before stays as written."""
    from dateline.analyse import analyse_text

    text = ("Senior fisheries officials said talks would go on. An opposition spokesman and a witness said the port was shut. "
            "The minister lodged a protest, according to a Norwegian official who was at the meeting. "
            "The ministers also agreed to meet again, the official said. "
            "A spokesman for the coast guard said the boats had left. The spokesman added that the crews were safe. "
            "The skipper said the nets were lost.")
    speakers = [q.speaker_text for q in analyse_text(text, None).quotes]
    assert speakers == ["Senior fisheries officials", "An opposition spokesman and a witness",
                        "a Norwegian official", "a Norwegian official", "A spokesman for the coast guard",
                        "A spokesman for the coast guard", "skipper"], speakers


def test_a_he_no_person_named_before_stands_for_is_the_unnamed_source_of_the_sentence_before():
    from dateline.analyse import analyse_text

    text = ("A doctor at Bergen hospital said 11 people had been hurt. He said the wounded were brought in by car. "
            "The port was shut for the day. Fishermen waited at the quay. He said the boats were gone.")
    speakers = [q.speaker_text for q in analyse_text(text, None).quotes]
    # the last "he" is two sentences on from any source: who it is, the text does not say here
    assert speakers == ["A doctor at Bergen hospital", "A doctor at Bergen hospital", "He"], speakers
    named = "A doctor at Bergen hospital said 11 people had been hurt. Kari Lundgren arrived on Monday. He said it was over."
    assert [q.speaker_text for q in analyse_text(named, None).quotes][-1] == "Kari Lundgren"
