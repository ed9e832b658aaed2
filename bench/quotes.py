"""Attribution extraction on PolNeAR (Newell, Margolin & Ruths, LREC 2018): Dateline's quotes and
reported speech against the gold Source/Cue/Content annotations, with a regex baseline (quoted
strings and the nearest "X said") measured in the same run.

    python bench/quotes.py [--split dev|train] [--sample N] [--show N]

Rules (../shared/bench/README.md, polnear section), the same for dev and the held-out test:
- content precision/recall/F1, one-to-one (pairs taken greedily, best first): exact (identical
  pieces once whitespace, quotation marks and end punctuation are trimmed) and overlap (the system
  span covers >= 50 % of the gold span's characters);
- source accuracy over overlap-matched contents whose gold names a source: the speaker span
  overlaps the gold source, or the speaker's text or name contains the gold source's head word, or,
  for a pronoun source, the speaker's name appears in the 1,500 characters before it;
- each split by direct (gold content inside double quotation marks) and indirect: recall over the
  gold of that kind, precision over the system contents of that kind, with the global matching;
- a citron-style token overlap: P = content tokens of the system that are gold content tokens,
  R = the reverse, over all documents.
Develop on train (a seeded sample, `--split train`), report dev. Parses are cached in out/polnear/.
The last line is JSON.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_data import TRAIN_SAMPLE, load, parses  # noqa: E402

OVERLAP = 0.5  # the README's rule: a system span covering half the gold span matches it
PRONOUN_WINDOW = 1500  # the README's rule: a pronoun source is right when the name is this close before it
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who", "which", "that", "his", "her", "their", "him",
            "them", "its", "whom", "whose", "our", "my", "me", "us"}
OPENING = ("“", '"', "``", "''", "„")
TRIM = " \t\n“”\"'‘’`.,;:!?…—-"


@dataclass
class Item:
    pieces: list[tuple[int, int]]
    direct: bool
    source: list[tuple[int, int]]
    speaker_names: list[str]  # speaker text and the name it resolves to (system)
    source_head: str = ""  # gold


def chars(pieces) -> set[int]:
    return {i for a, b in pieces for i in range(a, b)}


def norm_pieces(text: str, pieces) -> tuple[str, ...]:
    out = []
    for a, b in sorted(pieces):
        s = re.sub(r"\s+", " ", text[a:b]).strip(TRIM)
        if s:
            out.append(s)
    return tuple(out)


def gold_items(text: str, attributions: list[dict], doc) -> list[Item]:
    items = []
    for a in attributions:
        pieces = [tuple(p) for p in a["content"]]
        content = text[min(p[0] for p in pieces):max(p[1] for p in pieces)].lstrip()
        head = ""
        if a["source"]:
            s0, s1 = a["source"][0][0], a["source"][-1][1]
            span = doc.char_span(s0, s1, alignment_mode="expand") if doc is not None else None
            head = span.root.text if span is not None else text[s0:s1].split()[-1]
        items.append(Item(pieces, content.startswith(OPENING), [tuple(p) for p in a["source"]], [], head))
    return items


def match(gold: list[Item], system: list[Item], text: str, exact: bool) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        gc = chars(g.pieces)
        gn = norm_pieces(text, g.pieces) if exact else None
        for si, s in enumerate(system):
            if exact:
                if norm_pieces(text, s.pieces) == gn:
                    pairs.append((1.0, gi, si))
                continue
            cover = len(gc & chars(s.pieces)) / len(gc) if gc else 0.0
            if cover >= OVERLAP:
                pairs.append((cover, gi, si))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g, used_s, out = set(), set(), []
    for _, gi, si in pairs:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((gi, si))
    return out


def source_right(g: Item, s: Item, text: str) -> bool:
    if any(a < d and c < b for a, b in s.source for c, d in g.source):
        return True
    head = g.source_head.lower()
    names = [n for n in s.speaker_names if n]
    if head and any(re.search(r"\b" + re.escape(head) + r"\b", n.lower()) for n in names):
        return True
    if head in PRONOUNS:
        start = g.source[0][0]
        window = text[max(0, start - PRONOUN_WINDOW):start]
        return any(n and n.lower() not in PRONOUNS and n in window for n in names)
    return False


class Tally:
    def __init__(self):
        self.n = {k: 0 for k in ("gold", "sys", "gold_d", "sys_d", "gold_i", "sys_i", "ov", "ov_gd", "ov_sd",
                                 "ov_gi", "ov_si", "ex", "ex_gd", "ex_sd", "src_n", "src_ok", "src_n_d", "src_ok_d",
                                 "src_n_i", "src_ok_i", "tok_sys", "tok_gold", "tok_both")}

    def add(self, text: str, gold: list[Item], system: list[Item]) -> None:
        n = self.n
        n["gold"] += len(gold)
        n["sys"] += len(system)
        n["gold_d"] += sum(g.direct for g in gold)
        n["sys_d"] += sum(s.direct for s in system)
        n["gold_i"] += sum(not g.direct for g in gold)
        n["sys_i"] += sum(not s.direct for s in system)
        for gi, si in match(gold, system, text, exact=False):
            g, s = gold[gi], system[si]
            n["ov"] += 1
            n["ov_gd" if g.direct else "ov_gi"] += 1
            n["ov_sd" if s.direct else "ov_si"] += 1
            if g.source:
                ok = source_right(g, s, text)
                n["src_n"] += 1
                n["src_ok"] += ok
                n["src_n_d" if g.direct else "src_n_i"] += 1
                n["src_ok_d" if g.direct else "src_ok_i"] += ok
        for gi, si in match(gold, system, text, exact=True):
            n["ex"] += 1
            n["ex_gd"] += gold[gi].direct
            n["ex_sd"] += system[si].direct
        words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        gc, sc = chars(p for g in gold for p in g.pieces), chars(p for s in system for p in s.pieces)
        for a, b in words:
            ing, ins = a in gc, a in sc
            n["tok_gold"] += ing
            n["tok_sys"] += ins
            n["tok_both"] += ing and ins

    def figures(self) -> dict:
        n = self.n

        def prf(hit_p, sys, hit_r, gold):
            p = hit_p / sys if sys else 0.0
            r = hit_r / gold if gold else 0.0
            return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}

        return {
            "overlap": prf(n["ov"], n["sys"], n["ov"], n["gold"]),
            "overlap_direct": prf(n["ov_sd"], n["sys_d"], n["ov_gd"], n["gold_d"]),
            "overlap_indirect": prf(n["ov_si"], n["sys_i"], n["ov_gi"], n["gold_i"]),
            "exact": prf(n["ex"], n["sys"], n["ex"], n["gold"]),
            "exact_direct": prf(n["ex_sd"], n["sys_d"], n["ex_gd"], n["gold_d"]),
            "source_accuracy": round(n["src_ok"] / n["src_n"], 3) if n["src_n"] else 0.0,
            "source_accuracy_direct": round(n["src_ok_d"] / n["src_n_d"], 3) if n["src_n_d"] else 0.0,
            "source_accuracy_indirect": round(n["src_ok_i"] / n["src_n_i"], 3) if n["src_n_i"] else 0.0,
            "token_overlap": prf(n["tok_both"], n["tok_sys"], n["tok_both"], n["tok_gold"]),
            "counts": {k: n[k] for k in ("gold", "sys", "gold_d", "sys_d", "src_n")},
        }


def dateline_items(doc) -> list[Item]:
    from dateline.analyse.quotes import find_attributions

    items = []
    for a in find_attributions(doc):
        source = [(a.speaker_start, a.speaker_end)] if a.speaker_start is not None else []
        items.append(Item(a.pieces, a.direct, source, [a.speaker_text or "", a.actor or ""]))
    return items


# the baseline: every quoted string, spoken by the nearest "X said" / "said X" in its paragraph
BASE_QUOTE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|``[^\n]*?''|''[^\n]*?''")
NAME = r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)"
VERB = r"(?:said|says|told|added|wrote|asked|say|tweeted|explained|stated|noted)"
BASE_SPEAKER = re.compile(rf"(?P<a>{NAME})\s+{VERB}\b|\b{VERB}\s+(?P<b>{NAME})")


def baseline_items(text: str) -> list[Item]:
    items = []
    offset = 0
    for para in text.split("\n"):
        speakers = []
        for m in BASE_SPEAKER.finditer(para):
            g = "a" if m.group("a") else "b"
            speakers.append((offset + m.start(g), offset + m.end(g), m.group(g)))
        for q in BASE_QUOTE.finditer(para):
            a, b = offset + q.start(), offset + q.end()
            outside = [s for s in speakers if s[1] <= a or s[0] >= b]
            near = min(outside, key=lambda s: min(abs(s[0] - b), abs(a - s[1])), default=None)
            source = [(near[0], near[1])] if near else []
            items.append(Item([(a, b)], True, source, [near[2]] if near else []))
        offset += len(para) + 1
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--sample", type=int, default=None, help=f"train articles (default {TRAIN_SAMPLE})")
    parser.add_argument("--show", type=int, default=0, help="print this many misses (train only)")
    args = parser.parse_args()
    sample = (args.sample or TRAIN_SAMPLE) if args.split == "train" else None
    docs, gold = load(args.split, sample)
    started = time.time()
    parsed = parses(docs, f"{args.split}-{len(docs)}")
    parse_s = time.time() - started

    from dateline.analyse.nlp import load_nlp  # noqa: F401  (the model the parses came from)

    ours, base = Tally(), Tally()
    shown = 0
    started = time.time()
    for d, doc in zip(docs, parsed):
        text = d["text"]
        g = gold_items(text, gold[d["id"]], doc)
        mine = dateline_items(doc)
        ours.add(text, g, mine)
        base.add(text, g, baseline_items(text))
        if args.show and args.split == "train" and shown < args.show:
            shown += show_misses(text, g, mine, args.show - shown)
    run_s = time.time() - started

    a, b = ours.figures(), base.figures()
    print(f"PolNeAR {args.split}: {len(docs)} articles, {a['counts']['gold']} gold attributions "
          f"({a['counts']['gold_d']} direct)")
    print(f"{'':24}{'dateline':>22}{'regex baseline':>22}")
    for key in ("overlap", "overlap_direct", "overlap_indirect", "exact", "exact_direct", "token_overlap"):
        fa, fb = a[key], b[key]
        print(f"content {key:16}P {fa['p']:.3f} R {fa['r']:.3f} F {fa['f1']:.3f}   "
              f"P {fb['p']:.3f} R {fb['r']:.3f} F {fb['f1']:.3f}")
    for key in ("source_accuracy", "source_accuracy_direct", "source_accuracy_indirect"):
        print(f"{key:24}{a[key]:>22.3f}{b[key]:>22.3f}")
    result = {
        "bench": "polnear-quotes", "split": args.split, "articles": len(docs), "dateline": a, "regex_baseline": b,
        "overlap_f1_ratio_to_baseline": round(a["overlap"]["f1"] / b["overlap"]["f1"], 3) if b["overlap"]["f1"] else None,
        "parse_s": round(parse_s, 1), "attribution_s": round(run_s, 1),
    }
    print(json.dumps(result))


def show_misses(text: str, gold: list[Item], system: list[Item], limit: int) -> int:
    pairs = match(gold, system, text, exact=False)
    mg = {gi for gi, _ in pairs}
    ms = {si for _, si in pairs}
    shown = 0
    for gi, g in enumerate(gold):
        if gi not in mg and shown < limit:
            print("MISS", repr(" ... ".join(text[a:b] for a, b in g.pieces)[:160]))
            shown += 1
    for si, s in enumerate(system):
        if si not in ms and shown < limit:
            print("FP  ", repr(" ... ".join(text[a:b] for a, b in s.pieces)[:160]), s.speaker_names)
            shown += 1
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        if g.source and not source_right(g, s, text) and shown < limit:
            src = " ".join(text[a:b] for a, b in g.source)
            print("SRC ", repr(text[s.pieces[0][0]:s.pieces[0][1]][:80]), "gold:", src, "sys:", s.speaker_names)
            shown += 1
    return shown


if __name__ == "__main__":
    main()
