"""Shared fixtures: the built tables, and a running app for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loaders.build import BuildResult, run  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The build of the shipped sources, run once per test session."""
    return run()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_app(*args: str, port: int | None = None,
                  log_name: str = "streamlit.log") -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a loopback port (free one unless given) with the extra
    command-line `args`; yields its URL once healthy and stops it afterwards."""
    port = port or free_port()
    log = ARTIFACTS / log_name
    ARTIFACTS.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--browser.serverAddress", "127.0.0.1", *args],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app as shipped, without sign-in, on a free loopback port."""
    # Secrets from a path that does not exist: a developer's own .streamlit/secrets.toml (say,
    # with sign-in switched on) must not change what these tests see.
    no_secrets = tmp_path_factory.mktemp("no-secrets") / "secrets.toml"
    with streamlit_app("--secrets.files", str(no_secrets)) as url:
        yield url
