"""Direct and partial quotes with their speakers, where the text says who spoke.

A quoted passage is attributed through the nearest speech verb outside it in the same
sentence (its subject, or the subject of the verb it depends on, as in "was quoted as
saying"); he/she is resolved to the person the text last made the subject. A quote that
follows an attributed one in the same paragraph with no attribution of its own continues
the same speaker. Short quoted phrases count only when a person is said to have said them,
so scare quotes do not become quotes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from dateline.analyse.grammar import SPEECH_VERBS, antecedent, person_at, quoted_regions, subject_of

PRONOUNS = {"he", "she"}


@dataclass
class FoundQuote:
    text: str
    start: int
    end: int
    sentence: int
    speaker_text: Optional[str]
    speaker_is_person: bool
    partial: bool


def _speaker_for(doc: Doc, region: tuple[int, int], sents: list[Span], persons: list[Span]) -> tuple[Optional[str], bool]:
    start, end = region
    verbs = [
        t for sent in sents for t in sent
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") and not (start <= t.idx < end)
    ]
    if not verbs:
        return None, False
    first = doc.char_span(start, end, alignment_mode="expand")[0]
    governing = [t for t in verbs if t.left_edge.i <= first.i <= t.right_edge.i]
    if governing:  # the verb whose complement holds the quote, innermost first
        verb = min(governing, key=lambda t: t.right_edge.i - t.left_edge.i)
    else:
        verb = min(verbs, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)))
    subject = subject_of(verb)
    if subject is None:
        return None, False
    if subject.lower_ in PRONOUNS:
        person = antecedent(doc, subject, persons)
        return (person.text, True) if person is not None else (None, False)
    person = person_at(doc, subject)
    if person is None:  # "her counterpart, Bjarnason, said"
        person = next((person_at(doc, c) for c in subject.children if c.dep_ == "appos" and person_at(doc, c)), None)
    if person is not None:
        return person.text, True
    phrase = doc[subject.left_edge.i: subject.right_edge.i + 1]
    if phrase.end_char - phrase.start_char > 80:
        return None, False
    return phrase.text, False


def find_quotes(doc: Doc, sentence_index: dict[int, int]) -> list[FoundQuote]:
    """`sentence_index` maps a sentence's start token to its index in the article."""
    text = doc.text
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    found: list[FoundQuote] = []
    previous: Optional[FoundQuote] = None
    previous_paragraph = -1
    for region in quoted_regions(text):
        start, end = region
        opening = 2 if text.startswith("``", start) else 1
        closing = 2 if text.endswith("''", 0, end) and opening == 2 else (1 if text[end - 1] in "”\"" else 0)
        inner = text[start + opening: end - closing].strip()
        words = inner.split()
        if not words:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span[0].sent
        sents = [sent] if span[-1].sent.start == sent.start else [sent, span[-1].sent]
        paragraph = text.count("\n\n", 0, start)
        speaker, is_person = _speaker_for(doc, region, sents, persons)
        partial = not (inner[:1].isupper() and inner[-1:] in ".,!?…")
        if speaker is None and previous is not None and previous_paragraph == paragraph and previous.speaker_text:
            speaker, is_person = previous.speaker_text, previous.speaker_is_person  # a continued quote
        if len(words) < 4 and not is_person:
            continue  # a scare-quoted term, not something someone is reported to have said
        quote = FoundQuote(inner, start, end, sentence_index[sent.start], speaker, is_person, partial)
        found.append(quote)
        previous, previous_paragraph = quote, paragraph
    return found
