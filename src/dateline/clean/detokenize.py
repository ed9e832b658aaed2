"""Undo Penn-Treebank-style tokenization in plain text ("BP 's neck", "-LRB- CNN -RRB-", ``quoted'', "A\\/H1N1").

Research corpora (Timeline17, CoNLL-era releases) ship text split into tokens: spaces before
punctuation and clitics, brackets spelled -LRB-/-RRB-, quotes spelled `` and ''. Parsed as it is, a
sentence splitter and a tagger see "'s" and "-LRB-" as words. Whether a text is tokenized is
judged from the text itself (how often it shows the marks only a tokenizer leaves), never from
where it came from; untokenized text passes through unchanged.
"""
from __future__ import annotations

import re

from dateline.settings import CleanSettings

DEFAULT_RULES = CleanSettings()

BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# characters the treebank escapes with a backslash: "A\/H1N1", "3\/23\/11", "\* Market's ability ..."
ESCAPED = {"\\/": "/", "\\*": "*"}
# marks a tokenizer leaves and prose does not: a space before a clitic or before , . ; : ? !
TOKENIZER_MARK = re.compile(r" (?:'s|n't|'re|'ve|'ll|'m|'d)\b| [,.;:?!](?= |$)|-[LR][RSC]B-|``|(?<= )''(?= |$)", re.M)


def looks_tokenized(text: str, rules: CleanSettings = DEFAULT_RULES) -> bool:
    words = len(text.split())
    if not words:
        return False
    marks = len(TOKENIZER_MARK.findall(text))
    return marks >= rules.tokenized_min_marks and marks * 100 / words >= rules.tokenized_marks_per_100_words


def _line(line: str) -> str:
    for token, char in (*BRACKETS.items(), *ESCAPED.items()):
        line = line.replace(token, char)
    line = _quotes(line)
    line = re.sub(r"(?<=\w) (?=(?:'s|n't|'re|'ve|'ll|'m|'d|')(?:\W|$))", "", line)  # BP 's -> BP's, do n't -> don't
    line = re.sub(r"\s+([,.;:?!%)\]}\u201d])", r"\1", line)  # no space before closing punctuation
    line = re.sub(r"([(\[{\u201c$])\s+", r"\1", line)  # nor after opening punctuation or a currency sign
    line = re.sub(r"(?<=\d) (?=[.,]\d)", "", line)  # 1 .5 -> 1.5 (rare, but seen)
    line = re.sub(r"\s{2,}", " ", line)
    return line.strip()


def _quotes(line: str) -> str:
    """`` opens a quote; '' closes the one open, or, with none open, opens one when a word follows it
    after a space (the corpus lost its ``): "`` rebels '' they" closes after "rebels"."""
    out, pos, open_ = [], 0, False
    for m in re.finditer(r"``|''", line):
        out.append(line[pos:m.start()])
        if m.group() == "``":
            out.append("\u201c")
            open_ = True
        elif not open_ and (m.start() == 0 or line[m.start() - 1].isspace()) and re.match(r"\s*\w", line[m.end():]):
            out.append("\u201c")
            open_ = True
        else:
            out.append("\u201d")
            open_ = False
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def detokenize(text: str) -> str:
    """Join tokens back into prose, line by line (line breaks are kept: they can mark paragraphs)."""
    return "\n".join(_line(line) for line in text.split("\n"))


def detokenize_if_tokenized(text: str, rules: CleanSettings = DEFAULT_RULES) -> str:
    return detokenize(text) if looks_tokenized(text, rules) else text
