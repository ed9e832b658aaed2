"""Titles a text gives a person ("Foreign Minister Sergey Lavrov", "Lavrov, the foreign minister")."""
from __future__ import annotations

from typing import Optional

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
    """"FOREIGN minister" -> "Foreign Minister", "Secretary OF State" -> "Secretary of State", "Secretary - General"
    (a hyphen the tokenizer or a tokenized corpus split off) -> "Secretary-General"."""
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() if i and w.lower() in CONNECTORS
                    else w[:1].upper() + w[1:].lower() for i, w in enumerate(words))
    return text.replace(" - ", "-")


# what a longer title says of a shorter one it holds: "Military Spokesman" is a spokesman, but a "Deputy Foreign
# Minister" is no foreign minister
NOT_THE_TITLE = {"deputy", "vice", "assistant", "acting", "former", "under", "junior", "ex", "outgoing", "incoming"}


def _portfolio_head(words: list[str]) -> Optional[int]:
    """Where a title names its portfolio after its title noun ("Secretary of State", "Minister for Foreign Affairs"):
    the index of the first title noun followed by "of" or "for", when a portfolio ends the title. `words` lower-case."""
    for i, word in enumerate(words[:-2]):
        if word in TITLE_HEADS and words[i + 1] in ("of", "for"):
            return i if " ".join(words[i + 2:]) in PORTFOLIOS else None
    return None


def title_key(role: str) -> tuple[str, ...]:
    """One key for the two ways a title names its portfolio: "Secretary of Defense" and "Defense Secretary"."""
    words = role.lower().replace("-", " ").split()
    i = _portfolio_head(words)
    return tuple(words) if i is None else tuple(words[:i] + words[i + 2:] + [words[i]])


def holds_title(longer: str, shorter: str) -> bool:
    """Whether the longer title is the shorter one, qualified ("Joint Chiefs of Staff Chairman" holds "Chairman",
    "Major General" holds "General"; "Deputy Foreign Minister" does not hold "Foreign Minister")."""
    big, small = title_key(longer), title_key(shorter)
    if len(small) >= len(big) or big[0] in NOT_THE_TITLE:
        return False
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


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
    first = i + 1  # the first word collected: an organisation's name is not cut in half ("Arab" | "League Secretary")
    while first < ent.start and doc[first].ent_iob_ == "I" and doc[first].ent_type_ and len(collected) > 1:
        collected.pop(0)
        first += 1
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
    return _portfolio_head([w.lower() for w in words]) is not None


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
            words += _portfolio_after(child)
            if words and len(words) <= 5:
                found.append(_normalise(words))
    return found


def _portfolio_after(head) -> list[str]:
    """", assistant secretary of state for ...": the portfolio a title noun names after it, with its "of"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for") and prep.i == head.i + 1:
            words = [t.text for t in prep.subtree if t.dep_ != "punct"]
            end = next((k for k in range(len(words), 1, -1) if " ".join(words[1:k]).lower() in PORTFOLIOS), None)
            if end is not None:
                return words[:end]
    return []


def person_roles(ent: Span, affiliation_words: set[str] | None = None) -> list[str]:
    if affiliation_words is None:
        affiliation_words = affiliations(ent.doc)
    roles = titles_before(ent, affiliation_words) + appositive_titles(ent)
    return [r for r in roles if r.lower() not in {"counterpart", "his counterpart", "her counterpart"}]
