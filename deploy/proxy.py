"""Serve the dashboard as n Streamlit worker processes behind the project's nginx, on one port.

`python -m deploy.proxy --workers 2 --port 8080` is what `make serve WORKERS=2` runs. The same
functions start the stack for the tests (tests/support/proxy.py). Workers listen on loopback
only and are started through the launcher (dashboard/serve.py); nginx is Debian's binary
unpacked by `make nginx` (or the one named by DASHBOARD_NGINX), run unprivileged in the
foreground from deploy/nginx.conf.template, with every file it writes under one run directory.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX_ENV = "DASHBOARD_NGINX"
# Where `make nginx` unpacks Debian's nginx package.
BUNDLED_NGINX = ROOT / ".venv" / "nginx" / "usr" / "sbin" / "nginx"
AFFINITY_COOKIE = "dashboard_affinity"
DEFAULT_HOSTS = ("localhost", "127.0.0.1")
LOOPBACK = "127.0.0.1"

# Everything the app needs comes from its own origin. Styles stay 'unsafe-inline' (Streamlit
# and plotly set style attributes and inject style sheets at run time); scripts do not: only
# same-origin files and the hashes of index.html's own inline scripts, and no 'unsafe-eval'.
# 'wasm-unsafe-eval' lets the page compile WebAssembly (Streamlit's protobuf decoder builds a
# tiny module for 64-bit integer arithmetic); it does not allow eval() or new Function().
CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_PLACEHOLDER = re.compile(r"@[A-Z_]+@")
# Health checks go straight to loopback, never through a proxy named in the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# What each filled-in value may contain, so none can end its directive or open a new one.
_ADDRESS = re.compile(r"[\w.\-\[\]:]+")
_HOST_NAME = re.compile(r"[\w.\-\[\]:*]+")
_PATH = re.compile(r"[\w./\-+@=,]+")
_HEADER_VALUE = re.compile(r"[^\"$\\{}\r\n]+")


def streamlit_index_html() -> str:
    """The text of the index.html that the installed Streamlit serves for every page."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def inline_script_hashes(index_html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for each inline <script> of `index_html`."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(index_html)
    ]


def content_security_policy(index_html: str) -> str:
    """The Content-Security-Policy header value for an app served from `index_html`."""
    hashes = inline_script_hashes(index_html)
    return "; ".join(
        f"{name} {' '.join([value, *hashes])}" if name == "script-src" else f"{name} {value}"
        for name, value in CSP_DIRECTIVES
    )


def render_nginx_config(
    *,
    listen: str,
    upstreams: Sequence[str],
    hosts: Sequence[str],
    run_dir: Path,
    csp: str,
    template: str | None = None,
) -> str:
    """The nginx configuration from deploy/nginx.conf.template (or `template`) for a proxy on
    `listen` (host:port) in front of `upstreams` (host:port each), answering only for `hosts`.

    Raises ValueError when a value could break out of its place in the file or a placeholder
    is left unfilled.
    """
    if not upstreams:
        raise ValueError("at least one upstream worker is needed")
    checks = [
        ("LISTEN", listen, _ADDRESS),
        ("RUN_DIR", str(run_dir), _PATH),
        ("CSP", csp, _HEADER_VALUE),
    ]
    checks += [("UPSTREAM", u, _ADDRESS) for u in upstreams]
    checks += [("HOSTS", h, _HOST_NAME) for h in hosts] or [("HOSTS", "", _HOST_NAME)]
    for name, value, pattern in checks:
        if not pattern.fullmatch(value):
            raise ValueError(f"unsafe or empty {name} for nginx.conf: {value!r}")
    values = {
        "LISTEN": listen,
        "HOSTS": " ".join(hosts),
        "RUN_DIR": str(run_dir),
        "COOKIE": AFFINITY_COOKIE,
        "CSP": csp,
    }
    values["UPSTREAM_SERVERS"] = "\n".join(
        f"        server {u} max_fails=1 fail_timeout=10s;" for u in upstreams
    )
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if left := _PLACEHOLDER.findall(text):
        raise ValueError(f"unfilled placeholders in nginx.conf: {sorted(set(left))}")
    return text


def nginx_binary() -> Path:
    """The nginx to run: $DASHBOARD_NGINX, else the one `make nginx` unpacked.

    Raises FileNotFoundError (saying how to get it) when it is not there.
    """
    binary = Path(os.environ.get(NGINX_ENV) or BUNDLED_NGINX)
    if not binary.is_file():
        raise FileNotFoundError(
            f"nginx not found at {binary}: run `make nginx` (or set {NGINX_ENV})"
        )
    return binary


def free_port() -> int:
    """A TCP port on loopback that was free a moment ago."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def worker_command(port: int, hosts: Sequence[str] = (), options: Sequence[str] = ()) -> list[str]:
    """The command line of one worker: the launcher on loopback:`port`, with Streamlit's own
    Host allow-list set to `hosts` (when given) and any extra `streamlit run` options."""
    allowed = [arg for host in hosts for arg in ("--server.allowedHosts", host)]
    return [
        sys.executable,
        "-m",
        "dashboard.serve",
        "--server.port",
        str(port),
        "--server.address",
        LOOPBACK,
        *allowed,
        *options,
    ]


@dataclass
class Worker:
    """One Streamlit process: its port, process handle and log file."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def address(self) -> str:
        """host:port as nginx names it in $upstream_addr."""
        return f"{LOOPBACK}:{self.port}"


def start_worker(
    port: int,
    log: Path,
    *,
    hosts: Sequence[str] = (),
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> Worker:
    """Start one worker on loopback:`port`, its output appended to `log` (not waited for)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as out:
        process = subprocess.Popen(
            worker_command(port, hosts, options),
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        )
    return Worker(port, process, log)


def answers_health(url: str, host: str | None = None) -> bool:
    """True when GET `url`/_stcore/health answers 200 (sent with Host `host` when given)."""
    request = urllib.request.Request(
        f"{url}/_stcore/health", headers={"Host": host} if host else {}
    )
    try:
        with _DIRECT.open(request, timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def wait_until(
    ready: Callable[[], bool], processes: Iterable[subprocess.Popen], timeout: float, what: str
) -> None:
    """Return once `ready()` is true; raise RuntimeError naming `what` when one of
    `processes` exits first or `timeout` seconds pass."""
    processes = list(processes)
    deadline = time.monotonic() + timeout
    while not ready():
        if dead := [p.args for p in processes if p.poll() is not None]:
            raise RuntimeError(f"{what}: a process exited: {dead}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: not ready after {timeout:.0f} s")
        time.sleep(0.2)


def start_nginx(config: Path, run_dir: Path, log: Path) -> subprocess.Popen:
    """Check `config` with `nginx -t`, then run nginx in the foreground with it (prefix
    `run_dir`, errors to `log`). Raises RuntimeError with nginx's message when the check
    fails."""
    binary = nginx_binary()
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    command = [str(binary), "-p", str(run_dir), "-c", str(config), "-e", "stderr"]
    check = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed for {config}:\n{check.stderr}")
    with log.open("a") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )


@dataclass
class Stack:
    """A running proxy: its URL, the workers behind it, nginx, and the run directory that
    holds nginx.conf, access.log (one line per request, with upstream= and affinity=),
    nginx.log and worker-<port>.log."""

    url: str
    host: str
    workers: list[Worker]
    nginx: subprocess.Popen
    run_dir: Path
    hosts: tuple[str, ...]
    options: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)

    @property
    def access_log(self) -> Path:
        """nginx's access log."""
        return self.run_dir / "access.log"


def start_stack(
    run_dir: Path,
    *,
    workers: int = 2,
    port: int = 0,
    listen_host: str = LOOPBACK,
    hosts: Sequence[str] = DEFAULT_HOSTS,
    worker_ports: Sequence[int] = (),
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 90,
) -> Stack:
    """Start `workers` app processes and nginx in front of them on `listen_host`:`port` (a
    free loopback port when 0); wait until nginx answers the health check through a worker.

    `worker_ports` fixes the workers' ports (free ones otherwise); `options` are extra
    `streamlit run` options and `env` extra environment for every worker. On failure, what was
    started is stopped and RuntimeError says which log to read.
    """
    run_dir = Path(run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    ports = list(worker_ports) or [free_port() for _ in range(workers)]
    started = [
        start_worker(p, run_dir / f"worker-{p}.log", hosts=hosts, options=options, env=env)
        for p in ports
    ]
    nginx: subprocess.Popen | None = None
    try:
        for w in started:
            wait_until(
                lambda w=w: answers_health(f"http://{w.address}"),
                [w.process],
                timeout,
                f"worker on port {w.port} (see {w.log})",
            )
        config = run_dir / "nginx.conf"
        config.write_text(
            render_nginx_config(
                listen=f"{listen_host}:{port}",
                upstreams=[w.address for w in started],
                hosts=hosts,
                run_dir=run_dir,
                csp=content_security_policy(streamlit_index_html()),
            ),
            encoding="utf-8",
        )
        nginx = start_nginx(config, run_dir, run_dir / "nginx.log")
        host = f"{hosts[0]}:{port}"
        url = f"http://{LOOPBACK if listen_host in ('0.0.0.0', '::') else listen_host}:{port}"
        wait_until(
            lambda: answers_health(url, host),
            [nginx],
            timeout,
            f"nginx on port {port} (see {run_dir / 'nginx.log'})",
        )
    except BaseException:
        stop_processes([w.process for w in started] + ([nginx] if nginx else []))
        raise
    return Stack(
        url=url,
        host=host,
        workers=started,
        nginx=nginx,
        run_dir=run_dir,
        hosts=tuple(hosts),
        options=tuple(options),
        env=dict(env or {}),
    )


def stop_processes(processes: Sequence[subprocess.Popen], timeout: float = 10) -> None:
    """Terminate each running process, wait up to `timeout` s in all, then kill the rest."""
    for p in processes:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + timeout
    for p in processes:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def stop_stack(stack: Stack) -> None:
    """Stop nginx first (no new requests), then every worker."""
    stop_processes([stack.nginx])
    stop_processes([w.process for w in stack.workers])


def restart_dead_workers(stack: Stack) -> list[int]:
    """Start again, on its port, every worker of `stack` that has exited; return their ports."""
    restarted = []
    for index, w in enumerate(stack.workers):
        if w.process.poll() is not None:
            stack.workers[index] = start_worker(
                w.port, w.log, hosts=stack.hosts, options=stack.options, env=stack.env
            )
            restarted.append(w.port)
    return restarted


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options of `python -m deploy.proxy`."""
    parser = argparse.ArgumentParser(prog="python -m deploy.proxy", description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument(
        "--listen", default=LOOPBACK, help="nginx's address (default 127.0.0.1; 0.0.0.0 for a team)"
    )
    parser.add_argument(
        "--hosts",
        default=" ".join(DEFAULT_HOSTS),
        help="Host names the proxy answers for, space-separated",
    )
    parser.add_argument(
        "--worker-port",
        type=int,
        default=0,
        help="first worker port; the next ones follow (default: free ports)",
    )
    parser.add_argument(
        "--run-dir",
        type=Path,
        default=ROOT / ".serve",
        help="nginx.conf, logs and temp files (default .serve/)",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="only print nginx.conf for workers already running on "
        "--worker-port and the ports after it (systemd, containers)",
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.render and not args.worker_port:
        parser.error("--render needs --worker-port")
    return args


def config_for(args: argparse.Namespace) -> str:
    """nginx.conf for the options of `python -m deploy.proxy --render`."""
    return render_nginx_config(
        listen=f"{args.listen}:{args.port}",
        upstreams=[f"{LOOPBACK}:{args.worker_port + i}" for i in range(args.workers)],
        hosts=args.hosts.split(),
        run_dir=args.run_dir.resolve(),
        csp=content_security_policy(streamlit_index_html()),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the stack in the foreground until SIGINT/SIGTERM; a worker that dies is started
    again. Returns 1 when nginx stops by itself, else 0. With --render, only print the
    nginx configuration."""
    args = parse_args(argv)
    if args.render:
        print(config_for(args), end="")
        return 0
    ports = [args.worker_port + i for i in range(args.workers)] if args.worker_port else []
    stack = start_stack(
        args.run_dir,
        workers=args.workers,
        port=args.port,
        listen_host=args.listen,
        hosts=args.hosts.split(),
        worker_ports=ports,
    )
    print(
        f"Serving on {stack.url} (Host {' or '.join(stack.hosts)}) with "
        f"{len(stack.workers)} workers; logs in {stack.run_dir}",
        flush=True,
    )
    stopping = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.append(True))
    try:
        while not stopping:
            if stack.nginx.poll() is not None:
                print(f"nginx stopped; see {stack.run_dir / 'nginx.log'}", file=sys.stderr)
                return 1
            for port in restart_dead_workers(stack):
                print(f"worker on port {port} had stopped; started again", file=sys.stderr)
            time.sleep(1)
    finally:
        stop_stack(stack)
    return 0


if __name__ == "__main__":
    sys.exit(main())
