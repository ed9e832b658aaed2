"""The TempEval-3 scoring of bench/timex.py: one-to-one pairing, strict and relaxed F1, value F1."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from timex import Score, comparable, pair  # noqa: E402


def t(start: int, end: int, value: str = "2019", type_: str = "DATE") -> dict:
    return {"start": start, "end": end, "type": type_, "value": value}


def test_exact_pairs_first_then_largest_overlap_one_to_one():
    gold = [t(0, 10), t(12, 20)]
    system = [t(5, 14), t(0, 10), t(13, 30)]
    assert sorted(pair(gold, system)) == [(0, 1), (1, 2)]  # (5, 14) overlaps both but is left over


def test_scores():
    score = Score()
    score.add([t(0, 10, "2019-12-19"), t(20, 30, "P3Y", "DURATION"), t(40, 45)],
              [t(0, 10, "2019-12-19"), t(18, 30, "P2Y", "DURATION"), t(50, 55)])
    f = score.figures()
    assert (f["strict_p"], f["strict_r"]) == (1 / 3, 1 / 3)
    assert (f["relaxed_p"], f["relaxed_r"]) == (2 / 3, 2 / 3)
    assert f["value_f1"] == pytest.approx(1 / 3) and f["type_accuracy"] == 1.0


def test_value_notations():
    assert comparable("1998-W6") == comparable("1998-W06")
    assert comparable("199X") == comparable("199")
    assert comparable("1998") != comparable("1998-XX")
