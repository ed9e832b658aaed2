"""Event mentions: a dated clause with who took part and where ("Kishida and Lavrov agreed
Saturday ... in Moscow"). Grouping mentions into events across articles is the group stage's job.

The date comes from a time expression outside quotes; the clause is the verb the expression
hangs from, and the participants are the entities inside that clause. A meeting spoken of
without a date ("during their meeting in Moscow") takes the article's news peg: the day its
lead reports, when that day is at most three days before publication.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Optional

from spacy.tokens import Doc, Span, Token

from dateline.analyse.cues import SPEECH
from dateline.analyse.gazetteer import is_place_name
from dateline.analyse.grammar import (
    and_joined, antecedent, clean_entity_text, entity_at, inside, misattached_subject, pair_named, pair_names, subject_of,
    verb_lemma,
)
from dateline.temporal.tense import NOUN_MODIFIER, SPEECH_VERBS, governing_verb
from dateline.models import EventMention, PublicationDate, TimeValue  # EventMention re-exported: pure data lives in models
from dateline.temporal.calendar import PRECISION_RANK, dates_like_a_caption
from dateline.temporal.resolve import classify
from dateline.settings import AttributionSettings

DEFAULT_RULES = AttributionSettings()

KINDS = {
    "meeting": {"meet", "meeting", "talk", "talks", "summit", "negotiate", "negotiation", "host", "confer",
                "discussion", "discuss", "consultation", "session", "gathering", "forum"},
    "visit": {"visit", "trip", "tour"},
    "agreement": {"agree", "agreement", "sign", "accord", "deal", "declaration", "conclude", "treaty", "pact"},
    "detention": {"detain", "arrest", "detainment", "detention", "capture", "apprehend"},
    "seizure": {"seize", "seizure", "confiscate", "impound", "annex", "occupy"},
    "announcement": {"announce", "announcement", "unveil", "publish", "release"},
    "statement": {"say", "tell", "state", "conference", "briefing", "statement", "interview",
                  "indicate", "express", "warn", "urge", "call", "stress", "remark", "reiterate"},
    "protest": {"protest", "summon", "condemn", "criticize", "criticise", "accuse"},
    "deployment": {"deploy", "deployment", "station", "test", "launch", "exercise"},
}
# kinds whose verbs say different things ("summoned the ambassador" is no protest of his, "tested a missile" no
# deployment): their titles say what the agent did, in the text's verb
VERB_TITLED = {"protest", "deployment"}
# statements whose verb tells what was said ("urged the council to act", "called for a cease-fire"): titled by it, as
# "Brazil calls for cease-fire", where "said" gives only "makes a statement"
SAYING_SOMETHING = {"urge", "warn", "call", "express"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE"}
MEETING_REFERENCES = {"meeting", "talk", "talks", "summit", "meet"}
OCCASION_PREPS = {"after", "during", "at", "in", "following"}
DEFINITE = {"the", "their", "his", "her", "its", "this", "that"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "off", "to", "around", "outside", "inside", "across", "throughout"}
PEG_EXCLUDE = {"previously", "earlier", "before", "ago", "once", "twice", "last", "past", "ahead", "since", "until",
               "leading", "had", "will", "upcoming", "next"}


def _kind(tokens: list[Token]) -> Optional[str]:
    for token in tokens:
        if token.lower_ == "according":
            continue  # "according to witnesses" is no accord
        lemma = token.lemma_.lower()
        for kind, words in KINDS.items():
            if lemma in words or token.lower_ in words:
                return kind
    return None


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "agent"}
ARGUMENT_PREPS = {"with", "between", "by", "of", "from", "against", "among"}
NOT_ARGUMENT = {"relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis"}
# clauses of their own a phrase carries: where a participant is, they do not say ("boats fishing off Hokkaido", a
# participle, does; "Putin, in which he mentioned missiles in the Northern Territories" does not)
OWN_CLAUSES = {"relcl", "ccomp", "advcl", "parataxis"}
def _phrase(token: Token, max_words: int) -> str:
    """A participant's words, without a relative clause or a trailing prepositional phrase; a person by name alone
    ("Igor Morgulov", not "Russian Deputy Foreign Minister Igor Morgulov": the actor table keeps the titles)."""
    person = entity_at(token) if token.ent_type_ == "PERSON" else None
    if person is not None:
        return clean_entity_text(person.text)
    keep, stack = [], [token]
    while stack:
        t = stack.pop()
        keep.append(t)
        # a modifier keeps those joined to it ("U.S., European and Arab leaders"); the participant does not
        joined = {"punct", "cc", "conj"} if t is not token and any(c.dep_ == "conj" for c in t.children) else set()
        stack += [c for c in t.children if (c.dep_ not in NOT_ARGUMENT | {"prep", "punct", "cc", "conj", "appos"} - joined
                  or _joins_a_word(c)) and not _when_it_spoke(c)]
    words = [t for t in sorted(keep, key=lambda t: t.i) if not _article(t)]
    return _as_written(words) if 0 < len(words) <= max_words else token.text


def _as_written(words: list[Token]) -> str:
    """Words of a phrase as the text writes them ("Russia's", not "Russia 's"), with a space where words left out
    stood ("envoys, who met on Monday," -> "envoys", and no word run into the next)."""
    gaps = [t.whitespace_ or (" " if after.i > t.i + 1 else "") for t, after in zip(words, words[1:])]
    return "".join(t.text + gap for t, gap in zip(words, gaps + [""])).strip()


def _with_conjuncts(token: Token, max_words: int) -> str:
    """A participant and those joined to it ("Prime Minister Shinzo Abe and Russian President Vladimir Putin
    entrusted …": "Shinzo Abe and Vladimir Putin"), not the first alone."""
    # a name the parser joined to others by mistake ("talks with Putin and Lavrov, ... Igor Morgulov, who ..., said")
    # is taken alone: it heads no coordination of its own
    joined = token.conjuncts if token.dep_ != "conj" else ()
    phrases = [_phrase(t, max_words) for t in [token, *joined] if t.pos_ != "PRON"]
    return and_joined(phrases)


def _when_it_spoke(token: Token) -> bool:
    """A date beside a participant that tells when the clause happened ("Libya late Friday called"), not what the
    participant is ("winter storm", "Mirage 2000 jet")."""
    return token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME")


def _article(token: Token) -> bool:
    """"the", "a" or "an" before a noun: left out of a title's phrase."""
    return token.dep_ == "det" and token.lower_ in ("the", "a", "an")


def _joins_a_word(token: Token) -> bool:
    """A hyphen inside a word ("eight-point"): part of the phrase, unlike a comma or a dash between words."""
    return token.text in ("-", "‐") and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


RELATIVES = {"that", "which", "who", "whom"}


def arguments(trigger: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """Agents, themes and place phrases of a verb or an event noun, from the parse: subject and "by"
    agent; object, passive subject and "of" complement; pobj of in/at/near/off/around."""
    agents: list[Token] = []
    themes: list[Token] = []
    places: list[Token] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    for c in trigger.children:
        if c.dep_ == "nsubj" or (c.dep_ == "poss" and trigger.pos_ == "NOUN" and c.ent_type_ not in ("DATE", "TIME")):
            agents.append(c)
        elif c.dep_ in ("dobj", "nsubjpass", "dative", "attr"):
            themes.append(c)
        elif c.dep_ in ("agent",) or (c.dep_ == "prep" and c.lower_ == "by" and (passive or trigger.pos_ == "NOUN")):
            agents += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            places += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS:
            themes += [g for g in c.children if g.dep_ == "pobj"]
    if trigger.dep_ == "relcl" and trigger.head.i != trigger.i:
        # "five trawlers that were seized by the border guards": the relative pronoun stands for the noun
        agents = [trigger.head if t.lower_ in RELATIVES else t for t in agents]
        themes = [trigger.head if t.lower_ in RELATIVES else t for t in themes]
        if agents and not themes and not passive and _gap_object(trigger):
            themes.append(trigger.head)  # "the plan Abe proposed to Putin": what he proposed is the plan
    if not agents and trigger.pos_ in ("VERB", "AUX") and trigger.dep_ in ("xcomp", "advcl", "conj"):
        borrowed = subject_of(trigger)  # "Kono plans to negotiate with Lavrov": the planner negotiates
        if borrowed is not None:
            agents.append(borrowed)
    if not agents and not passive and trigger.pos_ == "VERB":
        stray = misattached_subject(trigger)  # "..., Igor Morgulov, who ..., said": a subject parsed as something else
        if stray is not None:
            agents.append(stray)
    if trigger.pos_ == "NOUN":  # "a Japan-Russia meeting in Moscow at which Motegi and Lavrov discussed ...": who met
        agents += [c for c in trigger.children if c.dep_ in ("nmod", "compound") and c.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")]
        for rel in (c for c in trigger.children if c.dep_ in ("relcl", "acl")):
            agents += [g for g in rel.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in ("which", "that")]
    for group in (agents, themes):  # "Japan and Russia": both
        for t in list(group):
            group += [c for c in t.conjuncts if c not in group]
    for theme in list(themes):
        for c in theme.children:
            if c.dep_ == "prep" and c.lower_ == "by" and trigger.pos_ == "NOUN" and not agents:
                agents += [g for g in c.children if g.dep_ == "pobj"]  # "detainment of boats by guards"
    for head in agents + themes:  # "boats off Hokkaido", "his counterpart Lavrov in Moscow"
        # but not what a clause of their own tells ("a press conference by Putin in which he mentioned missiles in
        # the Northern Territories" was not held there)
        for t in (head.doc[i] for i in sorted(_argument_tokens([head], OWN_CLAUSES))):
            if t.dep_ == "prep" and t.lower_ in PLACE_PREPS and t.head.dep_ not in ("pcomp",):
                places += [g for g in t.children if g.dep_ == "pobj" and g not in places]
    return agents, themes, places


NOT_OBJECTS = {"day", "time", "year", "week", "month", "moment", "way", "place", "reason", "night", "morning", "evening"}


def _gap_object(verb: Token) -> bool:
    """Whether a relative clause with no pronoun leaves its verb's object to the noun it describes ("the plan Abe
    proposed"), rather than telling when, where or how ("the day Abe arrived")."""
    noun = verb.head
    return (noun.pos_ == "NOUN" and noun.ent_type_ not in ("DATE", "TIME") and noun.lemma_.lower() not in NOT_OBJECTS
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") or c.lower_ in RELATIVES
                        or c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in verb.children))


def _argument_tokens(heads: list[Token], stop: set[str] = NOT_ARGUMENT) -> set[int]:
    """The words of the heads' phrases, without what hangs from them by a `stop` dependency (their clauses)."""
    out: set[int] = set()
    for head in heads:
        stack = [head]
        while stack:
            t = stack.pop()
            out.add(t.i)
            stack += [c for c in t.children if c.dep_ not in stop]
    return out


def _is_place(ent: Span) -> bool:
    """A place entity, or a name the tagger got wrong that the gazetteer knows, or one that a boat is
    "off" or "near" (one is not off an organisation)."""
    if ent.label_ in PLACE_LABELS:
        return True
    if ent.label_ in ("ORG", "PERSON"):
        return is_place_name(clean_entity_text(ent.text)) or ent.root.head.lower_ in ("off", "near", "around")
    return False


def _done_by_a_pronoun(trigger: Token) -> bool:
    """Whether the trigger's subject is a pronoun ("a ceasefire that it announced on Friday, blaming rebels who it says
    are al Qaeda"): the doer is someone the clause does not name, so the other names in it are not the doer."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" for c in trigger.children)


def _syntax_participants(doc: Doc, trigger: Token, quotes, rules: AttributionSettings
                         ) -> tuple[list[tuple[str, str]], list[str], Optional[str], Optional[str]]:
    agents, themes, place_heads = arguments(trigger)
    if trigger.lemma_.lower() in KINDS["visit"]:  # "will visit Moscow": the object of a visit is where
        place_heads += [t for t in themes if t.ent_type_ in PLACE_LABELS or is_place_name(t.text)]
    in_args = _argument_tokens(agents + themes)
    in_places = _argument_tokens(place_heads)
    actors: list[tuple[str, str]] = []
    places: list[str] = []
    for ent in doc.ents:
        if inside(quotes, ent.start_char, ent.end_char):
            continue
        name = clean_entity_text(ent.text)
        if ent.root.i in in_places and _is_place(ent) and ent.root.dep_ != "poss":  # "in response to Pyongyang’s test"
            if name not in places:
                places.append(name)
        elif ent.root.i in in_args and ent.label_ in ACTOR_LABELS | {"NORP"} and (name, ent.label_) not in actors:
            if ent.label_ == "NORP" and any(a.ent_type_ == "PERSON" for a in ent.root.ancestors):
                continue  # "Russian Foreign Minister Sergei Lavrov": the nationality describes the person
            actors.append((name, ent.label_))
    # "the two leaders, who will meet ...": the pair last named together
    pairs = {head.i: pair_named(doc, head) for head in agents + themes}
    for pair in pairs.values():
        for person in pair or ():
            if (clean_entity_text(person.text), person.label_) not in actors:
                actors.append((clean_entity_text(person.text), person.label_))
    agent = _with_conjuncts(agents[0], rules.max_phrase_words) if agents and agents[0].pos_ != "PRON" else None
    pair = pairs[agents[0].i] if agents else None
    if pair is not None:
        agent = pair_names(pair)
    if agents and agents[0].lower_ in ("he", "she"):  # "He returns to Japan on Saturday": the person last named
        person = antecedent(doc, agents[0], [e for e in doc.ents if e.label_ == "PERSON"])
        if person is not None:
            agent = clean_entity_text(person.text)
            if (agent, "PERSON") not in actors:
                actors.append((agent, "PERSON"))
    theme = _phrase(themes[0], rules.max_phrase_words) if themes and themes[0].i not in in_places and themes[0].pos_ != "PRON" else None
    if theme and trigger.pos_ == "VERB" and themes[0].dep_ == "pobj" and themes[0].head.head.i == trigger.i \
            and themes[0].head.lower_ != "of":
        theme = f"{themes[0].head.lower_} {theme}"  # "a battle raged between troops and rebels": not "rages troops"
    return actors, places, agent, theme


def _described_event(verb: Token) -> Optional[Token]:
    """An event noun among the verb's arguments that the sentence describes with arguments of its own
    ("overshadowed by the detainment of five boats by border guards"), rather than names as known
    ("the meeting"); the one with most arguments."""
    best, best_args = None, 0
    for t in verb.subtree:
        if t.pos_ != "NOUN" or not _kind([t]) or not (t.head.i == verb.i or t.head.head.i == verb.i):
            continue
        if t.head.i != verb.i and _dated_apart(t.head, t):
            continue  # "welcomed news on Monday that the agreement will be signed in June": Monday is not the agreement's
        args = sum(1 for c in t.children if (c.dep_ == "prep" and c.lower_ in ARGUMENT_PREPS)
                   or c.dep_ in ("poss", "relcl", "acl", "nmod"))
        if args > best_args:
            best, best_args = t, args
    return best


REPORTING = {"report", "add", "note", "write", "claim", "confirm", "quote", "cite"}


def _reported_clause(trigger: Token, verbs: set[str] = REPORTING) -> Optional[Token]:
    """The clause a reporting verb (one of `verbs`) reports ("..., Tass reported"), when it has a subject of its own."""
    if trigger.lemma_.lower() not in verbs:
        return None
    return next((c for c in trigger.children if c.dep_ == "ccomp" and c.pos_ == "VERB"
                 and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)


def _main_clause(sent: Span, trigger: Token) -> Optional[Token]:
    """The sentence's main verb (or the clause a saying verb reports: "France sent a carrier ..., officials said"),
    where the verb the date hangs from tells nothing a title can say ("its planes were over the country again on
    Sunday"), and when the main verb has a named subject of its own. None where that is the trigger itself or "be"."""
    root = _reported_clause(sent.root, SPEECH | REPORTING) or sent.root
    if root.i == trigger.i or root.pos_ != "VERB" or root.lemma_.lower() in {"be", "have", "do"} | SPEECH | REPORTING:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ not in ("he", "she"):
        return None
    return root


def _negated(verb: Token) -> bool:
    """Whether the clause says it did not happen ("did not retake the town")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _action(trigger: Token) -> Optional[str]:
    """The verb of an event of no known kind, as its lemma with its particle and the place it goes to ("hand over",
    "return to Japan"); none for a noun or "be"."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() in ("be", "have", "do"):
        return None
    words = [verb_lemma(trigger)] + [c.lower_ for c in _particles(trigger)] + _how_near(trigger)
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to"):
        goal = next((g for g in prep.children if g.dep_ == "pobj"), None)
        ent = entity_at(goal) if goal is not None else None
        if ent is not None and _is_place(ent):
            words += ["to", clean_entity_text(ent.text)]
            break
    return " ".join(words)


def _how_near(verb: Token) -> list[str]:
    """How near the verb came to what it only approached ("moved close to a mackerel agreement" -> "close to
    agreement"): without it the title would say only that they moved."""
    for adverb in (c for c in verb.children if c.dep_ == "advmod" and c.lemma_.lower() in APPROACH):
        for prep in (c for c in adverb.children if c.dep_ == "prep" and c.lower_ == "to"):
            goal = next((g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
            if goal is not None:
                return [adverb.lower_, "to", goal.lower_]
    return []


# what a reported clause keeps of its verb group: "has effectively imposed" -> "has imposed", "would not" kept
VERB_GROUP = {"aux", "auxpass", "neg"}
# what it keeps as the verb's complement: an object, or what a "be" says the subject is
COMPLEMENT = {"dobj", "attr", "acomp", "oprd"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
QUOTED_PERSONS = {"i", "we", "you"}  # a quote's own persons: who they are, a title would not say
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}


def _what_was_said(trigger: Token, max_words: int) -> Optional[str]:
    """The clause a saying verb reports, cut to its subject, verb group and what completes the verb, as the text writes
    them ("Mullen said a U.S.-led military mission in Libya has effectively imposed a no-fly zone and blasted ..." ->
    "U.S.-led military mission has imposed no-fly zone"): a statement's title says what was said, not "makes a
    statement". None where the clause has no subject of its own, or the cut would not say what was said."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() in SAYING_SOMETHING:
        return None
    clause = next((c for c in trigger.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
    if subject is None or subject.lower_ in QUOTED_PERSONS or subject.dep_ == "expl" or \
            subject.lower_ == "it" and clause.lemma_ == "be":
        return None  # "I think ...": who "I" is, the line would not say; "it's unclear if ...": "it" is no one
    verb_group = _verb_group(clause)
    if not any(t.tag_ in FINITE for t in verb_group):
        return None  # a bare participle ("journalists captured ... have been released"): a misparse, not the clause
    tail = _completion(clause, max_words)
    if tail is None:
        return None
    verb = _as_written(verb_group)
    line = _said_subject(subject, max_words) + ("" if verb.startswith("'") else " ") + verb + (f" {tail}" if tail else "")
    return line if len(line.split()) <= 2 * max_words else None


def _verb_group(verb: Token) -> list[Token]:
    return sorted([c for c in verb.children if c.dep_ in VERB_GROUP] + [verb] + _particles(verb), key=lambda t: t.i)


# adverbs that make a phrasal verb with the verb they follow, where the parser calls them adverbs ("got back", "stepped
# down", "pulled out")
PARTICLE_ADVERBS = {"back", "down", "up", "out", "off", "away", "over", "in", "on", "aside"}


def _particles(verb: Token) -> list[Token]:
    """A verb's particles: those the parser marks, and an adverb of PARTICLE_ADVERBS right after it."""
    return [c for c in verb.children if c.dep_ == "prt" or
            c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLE_ADVERBS]


def _completion(verb: Token, max_words: int, depth: int = 0) -> Optional[str]:
    """What completes a reported verb: its object, or what "be" says the subject is, with a to-infinitive that
    adjective governs ("attacks are likely to slow"); a to-infinitive of the verb's own ("has decided to halt
    operations"); else its first prepositional phrase ("is consulting with Arab League"); nothing for a verb that
    needs nothing ("he would step down"). None where a clause completes it ("safety concerns mean experts have been
    unable ...", "it's unclear if ..."): cut before it, the line would say nothing."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None
    complement = next((c for c in verb.children if c.dep_ in COMPLEMENT), None)
    if complement is not None:
        if any(c.dep_ == "ccomp" for c in complement.children):
            return None
        infinitive = next((c for c in complement.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        return _phrase(complement, max_words) + (f" {_as_written(_verb_group(infinitive))}" if infinitive is not None else "")
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if infinitive is not None and depth == 0:
        rest = _completion(infinitive, max_words, depth + 1)
        return None if rest is None else " ".join(w for w in (_as_written(_verb_group(infinitive)), rest) if w)
    prep = next((c for c in verb.children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)), None)
    if prep is not None:
        return f"{prep.text} {_phrase(next(g for g in prep.children if g.dep_ == 'pobj'), max_words)}"
    return None if verb.lemma_ in ("be", "have", "do") else ""  # "the problem is" alone says nothing


def _said_subject(subject: Token, max_words: int) -> str:
    """The reported clause's subject as a title writes it: "four journalists", not "Four journalists" because it
    opened the sentence; a name, or a word capitalised mid-sentence ("the Icelandic government"), keeps its capital."""
    words = subject.text if subject.pos_ == "PRON" else _with_conjuncts(subject, max_words)  # "Iceland and Norway"
    first = next((t for t in subject.subtree if words.startswith(t.text)), None)
    if first is not None and first.is_sent_start and first.text[:1].isupper() and first.text[1:].islower() \
            and first.pos_ != "PROPN" and first.ent_type_ not in NAME_LABELS:
        return words[0].lower() + words[1:]
    return words


def _called_for(verb: Token) -> Optional[Token]:
    """What a call was for ("called for a cease-fire" -> cease-fire)."""
    if verb.lemma_.lower() != "call":
        return None
    for_phrases = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
    return next((g for c in for_phrases for g in c.children if g.dep_ == "pobj"), None)


def _dated_noun(date_root: Token) -> Optional[Token]:
    """The noun a date is part of ("Tokyo’s 1945 surrender", "last year's election", "the April 20 explosion"):
    the event that date dates, whatever verb the sentence hangs it from."""
    noun = date_root.head
    return noun if date_root.dep_ in NOUN_MODIFIER and noun.pos_ == "NOUN" and noun.i != date_root.i else None


def _describes_a_name(date_root: Token) -> bool:
    """A date that tells which time of a place or person is meant ("today's Libya", "the 1990s Russia"): it dates
    no event, the sentence's or any other."""
    return date_root.dep_ in NOUN_MODIFIER and date_root.head.ent_type_ in ("GPE", "LOC", "PERSON")


def _named_event(noun: Optional[Token], trigger: Token, max_words: int) -> Optional[str]:
    """The event in the text's own words, for a title no verb and subject give: the noun its date is part of
    (`noun`), with what stands before it ("Tokyo’s 1945 surrender" -> "Tokyo’s surrender"), or a participle after
    the noun it tells of ("the sanctions resolution adopted Wednesday" -> "sanctions resolution adopted")."""
    if noun is not None:
        words = [t for t in noun.subtree if t.i <= noun.i and not _part_of_date(t) and not _article(t)]
        title = _as_written(words) if len(words) <= max_words else noun.text
        return title + _of_whom(noun)
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.head.pos_ in ("NOUN", "PROPN"):
        return f"{_phrase(trigger.head, max_words)} {trigger.text}"
    return None


def _of_whom(noun: Token) -> str:
    """What an event noun is of, when a name says it ("the 2003 invasion of Iraq" -> " of Iraq"): without it the
    title says only "Invasion"."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1), None)
    target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    name = entity_at(target) if target is not None and target.ent_type_ in NAME_LABELS - {"NORP"} else None
    return f" of {clean_entity_text(name.text)}" if name is not None and name.root.i == target.i else ""


def _part_of_date(token: Token) -> bool:
    """A date's word, or the possessive mark after one ("Sunday's")."""
    return token.ent_type_ in ("DATE", "TIME") or token.dep_ == "case" and token.head.ent_type_ in ("DATE", "TIME")


def _dated_apart(clause: Token, own: Token) -> bool:
    """Whether a clause carries a date of its own, outside `own`'s phrase (the event noun it holds, or the date the
    sentence's event was dated by)."""
    inside = {t.i for t in own.subtree}
    return any(t.ent_type_ in ("DATE", "TIME") and t.i not in inside for t in clause.subtree)


def _participants(doc: Doc, clause: list[Token], quotes) -> tuple[list[tuple[str, str]], list[str]]:
    indices = {t.i for t in clause}
    actors: list[tuple[str, str]] = []
    places: list[str] = []
    for ent in doc.ents:
        if ent.start not in indices or inside(quotes, ent.start_char, ent.end_char):
            continue
        is_place = ent.label_ in PLACE_LABELS and ent.root.head.lower_ in PLACE_PREPS and ent.root.dep_ == "pobj"
        name = clean_entity_text(ent.text)
        if is_place and name not in places:
            places.append(name)
        elif ent.label_ in ACTOR_LABELS and (name, ent.label_) not in actors:
            actors.append((name, ent.label_))
    return actors, places


DESIRE = {"want", "seek", "hope", "wish", "aim", "push", "call", "demand", "press", "need"}


AHEAD_PREPS = {"for", "toward", "towards", "before"}


def _prepared_for(noun: Token) -> bool:
    """An event the clause readies ("smooth the way for a summit of their leaders on Jan. 22", "ahead of the summit"):
    who readies it is not who takes part, as who speaks "during a summit" is."""
    prep = noun.head if noun.dep_ == "pobj" else None
    return prep is not None and (prep.lower_ in AHEAD_PREPS or prep.lower_ == "of" and prep.head.lower_ == "ahead")


def _occasion_of(noun: Token) -> Optional[Token]:
    """The speech verb a statement noun is the occasion of ("In a 2004 interview, Hicks described ...", "at a news
    conference, Lavrov said"): who speaks there gave the interview. Not any verb: voters who "stayed home during
    Sunday's vote" did not vote."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in OCCASION_PREPS - {"after", "following"}:
        return None
    return prep.head if prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in SPEECH_VERBS else None


def _held_at_a_level(noun: Token) -> bool:
    """Talks at a level ("agreed to start working-level talks", "expert-level consultations"): officials of that
    level hold them, not whoever agreed to them."""
    return noun.pos_ == "NOUN" and any(c.dep_ in ("compound", "amod") and (c.lower_ == "level" or c.lower_.endswith("-level"))
                                       for c in noun.children)


def _talks_held_in(doc: Doc, verb: Token, date_root: Token, quotes) -> list[str]:
    """Where the talks a dated clause speaks of were held ("moved close to a deal on Thursday after a second round of
    talks in Reykjavik"): where the clause's event took place, though the verb's own arguments do not say."""
    places: list[str] = []
    for noun in verb.subtree:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MEETING_REFERENCES or _dated_apart(noun, date_root) \
                or _prepared_for(noun):
            continue  # talks of another day, or ahead ("said on Monday, ahead of talks in Oslo"), are elsewhere
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
            for ent in doc.ents:
                if any(g.i == ent.root.i for g in prep.children if g.dep_ == "pobj") and _is_place(ent) \
                        and not inside(quotes, ent.start_char, ent.end_char):
                    places.append(clean_entity_text(ent.text))
    return places


# what a clause only comes near: "moved close to an agreement", "edged closer to a deal", "neared an accord", "on
# the verge of a deal", "approached agreement"
APPROACH = {"close", "near", "approach", "verge", "brink"}


def _aimed_at(token: Token) -> bool:
    """What someone wants, seeks or calls for ("wants an agreement before the summer", "called for talks"), or only
    comes near ("moved close to an agreement on Thursday"): an aim, not an event that took place."""
    head = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    return token.dep_ in ("dobj", "pobj") and head.lemma_.lower() in DESIRE | APPROACH


def _verb_event(span: Span, verb: Token) -> tuple[str, Token, list[Token]]:
    """The kind, trigger and clause of an event a date hangs from through its verb ("met on Monday")."""
    path = [span.root]
    while path[-1].i != verb.i and path[-1].head.i != path[-1].i and len(path) < 8:
        path.append(path[-1].head)
    dates_the_verb = not any(t.pos_ in ("NOUN", "PROPN") for t in path[1:-1])
    path = [t for t in path if not _aimed_at(t)]
    described = _described_event(verb)
    described = None if described is not None and _aimed_at(described) else described
    # not "... signed in June", nor a clause of its own ("distributed the draft on Tuesday after the Arab League called
    # on the council": the call is the League's, not the distributing)
    undated_children = [c for c in verb.children if not _dated_apart(c, span.root) and not _aimed_at(c)
                        and c.dep_ not in OWN_CLAUSES]
    kind = _kind(path) or _kind([described or verb]) or _kind(undated_children) or "other"
    clause = list(verb.subtree)
    # "Kono plans to negotiate ... next week": the one who negotiates is the planner; but when the date
    # belongs to a noun on the way ("a summit of their leaders on Jan. 22"), the subject is not its actor
    subject = subject_of(verb)
    if dates_the_verb and subject is not None and subject.i not in {t.i for t in clause}:
        clause += list(subject.subtree)
    trigger = next((t for t in path if _kind([t])), None) or described or _complement_of_seeming(verb) or verb
    return kind, trigger, clause


SEEMING = {"appear", "seem"}
# verbs and nouns that ask for what their clause says ("suggested that he resign", "the demand that troops leave")
MANDATE = {"suggest", "suggestion", "demand", "insist", "propose", "proposal", "urge", "recommend", "recommendation",
           "request", "ask", "require", "requirement", "order", "call"}


def _mandated(verb: Token) -> bool:
    """A clause in the mandative subjunctive ("suggestion that Obama return his prize", "demanded that the envoy be
    recalled"): its bare verb has a subject of its own and no auxiliary, and it is what a verb or noun of asking asks
    for. What was asked for did not, so far as the sentence says, happen."""
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    auxiliary = any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() != "be" for c in verb.children)
    bare = verb.tag_ == "VB" or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in verb.children)
    return (bare and own_subject and not auxiliary and verb.dep_ in ("ccomp", "acl")
            and verb.head.lemma_.lower() in MANDATE)


def _complement_of_seeming(verb: Token) -> Optional[Token]:
    """"Rebels appeared Monday to have slowed the advance": what they appear to have done is the event."""
    if verb.lemma_.lower() not in SEEMING:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def extract_event_mentions(
    doc: Doc,
    sentences: list[Span],
    dated: list[tuple[Span, TimeValue]],
    published: PublicationDate,
    quotes: list[tuple[int, int]],
    rules: AttributionSettings = DEFAULT_RULES,
) -> list[EventMention]:
    mentions: list[EventMention] = []
    by_sentence: dict[int, list[tuple[Span, TimeValue]]] = {}
    undated: dict[int, list[tuple[Span, TimeValue]]] = {}
    index_of = {s.start: i for i, s in enumerate(sentences)}
    for span, value in dated:
        # a photo's caption ("People gather at the wreckage ... on March 22, 2011."): what it shows is told elsewhere
        caption = dates_like_a_caption(span.text, value.latest, span.sent.text[span.end_char - span.sent.start_char:],
                                       published.latest, rules.caption_days)
        if inside(quotes, span.start_char, span.end_char) or _describes_a_name(span.root) or caption:
            continue
        target = undated if value.precision == "none" else by_sentence
        target.setdefault(index_of[span.sent.start], []).append((span, value))
    for index in list(undated):
        if index in by_sentence:
            del undated[index]  # a sentence with a date we can place is dated by that one

    for index, items in sorted({**by_sentence, **undated}.items()):
        sent = sentences[index]
        # prefer the expression hanging from the sentence's main verb, then the most precise one
        def rank(item):
            verb = governing_verb(item[0].root)
            return (verb is not None and verb.dep_ == "ROOT", -PRECISION_RANK[item[1].precision])

        span, value = max(items, key=rank)
        verb = governing_verb(span.root) or sent.root
        noun = _dated_noun(span.root)
        if noun is not None:  # "Tokyo’s 1945 surrender", "the April 20 explosion": the date is the noun's, not the verb's
            kind, trigger, clause = _kind([noun]) or "other", noun, list(noun.subtree)
            actors, places, agent, theme = _syntax_participants(doc, noun, quotes, rules)
            host = _occasion_of(noun) if kind == "statement" else None
            if agent is None and host is not None:  # "In a 2004 interview ..., Hicks described": Hicks gave it
                host_actors, _, agent, _ = _syntax_participants(doc, host, quotes, rules)
                actors += [a for a in host_actors if agent and a[0] in agent and a not in actors]
        else:
            if _mandated(verb):
                continue  # "Moore's suggestion that Obama return his 2009 Nobel Peace Prize": asked for, not done
            kind, trigger, clause = _verb_event(span, verb)
            actors, places, agent, theme = _syntax_participants(doc, trigger, quotes, rules)
            if trigger.i != verb.i and not (span.root in trigger.subtree and _prepared_for(trigger)):
                # "the detainment of boats by guards", dated through its verb: its arguments too
                more_actors, more_places, more_agent, more_theme = _syntax_participants(doc, verb, quotes, rules)
                actors += [a for a in more_actors if a not in actors]
                places += [p for p in more_places if p not in places]
                agent, theme = agent or more_agent, theme or more_theme
            places += [p for p in _talks_held_in(doc, verb, span.root, quotes) if p not in places]
        level = next((t for t in (trigger, *trigger.children) if _held_at_a_level(t)), None) if kind == "meeting" else None
        if level is not None:  # "the two agreed to start working-level talks": who agreed does not hold them
            actors, places, agent, theme = _syntax_participants(doc, level, quotes, rules)
        if not actors and not places and level is None and not (kind != "other" and _done_by_a_pronoun(trigger)):
            # the syntax names no one: fall back on the named entities of the clause (but a title naming who met,
            # said or announced would take them for the doer a pronoun stands for)
            actors, places = _participants(doc, clause, quotes)
        if not actors and not places and level is None:
            continue
        evidence = f"“{span.text}”"
        if value.precision == "none":
            # "next week" in an undated article: the event is real, its day unknown
            if kind not in ("meeting", "agreement") or not any(label == "PERSON" for _, label in actors):
                continue
            evidence = f"“{span.text}”, which cannot be placed on the calendar: the article is undated"
        action = None
        negated = _negated(trigger)
        if negated and kind not in ("other", "statement"):
            kind = "other"  # "the ministers did not meet on Monday": what did not happen is told as such, not as a meeting
        if kind == "other":
            reported = _reported_clause(trigger)
            if reported is not None:  # "the spokeswoman raised questions ..., Tass reported Sunday": what was reported
                _, _, agent, theme = _syntax_participants(doc, reported, quotes, rules)
                negated = _negated(reported)
            action = _action(reported if reported is not None else trigger) if noun is None else None
        elif kind in VERB_TITLED or kind == "statement" and trigger.lemma_.lower() in SAYING_SOMETHING:
            action = _action(trigger)
            called_for = _called_for(trigger)
            if called_for is not None and action is not None:  # "called for a cease-fire": what was called for
                action, theme = f"{action} for", theme or _phrase(called_for, rules.max_phrase_words)
        phrase = _named_event(noun, trigger, rules.max_phrase_words) if kind == "other" else \
            _phrase(level, rules.max_phrase_words) if level is not None else \
            trigger.lower_ if kind == "meeting" and trigger.pos_ == "NOUN" else None  # "summit" when no one is named
        main = _main_clause(sent, trigger) if kind == "other" and noun is None and not phrase and not (action and agent) else None
        if main is not None:  # "France sent a carrier ... and its planes were over the country on Sunday": what it did
            _, _, main_agent, main_theme = _syntax_participants(doc, main, quotes, rules)
            if main_agent and main_theme:  # who did what to what: "Farrell worked" alone says nothing
                agent, theme = main_agent, main_theme
                action, negated = _action(main), _negated(main)
        said = _what_was_said(trigger, rules.max_phrase_words) if kind == "statement" else None
        mentions.append(EventMention(
            sentence=index, kind=kind, date=value, date_evidence=evidence, actors=actors, places=places,
            agent=agent, theme=theme, action=action, phrase=phrase, said=said, negated=negated,
        ))

    peg = _news_peg(mentions, published, rules.news_window_days)
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    for index, sent in enumerate(sentences):
        if index in by_sentence or index in undated:
            continue
        words = {t.lower_ for t in sent if not inside(quotes, t.idx, t.idx + 1)}
        if words & PEG_EXCLUDE or any(
            e.label_ in ("DATE", "TIME") and classify(e.text) == "date" and not inside(quotes, e.start_char, e.end_char)
            for e in sent.ents
        ):  # a sentence with a date of its own is not dated by the peg; "for four hours" is no date
            continue
        trigger = _meeting_reference(sent, quotes)
        if trigger is None:
            continue
        actors, places = _participants(doc, list(sent), quotes)
        for token in sent:  # "he told reporters after the meeting": he is the person last made the subject
            if token.lower_ in ("he", "she") and token.dep_ in ("nsubj", "nsubjpass"):
                person = antecedent(doc, token, persons)
                if person is not None and (clean_entity_text(person.text), "PERSON") not in actors:
                    actors.append((clean_entity_text(person.text), "PERSON"))
        if not actors:
            continue
        earlier = [
            m for m in mentions
            if m.kind == "meeting" and index - 2 <= m.sentence < index and m.date.precision == "day"
            and (published.latest is None or (m.date.latest is not None and m.date.latest <= published.latest))
        ]  # a meeting spoken of as "the meeting" has happened: never a future one
        if earlier:
            source = earlier[-1]
            evidence = f"“{trigger.text}” refers back to the meeting dated {source.date_evidence}"
        elif peg is not None:
            source, evidence = peg, "no date in the sentence: dated by the day the article's lead reports"
        else:
            continue
        mentions.append(EventMention(
            sentence=index, kind="meeting", date=source.date, date_evidence=evidence, actors=actors, places=places,
            refers_to=source.sentence,
        ))
    return sorted(mentions, key=lambda m: m.sentence)


def _meeting_reference(sent: Span, quotes) -> Optional[Token]:
    """A meeting the sentence speaks of as known ("the meeting", "their talks") or as done ("met")."""
    for token in sent:
        if inside(quotes, token.idx, token.idx + 1) or token.lemma_.lower() not in MEETING_REFERENCES:
            continue
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in token.children)
        if token.pos_ == "NOUN" and definite and token.dep_ == "pobj" and token.head.lower_ in OCCASION_PREPS:
            return token  # "after the meeting", "during their talks": the occasion the article is about
        if token.pos_ == "VERB" and token.tag_ == "VBD":
            return token
    return None


def reports_as_news(date: TimeValue, published: PublicationDate, window_days: int) -> bool:
    """Whether a day is what an article reports as news: dated to the day, and at most a few days
    before publication."""
    if date.precision != "day" or published.precision != "day" or not date.earliest or not published.earliest:
        return False
    return published.earliest - timedelta(days=window_days) <= date.earliest <= published.earliest


def _news_peg(mentions: list[EventMention], published: PublicationDate, window_days: int) -> Optional[EventMention]:
    for mention in mentions:
        if mention.sentence > 2:
            break
        if reports_as_news(mention.date, published, window_days):
            return mention
    return None
