"""The app for a test: behind the project's nginx (`running_proxy`) or direct
(`running_app`), on free loopback ports, with the network audit on.

Every process is started through the launcher with DASHBOARD_NETWORK_AUDIT pointing at a file
in the run directory; when the block ends without error, the file must be empty: the server
tried no connection beyond loopback. Use from other tests, e.g.:

    with running_proxy(tmp_path, workers=2, options=["--secrets.files", str(secrets)]) as stack:
        page.goto(stack.url)

`stack.access_log` has one line per request with the worker that served it (`upstream=`) and
the browser's affinity cookie (`affinity=`); `wait_for_logged`, `served_by` and
`workers_by_session` read it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dashboard.serve import AUDIT_ENV
from deploy.proxy import (
    DEFAULT_HOSTS,
    Stack,
    Worker,
    answers_health,
    free_port,
    start_stack,
    start_worker,
    stop_processes,
    stop_stack,
    wait_until,
)

AUDIT_FILE = "network-audit.txt"
_LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) \d+ '
    r"upstream=(?P<upstream>.*) affinity=(?P<affinity>\S*)$"
)


def outbound_attempts(run_dir: Path) -> list[str]:
    """The non-loopback connection attempts the audited processes recorded in `run_dir`."""
    audit = run_dir / AUDIT_FILE
    return audit.read_text(encoding="utf-8").splitlines() if audit.exists() else []


def assert_nothing_left_the_machine(run_dir: Path) -> None:
    """Fail when any audited server process in `run_dir` tried to reach beyond loopback."""
    attempts = outbound_attempts(run_dir)
    assert attempts == [], f"the server tried to reach the network: {attempts}"


@contextmanager
def running_proxy(
    run_dir: Path,
    *,
    workers: int = 2,
    hosts: Sequence[str] = DEFAULT_HOSTS,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    port: int = 0,
) -> Iterator[Stack]:
    """`workers` app processes behind nginx on loopback:`port` (a free one when 0), audited;
    stopped when the block ends, then checked for outbound attempts. `stack.url` is the
    proxy's URL."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / AUDIT_FILE).unlink(missing_ok=True)
    (run_dir / "access.log").unlink(missing_ok=True)
    stack = start_stack(
        run_dir,
        workers=workers,
        port=port,
        hosts=hosts,
        options=options,
        env={AUDIT_ENV: str(run_dir.resolve() / AUDIT_FILE), **(env or {})},
    )
    try:
        yield stack
    finally:
        stop_stack(stack)
    assert_nothing_left_the_machine(run_dir)


@contextmanager
def running_app(
    run_dir: Path,
    *,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 90,
) -> Iterator[str]:
    """One app process on a free loopback port without a proxy, audited; yields its URL."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / AUDIT_FILE).unlink(missing_ok=True)
    port = free_port()
    worker: Worker = start_worker(
        port,
        run_dir / "streamlit.log",
        options=options,
        env={AUDIT_ENV: str(run_dir.resolve() / AUDIT_FILE), **(env or {})},
    )
    url = f"http://{worker.address}"
    try:
        wait_until(
            lambda: answers_health(url), [worker.process], timeout, f"streamlit (see {worker.log})"
        )
        yield url
    finally:
        stop_processes([worker.process])
    assert_nothing_left_the_machine(run_dir)


@dataclass(frozen=True)
class Served:
    """One request in nginx's access log."""

    method: str
    path: str
    status: int
    upstream: str  # the worker that answered ("" when nginx answered itself)
    affinity: str
    tried: tuple[str, ...]  # every worker tried, in order (more than one after a failure)


def served_requests(stack: Stack) -> list[Served]:
    """Every request nginx has logged so far, oldest first."""
    if not stack.access_log.exists():
        return []
    lines = stack.access_log.read_text(encoding="utf-8").splitlines()
    served = []
    for line in lines:
        if m := _LOG_LINE.search(line):
            tried = tuple(a.strip() for a in m["upstream"].split(",") if a.strip() != "-")
            served.append(
                Served(
                    m["method"],
                    m["path"],
                    int(m["status"]),
                    tried[-1] if tried else "",
                    m["affinity"],
                    tried,
                )
            )
    return served


def served_by(stack: Stack, path: str) -> str:
    """The worker (host:port) that answered the last request for `path` (query ignored)."""
    hits = [r.upstream for r in served_requests(stack) if r.path.split("?")[0] == path]
    assert hits, f"no request for {path} in {stack.access_log}"
    return hits[-1]


def workers_by_session(stack: Stack) -> dict[str, set[str]]:
    """For each affinity cookie value, the workers that answered its requests."""
    workers: dict[str, set[str]] = defaultdict(set)
    for r in served_requests(stack):
        if r.upstream:
            workers[r.affinity].add(r.upstream)
    return dict(workers)


def wait_for_logged(
    stack: Stack, matches: Callable[[Served], bool], timeout: float, count: int = 1
) -> list[Served]:
    """Every logged request for which `matches` is true, once there are at least `count`
    (nginx writes a line when a request ends, a moment after the client has its answer, and
    a websocket's only when it closes); AssertionError after `timeout` s."""

    def matching() -> list[Served]:
        return [r for r in served_requests(stack) if matches(r)]

    try:
        wait_until(
            lambda: len(matching()) >= count, [stack.nginx], timeout, f"{count} logged request(s)"
        )
    except RuntimeError as late:
        raise AssertionError(f"{late}; see {stack.access_log}") from None
    return matching()
