"""Attributions: direct quotes, partial quotes and reported speech or thought, each with its cue,
its content and its source.

Read from spaCy's dependency parse:
- a cue verb (`dateline.analyse.cues`) outside quotation marks; its content is its clausal
  complement ("said [that the talks failed]"), the clause it interrupts ("The talks, he said,
  failed"), its infinitival complement with the object before it ("urged [Congress to act]"), or
  what it judges ("criticized [the plan]"); its source is its subject, the agent of a passive, or
  the subject it borrows from the verb it hangs from ("..., adding that"); "according to X" makes
  X the source of the clause it modifies;
- a quoted passage joins the attribution whose content it overlaps; otherwise the cue in its
  sentence or an introducing sentence ending in a colon attributes it ("He said: “…”"); a quoted
  passage with no cue of its own continues the speaker of the quote before it in the paragraph
  (or the one before that, for a quote running over paragraphs) and becomes another piece of it;
- he/she/who resolve to the person last named (the subject preferred) in the sentences before.
Short quoted phrases count only when a cue attributes them, so scare quotes are no quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from dateline.analyse.gazetteer import is_place_name
from dateline.analyse.cues import CUE_VERBS, OBJECT_IS_LISTENER, PREPOSITIONAL, SPEECH, THOUGHT
from dateline.analyse.grammar import and_joined, clean_entity_text, entity_at, misattached_subject, pair_named
from dateline.analyse.roles import TITLE_HEADS, affiliations, titles_before
from dateline.settings import AttributionSettings

PERSONAL = {"he", "she", "him", "her"}
# senses that are attribution cues only with a clause ("found that"), not with an object ("found the keys")
AMBIGUOUS = {"continue", "text", "relate", "charge", "figure", "bet", "term", "find", "post", "back"}
QUOTED_AS = {"quote", "cite", "report", "hear", "say"}  # passives whose subject is the speaker ("was quoted as saying")
RELATIVE = {"who", "which", "that"}
BARE_TITLE_REACH = 2  # sentences back a bare "the minister" may stand for the one last named with that title
ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")
DEFAULT_RULES = AttributionSettings()
OBJECT_COMPLEMENTS = {"oprd", "xcomp", "advcl", "prep", "acomp"}
LEAD_INS = {"advcl", "advmod", "prep", "npadvmod", "mark", "cc", "punct"}
# curly quotes (an unclosed one runs to the paragraph's end, as a quote that goes on in the next
# paragraph does; one closed by a straight quote or by an opening mark before a space, as careless
# typing does, ends there; 6’2” is a height), straight quotes, and the ``…'' and ''…'' of tokenized
# and NYT-style text
QUOTE_PAIR = re.compile(r"“(?:[^”\"“\n]|(?<=\d[’']\d)”)*(?:[”\"]|“(?=\s)|(?=\n)|$)|\"[^\"”\n]*[\"”]|``(?:(?!'')[^\n])*''|''(?:(?!'')[^\n])+''")


@dataclass
class Attribution:
    pieces: list[tuple[int, int]]  # content, as character spans (a quote broken by "he said" has two)
    cue: str
    cue_start: Optional[int]
    cue_end: Optional[int]
    sentence_start: int  # token index of the sentence the cue (or the first piece) is in
    direct: bool = False
    speaker_text: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    actor: Optional[str] = None  # who the speaker is, by name, when the text names them somewhere
    actor_is_person: bool = False
    partial: bool = False
    kind: str = "speech"  # speech, thought or judgment
    via: str = ""  # how the content was found: clause, interrupted, infinitive, object, preposition, quote, according
    quotes: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # "Kishida and Lavrov agreed": each person the source joins

    def take_speaker(self, other: "Attribution") -> None:
        """The speaker of another attribution, wherever it was found."""
        self.speaker_text, self.speaker_start, self.speaker_end = other.speaker_text, other.speaker_start, other.speaker_end
        self.actor, self.actor_is_person, self.speakers = other.actor, other.actor_is_person, list(other.speakers)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.pieces)

    @property
    def end(self) -> int:
        return max(e for _, e in self.pieces)


def quoted_regions(text: str, rules: AttributionSettings = DEFAULT_RULES) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, quotation marks included, within paragraphs."""
    regions = []
    offset = 0
    for para in text.split("\n"):
        found = [(m.start(), m.end()) for m in QUOTE_PAIR.finditer(para) if m.end() - m.start() > 2]
        opening = len(para) - len(para.lstrip())
        loose = [i for i, c in enumerate(para) if c == '"' and not any(a <= i < b for a, b in found)]
        if para[opening:opening + 1] == '"' and para.count('"') % 2 == 1 and loose:
            # a paragraph opening with a straight quote, one left open: that quote goes on to the
            # paragraph's end (by the convention of quotes running over paragraphs)
            found.append((loose[-1], len(para.rstrip())))
        regions += [(offset + a, offset + b) for a, b in sorted(found)]
        offset += len(para) + 1
    return [_over_lines(text, r, rules.quote_lines) for r in regions]


def _over_lines(text: str, region: tuple[int, int], max_lines: int) -> tuple[int, int]:
    """A quotation mark left open at the end of a line that closes in one of the next lines, with
    no new opening mark before it, runs over those lines (text with one sentence a line, as
    Timeline17's is). A quote going on over paragraphs by the usual convention reopens each one:
    it stays a piece a paragraph."""
    a, b = region
    if text[a] != "“" or text[b - 1] in "”\"" or text[b:b + 1] != "\n":
        return region
    at = b + 1
    for _ in range(max_lines):
        end = text.find("\n", at)
        line = text[at:end if end >= 0 else len(text)]
        close, reopen = line.find("”"), line.find("“")
        if close >= 0 and (reopen < 0 or close < reopen):
            return a, at + close + 1
        if reopen >= 0 or end < 0:
            return region
        at = end + 1
    return region


def _doc_text(doc: Doc) -> str:
    """doc.text, joined once per doc: spaCy rebuilds it from every token on each access, which made
    quote finding quadratic in the article's length."""
    text = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text


def _region_of(regions: list[tuple[int, int]], char: int) -> Optional[tuple[int, int]]:
    for a, b in regions:
        if a <= char < b:
            return (a, b)
    return None


def _trim(doc: Doc, tokens: list[Token]) -> Optional[tuple[int, int]]:
    """The character span of contiguous tokens, without edge punctuation and conjunctions."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and tokens[0].text not in "“\"``'‘" or tokens[0].is_space
                      or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"''’?!" or tokens[-1].is_space
                      or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_without(root: Token, cut: set[int]) -> list[Token]:
    out = []
    stack = [root]
    while stack:
        t = stack.pop()
        if t.i in cut:
            continue
        out.append(t)
        stack.extend(t.children)
    return out


def _contiguous(doc: Doc, tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _pieces(doc: Doc, tokens: list[Token]) -> list[tuple[int, int]]:
    out = []
    for run in _contiguous(doc, tokens):
        if sum(1 for t in run if not t.is_punct) == 0:
            continue
        span = _trim(doc, run)
        if span:
            out.append(span)
    return out


def _content(cue: Token, sent: Span) -> tuple[str, list[tuple[int, int]]]:
    """The content of a cue verb, as character pieces, from its complements, and how it was found."""
    doc = cue.doc
    kids = list(cue.children)
    lemma = cue.lemma_.lower()
    clausal = [c for c in kids if c.dep_ == "ccomp" or (c.dep_ == "advcl" and c.i > cue.i and any(
        m.dep_ == "mark" and m.lower_ in ("that", "if", "whether") for m in c.children))]
    if clausal:
        toks = [t for c in clausal for t in c.subtree]
        return "clause", _pieces(doc, toks)
    head = cue.head
    if cue.dep_ in ("parataxis", "ccomp", "advcl") and head.i != cue.i and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() not in SPEECH \
            and cue.i > head.left_edge.i and lemma in SPEECH and (
                cue.dep_ == "parataxis" or any(t.is_punct and t.text == "," for t in doc[max(cue.left_edge.i - 1, 0):cue.left_edge.i + 1])):
        # "The talks, he said, failed" / "The talks failed, he said": the cue interrupts its content (but
        # '“…,” Lavrov said, underscoring the difficulty': what a verb of saying said is not what the participle says)
        cut = {t.i for t in cue.subtree}
        if head.i > cue.i:  # 'Asked about it, she said, "…"': what leads up to the cue is not what was said
            cut |= {t.i for c in head.children if c.i < cue.i and c.dep_ in LEAD_INS for t in c.subtree}
        toks = [t for t in head.subtree if t.i not in cut and sent.start <= t.i < sent.end]
        return "interrupted", _pieces(doc, toks)
    xcomps = [c for c in kids if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    objects = [c for c in kids if c.dep_ in ("dobj", "obj")]
    if xcomps:
        # "urged Congress to act": PARC keeps the addressee with the infinitive
        toks = [t for c in xcomps for t in c.subtree] + [t for o in objects for t in o.subtree]
        return "infinitive", _pieces(doc, toks)
    if objects and lemma not in OBJECT_IS_LISTENER:
        # "applauded him for defying the establishment", "called him a liar": what follows the object belongs to it
        after = [c for c in kids if c.i > objects[0].i and c.dep_ in OBJECT_COMPLEMENTS and c.lemma_.lower() not in CUE_VERBS
                 and not (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children))]
        return "object", _pieces(doc, [t for o in objects + after for t in o.subtree])
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in PREPOSITIONAL and c.i > cue.i:
            pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if pobj:
                return "preposition", _pieces(doc, [t for g in pobj for t in g.subtree])
    return "", []


def _source_token(cue: Token) -> Optional[Token]:
    """The subject of the cue, the agent of a passive one, or the subject of the verb it hangs from."""
    current = cue
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # "said Navy spokesman Cmdr. Danny Hernandez", parsed as two subjects: the person named is the speaker
            return next((c for c in subjects if c.ent_type_ == "PERSON"), subjects[0]) if len(subjects) > 1 else subjects[0]
        for c in current.children:
            if c.dep_ == "agent":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        if passive and current.lemma_.lower() in QUOTED_AS:
            return passive[0]  # "Lavrov was quoted as saying": the one quoted spoke
        if passive:
            return None  # "it was reported": no source named
        if current.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "prep") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "relcl":  # "Smith, who said": the relative pronoun is the subject
            return None
        break
    return misattached_subject(cue)


def _source_span(tok: Token, max_chars: int) -> tuple[int, int]:
    cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "punct") or (c.dep_ == "appos" and c.i > tok.i)
           for t in c.subtree}
    toks = _subtree_without(tok, cut)
    span = _trim(tok.doc, toks) or (tok.idx, tok.idx + len(tok.text))
    if span[1] - span[0] > max_chars:
        return tok.idx, tok.idx + len(tok.text)
    return span


def _entity_in(doc: Doc, start: int, end: int, labels=ACTOR_ENTS) -> Optional[Span]:
    found = [e for e in doc.ents if e.label_ in labels and start <= e.start_char and e.end_char <= end]
    persons = [e for e in found if e.label_ == "PERSON"]
    return (persons or found or [None])[0]


class Resolver:
    """Who a pronoun or relative names: the person last named before it, the subject preferred."""

    def __init__(self, doc: Doc):
        self.doc = doc
        full = {e.text.split()[-1] for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
        # a town the tagger took for a person ("fighters in Misrata") is no one a "he" stands for; a surname the
        # text also gives in full ("Jesse Jackson" ... "Jackson") is the person's
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"
                        and (len(e.text.split()) > 1 or e.text in full or not is_place_name(e.text))]
        self.affiliations = affiliations(doc)

    def full_name(self, name: str) -> str:
        """The fullest form the text gives a name: "Lavrov" -> "Sergey Lavrov"."""
        last = name.split()[-1] if name.split() else name
        longer = [p.text for p in self.persons if p.text.split()[-1:] == [last] and len(p.text) > len(name)]
        return max(longer, key=len) if longer and len(name.split()) == 1 else name

    def antecedent(self, token: Token) -> Optional[Span]:
        sent = token.sent
        before = [p for p in self.persons if sent.start <= p.start and p.end <= token.i]
        if before:
            subjects = [p for p in before if p.root.dep_ in ("nsubj", "nsubjpass")]
            return (subjects or before)[-1]
        sentences = list(self.doc.sents)
        index = next((i for i, s in enumerate(sentences) if s.start == sent.start), 0)
        for previous in reversed(sentences[max(0, index - 4):index]):
            named = [p for p in self.persons if previous.start <= p.start and p.end <= previous.end]
            if named:
                subjects = [p for p in named if p.root.dep_ in ("nsubj", "nsubjpass")]
                return (subjects or named)[0]
        return None

    def described(self, token: Token) -> Optional[Span]:
        """The person a definite title stands for: the last named with that title right before the name, and with
        the description's other words there too ("the Russian minister said" after "Russian Foreign Minister Sergey
        Lavrov" is Lavrov). A bare title ("the president said") only for one named in the last sentences: news
        calls the sitting president so, however many others it has named since."""
        if token.lemma_.lower() not in TITLE_HEADS or token.tag_ != "NN" or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None  # "the two ministers" are a pair, not the last minister named
        words = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        index = {s.start: i for i, s in enumerate(self.doc.sents)}
        here = index[token.sent.start]
        for person in reversed([p for p in self.persons if p.end <= token.i]):
            if not words and here - index[person.sent.start] > BARE_TITLE_REACH:
                return None
            title = " ".join(titles_before(person, self.affiliations)).lower().split()
            before = [t.lower_ for t in self.doc[max(person.sent.start, person.start - len(title) - 2):person.start - len(title)]]
            if token.lemma_.lower() in title and words <= set(title) | set(before):
                return person
        return None


def _resolve(att: Attribution, tok: Optional[Token], resolver: Resolver, rules: AttributionSettings) -> None:
    if tok is None:
        return
    doc = tok.doc
    att.speaker_start, att.speaker_end = _source_span(tok, rules.max_source_chars)
    att.speaker_text = _doc_text(doc)[att.speaker_start:att.speaker_end]
    if tok.lower_ in PERSONAL:
        person = resolver.antecedent(tok)
        if person is not None:
            att.actor, att.actor_is_person = resolver.full_name(person.text), True
        return
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        named = tok.head.head
        ent = _entity_in(doc, *_source_span(named, rules.max_source_chars))
        if ent is not None:
            att.actor, att.actor_is_person = ent.text, ent.label_ == "PERSON"
        return
    ent = _entity_in(doc, att.speaker_start, att.speaker_end)
    if ent is not None and not (ent.start <= tok.i < ent.end or ent.label_ == "PERSON" and not _modifies(ent, tok)):
        # "a Japanese official" is not Japan, nor "Russia's news agency" Russia; nor are "rebel fighters in Misrata"
        # Misrata, or "a spokesman for Barack Obama" Obama
        ent = None
    if ent is None:  # "her counterpart, Bjarnason, said"
        for c in tok.children:
            if c.dep_ == "appos":
                ent = _entity_in(doc, c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                if ent is not None:
                    break
    if ent is not None:
        att.actor, att.actor_is_person = ent.text, ent.label_ == "PERSON"
    elif (person := resolver.described(tok)) is not None:  # "the Russian minister said": the one last so titled
        att.actor, att.actor_is_person = person.text, True
    if att.actor and att.actor_is_person:
        att.actor = resolver.full_name(att.actor)
        att.speakers = _joined_people(tok, att, resolver)


def _modifies(ent: Span, tok: Token) -> bool:
    """Whether the name says whose or where the source is, not who: it hangs from it through a preposition or a
    possessive ("a spokesman for Barack Obama", "Obama's spokesman"), or qualifies a common noun that is no title ("a
    Misrata resident", "Obama administration officials")."""
    current = ent.root
    for _ in range(6):
        if current.i == tok.i or current.head.i == current.i:  # spaCy's tokens are new objects: compared by index
            return False
        if current.dep_ in ("prep", "poss") or current.dep_ in ("compound", "nmod") and current.head.pos_ == "NOUN" \
                and current.head.lemma_.lower() not in TITLE_HEADS:
            return True
        current = current.head
    return False


def _joined_people(tok: Token, att: Attribution, resolver: "Resolver") -> list[str]:
    """"Kishida and Lavrov agreed ...": every person the source phrase joins with "and", by full name; [] unless it
    joins two or more and each of them is a named person (a person with a ministry speaks for neither alone)."""
    within = [t for t in tok.conjuncts if att.speaker_start <= t.idx < att.speaker_end]
    heads = [tok, *within] if len(within) == len(tok.conjuncts) else []
    if len(heads) < 2 or not any(c.dep_ == "cc" and c.lower_ == "and" for h in heads for c in h.children):
        return []
    people = [_person_at(h) for h in heads]
    if any(p is None for p in people):
        return []
    return [resolver.full_name(p.text) for p in people]


def _person_at(head: Token) -> Optional[Span]:
    """The person a source's head names: its own name, or the name in apposition ("his counterpart, Kari Lundgren")."""
    for token in (head, *(c for c in head.children if c.dep_ == "appos")):
        person = entity_at(token)
        if person is not None and person.label_ == "PERSON":
            return person
    return None


def _according_to(doc: Doc, regions, resolver: Resolver, rules: AttributionSettings) -> list[Attribution]:
    found = []
    for tok in doc:
        if tok.lower_ != "according" or _region_of(regions, tok.idx):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        head = tok.head
        while head.dep_ not in ("ROOT", "ccomp", "conj", "relcl", "advcl") and head.head.i != head.i:
            head = head.head
        cut = {t.i for t in tok.subtree}
        sent = tok.sent
        toks = [t for t in head.subtree if t.i not in cut and sent.start <= t.i < sent.end]
        pieces = _pieces(doc, toks)
        if not pieces:
            continue
        att = Attribution(pieces=[max(pieces, key=lambda p: p[1] - p[0])], cue="according to", cue_start=tok.idx,
                          cue_end=to.idx + len(to.text), sentence_start=sent.start, via="according")
        _resolve(att, pobj, resolver, rules)
        found.append(att)
    return found


def _kind(lemma: str) -> str:
    from dateline.analyse.cues import JUDGMENT, THOUGHT

    return "speech" if lemma in SPEECH else "thought" if lemma in THOUGHT else "judgment" if lemma in JUDGMENT else "speech"


def _cue_text(cue: Token) -> tuple[str, int, int]:
    """"said", "pointed out", "called for": the verb with its particle."""
    end_tok = cue
    for c in cue.children:
        if c.dep_ == "prt" and c.i == cue.i + 1:
            end_tok = c
    start, end = cue.idx, end_tok.idx + len(end_tok.text)
    return _doc_text(cue.doc)[start:end], start, end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def find_attributions(doc: Doc, rules: AttributionSettings = DEFAULT_RULES) -> list[Attribution]:
    text = _doc_text(doc)
    regions = quoted_regions(text, rules)
    resolver = Resolver(doc)
    found: list[Attribution] = []

    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or _region_of(regions, tok.idx):
            continue
        if lemma not in CUE_VERBS and not _reports_a_clause(tok):
            continue
        if lemma in AMBIGUOUS and not _clausal_or_speech(tok):
            continue  # senses that are attribution cues only with a clause or a quote ("said", "found that")
        sent = tok.sent
        via, pieces = _content(tok, sent)
        pieces = [p for p in pieces if not (p[0] <= tok.idx < p[1])]
        source = _source_token(tok)
        if not pieces and source is None:
            continue
        quoted_object = any(_region_of(regions, p[0]) or _region_of(regions, p[1] - 1) for p in pieces)
        if via in ("object", "preposition") and (source is None or lemma in THOUGHT and lemma not in SPEECH and not quoted_object):
            continue  # what is judged or thought of, with no one judging, or a mere object of thought, is no attribution
        cue, cs, ce = _cue_text(tok)
        att = Attribution(pieces=pieces, cue=cue, cue_start=cs, cue_end=ce, sentence_start=sent.start, kind=_kind(lemma),
                          via=via + ("" if lemma in CUE_VERBS else "-open"))
        _resolve(att, source, resolver, rules)
        found.append(att)

    found += _according_to(doc, regions, resolver, rules)
    _attach_quotes(doc, regions, found, rules)
    found = [a for a in found if a.pieces]
    _inherit_speakers(text, found, rules.speaker_reach_paragraphs)
    _classify(found, regions, rules.direct_share)
    found.sort(key=lambda a: a.start)
    found = _one_per_content(found, text, rules.min_quote_words)
    _classify(found, regions, rules.direct_share)
    return found


def _classify(found: list[Attribution], regions, direct_share: float) -> None:
    """Direct when the content lies (nearly) all inside quotation marks; partial when it holds a quote."""
    for att in found:
        att.pieces = sorted(set(att.pieces))
        att.quotes = sorted({r for r in regions for p in att.pieces if _overlaps(r, p)})
        inside = sum(min(p[1], r[1]) - max(p[0], r[0]) for p in att.pieces for r in att.quotes if _overlaps(p, r))
        total = sum(p[1] - p[0] for p in att.pieces)
        att.direct = bool(att.quotes) and inside >= direct_share * total
        att.partial = bool(att.quotes) and not att.direct


def _merged(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces that touch (nothing but spaces between them) become one."""
    out: list[tuple[int, int]] = []
    for p in sorted(pieces):
        if out and (p[0] <= out[-1][1] or not text[out[-1][1]:p[0]].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], p[1]))
        else:
            out.append(p)
    return out


NOT_REPORTING = {"be", "make", "ensure", "mean", "see", "let", "have", "get", "do", "go", "seem", "appear", "turn",
                 "become", "help", "prove", "happen", "matter", "wonder"}


def _reports_a_clause(tok: Token) -> bool:
    """A verb outside the lexicon whose subject (a person, a body, a pronoun) holds a that-clause:
    "Rubio insinuated that ...". PARC's cues include any such verb of saying or thinking."""
    if tok.lemma_.lower() in NOT_REPORTING:
        return False
    clause = [c for c in tok.children if c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    subject = [c for c in tok.children if c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.pos_ in ("PRON", "PROPN"))]
    return bool(clause and subject)


def _clausal_or_speech(tok: Token) -> bool:
    return any(c.dep_ in ("ccomp",) for c in tok.children) or any(
        c.dep_ == "prep" and c.lower_ == "for" for c in tok.children) and tok.lemma_.lower() == "call"


def _attach_quotes(doc: Doc, regions, found: list[Attribution], rules: AttributionSettings) -> None:
    """Join each quoted passage to the attribution it belongs to, or make it one."""
    text = _doc_text(doc)
    previous: Optional[Attribution] = None
    previous_para = -1
    for region in regions:
        para = text.count("\n", 0, region[0])
        owner = None
        overlapping = [a for a in found if any(_overlaps(p, region) for p in a.pieces)]
        if overlapping:
            # the cue whose content the quote is: extend that content over the whole quotation
            # the innermost cue ("indicated that … by saying: “…”" gives the quote to "saying")
            owner = max(overlapping, key=lambda a: (any(region[0] <= p[0] for p in a.pieces if _overlaps(p, region)),
                                                    sum(min(p[1], region[1]) - max(p[0], region[0])
                                                        for p in a.pieces if _overlaps(p, region)),
                                                    -sum(p[1] - p[0] for p in a.pieces)))
            # words of the content outside the quotation: with none (or a "that"), the quote is the
            # content; with more, it is a partial quote inside reported speech, kept whole
            # '… leaders like Saddam Hussein - ''He would have loved Stalin,'' Mr. Biden said': a quote
            # set off by a dash or a colon, with its own cue right after it, is that cue's whole content
            own_cue = [a for a in overlapping if a.cue_start is not None and a.cue_start >= region[1]
                       and _next_to(text, a, region, rules.cue_gap_words) and any(p[0] < region[0] and SET_OFF.search(text[p[0]:region[0]])
                                                             for p in a.pieces if _overlaps(p, region))]
            if own_cue:
                owner = own_cue[0]
                owner.pieces = [p for p in owner.pieces if p[0] >= region[1] and p[0] > owner.cue_start]
            outside = sum(len((text[p[0]:max(p[0], min(p[1], region[0]))] + " " + text[min(p[1], max(p[0], region[1])):p[1]]).split())
                          for p in owner.pieces if _overlaps(p, region))
            partial_quote = outside > 1
            if not partial_quote:
                owner.pieces = [p for p in owner.pieces if not _overlaps(p, region)] + [region]
            else:
                owner.pieces = [(min(p[0], region[0]), max(p[1], region[1])) if _overlaps(p, region) else p
                                for p in owner.pieces]
            for other in overlapping:
                if other is not owner:  # the quote is the owner's: cut it out of the others' content
                    other.pieces = [q for p in other.pieces
                                    for q in ((p[0], min(p[1], region[0])), (max(p[0], region[1]), p[1])) if q[1] - q[0] > 1]
        else:
            partial_quote = False
            span = doc.char_span(region[0], region[1], alignment_mode="expand")
            if span is None:
                continue
            sents = {span[0].sent.start, span[-1].sent.start}
            after = span[-1].sent.end
            if after < len(doc) and doc[after].is_lower and not text[region[1]:doc[after].idx].strip():
                sents.add(after)  # '"Power to the people!" the group shouted': the quote's ! ended a sentence
            # a cue in the quote's sentence with no content of its own, or one whose sentence ends in a colon
            candidates = [a for a in found if a.sentence_start in sents and a.cue_start is not None
                          and not any(_overlaps(p, region) for p in a.pieces)]
            before = span[0].sent.start - 1
            intro = None
            if before >= 0:
                prev_sent = doc[before].sent
                if prev_sent.text.rstrip().endswith(":"):
                    intro = [a for a in found if a.sentence_start == prev_sent.start]
            emptied = [a for a in candidates if not a.pieces or all(
                len(text[p[0]:p[1]].split()) <= 2 for p in a.pieces)]
            words = len(text[region[0]:region[1]].split())
            if words < rules.min_quote_words:
                # a few quoted words are a quote only right by their cue ("calls it ''Confident
                # America''", '"Absolutely," Priebus said'), not a name or term elsewhere in its sentence
                emptied = [a for a in emptied if _next_to(text, a, region, rules.cue_gap_words)]
            if emptied:
                owner = min(emptied, key=lambda a: abs(a.cue_start - region[0]))
                owner.pieces = [p for p in owner.pieces if len(text[p[0]:p[1]].split()) > 2] + [region]
            elif intro:
                owner = intro[-1]
                owner.pieces.append(region)
            elif candidates and words >= rules.min_quote_words and any(a.kind == "speech" for a in candidates):
                owner = min((a for a in candidates if a.kind == "speech"), key=lambda a: abs(a.cue_start - region[0]))
                if _introduced(text, region, owner, rules.min_quote_words):
                    # '… are "non-entities," but he gave the Texan a compliment: "You never have to guess …"':
                    # a whole quoted sentence after a colon is a quote of its own, by the same speaker
                    owner = _same_speaker(owner, region)
                    found.append(owner)
                else:
                    owner.pieces.append(region)
            elif words >= 2 and previous is not None and _continues(text, region, previous, para, previous_para):
                owner = previous
                owner.pieces.append(region)  # a quote going on with no cue of its own
            elif words >= rules.min_quote_words and _is_sentence(span):
                owner = Attribution(pieces=[region], cue="", cue_start=None, cue_end=None,
                                    sentence_start=span[0].sent.start, via="quote")
                found.append(owner)
        if owner is not None and not partial_quote:  # a quoted phrase inside reported speech is not continued
            previous, previous_para = owner, para


SET_OFF = re.compile(r"(?:\s[-–—]{1,2}|:|—)\s*$")  # a dash or colon right before a quote sets it off from the sentence
def _introduced(text: str, region: tuple[int, int], owner: Attribution, min_words: int) -> bool:
    """A quoted sentence of its own after a colon, inside a longer content that began before it."""
    before = [p for p in owner.pieces if p[0] < region[0]]
    colon = text[:region[0]].rstrip()
    opening = text[region[0]:region[1]].lstrip("“\"'`‘ ")[:1]
    return bool(before) and colon.endswith(":") and "\n" not in text[before[0][0]:region[0]] \
        and owner.cue_end is not None and owner.cue_end < len(colon) - 1 \
        and len(text[owner.cue_end:len(colon)].split()) > 1 and opening.isupper() \
        and len(text[region[0]:region[1]].split()) >= min_words


def _same_speaker(owner: Attribution, region: tuple[int, int]) -> Attribution:
    quote = Attribution(pieces=[region], cue=owner.cue, cue_start=None, cue_end=None,
                        sentence_start=owner.sentence_start, via="quote", kind=owner.kind)
    quote.take_speaker(owner)
    return quote


def _next_to(text: str, att: Attribution, region: tuple[int, int], max_gap_words: int) -> bool:
    """The cue right before the quote (punctuation between them), or right after it with at most a
    short speaker between them."""
    if att.cue_end <= region[0]:
        return not re.search(r"\w", text[att.cue_end:region[0]])
    gap = text[region[1]:att.cue_start]
    return "\n" not in gap and len(re.findall(r"\w+", gap)) <= max_gap_words


def _inherit_speakers(text: str, found: list[Attribution], reach_paragraphs: int) -> None:
    """A quoted passage with no cue near it is the last named speaker's, not nobody's: the speaker
    is then named from another sentence (no offsets)."""
    ordered = sorted(found, key=lambda a: a.start)
    for i, att in enumerate(ordered):
        if att.via != "quote" or att.speaker_text:
            continue
        para = text.count("\n", 0, att.start)
        for prev in reversed(ordered[:i]):
            if para - text.count("\n", 0, prev.start) > reach_paragraphs * 2:
                break  # paragraphs are separated by a blank line: two newlines each
            name = prev.actor or (prev.speaker_text if prev.speaker_text and prev.speaker_text.lower() not in PERSONAL else None)
            if name and prev.via != "quote":
                att.speaker_text, att.actor, att.actor_is_person = name, prev.actor, prev.actor_is_person
                att.speakers = list(prev.speakers)
                att.cue = att.cue or prev.cue
                break


def _continues(text: str, region: tuple[int, int], previous: Attribution, para: int, previous_para: int) -> bool:
    """A quote with no cue of its own goes on from the quote before it: in the same paragraph, or
    opening the next paragraph right after a paragraph that ended in (or left open) that quote."""
    if para == previous_para:
        return True
    gap = text[previous.end:region[0]]
    if not gap.strip():
        return True  # the next paragraph opens with a quote right after this one's quote
    # a paragraph that is nothing but a quote, right after a paragraph with a quote: the speaker goes on
    line_start = text.rfind("\n", 0, region[0]) + 1
    line_end = text.find("\n", region[1])
    whole = not text[line_start:region[0]].strip() and not text[region[1]:line_end if line_end >= 0 else len(text)].strip()
    lines_between = [l for l in text[previous.end:line_start].split("\n") if l.strip()]
    return whole and len(lines_between) <= 1


def _is_sentence(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _one_per_content(found: list[Attribution], text: str, min_words: int) -> list[Attribution]:
    """A character belongs to one attribution (PolNeAR's and PARC's univocal annotation): a cue
    inside another attribution's content is part of what that one reports, and where contents
    coincide, the first cue's is kept."""
    nested = {id(a): b for a in found for b in found
              if b is not a and a.cue_start is not None and any(p[0] <= a.cue_start < p[1] for p in b.pieces)}
    # a quoted phrase of a few words inside reported speech ("wants to “take America backward”") is
    # part of what is reported, not a quote of its own
    outer_quotes = [a for a in found if id(a) in nested and a.direct
                    and sum(len(text[p[0]:p[1]].split()) for p in a.pieces) >= min_words]
    own = {id(a) for a in outer_quotes}
    for a in outer_quotes:
        # "indicated that ... by saying: “…”": the quote is its own attribution, cut out of the outer content
        cut = (min(a.cue_start, a.start), max(a.cue_end or a.end, a.end))
        outer = nested[id(a)]
        if a.speaker_start is None or any(p[0] <= a.speaker_start < p[1] for p in outer.pieces):
            # "Lavrov suggested that Moscow will ... by saying: “…”": the one who suggested says it
            a.take_speaker(outer)
        outer.pieces = [q for p in outer.pieces for q in ((p[0], min(p[1], cut[0])), (max(p[0], cut[1]), p[1])) if q[1] - q[0] > 1]
    for a in found:
        if id(a) in nested and id(a) not in own:  # what the inner cue reported is part of the outer content
            outer = nested[id(a)]
            outer.pieces = _merged(text, outer.pieces + a.pieces)
    found = [a for a in found if id(a) not in nested or id(a) in own]
    found = [a for a in found if a.pieces]
    kept: list[Attribution] = []
    for att in found:
        twin = next((k for k in kept if k.pieces == att.pieces), None)
        if twin is None:
            kept.append(att)
        elif twin.speaker_text is None and att.speaker_text is not None:
            kept[kept.index(twin)] = att
    return kept



PROPOSITIONS = {"clause", "interrupted", "infinitive", "according", "quote", ""}  # contents that are something said


@dataclass
class FoundQuote:
    """An attribution as the article analysis stores it."""

    text: str
    start: int
    end: int
    sentence: int
    speaker_text: Optional[str]
    speaker_is_person: bool
    partial: bool
    cue: str = ""
    direct: bool = True
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    actor: Optional[str] = None
    pieces: list = field(default_factory=list)
    cue_first: bool = True
    speakers: list[str] = field(default_factory=list)  # each person of a joint source, by name


QUOTE_MARKS = "“”\"'`‘’„"
_DANGLING = re.compile(r"(?:[\s,;:—–]+(?:by|and|but|or))?[\s,;:—–]*$")


def _words(text: str, att: Attribution) -> str:
    """What was said, as a reader reads it: a direct quote is what stands inside its quotation marks
    (not the few framing words a direct quote may carry, "vowed efforts to “overcome …”"), its parts
    joined by an ellipsis; reported speech as written."""
    if not att.direct:
        # cut before a second cue ("suggested that Moscow will … by saying: “…”"): no dangling "by" or "and"
        return _DANGLING.sub("", text[att.start:att.end])
    inside = [(max(s, q0), min(e, q1)) for s, e in sorted(att.pieces) for q0, q1 in att.quotes if _overlaps((s, e), (q0, q1))]
    parts = [re.sub(r"\s+", " ", text[s:e]).strip().strip(QUOTE_MARKS).strip() for s, e in inside or sorted(att.pieces)]
    return " … ".join(p for p in parts if p)


def _pair_speaking(doc: Doc, att: Attribution) -> list[str]:
    """"The two agreed …", "the two ministers confirmed …": the pair last named, by name ("Toshimitsu Motegi",
    "Sergey Lavrov"), as events name them."""
    if att.speaker_start is None or att.speaker_end is None:
        return []
    span = doc.char_span(att.speaker_start, att.speaker_end, alignment_mode="expand")
    pair = pair_named(doc, span.root) if span is not None else None
    return [clean_entity_text(p.text) for p in pair] if pair else []


def _cue_with_listener(doc: Doc, att: Attribution) -> str:
    """The cue as a reader needs it before the words: "told reporters" (that ...), "called it “strange”" (that ...),
    not "told that ...": the verb's object (the one spoken to, or an "it" the clause stands for) and that object's
    complement, when they stand between the verb and what was said. Adverbials there ("on Monday") are left out."""
    if att.cue_start is None or att.cue_end is None:
        return att.cue
    span = doc.char_span(att.cue_start, att.cue_end, alignment_mode="expand")
    verb = span.root if span is not None else None
    if verb is None:
        return att.cue
    needed = [c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd") and c.i > verb.i]
    if not needed or (needed[0].dep_ != "oprd" and verb.lemma_.lower() not in OBJECT_IS_LISTENER and needed[0].lower_ != "it"):
        return att.cue
    last = max(needed, key=lambda c: c.right_edge.i).right_edge
    end = last.idx + len(last.text)
    if doc.text[end:end + 1] in ("”", "’", '"'):
        end += 1  # the complement's closing quotation mark: “strange and contradictory”
    if end > att.start or "\n" in doc.text[att.cue_end:end]:
        return att.cue
    return _doc_text(doc)[att.cue_start:end]


@dataclass
class _Described:
    """How an article has described its unnamed sources so far."""

    first: dict[str, str] = field(default_factory=dict)  # head noun and number -> the first fuller description
    last: Optional[tuple[int, str]] = None  # the last unnamed source: its sentence's first token, as shown


def _as_described(doc: Doc, att: Attribution, described: _Described) -> Optional[str]:
    """An unnamed source as the text described it first: "the official said" after "according to a Japanese official"
    is that Japanese official, and so is a "he" no person named before stands for. A description is kept per head
    noun and number when it has more than the noun and no one joined to it."""
    span = doc.char_span(att.speaker_start, att.speaker_end, alignment_mode="expand") \
        if att.speaker_start is not None and att.speaker_end is not None else None
    if span is None or att.actor:
        return att.speaker_text
    sentence = span.root.sent.start
    if span.root.lower_ in ("he", "she") and len(span) == 1:
        # no person named before it ("A doctor at Misrata hospital said ... He said ..."): the one who spoke last,
        # in this sentence or the one before
        last = described.last
        return last[1] if last is not None and last[0] >= _previous_sentence_start(span.root) else att.speaker_text
    if span.root.pos_ != "NOUN":
        return att.speaker_text
    head = f"{span.root.lemma_.lower()}/{span.root.tag_}"  # one official is not the officials
    words = [t for t in span if not t.is_punct]
    definite = words[0].lower_ == "the" and len(words) == 2
    shown = described.first[head] if definite and head in described.first else att.speaker_text
    if not definite and len(words) > 1 and not any(t.dep_ in ("cc", "conj") for t in span):
        described.first.setdefault(head, att.speaker_text)  # not "an opposition spokesman and a witness"
    if span.root.tag_ == "NN":
        described.last = (sentence, shown)
    return shown


def _previous_sentence_start(token: Token) -> int:
    """The first token of the sentence before the token's (of its own, when it is the first)."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else start


def find_quotes(doc: Doc, sentence_index: dict[int, int], rules: AttributionSettings = DEFAULT_RULES) -> list[FoundQuote]:
    """Quotes and reported speech for a reader: attributions whose content is something said or
    thought (what a judgment verb merely names, "praised Obama", stays out).
    `sentence_index` maps a sentence's start token to its index in the article."""
    out = []
    described = _Described()
    for att in find_attributions(doc, rules):
        if not att.direct and (att.via.replace("-open", "") not in PROPOSITIONS or not (att.speaker_text or att.actor)):
            continue  # reported speech is reported by someone: with no source named, there is nothing to show
        first = doc.char_span(att.start, att.end, alignment_mode="expand")
        sentence = sentence_index.get(first[0].sent.start, 0) if first is not None else 0
        joint = att.speakers or ([] if att.actor else _pair_speaking(doc, att))
        speaker_text = and_joined(joint) if joint else att.actor or _as_described(doc, att, described)
        out.append(FoundQuote(
            text=_words(_doc_text(doc), att), start=att.start, end=att.end, sentence=sentence,
            speaker_text=speaker_text, speakers=joint, speaker_is_person=att.actor_is_person, partial=att.partial,
            cue=_cue_with_listener(doc, att), direct=att.direct, speaker_start=att.speaker_start, speaker_end=att.speaker_end, actor=att.actor,
            # "According to Mainichi, Putin also expressed …": the cue stands before its source, not the words
            pieces=list(att.pieces), cue_first=att.via != "according" and (att.cue_start is None or att.cue_start < att.start),
        ))
    return out
