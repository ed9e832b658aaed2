"""Settings: every field described, environment and --set overrides, wrong keys named."""
from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from conftest import run_cli
from dateline.settings import Settings, describe


def test_every_setting_has_a_default_and_a_reason():
    rows = describe(Settings())
    assert len(rows) >= 8
    for row in rows:
        assert row["default"] is not None, row["name"]
        assert row["description"] and len(row["description"].split()) >= 8, f"{row['name']} needs a line of why"
    for name, field in Settings.model_fields.items():
        assert field.description, f"section {name} is not described"


def test_environment_then_overrides(monkeypatch):
    monkeypatch.setenv("DATELINE_ANALYSE__N_PROCESS", "2")
    settings = Settings()
    assert settings.analyse.n_process == 2
    changed = settings.with_overrides(["ingest.batch_size=8", "store.lock_timeout_s=0.5"])
    assert (changed.ingest.batch_size, changed.store.lock_timeout_s, changed.analyse.n_process) == (8, 0.5, 2)
    assert settings.ingest.batch_size == 64  # the original is untouched


def test_unknown_keys_and_wrong_types_fail_with_the_key_named():
    with pytest.raises(ValueError, match="unknown setting 'ingest.batch'"):
        Settings().with_overrides(["ingest.batch=3"])
    with pytest.raises(ValidationError, match="batch_size"):
        Settings().with_overrides(["ingest.batch_size=many"])
    with pytest.raises(ValidationError, match="batch_size"):
        Settings().with_overrides(["analyse.batch_size=0"])


def test_fingerprint_follows_the_sections_it_covers():
    base = Settings()
    assert base.fingerprint("clean") == Settings().fingerprint("clean")
    assert base.with_overrides(["clean.min_words=9"]).fingerprint("clean") != base.fingerprint("clean")
    assert base.with_overrides(["analyse.batch_size=9"]).fingerprint("clean") == base.fingerprint("clean")


def test_settings_command_prints_them(monkeypatch):
    result = run_cli("settings", "--json", "--set", "ingest.batch_size=16")
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["ingest.batch_size"]["value"] == 16 and rows["ingest.batch_size"]["default"] == 64
    assert rows["analyse.n_process"]["env"] == "DATELINE_ANALYSE__N_PROCESS"
    bad = run_cli("build", "x", "--out", "y", "--set", "nope.nothing=1")
    assert bad.returncode == 2 and "unknown setting 'nope.nothing'" in bad.stderr and "Traceback" not in bad.stderr
    monkeypatch.setenv("DATELINE_ANALYSE__N_PROCESS", "several")
    env = run_cli("settings")
    assert env.returncode == 2 and "analyse.n_process" in env.stderr and "Traceback" not in env.stderr
