"""Near-duplicate articles (the same wire copy on several sites) with MinHash LSH."""
from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH

from dateline.settings import GroupSettings

DEFAULT_RULES = GroupSettings()
SEED = 7  # any fixed seed: signatures must be comparable across runs and processes


def shingles(text: str, size: int = DEFAULT_RULES.shingle_words) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


SIGNATURE_BATCH = 4096  # shingles hashed per numpy step: the same minimum as one at a time, ~5x faster, memory bounded


def signature(text: str, num_perm: int = DEFAULT_RULES.minhash_permutations,
              shingle_words: int = DEFAULT_RULES.shingle_words) -> MinHash:
    m = MinHash(num_perm=num_perm, seed=SEED)
    found = list(shingles(text, shingle_words))  # any order: the signature is a minimum
    for start in range(0, len(found), SIGNATURE_BATCH):
        m.update_batch([s.encode("utf-8") for s in found[start:start + SIGNATURE_BATCH]])
    return m


def find_duplicates(texts: dict[str, str], rules: GroupSettings = DEFAULT_RULES) -> list[list[str]]:
    """Groups (of two or more article ids) whose texts' estimated Jaccard similarity passes the threshold.
    Candidates come from LSH; each pair is confirmed on the signatures before it joins a group."""
    threshold, num_perm = rules.duplicate_similarity, rules.minhash_permutations
    signatures = {aid: signature(text, num_perm, rules.shingle_words) for aid, text in texts.items() if text.strip()}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for aid, sig in signatures.items():
        lsh.insert(aid, sig)
    parent = {aid: aid for aid in signatures}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, sig in signatures.items():
        for other in lsh.query(sig):
            if other != aid and sig.jaccard(signatures[other]) >= threshold:
                parent[find(other)] = find(aid)
    groups: dict[str, list[str]] = {}
    for aid in signatures:
        groups.setdefault(find(aid), []).append(aid)
    return [sorted(g) for g in groups.values() if len(g) > 1]
