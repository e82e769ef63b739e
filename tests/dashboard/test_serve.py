"""The launcher (dashboard/serve.py): what counts as loopback, the audit hook that refuses and
records outbound attempts, and the patch that keeps Streamlit from looking up its public IP."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.serve import APP, is_loopback_host, outbound_target, streamlit_argv

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST",
        "app.localhost",
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "[::1]",
        "0.0.0.0",
        "::",
        None,
        "",
        b"localhost",
    ],
)
def test_loopback_hosts(host):
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "checkip.amazonaws.com",
        "8.8.8.8",
        "10.0.0.1",
        "192.0.2.1",
        "2001:db8::1",
        b"example.org",
        "localhost.evil",
    ],
)
def test_hosts_beyond_loopback(host):
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    ("event", "args", "expected"),
    [
        ("socket.connect", (None, ("8.8.8.8", 1)), "8.8.8.8"),
        ("socket.connect", (None, ("127.0.0.1", 8501)), None),
        ("socket.connect", (None, ("::1", 8501, 0, 0)), None),
        ("socket.connect", (None, "/run/some.sock"), None),  # a Unix socket
        ("socket.sendto", (None, ("192.0.2.1", 53)), "192.0.2.1"),
        ("socket.getaddrinfo", ("checkip.amazonaws.com", 80, 0, 0, 0, 0), "checkip.amazonaws.com"),
        ("socket.getaddrinfo", ("localhost", 8501, 0, 0, 0, 0), None),
        ("socket.gethostbyname", ("example.org",), "example.org"),
        ("open", ("/etc/hosts", "r", 0), None),
    ],
)
def test_outbound_target(event, args, expected):
    assert outbound_target(event, args) == expected


def test_streamlit_argv_runs_the_app_with_the_given_options():
    assert streamlit_argv(["--server.port", "9000"]) == [
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        "9000",
    ]


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_audit_catches_streamlits_own_public_ip_lookup(tmp_path):
    # Without the launcher's patch, Streamlit resolves checkip.amazonaws.com and "connects" a
    # UDP socket to 8.8.8.8; the hook refuses both before any packet and writes them down.
    report = tmp_path / "audit.txt"
    done = run_python(
        "from pathlib import Path\n"
        "from dashboard.serve import install_network_audit\n"
        f"install_network_audit(Path({str(report)!r}))\n"
        "from streamlit import net_util\n"
        "print(net_util.get_external_ip(), net_util.get_internal_ip())\n"
    )
    assert done.returncode == 0, done.stderr
    lines = report.read_text().splitlines()
    assert "socket.getaddrinfo checkip.amazonaws.com" in lines
    assert "socket.connect 8.8.8.8" in lines


def test_the_audit_refuses_a_connection_beyond_loopback(tmp_path):
    report = tmp_path / "audit.txt"
    done = run_python(
        "import socket\n"
        "from pathlib import Path\n"
        "from dashboard.serve import install_network_audit\n"
        f"install_network_audit(Path({str(report)!r}))\n"
        "s = socket.socket()\n"
        "try:\n"
        "    s.connect(('192.0.2.1', 80))\n"
        "except PermissionError as refused:\n"
        "    print('refused:', refused)\n"
    )
    assert "refused:" in done.stdout, done.stderr
    assert report.read_text().splitlines() == ["socket.connect 192.0.2.1"]


def test_the_launchers_patch_leaves_nothing_to_look_up(tmp_path):
    report = tmp_path / "audit.txt"
    done = run_python(
        "from pathlib import Path\n"
        "from dashboard.serve import install_network_audit, keep_streamlit_offline\n"
        f"install_network_audit(Path({str(report)!r}))\n"
        "keep_streamlit_offline()\n"
        "from streamlit.web.server import server_util\n"
        "print(server_util.is_url_from_allowed_origins('http://evil.example'))\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
    assert not report.exists()
