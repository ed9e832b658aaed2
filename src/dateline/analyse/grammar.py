"""Small readings of spaCy's parse that the other analysers share: quoted regions, subjects,
pronoun antecedents (the tense of a clause is `temporal.tense`)."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token


# curly quotes (an unclosed one runs to the paragraph's end), straight quotes, and the ``...'' of
# tokenized corpora such as Timeline17
QUOTE_PAIR = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*\"|``(?:(?!'').)*''", re.M)


def clean_entity_text(text: str) -> str:
    """"the Russian Foreign Ministry’s" -> "Russian Foreign Ministry"; a quotation mark or a sentence's full stop the
    tagger took in is no part of a name ("“Operation Iraqi Freedom", "Zuwara."), an abbreviation's stop is ("U.S.",
    "Co.")."""
    text = text.strip().strip("“”\"‘").strip()
    text = re.sub(r"(?:’s|'s|’|')$", "", text)
    text = re.sub(r"(?<=[a-z]{4})\.$", "", text)
    return re.sub(r"^(?:the|The)\s+", "", text).strip()


def entity_at(token: Token) -> Optional[Span]:
    """The named entity a token is part of."""
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


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
        if current.head.i == current.i:
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


PAIR_OF_PEOPLE = {"leader", "minister", "official", "man", "woman", "president", "premier", "counterpart", "diplomat",
                  "envoy", "chief", "negotiator"}
PAIR_OF_COUNTRIES = {"side", "country", "nation", "government", "neighbor", "neighbour"}


def pair_named(doc: Doc, token: Token) -> Optional[tuple[Span, Span]]:
    """The pair "the two leaders" or "the two" stands for: the last two names joined by "and" before it, in its
    sentence or the three before (persons; countries for "the two sides", "the two countries"), else the only two
    named in the last sentences, else the only two the text has named so far."""
    if token.lower_ == "two" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        label = "PERSON"
    elif any(c.lower_ == "two" and c.dep_ == "nummod" for c in token.children):
        lemma = token.lemma_.lower()
        label = "PERSON" if lemma in PAIR_OF_PEOPLE else "GPE" if lemma in PAIR_OF_COUNTRIES else None
    else:
        return None
    if label is None:
        return None
    sentences = list(doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    start = sentences[max(0, index - 3)].start
    names = {e.root.i: e for e in doc.ents if e.label_ == label and start <= e.start and e.end <= token.i}
    # "Lundgren and her Icelandic counterpart, Sigurður Bjarnason": the name in apposition to the conjunct is joined too
    pairs = [(names[i], names[n.i]) for i in names for c in names[i].root.conjuncts
             for n in (c, *(a for a in c.children if a.dep_ == "appos")) if n.i in names and n.i > i]
    if pairs:
        return max(pairs, key=lambda pair: pair[1].start)
    near = _only_two_named([e for e in names.values() if e.start >= sentences[max(0, index - 2)].start])
    # else the only two the text has named so far, however far back ("... Lundgren and her counterpart, Bjarnason,
    # met" and quotes of each, then "The two ministers agreed")
    return near or _only_two_named([e for e in doc.ents if e.label_ == label and e.end <= token.i])


def _only_two_named(named: list[Span]) -> Optional[tuple[Span, Span]]:
    """The two people named in the last sentences when they are the only two ("Motegi ... had a discussion with his
    counterpart, Sergey Lavrov. ... The two agreed"), each by the fullest name used (a surname is the same person)."""
    fullest: dict[str, Span] = {}
    for ent in sorted(named, key=lambda e: e.start):
        key = clean_entity_text(ent.text).split()[-1]
        if key not in fullest or len(ent.text) > len(fullest[key].text):
            fullest[key] = ent
    return tuple(sorted(fullest.values(), key=lambda e: e.start)) if len(fullest) == 2 else None


RELATIVE_OPENERS = {"who", "whose", "which"}
SUBJECT_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def misattached_subject(verb: Token) -> Optional[Token]:
    """The subject of a verb the parser left without one, attaching it elsewhere: the name that ends right before
    it ("... with Putin and Lavrov, Deputy Minister Igor Morgulov, who is in charge of the talks, said", parsed as a
    third man in the talks), over a relative clause set off by commas. None when the verb has a subject or is not
    finite."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None  # a finite verb only: "missiles in Japan following the treaty's end" has no subject to find
    doc, i = verb.doc, verb.i - 1
    if i > verb.sent.start and doc[i].text == ",":
        opener = next((k for k in range(i - 1, verb.sent.start, -1)
                       if doc[k].text == "," and doc[k + 1].lower_ in RELATIVE_OPENERS), None)
        if opener is None:
            return None
        i = opener - 1
    if i < verb.sent.start or doc[i].pos_ != "PROPN" or doc[i].ent_type_ not in SUBJECT_ENTS:
        return None
    return doc[i]


def and_joined(names: list[str]) -> str:
    """"A", "A and B", "A, B and C": names as a sentence lists them."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def pair_names(pair: tuple[Span, Span]) -> str:
    """The pair "the two" stands for, by name: "Toshimitsu Motegi and Sergey Lavrov"."""
    return and_joined([clean_entity_text(p.text) for p in pair])


_ONE_SYLLABLE_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


def verb_lemma(token: Token) -> str:
    """A verb's lemma, mended where the lemmatizer stripped only "-d" from a verb ending in "e": "raged" is "rage",
    not "rag", since a one-syllable "rag" would double its last letter ("ragged")."""
    lemma, form = token.lemma_.lower(), token.lower_
    if token.tag_ in ("VBD", "VBN") and form == lemma + "ed" and _ONE_SYLLABLE_CVC.match(lemma):
        return lemma + "e"
    return lemma
