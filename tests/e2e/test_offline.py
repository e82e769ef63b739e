"""The server started by the launcher, without a proxy: a refused Origin, the path on which
Streamlit 1.67 looks up its public IP on the internet, makes it try nothing."""

from __future__ import annotations

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.conftest import ARTIFACTS
from tests.support.proxy import outbound_attempts
from tests.waits import WAIT_SECONDS

pytestmark = pytest.mark.e2e
APP_RUN_DIR = ARTIFACTS / "app"  # where the app_url fixture (tests/conftest.py) runs the app


def test_a_refused_origin_makes_the_server_look_nothing_up(app_url):
    stream = app_url.replace("http://", "ws://") + "/_stcore/stream"
    for origin in ("http://evil.example", "http://203.0.113.7:8501"):
        with pytest.raises(InvalidStatus) as refused:
            connect(stream, origin=origin, open_timeout=WAIT_SECONDS)
        assert refused.value.response.status_code == 403
    log = (APP_RUN_DIR / "streamlit.log").read_text(encoding="utf-8")
    assert "Rejecting WebSocket connection with disallowed Origin" in log
    assert outbound_attempts(APP_RUN_DIR) == []
