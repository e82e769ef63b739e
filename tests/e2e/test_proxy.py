"""The app behind the project's nginx with 2 workers (deploy/proxy.py), on loopback: what the
proxy serves and refuses, every page in Chromium under the Content-Security-Policy with no
violation, downloads across many sessions on both workers, and a worker killed mid-session.

Which worker answered a request is read from nginx's access log (`upstream=`); every worker
runs with the network audit on, and the run fails if one tried to reach beyond loopback.
"""

from __future__ import annotations

import asyncio
import http.client
import io
import os
import signal
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import BrowserContext, Page
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from deploy.proxy import AFFINITY_COOKIE, Stack
from loaders import registry
from tests.conftest import ARTIFACTS
from tests.e2e.test_browser import BARS, CHOROPLETH, LOCAL, PAGES
from tests.load.client import Session as ProtocolSession
from tests.support.proxy import (
    running_proxy,
    served_by,
    served_requests,
    wait_for_logged,
    workers_by_session,
)
from tests.waits import WAIT_MS, WAIT_SECONDS

pytestmark = pytest.mark.e2e

# Collects every CSP violation the page reports, from before the app's first script runs.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
# Marks <html data-reconnected> once the app is CONNECTED again after having lost its server
# (Streamlit shows its connection state on stApp's data-test-connection-state).
RECONNECT_WATCH = """
let connectedBefore = false, lost = false;
new MutationObserver(() => {
    const state = document.querySelector("[data-testid='stApp']")
        ?.getAttribute('data-test-connection-state');
    if (state === 'CONNECTED' && lost) document.documentElement.dataset.reconnected = '1';
    else if (state === 'CONNECTED') connectedBefore = true;
    else if (state && connectedBefore) lost = true;
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['data-test-connection-state']});
"""
ICS_QUERY = "status=Tentative+%28TBC%29+only"
ICS_BUTTON = "meetings with exact dates (.ics)"
WORKBOOK_BUTTON = "Download every table (Excel workbook)"
MIN_SESSIONS, MAX_SESSIONS, PER_WORKER, BATCH = 20, 40, 5, 5


def without_secrets(folder: Path) -> list[str]:
    """Streamlit options that read secrets from a file that does not exist: a developer's own
    .streamlit/secrets.toml (say, with sign-in on) must not change what these tests see."""
    return ["--secrets.files", str(folder / "no-secrets.toml")]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_proxy(
        ARTIFACTS / "proxy", workers=2, options=without_secrets(tmp_path_factory.mktemp("proxy"))
    ) as running:
        yield running


def request(
    stack: Stack,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> http.client.HTTPResponse:
    """One HTTP request to the proxy (Host: the allowed name unless `headers` says otherwise);
    the response with its body read."""
    host, port = stack.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=WAIT_SECONDS)
    conn.request(method, path, body=body, headers={"Host": stack.host, **(headers or {})})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def affinity_cookies(response: http.client.HTTPResponse) -> list[str]:
    """The affinity cookies the response sets (Streamlit sets its own XSRF cookie too)."""
    return [
        c
        for c in response.headers.get_all("Set-Cookie") or []
        if c.startswith(f"{AFFINITY_COOKIE}=")
    ]


# --- HTTP: headers, affinity, what is not served ---------------------------------------------


def test_pages_carry_the_security_headers(stack):
    for path in ("/", "/membership", "/_stcore/health"):
        response = request(stack, "GET", path)
        assert response.status == 200
        csp = response.getheader("Content-Security-Policy")
        assert "frame-ancestors 'none'" in csp and "'unsafe-eval'" not in csp
        assert response.getheader("X-Frame-Options") == "DENY"
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Referrer-Policy") == "no-referrer"
        assert response.getheader("Server") == "nginx"  # no version


def test_the_affinity_cookie_is_handed_out_once_and_keeps_a_browser_on_one_worker(stack):
    [cookie] = affinity_cookies(request(stack, "GET", "/"))
    assert "HttpOnly" in cookie and "Path=/" in cookie
    value = cookie.split(";")[0]
    for path in ("/", "/membership", "/_stcore/health", "/_stcore/host-config"):
        again = request(stack, "GET", path, {"Cookie": value})
        assert again.status == 200
        assert affinity_cookies(again) == []
    mine = wait_for_logged(
        stack, lambda r: r.affinity == value.split("=")[1], WAIT_SECONDS, count=5
    )
    assert len({r.upstream for r in mine}) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/_stcore/metrics",
        "/_stcore/agent/openapi.json",
        "/_stcore/agent/interact",
        "/_stcore/agent/mcp",
        "/_stcore/script-health-check",
        "/_stcore/bidi-components/x/y.js",
        "/_stcore/upload_file/session/file",
        "/component/x/index.html",
        "/membership/_stcore/metrics",
    ],
)
def test_internal_endpoints_are_not_served(stack, path):
    assert request(stack, "GET", path).status == 404


def test_the_workers_themselves_do_expose_metrics(stack):
    # What the proxy hides is really there behind it.
    worker = stack.workers[0]
    conn = http.client.HTTPConnection("127.0.0.1", worker.port, timeout=WAIT_SECONDS)
    conn.request("GET", "/_stcore/metrics")
    assert conn.getresponse().status == 200
    conn.close()


def test_uploads_and_other_writes_are_refused_before_any_worker(stack):
    body = b"--b\r\nContent-Disposition: form-data; name=file; filename=a.txt\r\n\r\nx\r\n--b--"
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    assert request(stack, "PUT", "/_stcore/upload_file/s/f", headers, body).status in (404, 405)
    assert request(stack, "POST", "/", headers, body).status == 405
    assert request(stack, "POST", "/_stcore/agent/interact", {}, b"{}").status in (404, 405)
    writes = wait_for_logged(stack, lambda r: r.method in ("PUT", "POST"), WAIT_SECONDS, 3)
    assert len(writes) == 3 and all(r.upstream == "" for r in writes)


def test_a_wrong_host_is_refused(stack):
    port = stack.url.rsplit(":", 1)[1]
    assert request(stack, "GET", "/", {"Host": "evil.example"}).status == 421
    assert request(stack, "GET", "/", {"Host": f"attacker.localhost:{port}"}).status == 421
    assert request(stack, "GET", "/", {"Host": f"localhost:{port}"}).status == 200


def test_a_foreign_origin_is_refused_at_the_proxy(stack):
    port = stack.url.rsplit(":", 1)[1]
    stream = f"ws://127.0.0.1:{port}/_stcore/stream"
    with pytest.raises(InvalidStatus) as refused:
        connect(stream, origin="http://evil.example", open_timeout=10)
    assert refused.value.response.status_code == 403
    assert request(stack, "GET", "/", {"Origin": "http://evil.example"}).status == 403
    # nginx answered both itself: no worker saw the Origin, so none could look anything up.
    refusals = wait_for_logged(stack, lambda r: r.status == 403, WAIT_SECONDS, count=2)
    assert len(refusals) == 2 and all(r.upstream == "" for r in refusals)
    with connect(stream, origin=f"http://127.0.0.1:{port}", open_timeout=10) as ws:
        assert ws.response.status_code == 101


# --- Chromium through the proxy ---------------------------------------------------------------


@dataclass
class Session:
    """One browser session (its own cookies) and what it saw."""

    context: BrowserContext
    page: Page
    outside: list[str]

    @property
    def affinity(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == AFFINITY_COOKIE)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations")


def new_session(browser, url: str) -> Session:
    """A fresh browser context (no cookies) with the CSP listener, opened at `url`."""
    context = browser.new_context(viewport={"width": 1500, "height": 2400}, accept_downloads=True)
    context.add_init_script(CSP_LISTENER)
    context.add_init_script(RECONNECT_WATCH)
    page = context.new_page()
    session = Session(context, page, [])
    page.on(
        "request", lambda r: session.outside.append(r.url) if not r.url.startswith(LOCAL) else None
    )
    page.goto(url)
    return session


@contextmanager
def session_at(browser, url: str) -> Iterator[Session]:
    """A session at `url`; when the block ends without error, it sent no request off the
    machine and saw no CSP violation."""
    session = new_session(browser, url)
    try:
        yield session
        assert session.outside == [], f"requests left the machine: {session.outside}"
        assert session.csp_violations() == []
    finally:
        session.context.close()


def wait_drawn(page: Page, selector: str, at_least: int) -> None:
    """Wait until `selector` matches at least `at_least` elements (no script evaluation:
    the CSP forbids eval, which a string predicate would need)."""
    page.locator(selector).nth(at_least - 1).wait_for(state="attached", timeout=WAIT_MS)


def download(page: Page, button: str, into: Path) -> tuple[Path, str]:
    """Click the download button labelled `button`; the saved file and the URL it came from."""
    with page.expect_download(timeout=WAIT_MS) as started:
        page.get_by_text(button).click()
    path = into / started.value.suggested_filename
    started.value.save_as(path)
    return path, started.value.url


def test_every_page_draws_through_the_proxy_with_no_csp_violation(stack, browser, tmp_path):
    with session_at(browser, stack.url) as session:
        page = session.page
        for name, path, selector, at_least in PAGES:
            page.goto(f"{stack.url}/{path}")
            wait_drawn(page, selector, at_least)
            assert page.locator("[data-testid='stException']").count() == 0, name
            assert session.csp_violations() == [], name
        page.screenshot(path=str(ARTIFACTS / "proxy-data.png"), full_page=True)
        # The chart's camera button: plotly draws the PNG from data: and blob: URLs.
        page.goto(f"{stack.url}/meetings")
        wait_drawn(page, BARS, 50)
        page.locator(".js-plotly-plot").first.hover()
        with page.expect_download(timeout=WAIT_MS) as started:
            page.locator(".modebar-btn[data-title*='PNG']").first.click()
        png = tmp_path / started.value.suggested_filename
        started.value.save_as(png)
        assert png.suffix == ".png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def download_both(url: str) -> tuple[str, list[bytes]]:
    """One protocol session through the proxy: the tentative meetings' .ics, then every table
    as a workbook, as a browser clicks them. Returns (its affinity cookie, the two files)."""
    async with ProtocolSession(url, timeout=WAIT_SECONDS) as session:
        assert (await session.open("meetings", ICS_QUERY)).ok
        ics, _ = await session.download("meetings_ics")
        assert (await session.goto("data")).ok
        book, _ = await session.download("data_workbook")
        return session.cookies[AFFINITY_COOKIE], [ics, book]


async def sessions_until_both_workers_served_enough(stack: Stack) -> list[tuple[str, str]]:
    """Batches of concurrent sessions until at least MIN_SESSIONS ran and each worker served
    PER_WORKER of them (at most MAX_SESSIONS); (affinity, worker) of each session."""
    done: list[tuple[str, str]] = []
    while (
        len(done) < MIN_SESSIONS
        or min(Counter(w for _, w in done)[worker.address] for worker in stack.workers) < PER_WORKER
    ):
        assert len(done) < MAX_SESSIONS, f"sessions per worker: {Counter(w for _, w in done)}"
        for affinity, (ics, book) in await asyncio.gather(
            *(download_both(stack.url) for _ in range(BATCH))
        ):
            events = Calendar.from_ical(ics).walk("VEVENT")
            assert events and {str(e["status"]) for e in events} == {"TENTATIVE"}
            sheets = openpyxl.load_workbook(io.BytesIO(book), read_only=True).sheetnames
            assert len(sheets) == len(registry.table_names())  # one sheet per table
            wait_for_logged(
                stack,
                lambda r, a=affinity: r.affinity == a and r.path.startswith("/media/"),
                WAIT_SECONDS,
                count=2,
            )
            [worker] = workers_by_session(stack)[affinity]
            done.append((affinity, worker))
    return done


def test_downloads_work_across_sessions_on_both_workers(stack):
    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        done = thread.submit(asyncio.run, sessions_until_both_workers_served_enough(stack)).result()
    media = [r for r in served_requests(stack) if r.path.startswith("/media/")]
    for affinity, worker in done:
        mine = [r for r in media if r.affinity == affinity]
        assert {r.path.rsplit(".", 1)[1] for r in mine} == {"ics", "xlsx"}
        # The file lives in the memory of the session's worker; nginx sent the GET there.
        assert all(r.status == 200 and r.tried == (worker,) for r in mine)


def test_a_browser_downloads_through_the_proxy(stack, browser, tmp_path):
    with session_at(browser, f"{stack.url}/meetings?{ICS_QUERY}") as session:
        wait_drawn(session.page, BARS, 3)
        ics, url = download(session.page, ICS_BUTTON, tmp_path)
        events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        assert events and {str(e["status"]) for e in events} == {"TENTATIVE"}
        session.page.goto(f"{stack.url}/data")
        session.page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=WAIT_MS)
        book, _ = download(session.page, WORKBOOK_BUTTON, tmp_path)
        sheets = openpyxl.load_workbook(book, read_only=True).sheetnames
        assert len(sheets) == len(registry.table_names())  # one sheet per table
        path = url.removeprefix(stack.url)
        wait_for_logged(stack, lambda r: r.path == path, WAIT_SECONDS)
        [worker] = workers_by_session(stack)[session.affinity]
        assert served_by(stack, path) == worker


def test_a_killed_worker_sends_sessions_to_the_other_and_the_page_recovers(browser, tmp_path):
    with running_proxy(tmp_path / "run", workers=2, options=without_secrets(tmp_path)) as own:
        with session_at(browser, f"{own.url}/membership") as session:
            page = session.page
            wait_drawn(page, CHOROPLETH, 150)
            wait_for_logged(
                own,
                lambda r: r.affinity == session.affinity and r.path == "/membership",
                WAIT_SECONDS,
            )
            mine = workers_by_session(own)[session.affinity]
            assert len(mine) == 1
            victim = next(w for w in own.workers if w.address in mine)
            survivor = next(w for w in own.workers if w is not victim)
            os.kill(victim.process.pid, signal.SIGKILL)
            victim.process.wait(timeout=30)

            # The browser notices, reconnects by itself, and nginx passes the new websocket to
            # the survivor, which starts a new session. Navigating proves the session is live.
            page.locator("html[data-reconnected]").wait_for(state="attached", timeout=WAIT_MS)
            page.get_by_role("link", name="2017 meetings").first.click()
            wait_drawn(page, BARS, 50)
            assert page.locator("[data-testid='stException']").count() == 0
            affinity = session.affinity
        # A websocket is logged when it closes: the old one on the victim, then the new one
        # (closed with the browser context just now) on the survivor.
        wait_for_logged(
            own,
            lambda r: (
                r.path == "/_stcore/stream"
                and r.affinity == affinity
                and r.upstream == survivor.address
            ),
            WAIT_SECONDS,
        )
        streams = [
            r
            for r in served_requests(own)
            if r.path == "/_stcore/stream" and r.affinity == affinity
        ]
        assert [r.upstream for r in streams] == [victim.address, survivor.address]

        for _ in range(4):  # new visitors, each hashed anew: all land on the survivor
            first_visit = request(own, "GET", "/membership")
            assert first_visit.status == 200
            [cookie] = affinity_cookies(first_visit)
            visitor = cookie.split(";")[0].split("=")[1]
            [logged] = wait_for_logged(own, lambda r, v=visitor: r.affinity == v, WAIT_SECONDS)
            assert logged.upstream == survivor.address
        with session_at(browser, f"{own.url}/membership") as fresh:
            wait_drawn(fresh.page, CHOROPLETH, 150)
            wait_for_logged(
                own,
                lambda r: r.affinity == fresh.affinity and r.path == "/membership",
                WAIT_SECONDS,
            )
            assert workers_by_session(own)[fresh.affinity] == {survivor.address}
