"""Deployment settings: the marking from the file, overridden by the environment."""

from __future__ import annotations

from dashboard.settings import load_settings


def test_defaults_when_the_file_is_missing(tmp_path):
    settings = load_settings(tmp_path / "missing.toml", environ={})
    assert (settings.marking, settings.as_of) == ("", "2017")


def test_file_then_environment(tmp_path):
    path = tmp_path / "dashboard.toml"
    path.write_text('marking = "OFFICIAL USE ONLY"\nas_of = "June 2017"\n')
    assert load_settings(path, environ={}).marking == "OFFICIAL USE ONLY"
    assert load_settings(path, environ={}).as_of == "June 2017"
    override = load_settings(path, environ={"DASHBOARD_MARKING": "UNCLASSIFIED\n//FOUO"})
    assert override.marking == "UNCLASSIFIED //FOUO"
