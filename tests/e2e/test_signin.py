"""Sign-in end to end: the app with an [auth] section pointing at a real OpenID Connect provider
(oidc-provider-mock) started on loopback by the test, in headless Chromium and on the websocket,
directly and through the project's nginx with 2 workers.

Not signed in: only the sign-in page, on every URL, and no table content in the websocket
stream. Signed in through the provider's page: the dashboard with the user's name (behind the
proxy, on either worker); signed out: the sign-in page again. Without an [auth] section (the
`app_url` app): no sign-in at all.
"""

from __future__ import annotations

import csv
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import oidc_provider_mock
import pytest
import werkzeug.serving
from playwright.sync_api import Browser, Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from deploy.proxy import AFFINITY_COOKIE, Stack, free_port
from tests.conftest import ARTIFACTS, ROOT
from tests.support.proxy import running_app, running_proxy, served_requests, workers_by_session

WAIT_MS = 60_000  # every wait in this module: for a condition, at most this long
CHOROPLETH = "path.choroplethlocation"
LOOPBACK = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)[:/]")
# The user the provider signs in with one click (its "predefined users" buttons show the sub).
USER_SUB, USER_NAME = "ana", "Ana Analyst"
# (path, query) pairs a visitor might open: each must show only the sign-in page.
URLS = [
    ("", ""),
    ("membership", "region=Africa"),
    ("data", ""),
    ("country", "country=Mexico"),
    ("mechanism", "mechanism_profile=PIDC"),
]


def table_names() -> set[str]:
    """Every country name and mechanism name in the built tables: none may reach a visitor
    who is not signed in."""
    names: set[str] = set()
    for table, column in (("countries", "name"), ("processes", "name")):
        with (ROOT / "data" / "processed" / f"{table}.csv").open(encoding="utf-8") as f:
            names |= {row[column] for row in csv.DictReader(f) if row[column]}
    return names


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """An OpenID Connect provider on a free loopback port, with one predefined user."""
    app = oidc_provider_mock.app(
        user_claims=[
            oidc_provider_mock.User(
                sub=USER_SUB, claims={"name": USER_NAME, "email": "ana@example.org"}
            )
        ]
    )
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def write_auth_secrets(path: Path, provider_url: str, app_origin: str) -> Path:
    """A secrets.toml with sign-in through `provider_url` for the app at `app_origin`
    (scheme://host:port; Streamlit fills in its own port for "{port}")."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(
            [
                "[auth]",
                f'redirect_uri = "{app_origin}/oauth2callback"',
                'cookie_secret = "cookie-secret-for-the-sign-in-tests"',
                'client_id = "dashboard"',
                'client_secret = "client-secret-for-the-sign-in-tests"',
                f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def signin_url(provider) -> Iterator[str]:
    """The app with sign-in configured, through the launcher with the network audit on; its
    secrets in a file of the test run (never in the repo's .streamlit/)."""
    run_dir = ARTIFACTS / "signin"
    secrets = write_auth_secrets(run_dir / "secrets.toml", provider, "http://127.0.0.1:{port}")
    with running_app(run_dir, options=["--secrets.files", str(secrets)]) as url:
        yield url


@contextmanager
def person(browser: Browser, provider_url: str) -> Iterator[Page]:
    """A fresh browser profile (no cookies). Requests that would leave the machine are stopped
    before they go out; only the provider's own pages may ask for any (the mock loads a
    stylesheet from a CDN), the app none."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    stopped: list[tuple[str, str]] = []

    def stop(route) -> None:
        stopped.append((route.request.frame.url, route.request.url))
        route.abort()

    context.route(
        lambda url: not LOOPBACK.match(url) and not url.startswith(("data:", "blob:", "about:")),
        stop,
    )
    try:
        yield context.new_page()
        from_app = [url for frame, url in stopped if not frame.startswith(provider_url)]
        assert from_app == [], f"the app's pages asked for outside resources: {from_app}"
    finally:
        context.close()


def drawn(page: Page, selector: str, at_least: int) -> None:
    """Wait until `selector` matches at least `at_least` elements. (A locator, not a JavaScript
    predicate: the proxy's Content-Security-Policy forbids evaluating strings.)"""
    page.locator(selector).nth(at_least - 1).wait_for(state="attached")


def sign_in_page_shown(page: Page) -> None:
    """Wait for the sign-in page and check that nothing else is on it."""
    page.get_by_role("button", name="Sign in").wait_for()
    assert page.locator("[data-testid='stSidebar']").count() == 0
    for element in ("stPlotlyChart", "stDataFrame", "stMetric", "stException"):
        assert page.locator(f"[data-testid='{element}']").count() == 0, element


def dashboard_shown(page: Page) -> None:
    """Wait for the signed-in dashboard: the user's name in the sidebar and the overview map."""
    page.locator("[data-testid='stSidebar']").get_by_text(f"Signed in as {USER_NAME}").wait_for()
    drawn(page, CHOROPLETH, 150)


@pytest.mark.e2e
@pytest.mark.parametrize(("path", "query"), URLS, ids=[p or "root" for p, _ in URLS])
def test_a_visitor_not_signed_in_sees_only_the_sign_in_page(
    browser, provider, signin_url, path, query
):
    with person(browser, provider) as page:
        page.goto(f"{signin_url}/{path}" + (f"?{query}" if query else ""))
        sign_in_page_shown(page)
        body = page.inner_text("body")
        assert not [name for name in table_names() if name in body]


@pytest.mark.e2e
def test_sign_in_shows_the_dashboard_and_sign_out_leads_back(browser, provider, signin_url):
    with person(browser, provider) as page:
        page.goto(f"{signin_url}/membership?region=Africa")
        sign_in_page_shown(page)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{provider}/oauth2/authorize?*")
        page.get_by_role("button", name=USER_SUB, exact=True).click()
        # Streamlit's callback always returns to the app's home page.
        page.wait_for_url(f"{signin_url}/")
        dashboard_shown(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "signed-in.png"))

        # The identity cookie opens every page in a new session too.
        page.goto(f"{signin_url}/membership?region=Africa")
        drawn(page, CHOROPLETH, 40)
        assert (
            page.locator("[data-testid='stSidebar']")
            .get_by_text(f"Signed in as {USER_NAME}")
            .count()
            == 1
        )

        page.locator("[data-testid='stSidebar']").get_by_role("button", name="Sign out").click()
        # The provider offers to end its session too, then sends the browser back.
        page.wait_for_url(f"{provider}/oauth2/end_session?*")
        page.get_by_role("button", name="End session").click()
        sign_in_page_shown(page)
        page.goto(f"{signin_url}/data")
        sign_in_page_shown(page)


@pytest.mark.e2e
def test_without_auth_settings_there_is_no_sign_in(browser, provider, app_url):
    with person(browser, provider) as page:
        page.goto(f"{app_url}/")
        drawn(page, CHOROPLETH, 150)
        assert page.get_by_role("button", name="Sign in").count() == 0
        assert page.get_by_text("Signed in as").count() == 0


def page_stream(app_url: str, path: str, query: str, cookies: str = "") -> bytes:
    """Every message the server sends an anonymous websocket client (no cookies but
    `cookies`, e.g. the proxy's affinity) that asks for the page at `path`?`query`, up to the
    end of that run, as raw protobuf bytes."""
    host = app_url.removeprefix("http://")
    request = BackMsg()
    request.rerun_script.page_name = path
    request.rerun_script.query_string = query
    received: list[bytes] = []
    deadline = time.monotonic() + WAIT_MS / 1000
    with connect(
        f"ws://{host}/_stcore/stream",
        subprotocols=["streamlit"],
        origin=app_url,
        proxy=None,
        max_size=None,
        additional_headers={"Cookie": cookies} if cookies else None,
        open_timeout=WAIT_MS / 1000,
    ) as ws:
        ws.send(request.SerializeToString())
        while True:
            data = ws.recv(timeout=max(deadline - time.monotonic(), 0.1))
            received.append(data)
            message = ForwardMsg.FromString(data)
            if message.WhichOneof("type") == "script_finished":
                return b"".join(received)


def names_in(stream: bytes) -> list[str]:
    """The table names that occur in `stream` (UTF-8, as protobuf stores strings)."""
    return sorted(name for name in table_names() if name.encode("utf-8") in stream)


@pytest.mark.e2e
@pytest.mark.parametrize(("path", "query"), URLS, ids=[p or "root" for p, _ in URLS])
def test_the_websocket_carries_only_the_sign_in_page(signin_url, path, query):
    stream = page_stream(signin_url, path, query)
    assert names_in(stream) == []
    assert b"Sign in" in stream


@pytest.mark.e2e
def test_the_websocket_check_sees_table_content_when_it_is_sent(app_url):
    # The same check on the app without sign-in: it must find the names it looks for.
    assert len(names_in(page_stream(app_url, "", ""))) > 20


# Through the proxy: 2 workers, the sign-in settings (one cookie secret) shared by both.


@pytest.fixture(scope="module")
def signin_stack(provider, tmp_path_factory) -> Iterator[Stack]:
    """nginx and 2 workers with sign-in configured; redirect_uri names the proxy. A fresh run
    directory: the access log must hold this stack's requests only."""
    run_dir = tmp_path_factory.mktemp("signin-proxy")
    port = free_port()
    secrets = write_auth_secrets(run_dir / "secrets.toml", provider, f"http://127.0.0.1:{port}")
    with running_proxy(
        run_dir, workers=2, port=port, options=["--secrets.files", str(secrets)]
    ) as stack:
        yield stack


def affinity_per_worker(stack: Stack) -> dict[str, str]:
    """For each worker (host:port), an affinity cookie value that nginx routes to it, found by
    asking the health check with numbered values (at most 40) and reading the access log."""
    found: dict[str, str] = {}
    for number in range(40):
        value = f"probe-{number}"
        request = urllib.request.Request(
            f"{stack.url}/_stcore/health", headers={"Cookie": f"{AFFINITY_COOKIE}={value}"}
        )
        with urllib.request.urlopen(request, timeout=WAIT_MS / 1000) as response:
            assert response.status == 200
        for served in served_requests(stack):
            if served.affinity == value and served.upstream:
                found.setdefault(served.upstream, value)
        if len(found) == len(stack.workers):
            return found
    raise AssertionError(f"40 affinity values reached only {sorted(found)}")


def send_to(page: Page, stack: Stack, affinity: str) -> None:
    """From now on, the proxy sends this browser's requests to the worker of `affinity`."""
    page.context.add_cookies([{"name": AFFINITY_COOKIE, "value": affinity, "url": stack.url}])


@pytest.mark.e2e
def test_through_the_proxy_no_worker_shows_a_visitor_more_than_sign_in(
    browser, provider, signin_stack
):
    for worker, affinity in affinity_per_worker(signin_stack).items():
        for path, query in URLS[:3]:
            stream = page_stream(
                signin_stack.url, path, query, cookies=f"{AFFINITY_COOKIE}={affinity}"
            )
            assert names_in(stream) == [], (worker, path)
            assert b"Sign in" in stream
        with person(browser, provider) as page:
            send_to(page, signin_stack, affinity)
            page.goto(f"{signin_stack.url}/membership?region=Africa")
            sign_in_page_shown(page)
        assert workers_by_session(signin_stack)[affinity] == {worker}


@pytest.mark.e2e
def test_through_the_proxy_a_sign_in_holds_on_either_worker(browser, provider, signin_stack):
    (first, first_affinity), (second, second_affinity) = affinity_per_worker(signin_stack).items()
    with person(browser, provider) as page:
        send_to(page, signin_stack, first_affinity)
        page.goto(f"{signin_stack.url}/")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{provider}/oauth2/authorize?*")
        page.get_by_role("button", name=USER_SUB, exact=True).click()
        page.wait_for_url(f"{signin_stack.url}/")
        dashboard_shown(page)

        # The identity cookie made by the first worker opens the dashboard on the second.
        send_to(page, signin_stack, second_affinity)
        page.goto(f"{signin_stack.url}/membership?region=Africa")
        drawn(page, CHOROPLETH, 40)
        assert (
            page.locator("[data-testid='stSidebar']")
            .get_by_text(f"Signed in as {USER_NAME}")
            .count()
            == 1
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "signed-in-proxy.png"))
        sessions = workers_by_session(signin_stack)
        assert sessions[first_affinity] == {first} and sessions[second_affinity] == {second}

        page.locator("[data-testid='stSidebar']").get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{provider}/oauth2/end_session?*")
        page.get_by_role("button", name="End session").click()
        sign_in_page_shown(page)
        send_to(page, signin_stack, first_affinity)
        page.goto(f"{signin_stack.url}/data")
        sign_in_page_shown(page)
