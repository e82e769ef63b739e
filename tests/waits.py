"""One setting for how long a test waits for the app: TEST_WAIT_SECONDS (default 60).

Every condition wait in the browser tests and every protocol wait in the concurrency test
takes its time-out from here, so a slow or busy machine (make test-stress) is one knob.
"""

from __future__ import annotations

import os

WAIT_SECONDS = float(os.environ.get("TEST_WAIT_SECONDS", "60"))
WAIT_MS = WAIT_SECONDS * 1000
