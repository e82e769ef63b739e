"""Sessions never share per-run objects: five sessions run the same page at the same moment,
for every page, over Streamlit's own websocket protocol, and no run may end in an exception
element. (Page objects shared at module level failed here with "This page cannot be called
directly": 8 of 32 reruns with two sessions.)"""

from __future__ import annotations

import asyncio

import pytest

from tests.load.client import Run, Session, describe
from tests.waits import WAIT_SECONDS

SESSIONS = 5
RERUNS = 3
# A query that makes each page draw its content rather than "pick one".
QUERY = {"country": "country=Mexico", "mechanism": "mechanism_profile=PIDC"}
# Every page's URL path ("" is the overview, the default page).
PAGES = ["", "membership", "meetings", "engagements", "country", "mechanism", "documents", "data"]


async def same_page_together(url: str, path: str, query: str) -> list[Run]:
    """SESSIONS sessions open `path` at once, then rerun it at once RERUNS times."""
    sessions = [Session(url, timeout=WAIT_SECONDS) for _ in range(SESSIONS)]
    try:
        await asyncio.gather(*(s.connect() for s in sessions))
        runs = list(await asyncio.gather(*(s.open(path, query) for s in sessions)))
        assert sorted(sessions[0].pages) == sorted(PAGES), "a page this test does not run"
        for _ in range(RERUNS):
            runs += await asyncio.gather(*(s.rerun() for s in sessions))
        return runs
    finally:
        await asyncio.gather(*(s.close() for s in sessions))


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_sessions_on_the_same_page_at_once_never_fail(app_url, path):
    runs = asyncio.run(same_page_together(app_url, path, QUERY.get(path, "")))
    assert len(runs) == SESSIONS * (1 + RERUNS)
    assert all(run.ok for run in runs), describe(runs)
    # Every run of one page with the same inputs draws the same page.
    assert len({run.elements for run in runs}) == 1, sorted(run.elements for run in runs)
