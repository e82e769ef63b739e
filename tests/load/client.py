"""A websocket client that speaks Streamlit's browser protocol, for concurrency and load tests.

It does what the browser does (recorded from a real Chromium session against this app): load
the page over HTTP (cookies: the XSRF token, a proxy's affinity cookie), open
`ws://host/_stcore/stream` with the subprotocol "streamlit" and the XSRF token, send
`BackMsg.rerun_script` with the page, the query string and the widget values, and read
`ForwardMsg`s until `script_finished`. Large elements the client has seen before are announced
in `cached_message_hashes` and come back as `ref_hash` references, as in the browser. A
download button is clicked as the browser clicks it: a `backend_operation_request` for a
deferred file (or the button's URL) plus a rerun with the button's trigger, then an HTTP GET.

Only loopback: the base URL must name 127.0.0.1, ::1 or localhost, and no proxy from the
environment is used.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
SIDEBAR = 1  # delta_path[0]: 0 is the main area, 1 the sidebar
WIDGET_KINDS = ("multiselect", "selectbox", "radio", "slider", "button", "download_button")
FINISHED = ForwardMsg.ScriptFinishedStatus
MAX_MESSAGE = 64 * 1024 * 1024


class ProtocolError(RuntimeError):
    """The server did something the browser protocol does not allow for (or went away)."""


@dataclass(frozen=True)
class Widget:
    """One widget the last run drew: its id, kind ("multiselect", ...), user key, options
    (as labels, which are also its values on the wire), URL parameter when bound to one,
    where it is, and for a download button its deferred file id or URL."""

    id: str
    kind: str
    key: str
    label: str
    options: tuple[str, ...] = ()
    query_key: str = ""
    sidebar: bool = False
    deferred_file_id: str = ""
    url: str = ""
    ignore_rerun: bool = False


@dataclass
class Run:
    """What one script run sent back.

    status: "finished", "compile error", "timeout" or "disconnected". exceptions: one
    "Type: message" per exception element. map_seconds: seconds from the request to the first
    map (a plotly choropleth), None when the run drew none.
    """

    page: str
    seconds: float = 0.0
    status: str = "running"
    exceptions: list[str] = field(default_factory=list)
    error_alerts: list[str] = field(default_factory=list)
    page_not_found: bool = False
    map_seconds: float | None = None
    elements: int = 0

    @property
    def ok(self) -> bool:
        """True when the run finished and drew no exception and no page-not-found."""
        return self.status == "finished" and not self.exceptions and not self.page_not_found

    def problems(self) -> list[str]:
        """What went wrong, in words ([] when ok)."""
        out = [f"{self.page}: {e}" for e in self.exceptions]
        if self.status != "finished":
            out.append(f"{self.page}: run {self.status} after {self.seconds:.1f} s")
        if self.page_not_found:
            out.append(f"{self.page}: page not found")
        return out


def check_loopback(base_url: str) -> None:
    """Raise ValueError unless base_url is an http URL on this machine's loopback."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK:
        raise ValueError(f"only loopback http URLs are allowed, not {base_url!r}")


def _http_get(url: str, cookies: dict[str, str], timeout: float) -> tuple[bytes, list[str]]:
    """GET url without any proxy from the environment: (body, Set-Cookie headers)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(
        url,
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {},
    )
    with opener.open(request, timeout=timeout) as response:
        return response.read(), response.headers.get_all("Set-Cookie") or []


def _widget(element, path: list[int]) -> Widget | None:
    kind = element.WhichOneof("type")
    if kind not in WIDGET_KINDS:
        return None
    proto = getattr(element, kind)
    key = proto.id.rsplit("-", 1)[-1] if proto.id.startswith("$$ID-") else ""
    return Widget(
        id=proto.id,
        kind=kind,
        key=key,
        label=proto.label,
        options=tuple(getattr(proto, "options", ())),
        query_key=getattr(proto, "query_param_key", ""),
        sidebar=bool(path) and path[0] == SIDEBAR,
        deferred_file_id=getattr(proto, "deferred_file_id", ""),
        url=getattr(proto, "url", ""),
        ignore_rerun=getattr(proto, "ignore_rerun", False),
    )


@dataclass(frozen=True)
class _Seen:
    """What the client keeps of a cacheable element, to read a later ref_hash to it."""

    kind: str
    is_map: bool
    widget: Widget | None


class Session:
    """One browser tab's conversation with the app. Use as `async with Session(url) as s:`.

    timeout bounds every wait (connect, one run, one download) in seconds.
    """

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        check_loopback(base_url)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.widgets: dict[str, Widget] = {}  # user key -> widget, as the last run drew them
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page = ""
        self._values: dict[str, WidgetState] = {}  # widget id -> value set by this client
        self._query: list[tuple[str, str]] = []
        self._seen: dict[str, _Seen] = {}
        self._ws: ClientConnection | None = None
        self._inbox: asyncio.Queue[ForwardMsg | None] = asyncio.Queue()
        self._replies: dict[str, asyncio.Future[ForwardMsg]] = {}
        self._reader: asyncio.Task | None = None
        self.in_step = True  # False once a run timed out or the stream closed: reconnect

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ connection

    def _keep_cookies(self, headers: Iterable[str]) -> None:
        for header in headers:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})

    async def http_get(self, path: str) -> bytes:
        """GET a path of the app with this tab's cookies (and keep the ones it sets)."""
        body, set_cookies = await asyncio.to_thread(
            _http_get, self.base_url + path, dict(self.cookies), self.timeout
        )
        self._keep_cookies(set_cookies)
        return body

    async def connect(self, path: str = "/") -> None:
        """Load the page like a browser (page, health, host config), then open the stream."""
        for step in (path, "/_stcore/health", "/_stcore/host-config"):
            await self.http_get(step)
        parts = urlsplit(self.base_url)
        protocols = ["streamlit"]
        if token := self.cookies.get("_streamlit_xsrf"):
            protocols.append(token)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self._ws = await connect(
            f"ws://{parts.netloc}{parts.path}/_stcore/stream",
            subprotocols=protocols,
            origin=f"{parts.scheme}://{parts.netloc}",
            additional_headers=headers,
            proxy=None,
            max_size=MAX_MESSAGE,
            open_timeout=self.timeout,
        )
        self._keep_cookies(self._ws.response.headers.get_all("Set-Cookie"))
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Close the stream (the server then ends the session after its TTL)."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=self.timeout)

    async def _read(self) -> None:
        try:
            assert self._ws is not None
            async for frame in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(frame if isinstance(frame, bytes) else frame.encode())
                if msg.WhichOneof("type") == "backend_operation_response":
                    reply = self._replies.pop(msg.backend_operation_response.request_id, None)
                    if reply is not None and not reply.done():
                        reply.set_result(msg)
                    continue
                await self._inbox.put(msg)
        except ConnectionClosed:
            pass
        finally:
            await self._inbox.put(None)
            for reply in self._replies.values():
                if not reply.done():
                    reply.set_exception(ProtocolError("the stream closed"))

    # ------------------------------------------------------------ runs

    def _client_state(self, page_hash: str = "", page_name: str = "") -> BackMsg:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = urlencode(self._query)
        state.page_script_hash = page_hash
        state.page_name = page_name
        shown = {w.id for w in self.widgets.values()}
        state.widget_states.widgets.extend(v for wid, v in self._values.items() if wid in shown)
        state.cached_message_hashes.extend(self._seen)
        info = state.context_info
        info.timezone, info.locale, info.color_scheme = "UTC", "en-US", "light"
        info.url = f"{self.base_url}/{self.page}" + (
            f"?{state.query_string}" if state.query_string else ""
        )
        return back

    async def _send(self, back: BackMsg) -> None:
        if self._ws is None:
            raise ProtocolError("not connected")
        await self._ws.send(back.SerializeToString())

    async def _finish_run(self, run: Run, started: float) -> Run:
        """Read messages until the run this client asked for has finished."""
        deadline = started + self.timeout
        drawn: dict[str, Widget] = {}
        while True:
            remaining = deadline - time.monotonic()
            try:
                msg = await asyncio.wait_for(self._inbox.get(), max(remaining, 0))
            except TimeoutError:
                run.status, self.in_step = "timeout", False
                break
            if msg is None:
                run.status, self.in_step = "disconnected", False
                break
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                drawn = {}
                if msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "page_not_found":
                run.page_not_found = True
            elif kind in ("delta", "ref_hash"):
                self._take_element(msg, run, drawn, started)
            elif kind == "script_finished":
                if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.status = (
                    "compile error"
                    if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR
                    else "finished"
                )
                self.widgets = drawn
                break
        run.seconds = time.monotonic() - started
        return run

    def _take_element(
        self, msg: ForwardMsg, run: Run, drawn: dict[str, Widget], started: float
    ) -> None:
        if msg.WhichOneof("type") == "ref_hash":
            seen = self._seen.get(msg.ref_hash)
            if seen is None:
                raise ProtocolError(f"reference to an element never sent: {msg.ref_hash}")
        elif msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            is_map = kind == "plotly_chart" and '"choropleth"' in element.plotly_chart.spec
            seen = _Seen(kind, is_map, _widget(element, list(msg.metadata.delta_path)))
            if kind == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif kind == "alert" and element.alert.format == element.alert.ERROR:
                run.error_alerts.append(element.alert.body)
            if msg.metadata.cacheable:
                self._seen[msg.hash] = seen
        else:
            return
        run.elements += 1
        if seen.is_map and run.map_seconds is None:
            run.map_seconds = time.monotonic() - started
        if seen.widget is not None and seen.widget.key:
            drawn[seen.widget.key] = seen.widget

    async def open(self, path: str = "", query: str = "") -> Run:
        """The first run, as when a browser opens base_url/path?query."""
        self.page = path
        self._query = parse_qsl(query, keep_blank_values=True)
        started = time.monotonic()
        await self._send(self._client_state(page_name=path))
        return await self._finish_run(Run(path), started)

    async def rerun(self) -> Run:
        """Run the current page again with the same widget values."""
        started = time.monotonic()
        await self._send(self._client_state(self.pages.get(self.page, "")))
        return await self._finish_run(Run(self.page), started)

    async def goto(self, path: str) -> Run:
        """Switch page as the sidebar menu does: the sidebar's widget values and their URL
        parameters go along, the page's own do not."""
        shared = {w.query_key for w in self.widgets.values() if w.sidebar and w.query_key}
        sidebar = {w.id for w in self.widgets.values() if w.sidebar}
        self._query = [(k, v) for k, v in self._query if k in shared]
        self._values = {wid: v for wid, v in self._values.items() if wid in sidebar}
        self.widgets = {k: w for k, w in self.widgets.items() if w.sidebar}
        if path not in self.pages:
            raise ProtocolError(f"no page {path!r} in the menu {sorted(self.pages)}")
        self.page = path
        started = time.monotonic()
        await self._send(self._client_state(self.pages[path]))
        return await self._finish_run(Run(path), started)

    def _state_of(self, widget: Widget, value: str | list[str]) -> WidgetState:
        state = WidgetState(id=widget.id)
        if widget.kind == "multiselect" or (widget.kind == "slider" and isinstance(value, list)):
            state.string_array_value.data.extend(value)
        elif widget.kind in ("selectbox", "radio"):
            state.string_value = value if isinstance(value, str) else value[0]
        else:
            raise ValueError(f"cannot set a {widget.kind}")
        return state

    async def set_widget(self, key: str, value: str | list[str]) -> Run:
        """Change one widget the last run drew (by its key) to value, as a user does: labels
        for a multiselect (a list), a selectbox or a radio; then the page reruns."""
        widget = self.widgets[key]
        self._values[widget.id] = self._state_of(widget, value)
        if widget.query_key:
            values = value if isinstance(value, list) else [value]
            self._query = [(k, v) for k, v in self._query if k != widget.query_key] + [
                (widget.query_key, v) for v in values
            ]
        return await self.rerun()

    async def download(self, key: str) -> tuple[bytes, Run | None]:
        """Click a download button the last run drew, as the browser does: ask for a deferred
        file and fetch it as soon as its URL comes back (or fetch the button's URL); a button
        that does not ignore clicks also reruns the page. Returns (the file's bytes, that
        rerun or None). Raises ProtocolError when the server refuses the file."""
        widget = self.widgets[key]
        if widget.kind != "download_button":
            raise ValueError(f"{key} is a {widget.kind}, not a download button")
        reply: asyncio.Future[ForwardMsg] | None = None
        if widget.deferred_file_id:
            request_id = str(uuid.uuid4())
            reply = asyncio.get_running_loop().create_future()
            self._replies[request_id] = reply
            back = BackMsg()
            back.backend_operation_request.request_id = request_id
            back.backend_operation_request.session_id = self.session_id
            back.backend_operation_request.deferred_file.file_id = widget.deferred_file_id
            await self._send(back)
        started = time.monotonic()
        if not widget.ignore_rerun:
            rerun = self._client_state(self.pages.get(self.page, ""))
            rerun.rerun_script.widget_states.widgets.append(
                WidgetState(id=widget.id, trigger_value=True)
            )
            await self._send(rerun)
        url = widget.url
        if reply is not None:
            answer = await asyncio.wait_for(reply, self.timeout)
            response = answer.backend_operation_response
            if response.error_msg:
                raise ProtocolError(f"download {key}: {response.error_msg}")
            url = response.deferred_file.url
        if not url:
            raise ProtocolError(f"download {key}: no URL")
        try:
            body = await self.http_get(url if url.startswith("/") else "/" + url)
        except OSError as failure:
            raise ProtocolError(f"download {key}: {failure}") from failure
        run = None if widget.ignore_rerun else await self._finish_run(Run(self.page), started)
        return body, run


def describe(runs: Iterable[Run]) -> str:
    """The problems of some runs, one a line (for assertion messages)."""
    return "\n".join(p for run in runs for p in run.problems())
