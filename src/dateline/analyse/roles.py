"""Titles a text gives a person ("Foreign Minister Sergey Lavrov", "Lavrov, the foreign minister")."""
from __future__ import annotations


from spacy.tokens import Span

TITLE_HEADS = {
    "minister", "president", "premier", "secretary", "ambassador", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "governor", "senator", "chairman", "chairwoman", "chair", "director", "chief", "mayor",
    "king", "queen", "prince", "emperor", "envoy", "negotiator", "commissioner", "leader", "speaker", "judge",
    "general", "admiral", "secretary-general", "representative", "lawmaker", "official", "diplomat", "ceo",
    "counterpart", "head", "pope", "sheikh", "emir", "colonel", "captain", "editor", "correspondent",
    "commander", "major", "sergeant", "lieutenant", "brigadier", "superintendent",
}
# ranks and offices as wires abbreviate them before a name ("Adm. Samuel Locklear", "Lt. Gen. Carter Ham")
ABBREVIATED = {"adm": "Admiral", "gen": "General", "lt": "Lieutenant", "col": "Colonel", "maj": "Major",
               "capt": "Captain", "cmdr": "Commander", "cdr": "Commander", "sgt": "Sergeant", "brig": "Brigadier",
               "sen": "Senator", "rep": "Representative", "gov": "Governor", "amb": "Ambassador", "supt": "Superintendent"}
CONNECTORS = {"of", "for", "and", "-"}
# the portfolio a title names ("Secretary of State", "Defense Minister"): part of the title, no organisation of its own
PORTFOLIOS = {
    "state", "defense", "defence", "treasury", "interior", "justice", "energy", "commerce", "agriculture", "labor",
    "labour", "education", "health", "transportation", "transport", "homeland security", "foreign affairs", "home",
    "foreign", "finance", "trade", "economy", "environment", "housing", "veterans affairs",
}
FRAGMENT_POS = {"CCONJ", "SCONJ", "DET", "PRON", "ADV", "INTJ", "ADP", "AUX", "VERB", "PART", "NUM", "PUNCT"}


def _normalise(words: list[str]) -> str:
    """"FOREIGN minister" -> "Foreign Minister", "Secretary OF State" -> "Secretary of State"."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() if i and w.lower() in CONNECTORS
                    else w[:1].upper() + w[1:].lower() for i, w in enumerate(words))


def affiliations(doc) -> set[str]:
    """Nationalities and places the document names: words that precede a title but are not part of it."""
    return {e.text for e in doc.ents if e.label_ in ("NORP", "GPE")}


def titles_before(ent: Span, affiliations: set[str]) -> list[str]:
    """Capitalised title words right before the name, ending in a title noun; a rank the wires abbreviate after an
    office is a role of its own ("Joint Chiefs of Staff Chairman Adm. Mike Mullen": the chairman, an admiral)."""
    doc = ent.doc
    i = ent.start - 1
    collected: list[tuple[str, bool]] = []  # (word, an abbreviated rank written out), first word first
    while i >= 0 and len(collected) < 6:
        token = doc[i]
        if token.is_title or token.is_upper or (collected and token.lower_ in CONNECTORS):
            if token.lower_ not in CONNECTORS and (token.pos_ in FRAGMENT_POS or token.is_stop):
                break  # "But President Obama": a capitalised sentence opener is not part of the title
            if token.ent_type_ in ("PERSON", "NORP", "GPE") or token.text in affiliations or token.text in ("’s", "'s"):
                break  # "Russian Foreign Minister": the nationality is not part of the title
            rank = ABBREVIATED.get(token.lower_.rstrip(".")) if token.text.endswith(".") else None
            collected.insert(0, (rank or token.text, rank is not None))
            i -= 1
            continue
        break
    while collected and collected[0][0].lower() in CONNECTORS:
        collected.pop(0)
    words = [w for w, _ in collected]
    ranks = len(words) - next((k for k in range(len(collected), 0, -1) if not collected[k - 1][1]), 0)
    office, rank = words[:len(words) - ranks], words[len(words) - ranks:]
    if rank and office and office[-1].lower() in TITLE_HEADS:
        return [_normalise(office), _normalise(rank)]
    # the title must end in a title noun ("Foreign Minister"), or in a portfolio after one ("Secretary of State",
    # "Minister of Foreign Affairs"); the words before it are kept only while they are title-cased
    if not words or words[-1].lower() not in TITLE_HEADS and not _head_of_portfolio(words):
        return []
    return [_normalise(words)]


def _head_of_portfolio(words: list[str]) -> bool:
    """"Secretary of State", "Minister for Foreign Affairs": a title noun, "of" or "for", then a portfolio."""
    for i, word in enumerate(words[:-2]):
        if word.lower() in TITLE_HEADS and words[i + 1].lower() in ("of", "for"):
            return " ".join(words[i + 2:]).lower() in PORTFOLIOS
    return False


def portfolio_in_title(ent: Span) -> bool:
    """An organisation the tagger found inside a title ("U.S. Defense Secretary Robert Gates", "Secretary of State
    Hillary Clinton"): the portfolio, not an actor."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.text.lower() not in PORTFOLIOS:
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.lower_ in TITLE_HEADS and (after.is_title or after.is_upper):
        return True
    return ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") and doc[ent.start - 2].lower_ in TITLE_HEADS


def appositive_titles(ent: Span) -> list[str]:
    """", the foreign minister," after a name, when it is a title noun phrase."""
    found = []
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in TITLE_HEADS and child.ent_type_ != "PERSON":
            words = [t.text for t in child.subtree
                     if t.i <= child.i and t.dep_ not in ("det", "punct", "poss", "case") and t.ent_type_ not in ("NORP", "GPE")]
            if words and len(words) <= 5:
                found.append(_normalise(words))
    return found


def person_roles(ent: Span, affiliation_words: set[str] | None = None) -> list[str]:
    if affiliation_words is None:
        affiliation_words = affiliations(ent.doc)
    roles = titles_before(ent, affiliation_words) + appositive_titles(ent)
    return [r for r in roles if r.lower() not in {"counterpart", "his counterpart", "her counterpart"}]
