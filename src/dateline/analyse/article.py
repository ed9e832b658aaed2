"""Run the analysers over one article's clean text.

The publication date and the time expressions depend on each other: inferring a date
reads the years the text speaks of in the past, and resolving "Thursday" needs the date.
So the parse comes first, then the publication date (if metadata gave none), then the
resolution of every expression against it.
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional, Sequence

from spacy.tokens import Doc, Span

from dateline.analyse.events import extract_event_mentions
from dateline.analyse.grammar import clean_entity_text, inside, quoted_regions
from dateline.temporal.tense import dates_a_noun, governing_verb, span_direction, starts_after
from dateline.analyse.nlp import load_nlp
from dateline.clean.chrome import OPENING_REACH, opening_length
from dateline.analyse.quotes import find_quotes
from dateline.analyse.roles import ABBREVIATED, affiliations, person_roles, portfolio_in_title
from dateline.settings import AttributionSettings
# ArticleAnalysis, QuoteMention and EventMention are plain data: they live in models (re-exported here for old imports)
from dateline.models import (ArticleAnalysis, EntityMention, EventMention, PublicationDate, QuoteMention, Sentence,  # noqa: F401
                             TimeExpression, TimeValue)
from dateline.temporal import infer_publication_date, resolve_expression
from dateline.temporal.calendar import NAMES_A_YEAR, Interval, interval_to_value
from dateline.temporal.timex import Timex, tag_uncertain
from dateline.temporal.constraints import Constraint
from dateline.temporal.pubdate import Mention, reader_comments_start
from dateline.settings import DatingSettings

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
RELATIVE = re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next|last|this|ago)\b")


# a clock's zone ("9:22 p.m. ET", "0600 GMT") the tagger may read as an organisation or a place: no one's name
TIME_ZONES = {"et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet",
              "cest", "eet", "eest", "msk", "jst", "ist", "hkt", "sgt", "aest", "aedt"}


# the tags of a word the tagger reads as no noun, which starts no name however capitalised ("Suppose", "Meanwhile")
NOT_IN_A_NAME = {"VB", "VBD", "VBP", "VBZ", "RB", "IN", "UH", "MD", "PRP", "WRB", "WP", "CC"}


NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "la", "le",
                  "bin", "ibn", "al", "el", "ter", "ten", "y", "e", "of", "and", "for", "the"}


def _name_word(word: str) -> bool:
    """A word that can stand in a name: capitalised, not a letter word ("5G"), a particle
    ("von der Leyen", "bin Salman"), or a particle joined to a capital ("al-Assad")."""
    if not word[:1].isalpha() or word[:1].isupper():
        return True
    head, _, rest = word.partition("-")
    return head.lower() in NAME_PARTICLES and (not rest or rest[:1].isupper())


def tidy_entities(doc: Doc) -> None:
    """Correct the tagger where the text itself says otherwise, once, so that every analyser sees
    the same entities: names are capitalised ("mackerel quotas" is no person), a name does not end
    in "of", a sentence's capitalised first adjective is no name ("Coastal communities"), people do not
    take an article ("the Svalbard Box" is a place), and a lone "person" word that begins a place's name
    in the same text, with no one of that surname named in full, is that place ("around Svalbard"). A clock's
    zone ("9:22 p.m. ET") is no name, nor a verb or an adverb the name starts with ("Suppose George W. Bush"), nor the
    portfolio in a title ("Secretary of State Hillary Clinton") or a rank alone ("Cmdr")."""
    tidy = []
    for ent in doc.ents:
        words = ent.text.split()
        if len(words) == 1 and words[0].lower().strip(".") in TIME_ZONES and words[0].isupper():
            continue
        if ent.label_ in ("PERSON", "ORG") and not all(_name_word(w) for w in words):
            continue
        if words and words[-1].lower() in ("of", "and", "the", "for"):
            continue
        if ent.label_ in ("PERSON", "ORG") and _capitalised_adjective(ent):
            continue
        if portfolio_in_title(ent):
            continue  # "Defense" in "U.S. Defense Secretary Robert Gates": part of his title
        if len(words) == 1 and words[0].endswith(".") and words[0].lower().rstrip(".") in ABBREVIATED:
            continue  # "Cmdr." of "Cmdr. Monica Rousselow" tagged alone: a rank, no one (but "Sen said" is Amartya Sen)
        if ent.label_ in ("PERSON", "ORG") and len(ent) > 1 and ent[0].tag_ in NOT_IN_A_NAME:
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)  # "Suppose George W. Bush had won": the verb is no name
        if ent.label_ == "PERSON" and (ent[0].lower_ == "the" or ent.start > 0 and doc[ent.start - 1].lower_ == "the"):
            ent = Span(doc, ent.start, ent.end, label="LOC")
        elif ent.label_ == "PERSON" and len(ent) == 1 and _listed_with_places(ent):
            ent = Span(doc, ent.start, ent.end, label="LOC")  # "Iturup, Kunashir, Shikotan and Habomai"
        tidy.append(ent)
    doc.ents = _places_their_names_begin(doc, tidy)


def _places_their_names_begin(doc: Doc, ents: list[Span]) -> list[Span]:
    """A lone "person" word that begins a place's name in the same text ("around Svalbard" beside "the Svalbard
    Box") is that place, unless someone of that surname is named in full ("Maria Hollis" and "the Hollis Bridge")."""
    heads = {words[0] for e in ents if e.label_ in ("GPE", "LOC", "FAC")
             and len(words := [t.text for t in e if t.lower_ != "the"]) > 1}
    full_names = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    return [Span(doc, e.start, e.end, label="LOC")
            if e.label_ == "PERSON" and len(e) == 1 and e.text in heads and e.text not in full_names else e
            for e in ents]


def _capitalised_adjective(ent: Span) -> bool:
    """A one-word "name" that opens its sentence as an adjective of a common noun: capitalised only for its place."""
    token = ent[0]
    return (len(ent) == 1 and token.is_sent_start and token.pos_ == "ADJ" and token.dep_ == "amod"
            and token.head.pos_ == "NOUN" and token.head.text.islower())


def _listed_with_places(ent: Span) -> bool:
    """A one-word "person" in a list whose other members are places is a place too."""
    root = ent.root
    members = list(root.conjuncts)
    return bool(members) and all(m.ent_type_ in ("GPE", "LOC", "FAC") for m in members)


def _extra_person_mentions(doc: Doc, persons: list[Span]) -> list[Span]:
    """Surnames of people the article names, where the tagger missed them ("meet with Lavrov")."""
    surnames = {p[-1].text for p in persons if p[-1].text[:1].isupper()}
    taken = {i for e in doc.ents for i in range(e.start, e.end) if e.label_ == "PERSON"}
    extra = []
    for token in doc:
        if token.text in surnames and token.i not in taken:
            extra.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return extra


TIMEX_KIND = {"DATE": "date", "TIME": "date", "DURATION": "duration", "SET": "set"}


def add_timex3(expressions: list[TimeExpression], timexes: list[Timex], starts: list[int]) -> list[TimeExpression]:
    """Give each expression the TimeML reading of the TIMEX3 that overlaps it most, and add the
    TIMEX3s no expression covers ("now", "every week", "three years"), in text order; `starts`: where each of the
    article's sentences starts."""
    taken: set[int] = set()
    for e in expressions:
        best = max(((min(e.end, t.end) - max(e.start, t.start), i) for i, t in enumerate(timexes)), default=(0, -1))
        if best[0] > 0 and best[1] not in taken:
            t = timexes[best[1]]
            taken.add(best[1])
            e.type, e.value, e.mod, e.anchor = t.type, t.value, t.mod, t.anchor  # type: ignore[assignment]
    extra = []
    for i, t in enumerate(timexes):
        if i in taken or any(e.start < t.end and t.start < e.end for e in expressions):
            continue
        sentence = max((n for n, start in enumerate(starts) if start <= t.start), default=0)
        resolved = interval_to_value(Interval(t.earliest, t.latest, t.precision)) if t.earliest and t.latest else TimeValue()  # type: ignore[arg-type]
        kind = TIMEX_KIND[t.type] if t.earliest or t.type in ("DURATION", "SET") else "unresolved"
        extra.append(TimeExpression(text=t.text, sentence=sentence, start=t.start, end=t.end, kind=kind,  # type: ignore[arg-type]
                                    resolved=resolved, type=t.type, value=t.value, mod=t.mod, anchor=t.anchor))  # type: ignore[arg-type]
    return sorted(expressions + extra, key=lambda e: e.start)


MODALS = {"would", "could", "might", "should", "may", "must", "can", "'d"}


def _loose_tense(span: Span) -> bool:
    """The clause's tense says little about when: a bare present ("Obama speaks", a caption or a
    headline, read as a schedule), also above an infinitive ("continues to spread April 29"), a
    modal ("would finish by 2011", reported plans), or a date that dates a noun, not the clause
    ("the Nov. 5, 2009, shooting", "the 2011 race")."""
    root = span.root
    if dates_a_noun(root):
        return True
    verb = governing_verb(root)
    for _ in range(3):
        if verb is None:
            return False
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & MODALS or (verb.tag_ in ("VBZ", "VBP") and not auxes - {"to"}):
            return True
        if not (verb.tag_ == "VB" and "to" in auxes | {c.lower_ for c in verb.children}) or verb.head.i == verb.i:
            return False
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else None
    return False


def _infinitive_ahead(span: Span, direction: str) -> bool:
    """A date with its year read as ahead through a to-infinitive ("an effort to prevent swine flu in Ipoh April 29,
    2009", "promised to focus on safety after the 2005 explosion"): an infinitive has no tense of its own, and the
    parser hangs a noun's or a caption's date on it. Over the Timeline17 pages such a date lay after publication in 37
    of 103 cases: it bounds nothing."""
    verb = governing_verb(span.root)
    return (direction == "future" and verb is not None and verb.tag_ == "VB"
            and NAMES_A_YEAR.search(span.text) is not None and any(c.lower_ == "to" for c in verb.children))


def _mention(span: Span, direction: str, sentence: int, quotes) -> Mention:
    loose = _loose_tense(span) or _infinitive_ahead(span, direction)
    return Mention(span.text, direction, sentence, inside(quotes, span.start_char, span.end_char), loose)


def _arranged(span: Span) -> Optional[str]:
    """A present progressive with a date is a planned arrangement, so it speaks of the future ("is
    seeking an agreement in June", "are meeting on Friday"); "future" then, else None."""
    verb = governing_verb(span.root)
    if verb is None or verb.tag_ != "VBG" or starts_after(span):  # "are discussing it from 4 May": going on since
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "be" for a in auxes) and not any("Past" in a.morph.get("Tense") for a in auxes):
        head = verb.head if any(a.lower_ == "to" for a in auxes) else verb
        if head.i == verb.i or not ("Past" in head.morph.get("Tense") and head.tag_ == "VBD"):
            return "future"
    return None


def _opening_alone(doc: Doc, sent: Span) -> bool:
    length = opening_length(doc.text[sent.start_char:sent.start_char + 2 * OPENING_REACH])
    return bool(length) and sent.start_char + length >= sent.end_char


def story_sentences(doc: Doc) -> tuple[list[Span], dict[int, int], dict[int, int]]:
    """The article's sentences: the parse's, with a wire opening the parser read apart (analyse/nlp.py) counted in
    the sentence it opens, as the writer wrote it. Returns the sentences the story's words are parsed in, where each
    that an opening heads starts (by its first token), and each parsed sentence's index (an opening's is its
    sentence's)."""
    sentences: list[Span] = []
    openings: dict[int, int] = {}
    index: dict[int, int] = {}
    pending: list[Span] = []  # the pieces of an opening, waiting for the sentence they open
    parsed = list(doc.sents)
    for n, sent in enumerate(parsed):
        if n + 1 < len(parsed) and _opening_alone(doc, sent):
            pending.append(sent)
            continue
        index[sent.start] = len(sentences)
        if pending:
            openings[sent.start] = pending[0].start_char
            index.update({p.start: len(sentences) for p in pending})
            pending = []
        sentences.append(sent)
    return sentences, openings, index


def analyse_text(
    text: str,
    published: Optional[PublicationDate],
    head: str = "",
    crawled: Optional[str] = None,
    doc: Optional[Doc] = None,
    hints: Sequence[Constraint] = (),
    attribution: AttributionSettings = AttributionSettings(),
    dating: DatingSettings = DatingSettings(),
    page: Optional[str] = None,
) -> ArticleAnalysis:
    """Analyse clean text; `published` is None when no metadata gave a date (it is inferred then,
    with `hints`: what the outlet, the manifest or the corpus's dated articles say about the date, and
    `page`: the page as scraped, whose posts and notes written after publication cleaning cut)."""
    doc = doc if doc is not None else load_nlp()(text)
    quotes = quoted_regions(text)

    tidy_entities(doc)
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    extra = _extra_person_mentions(doc, persons)
    if extra:
        ents = [e for e in doc.ents if not any(e.start <= x.start < e.end for x in extra)]
        try:
            doc.ents = sorted(ents + extra, key=lambda s: s.start)
        except ValueError:
            pass

    sentences, openings, sentence_index = story_sentences(doc)
    sentence_models = [Sentence(index=i, text=doc.text[openings.get(s.start, s.start_char):s.end_char].strip(),
                                start=openings.get(s.start, s.start_char), end=s.end_char) for i, s in enumerate(sentences)]

    date_spans = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    directions = {e.start: span_direction(e) for e in date_spans}
    if published is None:
        # readers write after publication and quote what they like: their dates bound nothing (the page's stamps of
        # their posts are read apart, by infer_publication_date)
        comments_from = reader_comments_start(text)
        mentions = [_mention(e, _arranged(e) or directions[e.start], sentence_index[e.sent.start], quotes)
                    for e in date_spans if comments_from is None or e.start_char < comments_from]
        published = infer_publication_date(head, text, crawled=crawled, mentions=mentions, hints=hints, rules=dating,
                                           page=page)

    anchor = published.as_time_value() if published.earliest else None
    speech_anchor = None
    if anchor is not None and anchor.earliest is not None and anchor.latest is not None:
        speech_anchor = TimeValue(earliest=anchor.earliest - timedelta(days=attribution.quote_lag_days), latest=anchor.latest)
    expressions: list[TimeExpression] = []
    dated = []  # the dates of the story's sentences (a wire opening's day is the filing's: it dates no event)
    sentences_by_start = {s.start for s in sentences}
    for span in date_spans:
        in_quote = inside(quotes, span.start_char, span.end_char)
        # inside a quote, "tomorrow" is the speaker's tomorrow: the words were said up to a few days
        # before publication, so they are resolved over that span and keep only what both ends agree on
        use_anchor = speech_anchor if in_quote and RELATIVE.search(span.text) else anchor
        kind, value = resolve_expression(span.text, use_anchor, directions[span.start])
        expressions.append(TimeExpression(
            text=span.text, sentence=sentence_index[span.sent.start], start=span.start_char, end=span.end_char,
            kind=kind, direction=directions[span.start], resolved=value,
        ))
        if kind in ("date", "unresolved") and span.sent.start in sentences_by_start:
            dated.append((span, value))  # unresolved ones still mark a clause as dated, if not to a day we know

    expressions = add_timex3(expressions, tag_uncertain(text, published.earliest, published.latest, doc, rules=dating),
                             [m.start for m in sentence_models])

    entities = []
    roles: dict[str, list[str]] = {}
    affiliation_words = affiliations(doc)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or ent.sent.start not in sentences_by_start:
            continue  # a wire opening's place and agency are the filing's (the agency is the article's), no actors
        name = clean_entity_text(ent.text)
        if not name or not any(c.isalpha() for c in name):
            continue
        entities.append(EntityMention(
            text=name, label=ent.label_, sentence=sentence_index[ent.sent.start], start=ent.start_char, end=ent.end_char,
        ))
        if ent.label_ == "PERSON":
            for role in person_roles(ent, affiliation_words):
                roles.setdefault(name, [])
                if role not in roles[name]:
                    roles[name].append(role)

    found = find_quotes(doc, sentence_index, attribution)
    return ArticleAnalysis(
        published=published,
        sentences=sentence_models,
        entities=entities,
        time_expressions=expressions,
        quotes=[QuoteMention(text=q.text, sentence=q.sentence, speaker_text=clean_entity_text(q.speaker_text) if q.speaker_text else None,
                             speaker_is_person=q.speaker_is_person, partial=q.partial, cue=q.cue, direct=q.direct,
                             cue_first=q.cue_first, start=q.start, end=q.end,
                             speakers=[clean_entity_text(n) for n in q.speakers]) for q in found],
        events=extract_event_mentions(doc, sentences, dated, published, quotes, attribution),
        roles=roles,
    )
