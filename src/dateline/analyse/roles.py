"""Titles a text gives a person ("Foreign Minister Sergey Lavrov", "Lavrov, the foreign minister")."""
from __future__ import annotations

import re

from spacy.tokens import Span

TITLE_HEADS = {
    "minister", "president", "premier", "secretary", "ambassador", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "governor", "senator", "chairman", "chairwoman", "chair", "director", "chief", "mayor",
    "king", "queen", "prince", "emperor", "envoy", "negotiator", "commissioner", "leader", "speaker", "judge",
    "general", "admiral", "secretary-general", "representative", "lawmaker", "official", "diplomat", "ceo",
    "counterpart", "head", "pope", "sheikh", "emir", "colonel", "captain", "editor", "correspondent",
}
CONNECTORS = {"of", "for", "and", "-"}


def _strip_affiliation(words: list[str]) -> list[str]:
    """Drop nationality or possessive lead-ins: "Russian Foreign Minister" -> "Foreign Minister"."""
    while words and (re.search(r"(?:ian|ese|ish|an|i|’s|'s)$", words[0]) and len(words) > 1 and words[1][:1].isupper()
                     and words[0].lower() not in TITLE_HEADS and words[0].lower() not in {"prime", "foreign", "deputy"}):
        words = words[1:]
    return words


def titles_before(ent: Span) -> list[str]:
    """Capitalised title words right before the name, ending in a title noun."""
    doc = ent.doc
    i = ent.start - 1
    collected: list[str] = []
    while i >= 0 and len(collected) < 6:
        token = doc[i]
        if token.is_title or token.is_upper or (collected and token.lower_ in CONNECTORS):
            if token.ent_type_ == "PERSON":
                break
            collected.insert(0, token.text)
            i -= 1
            continue
        break
    while collected and collected[0].lower() in CONNECTORS:
        collected.pop(0)
    # the title must end in a title noun, and the words before it are kept only while they are title-cased
    if not collected or collected[-1].lower() not in TITLE_HEADS:
        return []
    words = _strip_affiliation(collected)
    return [" ".join(words)] if words else []


def appositive_titles(ent: Span) -> list[str]:
    """", the foreign minister," after a name, when it is a title noun phrase."""
    found = []
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in TITLE_HEADS and child.ent_type_ != "PERSON":
            words = [t.text for t in child.subtree if t.dep_ not in ("det", "punct", "poss", "case")]
            phrase = " ".join(words[: words.index(child.text) + 1]) if child.text in words else child.text
            phrase = " ".join(_strip_affiliation(phrase.split()))
            if phrase and len(phrase.split()) <= 5:
                found.append(phrase[:1].upper() + phrase[1:])
    return found


def person_roles(ent: Span) -> list[str]:
    roles = titles_before(ent) + appositive_titles(ent)
    return [r for r in roles if r.lower() not in {"counterpart", "his counterpart", "her counterpart"}]
