"""PolNeAR documents, gold attributions and cached spaCy parses for bench/quotes.py.

Parses are cached under out/polnear/ (git-ignored) as spaCy DocBins, one file per split and
sample, so a rerun does not parse again. Train is sampled (seeded) for development; dev is
parsed whole for measuring."""
from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "bench" / "polnear"
CACHE = ROOT / "out" / "polnear"
TRAIN_SAMPLE = 150  # articles of train used for development: enough to see every pattern, one parse
SEED = 13


def load(split: str, sample: int | None = None, data: Path = DATA) -> tuple[list[dict], dict[str, list[dict]]]:
    docs = [json.loads(line) for line in gzip.open(data / "docs.jsonl.gz", "rt", encoding="utf-8")]
    docs = sorted((d for d in docs if d["split"] == split), key=lambda d: d["id"])
    if sample is not None and sample < len(docs):
        docs = sorted(random.Random(SEED).sample(docs, sample), key=lambda d: d["id"])
    wanted = {d["id"] for d in docs}
    gold: dict[str, list[dict]] = {d: [] for d in wanted}
    for line in gzip.open(data / "attributions.jsonl.gz", "rt", encoding="utf-8"):
        item = json.loads(line)
        if item["doc"] in wanted:
            gold[item["doc"]].append(item)
    return docs, gold


def parses(docs: list[dict], name: str):
    """spaCy Docs for `docs`, from the cache when it holds exactly these articles."""
    from spacy.tokens import DocBin

    from dateline.analyse.nlp import load_nlp

    nlp = load_nlp()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.spacy"
    ids_path = CACHE / f"{name}.ids.json"
    ids = [d["id"] for d in docs]
    if path.exists() and ids_path.exists() and json.loads(ids_path.read_text()) == ids:
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe((d["text"] for d in docs), batch_size=16))
    bin_ = DocBin(attrs=["ORTH", "LEMMA", "TAG", "POS", "MORPH", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"])
    for doc in parsed:
        bin_.add(doc)
    bin_.to_disk(path)
    ids_path.write_text(json.dumps(ids))
    return parsed


if __name__ == "__main__":
    split = sys.argv[1] if len(sys.argv) > 1 else "train"
    docs, _ = load(split, TRAIN_SAMPLE if split == "train" else None)
    print(split, len(docs), len(parses(docs, f"{split}-{len(docs)}")))
