"""The Dask engine: a 2-worker LocalCluster builds the same story as the local engine."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE, run_cli

pytest.importorskip("distributed", reason="the Dask engine needs the dask extra: pip install 'dateline[dask]'")


def test_dask_engine_builds_the_local_engines_story(tmp_path, example_build):
    reference, _ = example_build
    out = tmp_path / "out"
    result = run_cli("build", str(EXAMPLE / "articles"), "--manifest", str(EXAMPLE / "manifest.csv"), "--out", str(out),
                     "--engine", "dask", "--set", "dask.workers=2", "--set", "analyse.parse_chunk=2")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "7 new article(s) stored" in result.stdout

    def story(folder):
        data = json.loads((folder / "story.json").read_text())
        data.pop("generated_at")
        return data

    assert story(out) == story(reference)


def test_an_unknown_engine_is_one_clear_error(tmp_path):
    result = run_cli("build", str(EXAMPLE / "articles" / "feeds"), "--out", str(tmp_path / "o"), "--engine", "spark")
    assert result.returncode == 2 and "unknown engine 'spark'" in result.stderr


def _loaded() -> tuple[int, int]:
    from dateline.analyse.gazetteer import place_names
    from dateline.analyse.nlp import load_nlp

    return load_nlp.cache_info().currsize, place_names.cache_info().currsize


def test_workers_are_warmed_before_any_work_and_timed_apart(tmp_path):
    from dateline.engine.dask import connect
    from dateline.pipeline import build
    from dateline.settings import Settings

    settings = Settings().with_overrides(["dask.workers=2"])
    client, cluster = connect(None, settings)
    try:
        assert sorted(client.run(_loaded).values()) == [(1, 1), (1, 1)]  # model and gazetteer, on each worker
    finally:
        client.close()
        cluster.close()
    report = build([str(EXAMPLE / "articles" / "feeds")], tmp_path / "s.sqlite", settings=settings, engine="dask")
    assert len(report.added) == 2 and report.timings["warm"] > 0 and report.timings["analyse"] > 0
