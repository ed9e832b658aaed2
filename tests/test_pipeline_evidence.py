"""Corpus-level evidence kept as line hashes judges exactly as `clean.shared_lines` does on the texts,
whatever order the documents arrive in."""
from __future__ import annotations

import random

from conftest import EXAMPLE, FIXTURES
from dateline.clean.chrome import normalise_line, shared_lines
from dateline.evidence import HashedLines, line_hash, line_hashes, shared_hashes


def corpus() -> dict[str, str]:
    texts = {p.name: p.read_text() for p in sorted((FIXTURES / "incremental").rglob("*.txt"))}
    texts.update({p.name: p.read_text() for p in sorted((EXAMPLE / "articles").rglob("*.txt"))})
    texts["copy.txt"] = texts["harbour-quota.txt"]  # a copy of an article is no evidence of chrome
    return texts


def test_hashes_judge_as_the_lines_do():
    texts = corpus()
    names = sorted(texts)
    by_lines = dict(zip(names, shared_lines([texts[n] for n in names], copy_overlap=0.5)))
    by_hashes = shared_hashes({n: line_hashes(texts[n]) for n in names}, copy_overlap=0.5)
    for name in names:
        assert by_hashes[name] == frozenset(line_hash(line) for line in by_lines[name]), name
    assert any(by_hashes.values())  # the footer shared by two Harbour Post articles is found


def test_the_verdict_does_not_depend_on_arrival_order():
    texts = corpus()
    evidence = {n: line_hashes(t) for n, t in texts.items()}
    first = shared_hashes(evidence, 0.5)
    shuffled = list(evidence.items())
    random.Random(7).shuffle(shuffled)
    assert shared_hashes(dict(shuffled), 0.5) == first


def test_hashed_lines_answer_membership_like_a_set_of_lines():
    lines = HashedLines(frozenset({line_hash(normalise_line("Harbour Post, 12 Quay Street"))}))
    assert normalise_line("  Harbour  Post, 12 Quay Street ") in lines and "something else" not in lines
