"""Small readings of spaCy's parse that the other analysers share: tense of the clause
a phrase sits in, the verb it hangs from, quoted regions, pronoun antecedents."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from dateline.temporal.resolve import Direction

FUTURE_WORDS = {"next", "coming", "upcoming", "later", "tomorrow"}
PAST_WORDS = {"last", "ago", "past", "earlier", "yesterday", "previous", "previously"}
# curly quotes (an unclosed one runs to the paragraph's end), straight quotes, and the ``...'' of
# tokenized corpora such as Timeline17
QUOTE_PAIR = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*\"|``(?:(?!'').)*''", re.M)


def clean_entity_text(text: str) -> str:
    """"the Russian Foreign Ministry’s" -> "Russian Foreign Ministry"."""
    text = re.sub(r"(?:’s|'s|’|')$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text).strip()


def governing_verb(token: Token, max_steps: int = 6) -> Optional[Token]:
    current = token
    for _ in range(max_steps):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return current
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") and current is not token else None
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
}


def verb_direction(verb: Token, depth: int = 0) -> Direction:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowered = {a.lower_ for a in auxes}
    if lowered & {"will", "shall", "'ll", "wo"}:
        return "future"
    if any("Past" in a.morph.get("Tense") for a in auxes) or "Past" in verb.morph.get("Tense") and verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and lowered & {"has", "have", "had", "was", "were", "been"}:
        return "past"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children):
        # "planned to leave on Thursday" points ahead; "declined to comment Saturday" happened
        # when its matrix verb did
        head = verb.head
        if head is verb or head.lemma_.lower() in FORWARD_LOOKING or depth >= 4:
            return "future"
        if head.pos_ in ("VERB", "AUX"):
            return verb_direction(head, depth + 1)
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        if verb.lemma_ == "be":
            return "none"
        # "meets Monday" is a schedule; "says Monday" is news of what was said
        return "past" if verb.lemma_.lower() in SPEECH_VERBS else "future"
    if verb.tag_ == "VBN":
        head = governing_verb(verb)
        return verb_direction(head, depth + 1) if head is not None and depth < 4 else "past"
    return "none"


def span_direction(span: Span) -> Direction:
    words = {t.lower_ for t in span}
    if words & FUTURE_WORDS:
        return "future"
    if words & PAST_WORDS:
        return "past"
    verb = governing_verb(span.root)
    return verb_direction(verb) if verb is not None else "none"


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages (quote marks included), paragraph by paragraph."""
    regions = []
    offset = 0
    for para in text.split("\n\n"):
        for m in QUOTE_PAIR.finditer(para):
            regions.append((offset + m.start(), offset + m.end()))
        offset += len(para) + 2
    return regions


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def subject_of(verb: Token) -> Optional[Token]:
    """The subject of a verb, borrowed from the verbs above it when it has none ("quoted as
    saying", "suggested ... by saying"); a person or he/she is preferred over a thing on the way up."""
    first: Optional[Token] = None
    current: Optional[Token] = verb
    for _ in range(5):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.ent_type_ == "PERSON" or child.lower_ in ("he", "she"):
                    return child
                first = first or child
        if current.head is current:
            break
        current = current.head
    return first


def person_at(doc: Doc, token: Token) -> Optional[Span]:
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return ent
    return None


def antecedent(doc: Doc, pronoun: Token, persons: list[Span]) -> Optional[Span]:
    """The person a he/she most likely refers to: earlier in the sentence, else the subject
    (or first person) of the nearest earlier sentence that names one."""
    sent = pronoun.sent
    before = [p for p in persons if sent.start <= p.start and p.end <= pronoun.i]
    if before:
        subjects = [p for p in before if p.root.dep_ in ("nsubj", "nsubjpass")]
        return (subjects or before)[-1]
    sentences = list(doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start == sent.start)
    for previous in reversed(sentences[max(0, index - 3):index]):
        named = [p for p in persons if previous.start <= p.start and p.end <= previous.end]
        if named:
            subjects = [p for p in named if p.root.dep_ in ("nsubj", "nsubjpass")]
            return (subjects or named)[0]
    return None
