"""Shared fixtures: the built tables, and a running app for the browser tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loaders.build import BuildResult, run  # noqa: E402
from tests.support.proxy import running_app  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The build of the shipped sources, run once per test session."""
    return run()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app started through the launcher on a free loopback port, with the network audit
    on; stopped afterwards, and the run fails if the server tried to reach the network."""
    # Secrets from a path that does not exist: a developer's own .streamlit/secrets.toml (say,
    # with sign-in switched on) must not change what these tests see.
    no_secrets = tmp_path_factory.mktemp("no-secrets") / "secrets.toml"
    with running_app(ARTIFACTS / "app", options=["--secrets.files", str(no_secrets)]) as url:
        yield url
