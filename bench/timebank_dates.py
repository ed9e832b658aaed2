"""Time expressions on TimeBank/AQUAINT (TempEval-3 training data): how many gold DATE
expressions Dateline finds, and how many of those it resolves to the gold value.

Each document is analysed as Dateline analyses an article, with the document creation time
as the publication date. Gold: TIMEX3 of type DATE. Found: Dateline's time expressions of
kind "date". Relaxed span match (any overlap). Value accuracy compares Dateline's value with
the gold TIMEX3 value on matched spans, after reducing both to the same notation (Dateline
writes decades as "199X", TimeML as "199"; TimeML writes some years as "1949-XX"). Parts of
the day ("2000-01-05TEV") are compared as written, so "Wednesday night" resolved to the day
counts as wrong.

The peer, measured in the same run: a baseline that resolves nothing and answers the
document date for every matched span ("DCT baseline"), the floor any resolver must beat.

    python bench/timebank_dates.py [TBAQ-cleaned folder] [--limit N]

Prints the figures and one JSON line. Published TempEval-3 figures (platinum test set, not
this training set): HeidelTime strict F1 0.818, relaxed F1 0.907.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.analyse import analyse_text  # noqa: E402
from dateline.models import PublicationDate  # noqa: E402

TIMEX = re.compile(r'<TIMEX3([^>]*)>(.*?)</TIMEX3>', re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")


def read_tml(path: Path) -> tuple[str, list[tuple[int, int, str, str]], str]:
    """(plain text, [(start, end, type, value)], creation date)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>([^<]*)<', raw) or re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
    dct_value = re.search(r'value="(\d{4}-\d{2}-\d{2})', raw[raw.find("<DCT>"):]).group(1) if "<DCT>" in raw else dct.group(1)
    body = raw[raw.find("<TEXT>") + len("<TEXT>"): raw.find("</TEXT>")]
    text_parts: list[str] = []
    gold = []
    position = 0
    cursor = 0
    for m in TIMEX.finditer(body):
        before = html.unescape(TAG.sub("", body[cursor:m.start()]))
        text_parts.append(before)
        position += len(before)
        inner = html.unescape(TAG.sub("", m.group(2)))
        attrs = dict(ATTR.findall(m.group(1)))
        gold.append((position, position + len(inner), attrs.get("type", ""), attrs.get("value", "")))
        text_parts.append(inner)
        position += len(inner)
        cursor = m.end()
    text_parts.append(html.unescape(TAG.sub("", body[cursor:])))
    return "".join(text_parts), gold, dct_value


def comparable(value: str | None) -> str | None:
    """One notation for both sides: Dateline's decade "199X" is TimeML's "199"; TimeML's
    "1949-XX" (a month unknown) is the year "1949"; "2000-W6" is "2000-W06"."""
    if value is None:
        return None
    if re.fullmatch(r"\d{3}X", value):
        return value[:-1]
    value = re.sub(r"-W(\d)$", r"-W0\1", value)  # "2000-W6" is week 06
    return re.sub(r"(-XX)+$", "", value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "bench" / "tempeval3" / "TBAQ-cleaned"))
    parser.add_argument("--limit", type=int, default=0, help="read only the first N documents")
    parser.add_argument("--show", type=int, default=25, help="print up to N wrong values")
    args = parser.parse_args()
    files = sorted(Path(args.folder).rglob("*.tml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no .tml files under {args.folder}")

    gold_total = found_total = matched = value_right = baseline_right = 0
    misses: list[str] = []
    started = time.perf_counter()
    for path in files:
        text, gold, dct = read_tml(path)
        d = date.fromisoformat(dct)
        published = PublicationDate(date=dct, precision="day", earliest=d, latest=d, source="metadata")
        analysis = analyse_text(text, published)
        found = [t for t in analysis.time_expressions if t.kind == "date"]
        gold_dates = [g for g in gold if g[2] == "DATE"]
        gold_total += len(gold_dates)
        found_total += len(found)
        for start, end, _, value in gold_dates:
            hit = next((t for t in found if t.start < end and start < t.end), None)
            if hit is None:
                continue
            matched += 1
            if comparable(hit.resolved.value) == comparable(value):
                value_right += 1
            elif len(misses) < args.show:
                misses.append(f"{path.name}: {text[start:end]!r} gold {value} got {hit.resolved.value} ({hit.text!r}, {hit.direction})")
            if value == dct:
                baseline_right += 1
    seconds = time.perf_counter() - started

    precision = matched / found_total if found_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {
        "bench": "timebank_dates",
        "documents": len(files),
        "gold_dates": gold_total,
        "found": found_total,
        "relaxed_precision": round(precision, 3),
        "relaxed_recall": round(recall, 3),
        "relaxed_f1": round(f1, 3),
        "value_accuracy": round(value_right / matched, 3) if matched else 0.0,
        "dct_baseline_value_accuracy": round(baseline_right / matched, 3) if matched else 0.0,
        "seconds": round(seconds, 1),
    }
    print(f"{len(files)} documents, {gold_total} gold DATE expressions, {found_total} found by Dateline")
    print(f"relaxed span P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    print(f"value accuracy on matched spans: {result['value_accuracy']:.3f} "
          f"(peer: DCT baseline {result['dct_baseline_value_accuracy']:.3f})")
    for line in misses:
        print("  miss:", line)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
