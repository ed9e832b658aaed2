"""The tense of the clause a phrase sits in, read from spaCy's parse: what resolves a time
expression's direction (past, future) and what the attribution and event analysers share. It lives
under temporal/ because the TIMEX3 tagger needs it, and analysis builds on temporal, not the reverse."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from dateline.temporal.calendar import Direction

FUTURE_WORDS = {"next", "coming", "upcoming", "later", "tomorrow"}
PAST_WORDS = {"last", "ago", "past", "earlier", "yesterday", "previous", "previously"}

def governing_verb(token: Token, max_steps: int = 6) -> Optional[Token]:
    # tokens compare by position: spaCy makes a new Token object for every `.head`, so `is` never matches
    current = token
    for _ in range(max_steps):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:
            return None  # the root, reached without a verb above the token
        current = current.head
    return None


SPEECH_VERBS = {
    "say", "tell", "add", "note", "state", "stress", "emphasize", "emphasise", "declare", "insist", "warn",
    "vow", "pledge", "urge", "ask", "reply", "respond", "explain", "suggest", "indicate", "argue", "claim",
    "announce", "write", "comment", "remark", "quote", "acknowledge", "admit", "assert", "complain",
    "concede", "confirm", "deny", "predict", "promise", "recall", "reiterate", "tweet", "mention", "call",
    "describe", "express", "voice", "caution", "underscore", "underline",
}
FORWARD_LOOKING = {
    "plan", "schedule", "expect", "intend", "prepare", "hope", "aim", "want", "seek", "set", "due", "likely",
    "ready", "agree", "promise", "vow", "pledge", "threaten", "decide", "propose", "arrange", "try", "need",
    "wish", "going", "able", "about", "poise", "slate", "begin", "start", "continue",
    # directives: what one is asked or urged to do comes after the asking (not "forced to step down", "persuaded
    # to resign", "allowed to leave": those say it was done)
    "ask", "urge", "order", "encourage", "invite", "instruct", "authorize", "authorise", "press",
}
# nouns that look ahead: a date they hold ("forecasts for 2009", "the 2010 budget") is what they are about, not
# when the clause's event happened
PROSPECTIVE = {"forecast", "budget", "plan", "target", "outlook", "projection", "estimate", "guidance", "goal",
               "schedule", "deadline", "prospect", "expectation", "prediction", "timetable", "agenda"}


# how a date is part of a noun phrase ("the 2010 budget", "Tokyo's 1945 surrender", "last year's election")
NOUN_MODIFIER = {"compound", "nummod", "nmod", "amod", "poss"}

PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
# what one "would not" do on a day is a refusal that day ("the spokesman would not comment Tuesday"), not a plan
REFUSALS = SPEECH_VERBS | {"comment", "elaborate", "discuss", "disclose", "identify", "specify", "answer", "reveal",
                           "release", "give", "provide", "name", "speculate"}
# a participle that modifies a noun or a clause rather than heading a tensed verb group
PARTICIPLE_MODIFIER = {"acl", "amod", "advcl", "relcl"}


def _looked_ahead_from_past(head: Token, depth: int) -> bool:
    """Future in the past: a bare participle looking ahead ("a concert, expected to take place in
    September 2009, was canceled"; "a board set up to report on the explosion on 20 April") inside a
    past-tense clause. What was then ahead may since have happened, so the day is on neither side of
    today for certain. A tensed "planned to" or "was expected to" keeps news style's reading: ahead."""
    if head.tag_ != "VBN" or head.dep_ not in PARTICIPLE_MODIFIER or depth >= 4:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False
    outer = governing_verb(head)
    return outer is not None and verb_direction(outer, depth + 1) == "past"


def verb_direction(verb: Token, depth: int = 0, own_clause: bool = True) -> Direction:
    """The direction of the verb's tense; `own_clause` is False where the date is not of the verb's own clause (a
    noun's date, or a participle's that takes its head's tense), and a "would" tells nothing of it ("said Wednesday's
    attacks would be investigated")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {a.lower_ for a in auxes}
    if lowered & {"will", "shall", "'ll", "wo"}:
        return "future"
    if own_clause and "would" in lowered and not lowered & {"have", "'ve"}:
        # the future seen from a past saying ("he said he would leave on Friday"): news reports it while that is
        # still ahead. "Would have met" is a past that did not happen, and "would not comment Tuesday" a refusal then
        refused = any(c.dep_ == "neg" for c in verb.children) and verb.lemma_.lower() in REFUSALS
        return "past" if refused else "future"
    if any("Past" in a.morph.get("Tense") for a in auxes) or "Past" in verb.morph.get("Tense") and verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and lowered & {"has", "have", "had", "was", "were", "been"}:
        return "past"
    if verb.tag_ == "VBN" and lowered & PRESENT_BE:
        # a present passive is a schedule or a standing fact ("the album is released on Monday 8 March"), not news
        # of what happened: it says nothing of which side of today the day lies
        return "none"
    if any(c.lower_ == "to" and c.dep_ in ("aux", "mark") for c in verb.children) and (
            verb.tag_ == "VB" or verb.tag_ == "VBN" and "be" in lowered):  # "to leave", "to be broadcast"
        # "planned to leave on Thursday" points ahead; "declined to comment Saturday" happened
        # when its matrix verb did
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in FORWARD_LOOKING and _looked_ahead_from_past(head, depth):
            return "none"
        if head.i == verb.i or head.lemma_.lower() in FORWARD_LOOKING or depth >= 4:
            return "future"
        if head.pos_ in ("VERB", "AUX"):
            return verb_direction(head, depth + 1)
        if head.pos_ == "ADJ":
            # "aid has been slow to reach survivors": the adjective's clause has the tense
            outer = governing_verb(head)
            return verb_direction(outer, depth + 1) if outer is not None else "none"
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        if verb.lemma_ == "be" or not own_clause:
            # nor is a noun's day ahead because its clause is in the present: "Thursday's vote offers a broad
            # mandate" speaks of a vote already held, "Sunday's election marks a turn" of one on either side
            return "none"
        # "meets Monday" is a schedule; "says Monday" is news of what was said
        return "past" if verb.lemma_.lower() in SPEECH_VERBS else "future"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes and verb.lemma_.lower() not in FORWARD_LOOKING:
        return "past"  # "a message sent on Jan 13", "the resolution adopted Wednesday": a thing done, whatever the clause
    if verb.tag_ == "VBN":
        # a participle takes its head's tense, but not a "would": "would appeal the decision, announced Wednesday"
        head = governing_verb(verb)
        return verb_direction(head, depth + 1, own_clause=False) if head is not None and depth < 4 else "past"
    return "none"


def ahead_by_modal(span: Span) -> bool:
    """Whether the phrase's own verb looks ahead with "would" ("said the father would be traveling Thursday"): as
    firm a sign of the future as "will", where a "would" elsewhere in the sentence is not."""
    verb = governing_verb(span.root)
    return verb is not None and not dates_a_noun(span.root) and verb_direction(verb) == "future" and any(
        c.lower_ == "would" for c in verb.children if c.dep_ == "aux")


def dates_a_noun(token: Token) -> bool:
    """Whether the phrase is part of a noun ("said Wednesday's attacks would be investigated"): the date is the
    noun's, whatever the "would" of its verb says of what is done to it."""
    # a possessive is a noun's whatever the parser hangs it from ("Sunday's election marks": "marks" the head)
    return token.dep_ == "poss" or token.dep_ in NOUN_MODIFIER and token.head.pos_ in ("NOUN", "PROPN")


def span_direction(span: Span) -> Direction:
    words = {t.lower_ for t in span}
    if words & FUTURE_WORDS:
        return "future"
    if words & PAST_WORDS:
        return "past"
    if _held_by_prospective_noun(span):
        return "none"
    verb = governing_verb(span.root)
    if verb is not None and _after_since(span.root, verb):
        return "past"  # "since the first tremor on 12 January": what a "since" starts from is behind
    if verb is not None and verb.lemma_.lower() in DEADLINE_SETTERS and _after_until(span):
        return "future"  # "extended the ban until Tuesday": a deadline set is ahead, whatever the tense of setting it
    direction = verb_direction(verb, own_clause=not dates_a_noun(span.root)) if verb is not None else "none"
    if direction == "future" and starts_after(span):
        return "none"
    return direction


def starts_after(span: Span) -> bool:
    """A date a clause looking ahead or going on starts after ("shipments received after 21 April will be banned",
    "are discussing the response from 4 May", but not "will run from June to July"): the clause's event is after
    it, but the date may be behind as well as ahead, so it gives no direction."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in ("after", "since") or _dates_a_thing(span)


def _held_by_prospective_noun(span: Span) -> bool:
    """Whether the phrase is what a forward-looking noun is about: "its forecasts for 2009", "the 2010 budget"."""
    root = span.root
    if root.dep_ in NOUN_MODIFIER and root.head.lemma_.lower() in PROSPECTIVE:
        return True
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "for":
        return False
    held = prep.head  # "forecasts for 2009", or the parser's "lowered [its forecasts] [for 2009]"
    return held.lemma_.lower() in PROSPECTIVE or held.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in PROSPECTIVE for c in held.children)


def _after_since(token: Token, verb: Token) -> bool:
    """Whether a "since" stands on the path from the phrase up to its verb."""
    current = token
    for _ in range(6):
        if current.i == verb.i or current.head.i == current.i:
            return False
        if current.lower_ == "since":
            return True
        current = current.head
    return False


# verbs that set a deadline or a new day: what they put off "until" a day is ahead when they are done
DEADLINE_SETTERS = {"extend", "give", "grant", "allow", "postpone", "adjourn", "delay", "defer", "suspend", "push",
                    "reschedule", "put"}


def _after_until(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "on" and span.start > 1:
        before = span.doc[span.start - 2]
    return before is not None and before.lower_ in ("until", "till")


RANGE_END = {"to", "until", "till", "through", "-", "–", "and"}


def _dates_a_thing(span: Span) -> bool:
    """A "from" date that starts no range names where a thing comes from ("catch up on the podcast from June
    2008", "a letter from March"), not when the clause's event happens: a clause looking ahead leaves it behind."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (before is not None and before.lower_ == "from" and not any(t.lower_ in RANGE_END for t in span)
            and (after is None or after.lower_ not in RANGE_END))
