"""Property tests over the readers and the cleaner (Hypothesis, a small example budget here;
`bench/fuzz.py --minutes N` runs the long version): whatever the bytes, no exception escapes, every
input is stored or reported, and memory stays bounded."""
from __future__ import annotations

import importlib.util
import json
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.clean import clean_plain_text, extract_html
from dateline.errors import InputError
from dateline.ingest.limits import ReadLimits

_spec = importlib.util.spec_from_file_location("fuzz_bench", Path(__file__).resolve().parents[1] / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_bench"] = fuzz  # its dataclasses look their module up by name
_spec.loader.exec_module(fuzz)

SEEDS = fuzz.seeds()
SUFFIXES = list(fuzz.SUFFIXES)
# Small limits so that limits are met often; memory per input must stay far below the bound.
LIMITS = ReadLimits(max_file_bytes=64 * 1024, max_record_bytes=16 * 1024, min_bomb_bytes=1 << 20, max_expansion=50,
                    max_text_chars=2000)
MEMORY_BOUND = 64 * 1024 * 1024  # bytes traced while reading and cleaning one small input
FUZZ = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def warm(tmp_path_factory):
    """Read every seed once, so imports and caches filled on first use are not counted as memory."""
    folder = tmp_path_factory.mktemp("warm")
    for suffix, datas in SEEDS.items():
        for n, data in enumerate(datas):
            (folder / f"s{n}{suffix}").write_bytes(data)
            fuzz.check(folder / f"s{n}{suffix}", LIMITS)


def accounted(tmp_path: Path, suffix: str, data: bytes):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        outcome = fuzz.check(path, LIMITS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not outcome.crashed, outcome.crashed
    assert not outcome.unreported, outcome.unreported
    assert not outcome.internal, outcome.internal
    assert peak < MEMORY_BOUND + 64 * len(data), f"{peak:,} bytes traced for a {len(data):,}-byte input"
    return outcome


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
def test_arbitrary_bytes(tmp_path, suffix, data):
    accounted(tmp_path, suffix, data)


@FUZZ
@given(suffix=st.sampled_from([".txt", ".html", ".jsonl"]), text=st.text(max_size=2000),
       codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32"]))
def test_arbitrary_unicode(tmp_path, suffix, text, codec):
    if suffix == ".jsonl":
        text = json.dumps({"text": text, "title": text[:50]}) + "\n"
    accounted(tmp_path, suffix, text.encode(codec, errors="surrogatepass"))


@FUZZ
@given(data=st.data())
def test_truncated_and_mangled_real_files(tmp_path, data):
    suffix = data.draw(st.sampled_from(sorted(SEEDS)))
    seed = data.draw(st.sampled_from(SEEDS[suffix]))
    cut = data.draw(st.integers(0, len(seed)))
    mangled = bytearray(seed[:cut])
    flips = data.draw(st.integers(0, 3))
    for _ in range(flips):
        if mangled:
            at = data.draw(st.integers(0, len(mangled) - 1))
            mangled[at] = data.draw(st.integers(0, 255))
    outcome = accounted(tmp_path, suffix, bytes(mangled))
    if not flips and suffix in fuzz.FRAMED:  # only cut: records may be lost (and reported), never stored short
        whole = fuzz.originals(seed, suffix, tmp_path)
        assert all(content in whole for content in outcome.contents)


@FUZZ
@given(text=st.text(max_size=3000), line_paragraphs=st.booleans(), title=st.none() | st.text(max_size=80))
def test_cleaner_takes_any_text(text, line_paragraphs, title):
    cleaned = clean_plain_text(text, frozenset(), known_title=title, line_paragraphs=line_paragraphs)
    assert isinstance(cleaned.text, str)


@FUZZ
@given(html=st.text(max_size=3000) | st.builds(lambda a, b: f"<html><body><p>{a}</p><p>{b}</p></body></html>",
                                                 st.text(max_size=500), st.text(max_size=500)))
def test_html_extraction_fails_only_with_a_reason(html):
    try:
        page = extract_html(html, "page.html")
    except InputError as err:
        assert err.path == "page.html" and err.problem
    else:
        assert page.text.strip()


def test_the_harness_catches_what_it_looks_for(tmp_path, monkeypatch):
    """A reader that raises, or yields nothing, is caught: the property tests above can fail."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"Ministers met in Oslo on Monday to talk about fish.")
    monkeypatch.setattr("dateline.engine.local.clean_plain_text", lambda *a, **k: 1 / 0)
    assert "ZeroDivisionError" in fuzz.check(path, LIMITS).crashed
    monkeypatch.setattr(fuzz, "read_path", lambda *a, **k: iter(()))
    assert fuzz.check(path, LIMITS).unreported
