"""Launcher: `python -m dashboard.serve [streamlit run options]` runs `streamlit run
dashboard/app.py` in this process, with Streamlit's network look-ups switched off.

`make run`, `make serve` (each worker) and the tests start the app through it, never through
`streamlit run` directly.

With the environment variable DASHBOARD_NETWORK_AUDIT set to a file path, the process also
refuses every attempt to reach a non-loopback address and appends one line per attempt to that
file, so a test can fail on any connection the server tried to make.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
AUDIT_ENV = "DASHBOARD_NETWORK_AUDIT"

# Audit events that name an address the process is about to reach or resolve.
_SOCKET_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
    }
)


def keep_streamlit_offline() -> None:
    """Make Streamlit's external- and internal-IP look-ups answer None without any socket."""
    # Streamlit 1.67 calls checkip.amazonaws.com (net_util.get_external_ip) every time a
    # websocket or CORS Origin is not on its allow-list, and at start on a wildcard address;
    # no config option turns that off. get_internal_ip "connects" a UDP socket to 8.8.8.8 for
    # the same allow-list. Both only widen the Origin allow-list and the start banner, so None
    # (refuse, print nothing) is the offline answer. They are looked up on the module at call
    # time, so replacing the module attributes covers every caller.
    from streamlit import net_util

    net_util.get_external_ip = lambda: None
    net_util.get_internal_ip = lambda: None


def is_loopback_host(host: Any) -> bool:
    """True when `host` (a name or IP, as text or bytes, or None) stays on this machine.

    None, "" and the unspecified addresses count as local: they are what a server binds to.
    """
    if isinstance(host, bytes | bytearray):
        host = bytes(host).decode("ascii", "replace")
    if host is None:
        return True
    text = str(host).strip("[]").split("%")[0].lower()
    if text in ("", "localhost") or text.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def outbound_target(event: str, args: tuple[Any, ...]) -> str | None:
    """The non-loopback host a socket audit event is about, or None when it stays local."""
    if event not in _SOCKET_EVENTS:
        return None
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if not isinstance(address, tuple):  # a Unix socket path, or no address at all
            return None
        host = address[0]
    else:
        host = args[0]
    return None if is_loopback_host(host) else str(host)


def install_network_audit(report: Path) -> None:
    """From now on, refuse (PermissionError) and record in `report` every attempt of this
    process to resolve or reach a non-loopback host, one line per attempt: event and host."""
    report = Path(report)

    def refuse_outbound(event: str, args: tuple[Any, ...]) -> None:
        if not event.startswith("socket."):
            return
        host = outbound_target(event, args)
        if host is None:
            return
        with report.open("a", encoding="utf-8") as out:
            out.write(f"{event} {host}\n")
        raise PermissionError(f"{AUDIT_ENV}: no request may leave the machine ({host})")

    sys.addaudithook(refuse_outbound)


def streamlit_argv(options: Sequence[str]) -> list[str]:
    """The `streamlit run` command line for the app with the given extra options."""
    return ["streamlit", "run", str(APP), *options]


def main(options: Sequence[str] | None = None) -> int:
    """Run the app with Streamlit's look-ups off (and the audit on when asked); return the exit
    status of `streamlit run`."""
    keep_streamlit_offline()
    if report := os.environ.get(AUDIT_ENV):
        install_network_audit(Path(report))
    from streamlit.web import cli

    sys.argv = streamlit_argv(sys.argv[1:] if options is None else options)
    try:
        cli.main(prog_name="streamlit")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
