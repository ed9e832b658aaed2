"""Cue words of attribution: the verbs through which a text reports what someone said or thought.

Drawn from the literature, not from any evaluation data: the speech-act classes of VerbNet
(Kipper Schuler 2005: say-37.7, tell-37.2, transfer_mesg-37.1.1, inquire-37.1.2, manner_speaking-37.3,
complain-37.8, advise-37.9, lecture-37.11, promise-13.3, warn-37.9), its propositional-attitude
classes (conjecture-29.5, consider-29.9, declare-29.4, characterize-29.2, wish-62, want-32.1,
judgment-33, admire-31.2), and the reporting verbs that PARC 3.0 (Pareti 2016) and Krestel et
al. (2008) list as attribution cues, including evidence verbs of reports and polls ("the survey
shows"). Kept in one place so the grammar readers and the quote finder agree.
"""
from __future__ import annotations

# say-37.7, tell-37.2, transfer_mesg-37.1.1, lecture-37.11, declare-29.4 and PARC's reporting verbs
SPEECH = {
    "say", "tell", "add", "note", "state", "declare", "announce", "report", "explain", "write", "tweet", "post",
    "reply", "respond", "answer", "claim", "assert", "argue", "insist", "maintain", "contend", "allege",
    "suggest", "propose", "recommend", "mention", "remark", "comment", "observe", "stress", "emphasize",
    "emphasise", "underscore", "underline", "reiterate", "repeat", "conclude", "estimate", "predict",
    "forecast", "confirm", "reveal", "disclose", "acknowledge", "admit", "concede", "confess", "recall",
    "continue", "counter", "retort", "rebut", "testify", "indicate", "signal", "imply", "hint", "assure",
    "inform", "notify", "brief", "quote", "cite", "describe", "call", "characterize", "characterise", "label",
    "dub", "term", "brand", "joke", "quip", "boast", "brag", "lament", "vow", "pledge", "promise", "swear",
    "threaten", "warn", "caution", "advise", "urge", "remind", "demand", "request", "ask", "inquire", "wonder",
    "question", "deny", "dispute", "reject", "dismiss", "object", "protest", "complain", "grumble", "shout",
    "yell", "scream", "whisper", "mutter", "murmur", "exclaim", "cry", "agree", "disagree", "concur", "speculate",
    "predict", "theorize", "theorise", "posit", "affirm", "attest", "certify", "recount", "relate", "narrate",
    "elaborate", "clarify", "specify", "point", "highlight", "proclaim", "profess", "contend", "summarize",
    "summarise", "email", "text", "publish", "show", "find", "reckon",
}
# conjecture-29.5, consider-29.9, wish-62, want-32.1: belief, knowledge, expectation and desire
THOUGHT = {
    "think", "believe", "feel", "know", "guess", "suppose", "suspect", "assume", "presume", "expect",
    "anticipate", "fear", "worry", "hope", "wish", "want", "doubt", "imagine", "consider", "figure",
    "understand", "realize", "realise", "recognize", "recognise", "view", "regard", "learn", "decide",
    "conclude", "sense", "trust", "bet", "like", "love", "hate", "dislike", "despise", "prefer", "intend", "plan",
    "seek", "decline", "refuse", "offer", "discover", "note", "notice", "see", "hear", "read", "remember", "forget",
}
# judgment-33 and admire-31.2: evaluations a person voices about someone or something
JUDGMENT = {
    "praise", "criticize", "criticise", "condemn", "attack", "blast", "slam", "accuse", "blame", "charge",
    "defend", "endorse", "support", "back", "oppose", "applaud", "commend", "denounce", "decry", "mock",
    "ridicule", "question", "challenge", "welcome", "hail", "fault", "chide", "rebuke", "scold", "lambaste",
    "compare", "depict", "portray", "revile", "trash", "target", "dismiss", "name", "list", "detail",
}
CUE_VERBS = SPEECH | THOUGHT | JUDGMENT

# a cue that introduces what was said through a preposition ("called for", "talked about")
PREPOSITIONAL = {"for", "about", "of", "on", "against", "to"}
# verbs whose direct object is what was said or thought, not the one spoken to ("told reporters")
OBJECT_IS_LISTENER = {"tell", "ask", "urge", "warn", "remind", "assure", "inform", "notify", "brief", "advise",
                      "caution", "email", "text"}
