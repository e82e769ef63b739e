"""What a closed session held is freed once its time to live has passed and other visitors came
and went: its download file stops being served. Streamlit keeps a closed session for a
reconnect, drops it on the next departure after its time to live, and shuts it down when the
garbage collector (run after each script run) collects it; anything in the app that kept a
reference to a session's objects would keep its files, tables and state for good."""

from __future__ import annotations

import asyncio
import time
import urllib.error

from tests.load.client import Session
from tests.support.proxy import running_app
from tests.waits import WAIT_SECONDS

TTL = 2  # seconds a disconnected session is kept for a reconnect (120 when deployed)


async def fetch(url: str, path: str) -> int:
    """The HTTP status of a GET of path (a fresh visitor, no cookies)."""
    try:
        await Session(url, timeout=WAIT_SECONDS).http_get(path)
    except urllib.error.HTTPError as answer:
        return answer.code
    return 200


async def file_of_a_closed_session_is_freed(url: str) -> None:
    async with Session(url, timeout=WAIT_SECONDS) as owner:
        # Meetings hosted by Malta: a CSV no other session has.
        assert (await owner.open("meetings", "host=Malta")).ok
        path = owner.widgets["meetings_csv"].url
        assert path and await fetch(url, path) == 200
    deadline = time.monotonic() + WAIT_SECONDS
    # Other visitors come and go; each departure lets the store expire the old session.
    while await fetch(url, path) == 200:
        assert time.monotonic() < deadline, "the closed session's file is still served"
        async with Session(url, timeout=WAIT_SECONDS) as visitor:
            assert (await visitor.open("documents")).ok


def test_a_closed_sessions_file_is_freed_after_its_time_to_live(tmp_path):
    with running_app(tmp_path, options=["--server.disconnectedSessionTTL", str(TTL)]) as url:
        asyncio.run(file_of_a_closed_session_is_freed(url))
